import AWSWire
import Foundation
import HTTPTypes
import Hummingbird

/// Builds the HTTP responses of the AWS JSON protocol.
enum AWSResponse {
    static let requestIDHeader = HTTPField.Name("x-amzn-RequestId")!

    static func json(_ body: Data, requestID: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[requestIDHeader] = requestID
        headers[.contentType] = AWSJSONCoding.contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// `{"__type": …, "message": …}` with the error's HTTP status.
    static func error(_ error: any AWSErrorRenderable, requestID: String) -> Response {
        json(AWSJSONCoding.encodeError(error), requestID: requestID,
             status: HTTPResponse.Status(code: error.httpStatusCode))
    }

    /// A query-protocol (XML) answer.
    static func xml(_ body: Data, requestID: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[requestIDHeader] = requestID
        headers[.contentType] = AWSQueryCoding.contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// `<ErrorResponse>…` with the error's HTTP status.
    static func xmlError(_ error: any AWSErrorRenderable, namespace: String, requestID: String) -> Response {
        xml(AWSQueryCoding.encodeError(error, namespace: namespace, requestID: requestID), requestID: requestID,
            status: HTTPResponse.Status(code: error.httpStatusCode))
    }
}
