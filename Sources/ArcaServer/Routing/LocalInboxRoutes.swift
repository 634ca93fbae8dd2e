import AWSWire
import Foundation
import Hummingbird
import NIOCore
import Topics

extension Router where Context == ArcaRequestContext {
    /// `GET /_arca/sns/messages[?endpoint=<address or number>]` answers what SNS delivered to email
    /// addresses and phone numbers, oldest first (`{"messages": [{"protocol", "endpoint", "type",
    /// "messageId", "topicArn", "subscriptionArn", "subject", "body", "timestamp"}]}`);
    /// `DELETE` forgets them. Answered to clients on this machine only: message bodies are there.
    func addLocalInboxRoutes(inbox: any LocalInbox) {
        get("/_arca/sns/messages") { request, context in
            guard context.isLoopback else { return Self.forbidden() }
            let endpoint = request.uri.queryParameters.get("endpoint")
            let messages = try await inbox.messages(endpoint: endpoint)
            var writer = JSONWriter(capacity: 256 + messages.reduce(0) { $0 + $1.body.utf8.count })
            writer.beginObject()
            writer.key("messages")
            writer.beginArray()
            for message in messages {
                writer.beginObject()
                writer.member("protocol", message.deliveryProtocol)
                writer.member("endpoint", message.endpoint)
                writer.member("type", message.messageType)
                writer.member("messageId", message.messageID)
                writer.member("topicArn", message.topicARN)
                writer.member("subscriptionArn", message.subscriptionARN)
                writer.member("subject", message.subject)
                writer.member("body", message.body)
                writer.member("timestamp", NotificationEnvelope.timestamp(message.timestamp))
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: writer.bytes)))
        }
        delete("/_arca/sns/messages") { request, context in
            guard context.isLoopback else { return Self.forbidden() }
            try await inbox.clear(endpoint: request.uri.queryParameters.get("endpoint"))
            return Response(status: .noContent)
        }
    }

    private static func forbidden() -> Response {
        Response(status: .forbidden, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"message": "The local inbox answers clients on this machine only."}"#)))
    }
}

extension ArcaRequestContext {
    /// Whether the request came from this machine (a loopback address).
    var isLoopback: Bool {
        guard let address = remoteAddress?.ipAddress else { return false }
        return address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }
}
