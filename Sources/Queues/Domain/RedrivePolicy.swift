import AWSWire

/// `RedrivePolicy`: "The string that includes the parameters for the dead-letter queue
/// functionality of the source queue as a JSON object": `deadLetterTargetArn`, "the ARN of the
/// dead-letter queue to which Amazon SQS moves messages after the value of maxReceiveCount is
/// exceeded", and `maxReceiveCount`, "the number of times a message is delivered to the source
/// queue before being moved to the dead-letter queue" (CreateQueue, Attributes).
///
/// Refusals are `InvalidParameterValue` in AWS's form: "Value … for parameter RedrivePolicy is
/// invalid. Reason: …". The reasons are worded after AWS's; none of them is among the responses
/// recorded from AWS in `shared/reference/aws-recorded/sqs`. That the target exists and is of
/// the same kind is checked by the queue service, which knows the queues.
public struct RedrivePolicy: Sendable, Equatable {
    public var deadLetterTargetARN: String
    public var maxReceiveCount: Int

    public init(deadLetterTargetARN: String, maxReceiveCount: Int) {
        self.deadLetterTargetARN = deadLetterTargetARN
        self.maxReceiveCount = maxReceiveCount
    }

    public init(json text: String) throws(SQSError) {
        func refuse(_ reason: String) -> SQSError {
            SQSError.invalidParameterValue(text, parameter: "RedrivePolicy", reason: reason)
        }
        guard case .object(let fields)? = try? JSONParser.parse(Array(text.utf8)) else {
            throw refuse("Redrive policy is not a valid JSON map.")
        }
        if let extra = fields.keys.sorted().first(where: { $0 != "deadLetterTargetArn" && $0 != "maxReceiveCount" }) {
            throw refuse("Only following attributes are supported: [deadLetterTargetArn, maxReceiveCount]. Unknown: \(extra).")
        }
        guard case .string(let target)? = fields["deadLetterTargetArn"] else {
            throw refuse("Redrive policy does not contain mandatory attribute: deadLetterTargetArn.")
        }
        // botocore users write the count as a number or as a string.
        let count: Int?
        switch fields["maxReceiveCount"] {
        case .number(let number)?: count = number.rounded() == number && abs(number) < 1e9 ? Int(number) : nil
        case .string(let string)?: count = Int(string)
        case nil: throw refuse("Redrive policy does not contain mandatory attribute: maxReceiveCount.")
        default: count = nil
        }
        guard let count, (1...1_000).contains(count) else {
            let shown: String
            switch fields["maxReceiveCount"] {
            case .string(let string)?: shown = string
            case .number(let number)?: shown = number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
            default: shown = "null"
            }
            throw refuse("Invalid value for maxReceiveCount: \(shown), valid values are from 1 to 1000 both inclusive.")
        }
        self.init(deadLetterTargetARN: target, maxReceiveCount: count)
    }

    /// As GetQueueAttributes answers it: `{"deadLetterTargetArn":"…","maxReceiveCount":5}`.
    public var json: String {
        var writer = JSONWriter(capacity: 96 + deadLetterTargetARN.utf8.count)
        writer.beginObject()
        writer.member("deadLetterTargetArn", deadLetterTargetARN)
        writer.member("maxReceiveCount", maxReceiveCount)
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// `RedriveAllowPolicy`: "the permission type that defines which source queues can specify the
/// current queue as the dead-letter queue": `allowAll` ("(Default) Any source queues in this
/// Amazon Web Services account in the same Region"), `denyAll`, or `byQueue` with
/// `sourceQueueArns`, which "you can specify … only when the redrivePermission parameter is set
/// to byQueue. You can specify up to 10 source queue ARNs." (CreateQueue, Attributes) Refusals
/// take RedrivePolicy's form; their reasons are Arca's wording, not recorded from AWS.
public struct RedriveAllowPolicy: Sendable, Equatable {
    public enum Permission: String, Sendable {
        case allowAll, denyAll, byQueue
    }

    public var permission: Permission
    public var sourceQueueARNs: [String]

    public init(permission: Permission, sourceQueueARNs: [String] = []) {
        self.permission = permission
        self.sourceQueueARNs = sourceQueueARNs
    }

    public init(json text: String) throws(SQSError) {
        func refuse(_ reason: String) -> SQSError {
            SQSError.invalidParameterValue(text, parameter: "RedriveAllowPolicy", reason: reason)
        }
        guard case .object(let fields)? = try? JSONParser.parse(Array(text.utf8)) else {
            throw refuse("Redrive allow policy is not a valid JSON map.")
        }
        guard case .string(let name)? = fields["redrivePermission"], let permission = Permission(rawValue: name) else {
            throw refuse("Invalid value for redrivePermission: valid values are allowAll, denyAll and byQueue.")
        }
        var sources: [String] = []
        if let given = fields["sourceQueueArns"] {
            guard case .array(let items) = given else { throw refuse("sourceQueueArns must be a list of queue ARNs.") }
            for item in items {
                guard case .string(let arn) = item else { throw refuse("sourceQueueArns must be a list of queue ARNs.") }
                sources.append(arn)
            }
        }
        if permission == .byQueue {
            guard (1...10).contains(sources.count) else {
                throw refuse("byQueue needs between 1 and 10 sourceQueueArns.")
            }
        } else if fields["sourceQueueArns"] != nil {
            throw refuse("sourceQueueArns can be specified only when redrivePermission is byQueue.")
        }
        if let extra = fields.keys.sorted().first(where: { $0 != "redrivePermission" && $0 != "sourceQueueArns" }) {
            throw refuse("Unknown attribute \(extra).")
        }
        self.init(permission: permission, sourceQueueARNs: sources)
    }

    /// Whether a queue may name this one as its dead-letter queue.
    public func allows(source arn: String) -> Bool {
        switch permission {
        case .allowAll: true
        case .denyAll: false
        case .byQueue: sourceQueueARNs.contains(arn)
        }
    }

    public var json: String {
        var writer = JSONWriter(capacity: 64 + sourceQueueARNs.reduce(0) { $0 + $1.utf8.count + 4 })
        writer.beginObject()
        writer.member("redrivePermission", permission.rawValue)
        if permission == .byQueue {
            writer.key("sourceQueueArns")
            writer.beginArray()
            for arn in sourceQueueARNs { writer.string(arn) }
            writer.endArray()
        }
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
