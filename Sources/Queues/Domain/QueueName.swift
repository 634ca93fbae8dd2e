import ServiceCalls

/// A queue's name, checked as CreateQueue checks it.
///
/// "A queue name can have up to 80 characters. Valid values: alphanumeric characters, hyphens
/// (-), and underscores (_). A FIFO queue name must end with the .fifo suffix." (CreateQueue,
/// QueueName). The suffix counts toward the 80 characters; a standard queue's name cannot end
/// with it, since `.` is not one of its characters.
public struct QueueName: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public static let fifoSuffix = ".fifo"
    static let maximumLength = 80

    /// A name as given, not yet checked: what GetQueueUrl and queue URLs carry.
    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    /// A name CreateQueue accepts for a queue of this kind.
    public init(creating rawValue: String, fifo: Bool) throws(SQSError) {
        let stem = fifo && rawValue.hasSuffix(Self.fifoSuffix) ? rawValue.dropLast(Self.fifoSuffix.count) : Substring(rawValue)
        let valid = !stem.isEmpty && rawValue.utf8.count <= Self.maximumLength
            && stem.utf8.allSatisfy { Self.isNameByte($0) } && (!fifo || rawValue.hasSuffix(Self.fifoSuffix))
        guard valid else {
            // The messages AWS answers CreateQueue with for each kind of queue.
            throw SQSError(.invalidParameterValue, fifo
                ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length"
                : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length")
        }
        self.rawValue = rawValue
    }

    public var isFIFO: Bool { rawValue.hasSuffix(Self.fifoSuffix) }

    public var description: String { rawValue }

    /// Alphanumeric characters, hyphens and underscores: the characters of queue names, and of
    /// permission labels and batch entry ids.
    static func isNameByte(_ byte: UInt8) -> Bool { ResourceNameCharacters.isAllowed(byte) }
}
