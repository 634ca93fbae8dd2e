import ArcaTestSupport
import Foundation
import Testing
@testable import Topics

/// SMS attributes, opting out and the sandbox through the topic service.
@Suite struct SMSSettingsTests {
    let harness = TopicTestHarness()
    let root = KMSTestHarness.context()

    @Test func attributesAreCheckedAndKeptPerRegionAcrossARestart() async throws {
        let sns = try await harness.service()
        #expect(try sns.smsAttributes(named: nil, context: root) == ["MonthlySpendLimit": "1"])
        try await sns.setSMSAttributes(["DefaultSMSType": "Transactional", "DefaultSenderID": "Arca1", "MonthlySpendLimit": "20"],
                                       context: root)
        let refused: [([String: String], String)] = [
            (["InvalidAttribute": "x"], "InvalidAttribute is not a valid attribute"),
            (["DefaultSenderID": "TOOLONGSENDERID"], "DefaultSendID is not a valid attribute"),
            (["DefaultSenderID": "12345"], "DefaultSendID is not a valid attribute"),
            (["DefaultSMSType": "Invalid"], "DefaultSMSType is invalid"),
            (["DeliveryStatusSuccessSamplingRate": "101"], "DeliveryStatusSuccessSamplingRate is invalid"),
        ]
        for (attributes, message) in refused {
            await #expect(throws: SNSError(.invalidParameter, message)) { try await sns.setSMSAttributes(attributes, context: root) }
        }
        let restarted = try await harness.service()
        #expect(try restarted.smsAttributes(named: ["DefaultSMSType", "MonthlySpendLimit"], context: root)
            == ["DefaultSMSType": "Transactional", "MonthlySpendLimit": "20"])
        #expect(try restarted.smsAttributes(named: nil, context: KMSTestHarness.context(region: "eu-west-1")) == ["MonthlySpendLimit": "1"])
    }

    @Test func sandboxNumbersAreVerifiedWithThePasswordSentToThem() async throws {
        let sns = try await harness.service()
        try await sns.addSandboxNumber("+15551234567", context: root)
        #expect(try sns.sandboxNumbers(context: root).map { "\($0.number) \($0.status)" } == ["+15551234567 Pending"])
        let sms = try #require(try await harness.inbox.messages(endpoint: "+15551234567").first)
        let password = String(sms.body.split(separator: " ").last!.dropLast())
        #expect(password.count == 6)
        await #expect(throws: SNSError.self) {
            try await sns.verifySandboxNumber("+15551234567", password: password == "000000" ? "111111" : "000000", context: root)
        }
        try await sns.verifySandboxNumber("+15551234567", password: password, context: root)
        #expect(try sns.sandboxNumbers(context: root).map(\.status) == ["Verified"])
        try await sns.deleteSandboxNumber("+15551234567", context: root)
        await #expect(throws: SNSError.self) { try await sns.deleteSandboxNumber("+15551234567", context: root) }
        #expect(try sns.isOptedOut("+15551234567", context: root) == false)
        #expect(throws: SNSError(.invalidParameter, "Invalid parameter: PhoneNumber Reason: input incorrectly formatted")) {
            try sns.optIn("12-34", context: root)
        }
    }
}
