import Identity
import ServiceCalls

/// A topic's name, checked as CreateTopic checks it.
///
/// "Constraints: Topic names must be made up of only uppercase and lowercase ASCII letters,
/// numbers, underscores, and hyphens, and must be between 1 and 256 characters long. For a FIFO
/// (first-in-first-out) topic, the name must end with the .fifo suffix." (CreateTopic, Name.) The
/// suffix counts toward the 256 characters; a standard topic's name cannot end with it.
public struct TopicName: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public static let fifoSuffix = ".fifo"
    static let maximumLength = 256

    /// A name as an ARN carries it, not checked.
    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    /// A name CreateTopic accepts for a topic of this kind; otherwise "Invalid parameter: Topic
    /// Name" (recorded from AWS for every rule).
    public init(creating rawValue: String, fifo: Bool) throws(SNSError) {
        let stem = fifo && rawValue.hasSuffix(Self.fifoSuffix) ? rawValue.dropLast(Self.fifoSuffix.count) : Substring(rawValue)
        let valid = !stem.isEmpty && rawValue.utf8.count <= Self.maximumLength && stem.utf8.allSatisfy(Self.isNameByte)
            && (!fifo || rawValue.hasSuffix(Self.fifoSuffix))
        guard valid else { throw SNSError.invalidParameter("Topic Name") }
        self.rawValue = rawValue
    }

    public var isFIFO: Bool { rawValue.hasSuffix(Self.fifoSuffix) }

    public var description: String { rawValue }

    static func isNameByte(_ byte: UInt8) -> Bool { ResourceNameCharacters.isAllowed(byte) }
}

/// Where a topic lives: its account, region and name, which make it unique and make its ARN
/// (`arn:aws:sns:us-east-1:111122223333:orders`), the name every SNS call uses for it.
public struct TopicAddress: Hashable, Sendable {
    public var account: AccountID
    public var region: String
    public var name: TopicName

    public init(account: AccountID, region: String, name: TopicName) {
        self.account = account
        self.region = region
        self.name = name
    }

    public var arn: String { "arn:aws:sns:\(region):\(account.rawValue):\(name.rawValue)" }

    /// The topic a `TopicArn` parameter names, in the region of the call, as SNS reads it:
    ///
    /// - fewer than six `:`-separated elements: "Invalid parameter: TopicArn Reason: An ARN must
    ///   have at least 6 elements, not 2" (recorded from AWS);
    /// - not an SNS ARN of the call's region (a topic of another region is unknown there):
    ///   "Invalid parameter: TopicArn" (recorded from AWS for a topic of another region).
    public init(arn: String, region: String, parameter: String = "TopicArn") throws(SNSError) {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6 else {
            throw SNSError.invalidParameter(parameter, reason: "An ARN must have at least 6 elements, not \(parts.count)")
        }
        guard parts.count == 6, parts[0] == "arn", parts[1] == "aws", parts[2] == "sns", parts[3] == region,
              let account = AccountID(String(parts[4])), !parts[5].isEmpty else {
            throw SNSError.invalidParameter(parameter)
        }
        self.init(account: account, region: region, name: TopicName(unchecked: String(parts[5])))
    }
}
