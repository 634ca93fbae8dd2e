import AWSWire
import AccessPolicy

/// What a queue is configured with: the attributes CreateQueue and SetQueueAttributes set, with
/// the defaults and ranges of the CreateQueue documentation (the `Attributes` member of the
/// service model). What a queue reports besides (`QueueArn`, the timestamps, the `Approximate…`
/// counters) is not configuration.
public struct QueueConfiguration: Sendable, Equatable {
    /// "DelaySeconds – … An integer from 0 to 900 seconds (15 minutes). Default: 0."
    public var delaySeconds = 0
    /// "MaximumMessageSize – … An integer from 1,024 bytes (1 KiB) up to 1,048,576 bytes (1 MiB).
    /// Default: 1,048,576 bytes (1 MiB)."
    public var maximumMessageSize = 1_048_576
    /// "MessageRetentionPeriod – … An integer from 60 seconds (1 minute) to 1,209,600 seconds
    /// (14 days). Default: 345,600 (4 days)."
    public var messageRetentionPeriod = 345_600
    /// "ReceiveMessageWaitTimeSeconds – … An integer from 0 to 20 (seconds). Default: 0."
    public var receiveMessageWaitTimeSeconds = 0
    /// "VisibilityTimeout – … An integer from 0 to 43,200 (12 hours). Default: 30."
    public var visibilityTimeout = 30
    /// The queue policy, as given (a resource-based policy document).
    public var policy: String?
    /// The dead-letter queue and the receive count that moves a message there.
    public var redrivePolicy: RedrivePolicy?
    /// Which source queues may name this queue as their dead-letter queue.
    public var redriveAllowPolicy: RedriveAllowPolicy?
    /// SSE-KMS: the KMS key, as given (key id, key ARN, alias name or alias ARN).
    public var kmsMasterKeyID: String?
    /// "KmsDataKeyReusePeriodSeconds – … An integer representing seconds, between 60 seconds
    /// (1 minute) and 86,400 seconds (24 hours). Default: 300 (5 minutes)."
    public var kmsDataKeyReusePeriodSeconds = 300
    /// SSE-SQS, on by default for new queues; exclusive with SSE-KMS.
    public var sqsManagedSSEEnabled = true
    /// The settings of a FIFO queue; nil for a standard queue.
    public var fifo: FIFOSettings?

    public init(fifo: Bool) {
        self.fifo = fifo ? FIFOSettings() : nil
    }

    public var isFIFO: Bool { fifo != nil }

    /// The attributes CreateQueue and SetQueueAttributes may set.
    public static let settableNames: Set<String> = [
        "DelaySeconds", "MaximumMessageSize", "MessageRetentionPeriod", "ReceiveMessageWaitTimeSeconds", "VisibilityTimeout",
        "Policy", "RedrivePolicy", "RedriveAllowPolicy", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds",
        "SqsManagedSseEnabled", "FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit",
    ]

    /// Applies `attributes`, each checked against its range; on the first invalid one (in name
    /// order, so the error does not depend on the request's order) nothing is applied.
    ///
    /// `FifoQueue` says what kind of queue is created and is checked by the caller; setting it
    /// on an existing queue is refused.
    public mutating func apply(_ attributes: [String: String], creating: Bool) throws(SQSError) {
        var updated = self
        for name in attributes.keys.sorted() {
            try updated.apply(name, attributes[name]!, creating: creating, all: attributes)
        }
        // "The perMessageGroupId value is allowed only when the value for DeduplicationScope is
        // messageGroup." (CreateQueue, FifoThroughputLimit)
        if let fifo = updated.fifo, fifo.throughputLimit == .perMessageGroupId, fifo.deduplicationScope != .messageGroup {
            throw SQSError.invalidAttributeValue("FifoThroughputLimit")
        }
        self = updated
    }

    private mutating func apply(_ name: String, _ value: String, creating: Bool, all: [String: String]) throws(SQSError) {
        switch name {
        case "DelaySeconds": delaySeconds = try Self.integer(name, value, in: 0...900)
        case "MaximumMessageSize": maximumMessageSize = try Self.integer(name, value, in: 1_024...1_048_576)
        case "MessageRetentionPeriod": messageRetentionPeriod = try Self.integer(name, value, in: 60...1_209_600)
        case "ReceiveMessageWaitTimeSeconds": receiveMessageWaitTimeSeconds = try Self.integer(name, value, in: 0...20)
        case "VisibilityTimeout": visibilityTimeout = try Self.integer(name, value, in: 0...43_200)
        case "KmsDataKeyReusePeriodSeconds": kmsDataKeyReusePeriodSeconds = try Self.integer(name, value, in: 60...86_400)
        case "Policy":
            // An empty policy removes the queue's policy.
            guard !value.isEmpty else { policy = nil; return }
            guard (try? PolicyDocument(json: value, kind: .resourceBased)) != nil else {
                throw SQSError.invalidAttributeValue(name)
            }
            policy = value
        case "RedrivePolicy":
            redrivePolicy = value.isEmpty ? nil : try RedrivePolicy(json: value)
        case "RedriveAllowPolicy":
            redriveAllowPolicy = value.isEmpty ? nil : try RedriveAllowPolicy(json: value)
        case "KmsMasterKeyId":
            // An empty key id turns SSE-KMS off.
            guard !value.isEmpty else { kmsMasterKeyID = nil; return }
            // "Only one server-side encryption option is supported per queue (for example,
            // SSE-KMS or SSE-SQS)" (CreateQueue, SqsManagedSseEnabled).
            if let sqsManaged = all["SqsManagedSseEnabled"], sqsManaged.lowercased() == "true" {
                // Recorded from AWS.
                throw SQSError(.invalidAttributeName, "You can use one type of server-side encryption (SSE) at one time. "
                               + "You can either enable KMS SSE or SQS SSE.")
            }
            kmsMasterKeyID = value
            sqsManagedSSEEnabled = false
        case "SqsManagedSseEnabled":
            sqsManagedSSEEnabled = try Self.boolean(name, value)
            if sqsManagedSSEEnabled, all["KmsMasterKeyId"].map({ !$0.isEmpty }) != true { kmsMasterKeyID = nil }
        case "FifoQueue":
            guard isFIFO else { throw SQSError.unknownAttribute(name) }
            guard creating else {
                throw SQSError.invalidAttributeValue(name, reason: "Modifying queue type is not supported.")
            }
        case "ContentBasedDeduplication":
            guard isFIFO else { throw SQSError.unknownAttribute(name) }
            fifo!.contentBasedDeduplication = try Self.boolean(name, value)
        case "DeduplicationScope":
            guard isFIFO else { throw Self.fifoOnly(name) }
            guard let scope = FIFOSettings.DeduplicationScope(rawValue: value) else { throw SQSError.invalidAttributeValue(name) }
            fifo!.deduplicationScope = scope
        case "FifoThroughputLimit":
            guard isFIFO else { throw Self.fifoOnly(name) }
            guard let limit = FIFOSettings.ThroughputLimit(rawValue: value) else { throw SQSError.invalidAttributeValue(name) }
            fifo!.throughputLimit = limit
        default:
            throw SQSError.unknownAttribute(name)
        }
    }

    /// "You can specify the DeduplicationScope only when FifoQueue is set to true." (recorded from AWS)
    private static func fifoOnly(_ name: String) -> SQSError {
        SQSError(.invalidAttributeName, "You can specify the \(name) only when FifoQueue is set to true.")
    }

    private static func integer(_ name: String, _ value: String, in range: ClosedRange<Int>) throws(SQSError) -> Int {
        guard let number = Int(value), range.contains(number) else { throw SQSError.invalidAttributeValue(name) }
        return number
    }

    private static func boolean(_ name: String, _ value: String) throws(SQSError) -> Bool {
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default: throw SQSError.invalidAttributeValue(name)
        }
    }

    /// Every setting, as attributes ``apply(_:creating:)`` restores it from: how storage keeps a
    /// queue's configuration, in the form the API gives it.
    public var storedAttributes: [String: String] {
        var attributes = reported
        attributes["KmsDataKeyReusePeriodSeconds"] = String(kmsDataKeyReusePeriodSeconds)
        return attributes
    }

    /// The configuration ``storedAttributes`` describe.
    public init(storedAttributes attributes: [String: String]) throws(SQSError) {
        self.init(fifo: attributes["FifoQueue"] == "true")
        try apply(attributes, creating: true)
    }

    /// The attributes as GetQueueAttributes reports them: every setting that applies to the
    /// queue, optional ones only when set.
    public var reported: [String: String] {
        var attributes = [
            "DelaySeconds": String(delaySeconds), "MaximumMessageSize": String(maximumMessageSize),
            "MessageRetentionPeriod": String(messageRetentionPeriod),
            "ReceiveMessageWaitTimeSeconds": String(receiveMessageWaitTimeSeconds),
            "VisibilityTimeout": String(visibilityTimeout), "SqsManagedSseEnabled": String(sqsManagedSSEEnabled),
        ]
        if let policy { attributes["Policy"] = policy }
        if let redrivePolicy { attributes["RedrivePolicy"] = redrivePolicy.json }
        if let redriveAllowPolicy { attributes["RedriveAllowPolicy"] = redriveAllowPolicy.json }
        if let kmsMasterKeyID {
            attributes["KmsMasterKeyId"] = kmsMasterKeyID
            attributes["KmsDataKeyReusePeriodSeconds"] = String(kmsDataKeyReusePeriodSeconds)
        }
        if let fifo {
            attributes["FifoQueue"] = "true"
            attributes["ContentBasedDeduplication"] = String(fifo.contentBasedDeduplication)
            attributes["DeduplicationScope"] = fifo.deduplicationScope.rawValue
            attributes["FifoThroughputLimit"] = fifo.throughputLimit.rawValue
        }
        return attributes
    }
}

/// The settings only a FIFO queue has.
public struct FIFOSettings: Sendable, Equatable {
    /// "ContentBasedDeduplication – Enables content-based deduplication."
    public var contentBasedDeduplication = false
    public var deduplicationScope = DeduplicationScope.queue
    public var throughputLimit = ThroughputLimit.perQueue

    public init(contentBasedDeduplication: Bool = false, deduplicationScope: DeduplicationScope = .queue,
                throughputLimit: ThroughputLimit = .perQueue) {
        self.contentBasedDeduplication = contentBasedDeduplication
        self.deduplicationScope = deduplicationScope
        self.throughputLimit = throughputLimit
    }

    /// "DeduplicationScope – … Valid values are messageGroup and queue."
    public enum DeduplicationScope: String, Sendable {
        case messageGroup, queue
    }

    /// "FifoThroughputLimit – … Valid values are perQueue and perMessageGroupId."
    public enum ThroughputLimit: String, Sendable {
        case perQueue, perMessageGroupId
    }
}
