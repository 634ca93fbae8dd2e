import AWSWire
import AccessPolicy
import Foundation
import Identity
import ServiceCalls

extension TopicService {
    // MARK: Subscribing

    /// Subscribe: a new subscription of `endpoint` to the topic, or the existing one for the same
    /// protocol and endpoint when the attributes given match it ("Subscription already exists
    /// with different attributes" otherwise, recorded from AWS; attributes left out are not
    /// compared). Answers the subscription's ARN, or "pending confirmation" while it waits for
    /// one unless `returnARN`.
    public func subscribe(topicARN: String, protocol rawProtocol: String, endpoint: String?, attributes: [String: String],
                          returnARN: Bool, context: CallContext) async throws -> String {
        let topic = try authorizedTopic(arn: topicARN, for: "SNS:Subscribe", context: context)
        guard let deliveryProtocol = DeliveryProtocol(rawValue: rawProtocol) else {
            // Recorded from AWS.
            throw SNSError.invalidParameter("Amazon SNS does not support this protocol string: \(rawProtocol)")
        }
        // "FIFO topics … support … Amazon SQS FIFO and standard queues" only.
        if topic.configuration.isFIFO, deliveryProtocol != .sqs {
            throw SNSError.invalidParameter("Invalid parameter: Endpoint", reason: "FIFO topics support only SQS queues as subscribers")
        }
        let endpoint = try checkEndpoint(endpoint ?? "", for: deliveryProtocol, topic: topic)
        var checked: [String: String] = [:]
        for name in attributes.keys.sorted() {
            checked[name] = try checkSubscriptionAttribute(name, attributes[name]!, topic: topic, creating: true,
                                                           scope: attributes["FilterPolicyScope"] ?? "MessageAttributes", endpoint: endpoint)
        }
        let subscriptionID = uuid()
        let created = now()
        let queueAccount = deliveryProtocol == .sqs ? Self.account(ofQueueARN: endpoint) : nil
        let (answer, made) = try await registry.write { state throws(SNSError) -> ((String, TopicSubscription?), [TopicChange]) in
            guard let current = state.topics[topic.address], current.id == topic.id else { throw SNSError.topicNotFound }
            if let existing = state.subscriptionsByTopic[topic.id]?.values.first(where: {
                $0.deliveryProtocol == deliveryProtocol && $0.endpoint == endpoint
            }) {
                // Attributes left out, or given their defaults, are the same (recorded from AWS).
                let defaults = ["RawMessageDelivery": "false", "FilterPolicyScope": "MessageAttributes"]
                guard checked.allSatisfy({ (existing.attributes[$0.key] ?? defaults[$0.key]) == $0.value }) else {
                    throw SNSError.invalidParameter("Attributes", reason: "Subscription already exists with different attributes")
                }
                // Subscribing again asks a pending endpoint to confirm again, as AWS's "Request
                // confirmation" does.
                return ((existing.isPending && !returnARN ? Self.pendingConfirmation : existing.arn, existing.isPending ? existing : nil), [])
            }
            // A queue of the subscriber's own account is confirmed at once; SNS asks another
            // account's queue to confirm (Amazon SNS Developer Guide, "Sending Amazon SNS
            // messages to an Amazon SQS queue in a different account").
            // SMS, mobile, Lambda and Firehose subscriptions need no confirmation.
            let confirmed = deliveryProtocol == .sqs ? queueAccount == context.account
                : [.sms, .application, .lambda, .firehose].contains(deliveryProtocol)
            let subscription = TopicSubscription(
                arn: "\(topic.arn):\(subscriptionID)", topicID: topic.id, topicARN: topic.arn, owner: context.account,
                principalARN: context.caller.principal.arn, deliveryProtocol: deliveryProtocol, endpoint: endpoint,
                attributes: checked, confirmationToken: confirmed ? nil : self.confirmationToken(), isConfirmed: confirmed,
                createdAt: created)
            return ((subscription.isPending && !returnARN ? Self.pendingConfirmation : subscription.arn, subscription),
                    [.putSubscription(subscription)])
        }
        if let made, made.isPending {
            try await requestConfirmation(of: made, topic: topic, host: context.host, requestID: context.requestID)
        }
        return answer
    }

    /// Sends the endpoint of a new subscription the message that asks it to confirm (recorded
    /// from AWS): a signed `SubscriptionConfirmation` with the `Token` ConfirmSubscription takes
    /// and a `SubscribeURL`.
    func requestConfirmation(of subscription: TopicSubscription, topic: SNSTopic, host: String?, requestID: String) async throws {
        guard let token = subscription.confirmationToken else { return }
        try await sendConfirmation(type: "SubscriptionConfirmation", of: subscription, token: token, topic: topic, host: host,
                                   message: "You have chosen to subscribe to the topic \(topic.arn).\n"
                                       + "To confirm the subscription, visit the SubscribeURL included in this message.",
                                   requestID: requestID)
    }

    /// A signed `SubscriptionConfirmation` or `UnsubscribeConfirmation` to the subscription's
    /// endpoint, its `SubscribeURL` carrying `token`.
    func sendConfirmation(type: String, of subscription: TopicSubscription, token: String, topic: SNSTopic, host: String?,
                          message: String, requestID: String = "sns-confirmation") async throws {
        let region = topic.address.region
        let base = delivery.linkBase(host: host, region: region)
        let subscribeURL = "\(base)/?Action=ConfirmSubscription&TopicArn=\(topic.arn)&Token=\(token)"
        let fields = ["Message": message, "MessageId": uuid(), "SubscribeURL": subscribeURL,
                      "Timestamp": NotificationEnvelope.timestamp(now()), "Token": token, "TopicArn": topic.arn]
        let version = topic.configuration["SignatureVersion"] ?? "1"
        guard let signature = try? signer.signature(type: type, fields: fields, version: version) else { return }
        var writer = JSONWriter(capacity: 1_024)
        writer.beginObject()
        writer.key("Type")
        writer.string(type)
        writer.member("MessageId", fields["MessageId"])
        writer.member("Token", token)
        writer.member("TopicArn", topic.arn)
        writer.member("Message", message)
        writer.member("SubscribeURL", subscribeURL)
        writer.member("Timestamp", fields["Timestamp"])
        writer.member("SignatureVersion", version)
        writer.member("Signature", signature)
        writer.member("SigningCertURL", signer.certificateURL(base: base))
        writer.endObject()
        let body = String(decoding: writer.bytes, as: UTF8.self)
        if [.email, .emailJSON].contains(subscription.deliveryProtocol) {
            try await delivery.inbox?.deliver([InboxMessage(
                deliveryProtocol: subscription.deliveryProtocol.rawValue, endpoint: subscription.endpoint, topicARN: topic.arn,
                subscriptionARN: subscription.arn, messageType: type, messageID: fields["MessageId"]!,
                subject: "AWS Notification - Subscription Confirmation", body: body, timestamp: now())])
            return
        }
        if subscription.deliveryProtocol != .sqs {
            // HTTP/S: through the outbox, retried as the delivery policy says.
            guard let outbox = delivery.outbox,
                  let outbound = try? outboundDelivery(body, type: type, messageID: fields["MessageId"]!, raw: false,
                                                       to: subscription, of: topic, dataKey: nil, now: now()) else { return }
            try await outbox.enqueue([outbound])
            return
        }
        guard let queues else { return }
        let context = topic.deliveryContext(requestID: requestID)
        let outcome: DeliveryOutcome
        do {
            try await queues.send(QueueBoundMessage(body: body), toQueue: subscription.endpoint, context: context)
            outcome = .delivered
        } catch {
            outcome = .failed(code: (error as? any AWSErrorRenderable)?.queryErrorCode ?? "InternalError")
        }
        queues.observe(topicARN: topic.arn, subscriptionARN: subscription.arn, outcome: outcome)
    }

    /// What Subscribe answers for a subscription that waits for confirmation.
    static let pendingConfirmation = "pending confirmation"

    /// The endpoint as SNS takes it for `deliveryProtocol`.
    func checkEndpoint(_ endpoint: String, for deliveryProtocol: DeliveryProtocol, topic: SNSTopic) throws(SNSError) -> String {
        switch deliveryProtocol {
        case .sqs:
            // Recorded from AWS for a queue URL given as the endpoint.
            guard let account = Self.account(ofQueueARN: endpoint) else { throw SNSError.invalidParameter("SQS endpoint ARN") }
            _ = account
            if endpoint.hasSuffix(".fifo"), !topic.configuration.isFIFO {
                // Recorded from AWS, "Invalid parameter" twice.
                throw SNSError.invalidParameter("Invalid parameter: Endpoint",
                                                reason: "FIFO SQS Queues can not be subscribed to standard SNS topics")
            }
            return endpoint
        case .http, .https:
            // "For the http protocol, the (public) endpoint is a URL beginning with http://"; "For
            // the https protocol, … beginning with https://" (Subscribe, Endpoint).
            guard let url = URL(string: endpoint), url.scheme?.lowercased() == deliveryProtocol.rawValue, url.host != nil else {
                throw SNSError.invalidParameter("Endpoint", reason: "Must be a URL beginning with \(deliveryProtocol.rawValue)://")
            }
            return endpoint
        case .email, .emailJSON:
            // "For the email protocol, the endpoint is an email address."
            let parts = endpoint.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !endpoint.contains(" ") else {
                throw SNSError.invalidParameter("Email address")
            }
            return endpoint
        case .sms:
            // Recorded from AWS.
            guard Self.isPhoneNumber(endpoint) else { throw SNSError(.invalidParameter, "Invalid SMS endpoint: \(endpoint)") }
            return endpoint
        case .lambda, .firehose:
            // "For the lambda protocol, the endpoint is the ARN of an Lambda function"; "For the
            // firehose protocol, the endpoint is the ARN of an Amazon Kinesis Data Firehose
            // delivery stream." Arca serves neither: such subscriptions are kept, and their
            // deliveries fail as to an endpoint that cannot be reached (see `publish`).
            let service = deliveryProtocol == .lambda ? "lambda" : "firehose"
            let parts = endpoint.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 6, parts[0] == "arn", parts[2] == Substring(service), !parts[5].isEmpty else {
                throw SNSError.invalidParameter("Endpoint", reason: "\(endpoint) is not a valid \(service) ARN")
            }
            return endpoint
        case .application:
            // "For the application protocol, the endpoint is the EndpointArn of a mobile app and
            // device." Pushed to the local inbox.
            let parts = endpoint.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 6, parts[2] == "sns", parts[5].hasPrefix("endpoint/") else {
                throw SNSError.invalidParameter("Endpoint", reason: "\(endpoint) is not a valid endpoint ARN")
            }
            return endpoint
        default:
            // Every protocol of the model is handled above.
            throw SNSError.invalidParameter("Protocol", reason: "Arca does not deliver to \(deliveryProtocol.rawValue) endpoints yet")
        }
    }

    /// A phone number SNS sends SMS to: E.164, an optional `+` and 7 to 15 digits.
    static func isPhoneNumber(_ text: String) -> Bool {
        let digits = text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        return (7...15).contains(digits.count) && digits.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// The account of an SQS queue ARN (`arn:aws:sqs:<region>:<account>:<name>`), nil if it is none.
    static func account(ofQueueARN arn: String) -> AccountID? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[1] == "aws", parts[2] == "sqs", !parts[3].isEmpty, !parts[5].isEmpty else {
            return nil
        }
        return AccountID(String(parts[4]))
    }

    /// One attribute of a subscription, checked; the value to store.
    func checkSubscriptionAttribute(_ name: String, _ value: String, topic: SNSTopic, creating: Bool,
                                    scope: String, endpoint: String? = nil) throws(SNSError) -> String {
        func refuse(_ reason: String) -> SNSError {
            creating ? SNSError.invalidParameter("Attributes", reason: reason) : SNSError.invalidParameter(reason)
        }
        guard SubscriptionAttributes.settableNames.contains(name) else {
            throw creating ? refuse("Invalid attribute name: \(name)") : SNSError.invalidParameter("AttributeName")
        }
        switch name {
        case "RawMessageDelivery":
            // Recorded from AWS.
            switch value.lowercased() {
            case "true": return "true"
            case "false": return "false"
            default: throw refuse("RawMessageDelivery: Invalid value [\(value)]. Must be true or false.")
            }
        case "FilterPolicyScope":
            guard ["MessageAttributes", "MessageBody"].contains(value) else {
                throw refuse("FilterPolicyScope: Invalid value [\(value)]. Please use either MessageBody or MessageAttributes")
            }
        case "FilterPolicy":
            do throws(SNSError) {
                _ = try SubscriptionFilter(policy: value, scope: scope)
            } catch {
                throw refuse(String(error.message.dropFirst("Invalid parameter: ".count)))
            }
        case "RedrivePolicy":
            guard case .object? = try? JSONParser.parse(Array(value.utf8)) else { throw refuse("RedrivePolicy: failed to parse JSON.") }
            guard let target = SubscriptionAttributes.deadLetterTarget(value), Self.account(ofQueueARN: target) != nil else {
                // Recorded from AWS.
                throw refuse("RedrivePolicy: deadLetterTargetArn is an invalid arn")
            }
            // "must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic": a FIFO
            // queue's subscription, not every subscription of the topic.
            if topic.configuration.isFIFO, endpoint?.hasSuffix(".fifo") ?? true, !target.hasSuffix(".fifo") {
                // Recorded from AWS.
                throw refuse("RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic.")
            }
        case "SubscriptionRoleArn":
            guard value.hasPrefix("arn:aws:iam::"), value.contains(":role/") else { throw refuse("SubscriptionRoleArn: must be an IAM role ARN") }
        case "DeliveryPolicy", "ReplayPolicy":
            guard case .object(let fields)? = try? JSONParser.parse(Array(value.utf8)) else { throw refuse("\(name): failed to parse JSON.") }
            if name == "DeliveryPolicy", let retry = fields["healthyRetryPolicy"],
               let problem = DeliveryRetryPolicy.problem(inHealthyRetryPolicy: retry) {
                throw refuse("DeliveryPolicy: \(problem)")
            }
        default:
            break
        }
        return value
    }

    /// A confirmation token: random, hex, as long as AWS's.
    func confirmationToken() -> String {
        Hex.lowercase(randomBytes(64))
    }

    /// A random version-4 UUID in lowercase: message and subscription ids.
    func uuid() -> String { RandomUUID.lowercase(randomBytes(16)) }

    /// ConfirmSubscription: the subscription of the topic whose token this is, confirmed; confirming
    /// again answers the same ARN (recorded from AWS). Recorded from AWS: an unknown topic or token
    /// is "Invalid parameter: Token"; a token of the wrong form "Invalid token".
    ///
    /// `authenticated`: a signed ConfirmSubscription, which may ask for `AuthenticateOnUnsubscribe`;
    /// the `SubscribeURL` link is not.
    public func confirmSubscription(topicARN: String, token: String, authenticateOnUnsubscribe: Bool = false,
                                    authenticated: Bool = true, context: CallContext) async throws -> String {
        let address = try TopicAddress(arn: topicARN, region: context.region)
        guard token.count >= 16, token.utf8.allSatisfy({ $0 < 0x80 }) else { throw SNSError(.invalidParameter, "Invalid token") }
        // Found first without the write lock: an unsigned link must not hold up every change.
        func matching(_ state: TopicRegistryState) -> TopicSubscription? {
            guard let topic = state.topics[address] else { return nil }
            return state.subscriptionsByTopic[topic.id]?.values.first { existing in
                existing.confirmationToken.map { ConstantTime.equal(Array($0.utf8), Array(token.utf8)) } ?? false
            }
        }
        guard let found = registry.read(matching) else {
            return try await restore(topic: address, token: token)
        }
        if found.isConfirmed { return found.arn }
        return try await registry.write { state throws(SNSError) in
            guard var subscription = matching(state) else { throw SNSError.invalidParameter("Token") }
            if subscription.isConfirmed { return (subscription.arn, []) }
            subscription.isConfirmed = true
            subscription.confirmationWasAuthenticated = authenticated
            subscription.authenticateOnUnsubscribe = authenticated && authenticateOnUnsubscribe
            return (subscription.arn, [.putSubscription(subscription)])
        }
    }

    /// The subscription an UnsubscribeConfirmation's link restores, confirmed as it was.
    func restore(topic address: TopicAddress, token: String) async throws -> String {
        let now = now()
        return try await registry.write { state throws(SNSError) in
            guard let topic = state.topics[address], let entry = state.restorable[token], entry.until > now,
                  entry.subscription.topicID == topic.id else { throw SNSError.invalidParameter("Token") }
            return (entry.subscription.arn, [.putSubscription(entry.subscription), .removeRestorable(token: token)])
        }
    }

    // MARK: Subscriptions

    /// The subscription a `SubscriptionArn` names, for a caller of its owner's or its topic's
    /// account allowed `action` on the topic by IAM.
    func authorizedSubscription(arn: String, for action: String, context: CallContext) throws(SNSError) -> TopicSubscription? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard !arn.isEmpty else { throw SNSError.invalidParameter("SubscriptionArn", reason: "no value for required parameter") }
        guard parts.count >= 6 else {
            throw SNSError.invalidParameter("SubscriptionArn", reason: "An ARN must have at least 6 elements, not \(parts.count)")
        }
        // Recorded from AWS for a topic ARN given as a subscription's.
        guard parts.count == 7, !parts[6].isEmpty else { throw SNSError.invalidParameter("SubscriptionId") }
        guard let subscription = registry.read({ $0.subscriptions[arn] }) else { return nil }
        let topicAccount = String(parts[4])
        guard context.account == subscription.owner || context.account.rawValue == topicAccount else {
            let request = PolicyRequest(principal: context.caller.policyPrincipal, action: action, resource: subscription.topicARN)
            throw SNSError(.authorizationError, PolicyDecision.implicitDeny(missing: .resourceBased).accessDeniedMessage(for: request) ?? "")
        }
        // "Only the owner of the subscription or the topic's owner can unsubscribe": whichever it
        // is, its own IAM policies decide (the subscription actions take no resource).
        try authorize(action, resource: "*", policy: nil, context: context)
        return subscription
    }

    /// Unsubscribe: "This action is throttled at 100 transactions per second"; a subscription
    /// that does not exist is no error (recorded from AWS: a second Unsubscribe answers 200).
    public func unsubscribe(arn: String, context: CallContext) async throws {
        guard let subscription = try authorizedSubscription(arn: arn, for: "SNS:Unsubscribe", context: context) else { return }
        try await remove(subscription, host: context.host)
    }

    /// Deletes a subscription. An HTTP/S endpoint is sent a signed `UnsubscribeConfirmation`
    /// whose `SubscribeURL` restores the subscription for three days (recorded from AWS: "To cancel
    /// this operation and restore the subscription, visit the SubscribeURL included in this
    /// message.").
    func remove(_ subscription: TopicSubscription, host: String?) async throws {
        let http = [.http, .https].contains(subscription.deliveryProtocol)
        let token = confirmationToken()
        let until = now().addingTimeInterval(Self.restorePeriod)
        let removed = try await registry.write { state throws(SNSError) -> (TopicSubscription?, [TopicChange]) in
            guard let current = state.subscriptions[subscription.arn] else { return (nil, []) }
            var changes: [TopicChange] = [.deleteSubscription(current)]
            if http { changes.append(.putRestorable(current, token: token, until: until)) }
            return (current, changes)
        }
        guard http, let removed, let topic = registry.read({ state in state.topics.values.first { $0.id == removed.topicID } }) else { return }
        try await sendConfirmation(type: "UnsubscribeConfirmation", of: removed, token: token, topic: topic, host: host,
                                   message: "You have chosen to deactivate subscription \(removed.arn).\n"
                                       + "To cancel this operation and restore the subscription, visit the SubscribeURL included in this message.")
    }

    /// How long an UnsubscribeConfirmation's link restores the subscription: the three days a
    /// confirmation token is valid.
    static let restorePeriod: TimeInterval = 3 * 86_400

    public func subscriptionAttributes(arn: String, context: CallContext) throws(SNSError) -> [String: String] {
        guard let subscription = try authorizedSubscription(arn: arn, for: "SNS:GetSubscriptionAttributes", context: context) else {
            throw SNSError.subscriptionNotFound
        }
        return subscription.reportedAttributes
    }

    /// SetSubscriptionAttributes: one attribute at a time.
    public func setSubscriptionAttribute(arn: String, name: String, value: String?, context: CallContext) async throws {
        guard let subscription = try authorizedSubscription(arn: arn, for: "SNS:SetSubscriptionAttributes", context: context) else {
            throw SNSError.subscriptionNotFound
        }
        guard let topic = registry.read({ state in state.topics.values.first { $0.id == subscription.topicID } }) else {
            throw SNSError.subscriptionNotFound
        }
        if ["FilterPolicy", "RedrivePolicy", "DeliveryPolicy"].contains(name), value ?? "" == "" {
            // An empty policy removes the subscription's.
            try await registry.write { state throws(SNSError) in
                guard var current = state.subscriptions[subscription.arn] else { throw SNSError.subscriptionNotFound }
                current.attributes[name] = nil
                return ((), [.putSubscription(current)])
            }
            return
        }
        let scope = name == "FilterPolicyScope" ? value ?? "" : subscription.attributes["FilterPolicyScope"] ?? "MessageAttributes"
        let stored = try checkSubscriptionAttribute(name, value ?? "", topic: topic, creating: false, scope: scope,
                                                    endpoint: subscription.endpoint)
        if name == "FilterPolicyScope", let policy = subscription.attributes["FilterPolicy"] {
            // The policy the subscription has must hold in the new scope.
            _ = try checkSubscriptionAttribute("FilterPolicy", policy, topic: topic, creating: false, scope: stored)
        }
        try await registry.write { state throws(SNSError) in
            guard var current = state.subscriptions[subscription.arn] else { throw SNSError.subscriptionNotFound }
            current.attributes[name] = stored
            return ((), [.putSubscription(current)])
        }
    }

    /// ListSubscriptions: the caller account's subscriptions in the region, 100 a page, by ARN.
    public func listSubscriptions(nextToken: String?, context: CallContext) throws(SNSError) -> ([TopicSubscription], String?) {
        try authorize("SNS:ListSubscriptions", resource: "*", policy: nil, context: context)
        let prefix = "arn:aws:sns:\(context.region):"
        let all = registry.read { state in
            state.subscriptions.values.filter { $0.owner == context.account && $0.arn.hasPrefix(prefix) }
        }
        return try Self.page(all, after: nextToken)
    }

    /// ListSubscriptionsByTopic: the topic's subscriptions, 100 a page, by ARN.
    public func listSubscriptions(topicARN: String, nextToken: String?,
                                  context: CallContext) throws(SNSError) -> ([TopicSubscription], String?) {
        let topic = try authorizedTopic(arn: topicARN, for: "SNS:ListSubscriptionsByTopic", context: context)
        let all = registry.read { state in Array((state.subscriptionsByTopic[topic.id] ?? [:]).values) }
        return try Self.page(all, after: nextToken)
    }

    static func page(_ subscriptions: [TopicSubscription], after token: String?) throws(SNSError) -> ([TopicSubscription], String?) {
        var after: String?
        if let token {
            guard let data = Data(base64Encoded: token), let arn = String(data: data, encoding: .utf8) else {
                throw SNSError.invalidParameter("NextToken")
            }
            after = arn
        }
        let sorted = subscriptions.sorted { $0.arn < $1.arn }.filter { after == nil || $0.arn > after! }
        let page = Array(sorted.prefix(pageSize))
        return (page, sorted.count > page.count ? page.last.map { Data($0.arn.utf8).base64EncodedString() } : nil)
    }

    /// How ListSubscriptions names a subscription that waits for confirmation.
    public static func listedARN(of subscription: TopicSubscription) -> String {
        subscription.isPending ? "PendingConfirmation" : subscription.arn
    }
}

extension SNSError {
    /// "Subscription does not exist" (HTTP 404, recorded from AWS).
    public static let subscriptionNotFound = SNSError(.notFound, "Subscription does not exist")
}

extension TopicService {
    /// The `UnsubscribeURL` of a notification, followed: the subscription goes, unsigned, as on
    /// AWS, where the link itself is the endpoint's capability (its ARN holds a random id). A
    /// subscription that does not exist is no error.
    public func unsubscribe(linkTo arn: String) async throws {
        guard let found = registry.read({ $0.subscriptions[arn] }) else { return }
        guard !found.authenticateOnUnsubscribe else {
            // "Disallows unauthenticated unsubscribes of the subscription."
            throw SNSError(.authorizationError, "The subscription requires an authenticated Unsubscribe.")
        }
        try await remove(found, host: nil)
    }
}
