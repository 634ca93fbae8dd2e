import AWSWire
import Foundation
import HTTPTypes
import Hummingbird
import ServiceCalls

/// Builds the HTTP responses of each wire protocol: answers and errors, with the request id.
enum AWSResponse {
    static let requestIDHeader = HTTPField.Name("x-amzn-RequestId")!
    /// `<Code>;Sender` on AWS JSON errors of services that once spoke the query protocol (SQS),
    /// so SDKs built for either find the query error code.
    static let queryErrorHeader = HTTPField.Name("x-amzn-query-error")!

    static func json(_ body: Data, contentType: String, requestID: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[requestIDHeader] = requestID
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// `{"__type": …, "message": …}` with the error's HTTP status, and for query-compatible
    /// services the `x-amzn-query-error` header.
    static func jsonError(_ error: any AWSErrorRenderable, wire: AWSJSONProtocol, requestID: String) -> Response {
        var response = json(AWSJSONCoding.encodeError(error), contentType: wire.contentType, requestID: requestID,
                            status: HTTPResponse.Status(code: error.httpStatusCode))
        if wire.queryCompatibleErrors {
            let fault = AWSQueryFault(httpStatusCode: error.httpStatusCode)
            response.headers[queryErrorHeader] = "\(error.queryErrorCode);\(fault.rawValue)"
        }
        return response
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
