import AWSWire
import Queues
import ServiceCalls
import Testing

/// A request missing a member its shape requires is SQS's MissingParameter, named by the member;
/// other shape failures keep their error.
@Suite struct UnreadableRequestTests {
    static let schema = ShapeSchema.structure([.init("QueueUrl", .string(), required: true),
                                               .init("MessageBody", .string(), required: true)])

    @Test func aMissingMemberIsNamed() throws {
        let error = AWSRequestError.validation("1 validation error detected: …")
        let missing = SQSError.unreadable(error, .json(Array(#"{"QueueUrl":"u","MessageBody":null}"#.utf8)), Self.schema)
        #expect(missing as? SQSError == SQSError(.missingRequiredParameter, "The request must contain the parameter MessageBody."))
        let first = SQSError.unreadable(error, .json(Array("{}".utf8)), Self.schema)
        #expect(first as? SQSError == SQSError(.missingRequiredParameter, "The request must contain the parameter QueueUrl."))
        // A request with every member present keeps the shape check's error.
        let other = SQSError.unreadable(error, .json(Array(#"{"QueueUrl":"u","MessageBody":"b"}"#.utf8)), Self.schema)
        #expect(other as? AWSRequestError == error)
        let serialization = AWSRequestError.serialization("Expected an object")
        #expect(SQSError.unreadable(serialization, .json(Array("[".utf8)), Self.schema) as? AWSRequestError == serialization)
    }
}
