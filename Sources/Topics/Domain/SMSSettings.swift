import Foundation
import Identity

/// Where SMS settings live: an account in a region.
public struct SMSScope: Hashable, Sendable {
    public var account: AccountID
    public var region: String

    public init(account: AccountID, region: String) {
        self.account = account
        self.region = region
    }
}

/// An account's SMS settings in a region: its SMS attributes and its sandbox phone numbers.
public struct SMSSettings: Sendable, Equatable, Codable {
    /// The attributes SetSMSAttributes set, as given.
    public var attributes: [String: String] = [:]
    /// Sandbox destination numbers and their verification.
    public var sandboxNumbers: [String: SandboxNumber] = [:]

    public struct SandboxNumber: Sendable, Equatable, Codable {
        /// `Pending` until verified, then `Verified`.
        public var status: String
        /// The one-time password sent to the number; nil once verified.
        public var oneTimePassword: String?
    }

    public init() {}

    /// "MonthlySpendLimit … By default, the spend limit is set to the maximum allowed by Amazon
    /// SNS" — reported as `1` for a region nobody set (recorded from AWS).
    public var reportedAttributes: [String: String] {
        var reported = attributes
        reported["MonthlySpendLimit"] = reported["MonthlySpendLimit"] ?? "1"
        return reported
    }

    /// SetSMSAttributes' attributes (SetSMSAttributes, `attributes`).
    static let settableNames: Set<String> = [
        "MonthlySpendLimit", "DeliveryStatusIAMRole", "DeliveryStatusSuccessSamplingRate", "DefaultSenderID", "DefaultSMSType",
        "UsageReportS3Bucket",
    ]

    /// Applies SetSMSAttributes' attributes, each checked; the messages are recorded from AWS.
    mutating func apply(_ given: [String: String]) throws(SNSError) {
        var updated = attributes
        for name in given.keys.sorted() {
            let value = given[name]!
            guard Self.settableNames.contains(name) else { throw SNSError(.invalidParameter, "\(name) is not a valid attribute") }
            switch name {
            case "DefaultSMSType":
                guard ["Promotional", "Transactional"].contains(value) else { throw SNSError(.invalidParameter, "DefaultSMSType is invalid") }
            case "DefaultSenderID":
                // "The sender ID can be 1-11 alphanumeric characters, and it must contain at least
                // one letter." AWS words the refusal with "DefaultSendID" (recorded).
                let valid = (1...11).contains(value.count) && value.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic
                    || ("0"..."9").contains($0) } && value.unicodeScalars.contains { $0.properties.isAlphabetic }
                guard valid else { throw SNSError(.invalidParameter, "DefaultSendID is not a valid attribute") }
            case "MonthlySpendLimit", "DeliveryStatusSuccessSamplingRate":
                guard let number = Int(value), number >= 0, name != "DeliveryStatusSuccessSamplingRate" || number <= 100 else {
                    throw SNSError(.invalidParameter, "\(name) is invalid")
                }
            default:
                break
            }
            updated[name] = value
        }
        attributes = updated
    }
}
