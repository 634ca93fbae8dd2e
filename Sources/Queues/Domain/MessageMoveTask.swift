import Foundation

/// A message move task: "moves messages from a dead-letter queue to a source queue or a custom
/// destination queue" (StartMessageMoveTask), at most `maxPerSecond` a second, on the server's
/// clock.
public struct MessageMoveTask: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        case running = "RUNNING", completed = "COMPLETED", cancelled = "CANCELLED", failed = "FAILED"
    }

    public var id: String
    /// The dead-letter queue the messages leave.
    public var sourceARN: String
    /// Where they go; nil for each message's own source queue (`DeadLetterQueueSourceArn`).
    public var destinationARN: String?
    /// "MaxNumberOfMessagesPerSecond – … The maximum number of messages per second that can be
    /// moved to the destination queue. … Maximum: 500"; nil for "system optimized".
    public var maxPerSecond: Int?
    public var status: Status
    public var moved: Int
    /// The messages in the source queue when the task started.
    public var toMove: Int
    public var startedAt: Date
    /// The SQS error code that stopped a failed task.
    public var failureReason: String?

    public init(id: String, sourceARN: String, destinationARN: String?, maxPerSecond: Int?, toMove: Int, startedAt: Date) {
        self.id = id
        self.sourceARN = sourceARN
        self.destinationARN = destinationARN
        self.maxPerSecond = maxPerSecond
        status = .running
        moved = 0
        self.toMove = toMove
        self.startedAt = startedAt
    }

    /// The most a task without a rate moves a second: "system optimized", here the most a rate
    /// may be set to.
    public static let fastestRate = 500

    /// How many messages the task may have moved in all by `now`: its rate times the seconds since
    /// it started, never more than it has to move.
    public func allowance(at now: Date) -> Int {
        let seconds = max(0, now.timeIntervalSince(startedAt))
        let rate = Double(maxPerSecond ?? Self.fastestRate)
        return min(toMove, Int((seconds * rate).rounded(.down)) + (maxPerSecond == nil ? toMove : 0))
    }

    /// The handle a task is cancelled by: its id and its source, so a handle names the queue to
    /// find the task in (base64 of `{"taskId": …, "sourceArn": …}`).
    public var handle: String {
        let json = #"{"taskId":"\#(id)","sourceArn":"\#(sourceARN)"}"#
        return Data(json.utf8).base64EncodedString()
    }

    /// The id and source a handle names, or nil for text that is not a task handle.
    public static func parse(handle: String) -> (id: String, sourceARN: String)? {
        guard handle.utf8.count <= 4096, let data = Data(base64Encoded: handle),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let id = object["taskId"] as? String, let source = object["sourceArn"] as? String else { return nil }
        return (id, source)
    }
}
