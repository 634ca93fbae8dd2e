import Testing
@testable import KeyManagement

/// The key state table of kms-developer-guide.md ("How Key State Affects Use of a CMK").
@Suite struct KeyStateTests {
    let arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    enum Outcome: Equatable { case succeeds, fails(KMSErrorCode, String) }

    func outcome(_ state: KeyState, _ requirement: KeyStateRequirement) -> Outcome {
        do {
            try state.require(requirement, keyARN: arn)
            return .succeeds
        } catch {
            return .fails(error.code, error.message)
        }
    }

    @Test func enabledKeysAllowEverythingButCancellingADeletion() {
        for requirement in KeyStateRequirement.allCases where requirement != .pendingDeletion {
            #expect(outcome(.enabled, requirement) == .succeeds)
        }
    }

    @Test func onlyKeysWithMaterialAndNotPendingDeletionAreSwitchedOnAndOff() {
        #expect(outcome(.disabled, .enablement) == .succeeds)
        #expect(outcome(.pendingImport, .enablement) == .fails(.kmsInvalidState, "\(arn) is pending import."))
        #expect(outcome(.pendingDeletion, .enablement) == .fails(.kmsInvalidState, "\(arn) is pending deletion."))
    }

    @Test func onlyKeysPendingDeletionCanHaveTheirDeletionCancelled() {
        #expect(outcome(.pendingDeletion, .pendingDeletion) == .succeeds)
        for state in [KeyState.enabled, .disabled, .pendingImport] {
            #expect(outcome(state, .pendingDeletion) == .fails(.kmsInvalidState, "\(arn) is not pending deletion."))
        }
    }

    @Test func disabledKeysRefuseCryptographyWithDisabledException() {
        #expect(outcome(.disabled, .cryptographic) == .fails(.disabled, "\(arn) is disabled."))
        #expect(outcome(.disabled, .management) == .succeeds)
        #expect(outcome(.disabled, .any) == .succeeds)
    }

    @Test func keysPendingDeletionAllowOnlyReads() {
        #expect(outcome(.pendingDeletion, .cryptographic) == .fails(.kmsInvalidState, "\(arn) is pending deletion."))
        #expect(outcome(.pendingDeletion, .management) == .fails(.kmsInvalidState, "\(arn) is pending deletion."))
        #expect(outcome(.pendingDeletion, .any) == .succeeds)
    }

    @Test func keysPendingImportRefuseCryptography() {
        #expect(outcome(.pendingImport, .cryptographic) == .fails(.kmsInvalidState, "\(arn) is pending import."))
        #expect(outcome(.pendingImport, .management) == .succeeds)
    }

    @Test func everyStateAllowsReads() {
        for state in KeyState.allCases {
            #expect(outcome(state, .any) == .succeeds)
        }
    }
}
