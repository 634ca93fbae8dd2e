import AWSWire
import Foundation
import HTTPTypes
import Hummingbird
import ServiceCalls
import Testing
@testable import ArcaServer

/// Error bodies and headers per protocol, including the query-compatible JSON errors of services
/// that once spoke the query protocol (SQS).
@Suite struct AWSResponseTests {
    struct QueueMissing: AWSErrorRenderable {
        var awsErrorType: String { "QueueDoesNotExist" }
        var httpStatusCode: Int { 400 }
        var message: String { "The specified queue does not exist." }
        var queryErrorCode: String { "AWS.SimpleQueueService.NonExistentQueue" }
    }

    @Test func queryCompatibleJSONErrorsNameTheirQueryCodeInAHeader() throws {
        let wire = AWSJSONProtocol(version: .v1_0, targetPrefix: "AmazonSQS", queryCompatibleErrors: true)
        let response = AWSResponse.jsonError(QueueMissing(), wire: wire, requestID: "r-1")
        #expect(response.status.code == 400)
        #expect(response.headers[.contentType] == "application/x-amz-json-1.0")
        #expect(response.headers[HTTPField.Name("x-amzn-query-error")!] == "AWS.SimpleQueueService.NonExistentQueue;Sender")
        #expect(response.headers[HTTPField.Name("x-amzn-RequestId")!] == "r-1")
    }

    @Test func plainJSONErrorsCarryNoQueryHeaderAndServerErrorsAreTheReceivers() throws {
        let plain = AWSJSONProtocol(version: .v1_1, targetPrefix: "TrentService")
        #expect(AWSResponse.jsonError(QueueMissing(), wire: plain, requestID: "r")
            .headers[HTTPField.Name("x-amzn-query-error")!] == nil)
        let failure = AWSProtocolError(awsErrorType: "InternalError", httpStatusCode: 500, message: "internal")
        let compatible = AWSJSONProtocol(version: .v1_0, targetPrefix: "AmazonSQS", queryCompatibleErrors: true)
        #expect(AWSResponse.jsonError(failure, wire: compatible, requestID: "r")
            .headers[HTTPField.Name("x-amzn-query-error")!] == "InternalError;Receiver")
    }

    @Test func queryErrorsUseTheQueryCode() {
        let response = AWSResponse.xmlError(QueueMissing(), namespace: "http://queue.amazonaws.com/doc/2012-11-05/",
                                            requestID: "r-2")
        #expect(response.status.code == 400)
        #expect(response.headers[.contentType] == "text/xml")
    }
}
