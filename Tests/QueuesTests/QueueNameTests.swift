import Queues
import Testing

/// Queue names as CreateQueue checks them, with AWS's two messages.
@Suite struct QueueNameTests {
    static let standardMessage = "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"
    static let fifoMessage = "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length"

    @Test(arguments: ["a", "orders", "Orders_2-x", String(repeating: "q", count: 80)])
    func standardNamesAccepted(_ name: String) throws {
        #expect(try QueueName(creating: name, fifo: false).isFIFO == false)
    }

    @Test(arguments: ["", "orders.fifo", "a b", "ü", "orders/1", String(repeating: "q", count: 81)])
    func standardNamesRefused(_ name: String) {
        #expect(throws: SQSError(.invalidParameterValue, Self.standardMessage)) { try QueueName(creating: name, fifo: false) }
    }

    @Test(arguments: ["a.fifo", "orders-1.fifo", String(repeating: "q", count: 75) + ".fifo"])
    func fifoNamesAccepted(_ name: String) throws {
        #expect(try QueueName(creating: name, fifo: true).isFIFO)
    }

    /// The suffix counts toward the 80 characters; it is required; the stem cannot be empty.
    @Test(arguments: ["orders", ".fifo", "a.b.fifo", String(repeating: "q", count: 76) + ".fifo"])
    func fifoNamesRefused(_ name: String) {
        #expect(throws: SQSError(.invalidParameterValue, Self.fifoMessage)) { try QueueName(creating: name, fifo: true) }
    }
}
