import AWSWire
import Hummingbird
import ServiceCalls
import Topics

/// The links SNS puts in what it sends, served unsigned as AWS serves them:
/// `SubscribeURL` (`GET /?Action=ConfirmSubscription&TopicArn=…&Token=…`, in a
/// SubscriptionConfirmation) and `UnsubscribeURL` (`GET /?Action=Unsubscribe&SubscriptionArn=…`,
/// in every notification). Both answer the XML the API answers.
struct NotificationLinks: Sendable {
    let sns: TopicService
    let requestIDs: RequestIDGenerator

    /// The answer to an unsigned GET for one of the two links; nil for any other request.
    func respond(to request: Request) async -> Response? {
        let query = request.uri.query ?? ""
        guard request.headers[.authorization] == nil, !query.contains("X-Amz-Signature="),
              let parameters = try? AWSQueryParameters(formURLEncoded: Array(query.utf8)) else { return nil }
        let values = parameters.values
        let requestID = requestIDs.next()
        do {
            switch values["Action"] {
            case "ConfirmSubscription":
                let arn = values["TopicArn"] ?? ""
                let subscription = try await sns.confirmSubscription(topicARN: arn, token: values["Token"] ?? "", authenticated: false,
                                                                     context: Self.context(for: arn, requestID: requestID))
                return Self.answer("ConfirmSubscription", result: [("SubscriptionArn", subscription)], requestID: requestID)
            case "Unsubscribe":
                try await sns.unsubscribe(linkTo: values["SubscriptionArn"] ?? "")
                return Self.answer("Unsubscribe", result: nil, requestID: requestID)
            default:
                return nil
            }
        } catch var error as SNSError {
            // Recorded from AWS: the link answers a topic it cannot read "Invalid parameter: Topic".
            if error.message.hasPrefix("Invalid parameter: TopicArn") { error.message = "Invalid parameter: Topic" }
            var xml = XMLWriter()
            xml.open("ErrorResponse", namespace: SNSServiceModel.xmlNamespace)
            xml.open("Error")
            xml.element("Type", text: "Sender")
            xml.element("Code", text: error.code.rawValue)
            xml.element("Message", text: error.message)
            xml.close("Error")
            xml.element("RequestId", text: requestID)
            xml.close("ErrorResponse")
            return Response(status: .init(code: error.httpStatusCode), headers: [.contentType: "text/xml"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: xml.bytes)))
        } catch {
            return Response(status: .internalServerError)
        }
    }

    /// The link's caller: nobody signed it; the region is the topic's.
    static func context(for topicARN: String, requestID: String) -> CallContext {
        let parts = topicARN.split(separator: ":", omittingEmptySubsequences: false)
        let region = parts.count > 3 ? String(parts[3]) : "us-east-1"
        return CallContext(caller: .service("sns.amazonaws.com", actingFor: .default), region: region, requestID: requestID)
    }

    static func answer(_ action: String, result: [(String, String)]?, requestID: String) -> Response {
        var xml = XMLWriter()
        xml.open("\(action)Response", namespace: SNSServiceModel.xmlNamespace)
        if let result {
            xml.open("\(action)Result")
            for (name, value) in result { xml.element(name, text: value) }
            xml.close("\(action)Result")
        }
        xml.open("ResponseMetadata")
        xml.element("RequestId", text: requestID)
        xml.close("ResponseMetadata")
        xml.close("\(action)Response")
        return Response(status: .ok, headers: [.contentType: "text/xml"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: xml.bytes)))
    }
}
