import AWSWire
import Foundation
import ServiceCalls

extension TopicService {
    // MARK: SMS settings

    func smsScope(_ context: CallContext) -> SMSScope { SMSScope(account: context.account, region: context.region) }

    /// GetSMSAttributes: the attributes named, or all; a region nobody set reports its
    /// `MonthlySpendLimit` (recorded from AWS).
    public func smsAttributes(named names: [String]?, context: CallContext) throws(SNSError) -> [String: String] {
        try authorize("SNS:GetSMSAttributes", resource: "*", policy: nil, context: context)
        let all = registry.read { $0.smsSettings[smsScope(context)] ?? SMSSettings() }.reportedAttributes
        guard let names, !names.isEmpty else { return all }
        return all.filter { names.contains($0.key) }
    }

    public func setSMSAttributes(_ attributes: [String: String], context: CallContext) async throws {
        try authorize("SNS:SetSMSAttributes", resource: "*", policy: nil, context: context)
        let scope = smsScope(context)
        try await registry.write { state throws(SNSError) in
            var settings = state.smsSettings[scope] ?? SMSSettings()
            try settings.apply(attributes)
            return ((), [.putSMSSettings(scope, settings)])
        }
    }

    // MARK: Opting out

    /// CheckIfPhoneNumberIsOptedOut: "Accepts a phone number and indicates whether the phone
    /// holder has opted out of receiving SMS messages from your Amazon Web Services account." A
    /// holder opts out by replying STOP, which no phone does to Arca: no number is opted out.
    public func isOptedOut(_ number: String, context: CallContext) throws(SNSError) -> Bool {
        try authorize("SNS:CheckIfPhoneNumberIsOptedOut", resource: "*", policy: nil, context: context)
        guard Self.isPhoneNumber(number) else { throw SNSError.invalidParameter("PhoneNumber", reason: "input incorrectly formatted") }
        return false
    }

    /// ListPhoneNumbersOptedOut: none (see ``isOptedOut(_:context:)``).
    public func optedOutNumbers(context: CallContext) throws(SNSError) -> [String] {
        try authorize("SNS:ListPhoneNumbersOptedOut", resource: "*", policy: nil, context: context)
        return []
    }

    /// OptInPhoneNumber: a number that is not opted out stays so (recorded from AWS: 200 for a
    /// number never opted out; "input incorrectly formatted" for a malformed one).
    public func optIn(_ number: String, context: CallContext) throws(SNSError) {
        try authorize("SNS:OptInPhoneNumber", resource: "*", policy: nil, context: context)
        guard Self.isPhoneNumber(number) else { throw SNSError.invalidParameter("PhoneNumber", reason: "input incorrectly formatted") }
    }

    // MARK: The SMS sandbox

    /// CreateSMSSandboxPhoneNumber: "Adds a destination phone number to an Amazon Web Services
    /// account in the SMS sandbox and sends a one-time password (OTP) to that phone number" — to
    /// the local inbox here.
    public func addSandboxNumber(_ number: String, context: CallContext) async throws {
        try authorize("SNS:CreateSMSSandboxPhoneNumber", resource: "*", policy: nil, context: context)
        guard Self.isPhoneNumber(number) else { throw SNSError.invalidParameter("PhoneNumber", reason: "input incorrectly formatted") }
        let password = randomBytes(6).map { String($0 % 10) }.joined()
        let scope = smsScope(context)
        try await registry.write { state throws(SNSError) in
            var settings = state.smsSettings[scope] ?? SMSSettings()
            settings.sandboxNumbers[number] = SMSSettings.SandboxNumber(status: "Pending", oneTimePassword: password)
            return ((), [.putSMSSettings(scope, settings)])
        }
        try await delivery.inbox?.deliver([InboxMessage(
            deliveryProtocol: "sms", endpoint: number, topicARN: nil, subscriptionARN: nil, messageType: "Notification",
            messageID: uuid(), subject: nil,
            body: "Your Amazon SNS verification code is \(password).", timestamp: now())])
    }

    /// VerifySMSSandboxPhoneNumber: the number is verified with the password sent to it.
    public func verifySandboxNumber(_ number: String, password: String, context: CallContext) async throws {
        try authorize("SNS:VerifySMSSandboxPhoneNumber", resource: "*", policy: nil, context: context)
        let scope = smsScope(context)
        try await registry.write { state throws(SNSError) in
            var settings = state.smsSettings[scope] ?? SMSSettings()
            guard let entry = settings.sandboxNumbers[number] else {
                throw SNSError(.resourceNotFound, "Can't find the phone number \(number) in the SMS sandbox.")
            }
            guard let expected = entry.oneTimePassword, ConstantTime.equal(Array(expected.utf8), Array(password.utf8)) else {
                throw SNSError(.verificationException, "Invalid one-time password.")
            }
            settings.sandboxNumbers[number] = SMSSettings.SandboxNumber(status: "Verified", oneTimePassword: nil)
            return ((), [.putSMSSettings(scope, settings)])
        }
    }

    public func deleteSandboxNumber(_ number: String, context: CallContext) async throws {
        try authorize("SNS:DeleteSMSSandboxPhoneNumber", resource: "*", policy: nil, context: context)
        let scope = smsScope(context)
        try await registry.write { state throws(SNSError) in
            var settings = state.smsSettings[scope] ?? SMSSettings()
            guard settings.sandboxNumbers.removeValue(forKey: number) != nil else {
                throw SNSError(.resourceNotFound, "Can't find the phone number \(number) in the SMS sandbox.")
            }
            return ((), [.putSMSSettings(scope, settings)])
        }
    }

    /// ListSMSSandboxPhoneNumbers, by number.
    public func sandboxNumbers(context: CallContext) throws(SNSError) -> [(number: String, status: String)] {
        try authorize("SNS:ListSMSSandboxPhoneNumbers", resource: "*", policy: nil, context: context)
        let numbers = registry.read { $0.smsSettings[smsScope(context)]?.sandboxNumbers ?? [:] }
        return numbers.keys.sorted().map { ($0, numbers[$0]!.status) }
    }

    /// GetSMSSandboxAccountStatus: Arca's accounts are out of the sandbox, so SMS goes to any
    /// number (to the local inbox).
    public func isInSMSSandbox(context: CallContext) throws(SNSError) -> Bool {
        try authorize("SNS:GetSMSSandboxAccountStatus", resource: "*", policy: nil, context: context)
        return false
    }
}
