import ArcaTestSupport
import Foundation
import Testing
@testable import KeyManagement

@Suite struct KeyPolicyRulesTests {
    struct OnlyAccount: KnownPrincipals {
        func accountExists(_ accountID: String) -> Bool { accountID == "111122223333" }
        func principalExists(_ arn: String) -> Bool { arn == "arn:aws:iam::111122223333:user/alice" }
    }

    func policy(principal: String, action: String = "kms:*") -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(principal)"},"Action":"\#(action)","Resource":"*"}]}"#
    }

    @Test func policyThatWouldLockTheCallerOutIsRefusedUnlessBypassed() async throws {
        let harness = try await KMSTestHarness()
        let onlyAlice = policy(principal: "arn:aws:iam::111122223333:user/alice")
        await expectKMSError(.malformedPolicyDocument, message: "The new key policy will not allow you to update the key policy in the future.") {
            try await harness.call(CreateKey.self, CreateKeyRequest(policy: onlyAlice))
        }
        let keyID = try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!.keyId
        await expectKMSError(.malformedPolicyDocument) {
            try await harness.call(PutKeyPolicy.self, PutKeyPolicyRequest(keyId: keyID, policy: onlyAlice))
        }
        _ = try await harness.call(PutKeyPolicy.self, PutKeyPolicyRequest(keyId: keyID, policy: onlyAlice, bypassPolicyLockoutSafetyCheck: true))
        // Locked out, as the caller asked for: not even the policy can be read back.
        await expectKMSError(.accessDenied) {
            try await harness.call(GetKeyPolicy.self, GetKeyPolicyRequest(keyId: keyID))
        }
        await expectKMSError(.accessDenied) {
            try await harness.call(PutKeyPolicy.self, PutKeyPolicyRequest(keyId: keyID, policy: policy(principal: "111122223333")))
        }
    }

    @Test func policyThatKeepsPutKeyPolicyIsAccepted() async throws {
        let harness = try await KMSTestHarness()
        let key = try await harness.call(CreateKey.self, CreateKeyRequest(policy: policy(principal: "111122223333", action: "kms:PutKeyPolicy")))
        #expect(key.keyMetadata?.keyState == .enabled)
    }

    @Test func principalsThatDoNotExistAreInvalid() async throws {
        let harness = try await KMSTestHarness(principals: OnlyAccount())
        for principal in ["999999999999", "arn:aws:iam::111122223333:user/mallory", "arn:aws:iam::111122223333:role/ghost"] {
            let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},{"Effect":"Allow","Principal":{"AWS":"\#(principal)"},"Action":"kms:Encrypt","Resource":"*"}]}"#
            await expectKMSError(.malformedPolicyDocument, message: "Policy contains a statement with one or more invalid principals.") {
                try await harness.call(CreateKey.self, CreateKeyRequest(policy: document))
            }
        }
        let known = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::111122223333:user/alice"],"Service":"sqs.amazonaws.com"},"Action":"kms:*","Resource":"*"}]}"#
        _ = try await harness.call(CreateKey.self, CreateKeyRequest(policy: known))
    }
}
