import Foundation
import Testing
@testable import AWSWire

@Suite struct AWSQueryErrorTests {
    static let namespace = "https://iam.amazonaws.com/doc/2010-05-08/"

    struct ServiceError: AWSErrorRenderable {
        var awsErrorType: String
        var httpStatusCode: Int
        var message: String
    }

    func xml(_ error: any AWSErrorRenderable, fault: AWSQueryFault? = nil) -> String {
        String(decoding: AWSQueryCoding.encodeError(error, fault: fault, namespace: Self.namespace, requestID: "req-9"), as: UTF8.self)
    }

    func body(type: String, code: String, message: String?) -> String {
        #"<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>"# + type + "</Type><Code>" + code
            + "</Code>" + (message.map { "<Message>" + $0 + "</Message>" } ?? "")
            + "</Error><RequestId>req-9</RequestId></ErrorResponse>"
    }

    @Test func clientErrorIsTheSendersFault() {
        let error = ServiceError(awsErrorType: "NoSuchEntity", httpStatusCode: 404, message: "The user with name bob cannot be found.")
        #expect(xml(error) == body(type: "Sender", code: "NoSuchEntity", message: "The user with name bob cannot be found."))
    }

    @Test func serverErrorIsTheReceiversFault() {
        let error = ServiceError(awsErrorType: "ServiceFailure", httpStatusCode: 500, message: "Try again.")
        #expect(xml(error) == body(type: "Receiver", code: "ServiceFailure", message: "Try again."))
    }

    @Test func explicitFaultWinsOverTheStatus() {
        let error = ServiceError(awsErrorType: "Odd", httpStatusCode: 400, message: "m")
        #expect(xml(error, fault: .receiver) == body(type: "Receiver", code: "Odd", message: "m"))
    }

    @Test func messageIsEscapedAndAnEmptyOneLeftOut() {
        let escaped = ServiceError(awsErrorType: "MalformedPolicyDocument", httpStatusCode: 400, message: #"Syntax errors in policy: "<&>""#)
        #expect(xml(escaped) == body(type: "Sender", code: "MalformedPolicyDocument", message: "Syntax errors in policy: &quot;&lt;&amp;&gt;&quot;"))
        #expect(xml(ServiceError(awsErrorType: "AccessDenied", httpStatusCode: 403, message: ""))
            == body(type: "Sender", code: "AccessDenied", message: nil))
    }

    @Test func requestErrorsUseQueryCodesNotAWSJSONNames() {
        #expect(xml(AWSRequestError.validation("1 validation error detected: x"))
            == body(type: "Sender", code: "ValidationError", message: "1 validation error detected: x"))
        #expect(xml(AWSRequestError.serialization("The request body gives parameter 'A' more than once"))
            == body(type: "Sender", code: "InvalidQueryParameter", message: "The request body gives parameter &apos;A&apos; more than once"))
    }

    @Test func faultFollowsTheStatusClass() {
        #expect(AWSQueryFault(httpStatusCode: 400) == .sender)
        #expect(AWSQueryFault(httpStatusCode: 499) == .sender)
        #expect(AWSQueryFault(httpStatusCode: 500) == .receiver)
        #expect(AWSQueryFault(httpStatusCode: 503) == .receiver)
    }
}
