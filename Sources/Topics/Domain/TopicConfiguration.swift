import AWSWire
import AccessPolicy

/// What a topic is configured with: the attributes CreateTopic and SetTopicAttributes set
/// (CreateTopic, `Attributes`), kept as given, each checked when set. What a topic reports besides
/// (`TopicArn`, `Owner`, the subscription counts, `EffectiveDeliveryPolicy`) is not configuration.
public struct TopicConfiguration: Sendable, Equatable {
    /// The attributes set, by name, as given.
    public private(set) var values: [String: String] = [:]
    /// Whether the topic is FIFO; decided when it is created.
    public let isFIFO: Bool

    public init(fifo: Bool) {
        isFIFO = fifo
        if fifo {
            values["FifoTopic"] = "true"
            values["ContentBasedDeduplication"] = "false"
        }
    }

    /// A topic as stored: its attributes, checked when they were set.
    public init(stored values: [String: String]) {
        isFIFO = values["FifoTopic"] == "true"
        self.values = values
    }

    public subscript(name: String) -> String? { values[name] }

    /// The topic policy, as given (a resource-based policy document).
    public var policy: String? { values["Policy"] }
    /// SSE: the KMS key, as given (key id, key ARN, alias name or alias ARN).
    public var kmsMasterKeyID: String? { values["KmsMasterKeyId"].flatMap { $0.isEmpty ? nil : $0 } }
    /// "ContentBasedDeduplication – Enables content-based deduplication for FIFO topics."
    public var contentBasedDeduplication: Bool { values["ContentBasedDeduplication"] == "true" }

    /// "The delivery status logging attributes": `<protocol>SuccessFeedbackRoleArn`,
    /// `<protocol>SuccessFeedbackSampleRate` and `<protocol>FailureFeedbackRoleArn` for each
    /// protocol that logs (CreateTopic, `Attributes`).
    static let deliveryStatusNames: Set<String> = Set(["Application", "HTTP", "Firehose", "Lambda", "SQS"].flatMap {
        ["\($0)SuccessFeedbackRoleArn", "\($0)SuccessFeedbackSampleRate", "\($0)FailureFeedbackRoleArn"]
    })

    /// The attributes CreateTopic and SetTopicAttributes may set.
    public static let settableNames: Set<String> = deliveryStatusNames.union([
        "DeliveryPolicy", "DisplayName", "Policy", "SignatureVersion", "TracingConfig", "KmsMasterKeyId",
        "FifoTopic", "ContentBasedDeduplication", "FifoThroughputScope", "ArchivePolicy",
    ])

    /// Applies `attributes`, each checked; on the first invalid one (in name order, so the error
    /// does not depend on the request's order) nothing is applied.
    ///
    /// CreateTopic words a failure "Invalid parameter: Attributes Reason: <why>", SetTopicAttributes
    /// "Invalid parameter: <why>" (the two forms recorded from AWS for subscription attributes).
    public mutating func apply(_ attributes: [String: String], creating: Bool) throws(SNSError) {
        var updated = self
        for name in attributes.keys.sorted() {
            do throws(AttributeProblem) {
                try updated.apply(name, attributes[name]!, creating: creating)
            } catch {
                throw creating ? SNSError.invalidParameter("Attributes", reason: error.reason) : SNSError.invalidParameter(error.reason)
            }
        }
        self = updated
    }

    /// Why an attribute was refused, worded as SNS words it.
    struct AttributeProblem: Error {
        var reason: String
    }

    private mutating func apply(_ name: String, _ value: String, creating: Bool) throws(AttributeProblem) {
        guard Self.settableNames.contains(name) else {
            throw AttributeProblem(reason: creating ? "Invalid attribute name: \(name)" : "AttributeName")
        }
        var stored = value
        switch name {
        case "FifoTopic":
            // Decided by CreateTopic with the name; a topic never changes kind.
            guard creating, try Self.boolean(name, value) == isFIFO else { throw AttributeProblem(reason: "AttributeName") }
            // A standard topic does not report the attribute.
            guard isFIFO else { return }
            stored = "true"
        case "ContentBasedDeduplication":
            stored = String(try Self.boolean(name, value))
            guard isFIFO else {
                throw AttributeProblem(reason: "ContentBasedDeduplication: Content-based deduplication can only be set for FIFO topics")
            }
        case "FifoThroughputScope":
            guard isFIFO else { throw AttributeProblem(reason: "FifoThroughputScope: can only be set for FIFO topics") }
            guard ["Topic", "MessageGroup"].contains(value) else {
                throw AttributeProblem(reason: "FifoThroughputScope: Invalid value [\(value)]. Must be Topic or MessageGroup.")
            }
        case "ArchivePolicy":
            guard isFIFO else { throw AttributeProblem(reason: "ArchivePolicy: can only be set for FIFO topics") }
            try Self.checkArchivePolicy(value)
        case "SignatureVersion":
            // "SignatureVersion – The signature version corresponds to the hashing algorithm
            // used while creating the signature of the notifications… By default,
            // SignatureVersion is set to 1."
            guard ["1", "2"].contains(value) else {
                throw AttributeProblem(reason: "SignatureVersion: Invalid value [\(value)]. Must be 1 or 2.")
            }
        case "TracingConfig":
            guard ["PassThrough", "Active"].contains(value) else {
                throw AttributeProblem(reason: "TracingConfig: Invalid value [\(value)]. Must be PassThrough or Active.")
            }
        case "Policy":
            do {
                _ = try PolicyDocument(json: value, kind: .resourceBased)
            } catch {
                throw AttributeProblem(reason: "Policy Error: \(error.message)")
            }
        case "DeliveryPolicy":
            guard case .object(let fields)? = try? JSONParser.parse(Array(value.utf8)) else {
                throw AttributeProblem(reason: "DeliveryPolicy: failed to parse JSON.")
            }
            if case .object(let http)? = fields["http"], let retry = http["defaultHealthyRetryPolicy"],
               let problem = DeliveryRetryPolicy.problem(inHealthyRetryPolicy: retry) {
                throw AttributeProblem(reason: "DeliveryPolicy: \(problem)")
            }
        case _ where name.hasSuffix("SampleRate"):
            guard let rate = Int(value), (0...100).contains(rate) else {
                throw AttributeProblem(reason: "\(name): Invalid value [\(value)]. Must be an integer from 0 to 100.")
            }
        default:
            break
        }
        values[name] = stored
    }

    static func boolean(_ name: String, _ value: String) throws(AttributeProblem) -> Bool {
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default: throw AttributeProblem(reason: "\(name): Invalid value [\(value)]. Must be true or false.")
        }
    }

    /// "ArchivePolicy – The policy that sets the retention period for messages stored in the
    /// message archive of an Amazon SNS FIFO topic": `{"MessageRetentionPeriod": "<days>"}`,
    /// 1 to 365 days.
    static func checkArchivePolicy(_ value: String) throws(AttributeProblem) {
        guard case .object(let fields)? = try? JSONParser.parse(Array(value.utf8)) else {
            throw AttributeProblem(reason: "ArchivePolicy: failed to parse JSON.")
        }
        let days: Double? = switch fields["MessageRetentionPeriod"] {
        case .string(let text)?: Double(text)
        case .number(let number)?: number
        default: nil
        }
        guard fields.count == 1, let days, days.rounded() == days, (1...365).contains(days) else {
            throw AttributeProblem(reason: "ArchivePolicy: MessageRetentionPeriod must be an integer from 1 to 365.")
        }
    }

    /// Whether CreateTopic's `attributes` name only values this configuration has: "Topic already
    /// exists with different attributes" otherwise (recorded from AWS). Attributes left out are
    /// not compared.
    func matches(_ attributes: [String: String]) -> Bool {
        attributes.allSatisfy { name, value in
            if name == "FifoTopic" || name == "ContentBasedDeduplication" {
                // A standard topic has them false without storing them.
                return (values[name] ?? "false") == value.lowercased()
            }
            return values[name] == value
        }
    }
}
