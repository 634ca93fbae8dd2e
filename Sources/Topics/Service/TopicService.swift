import AWSWire
import AccessPolicy
import Foundation
import Identity
import ServiceCalls
import Synchronization

/// Amazon SNS: topics, their attributes, tags, permissions and data protection policies.
///
/// Every call is authorized with the topic's policy and the caller's IAM policies
/// (``ResourcePolicyEvaluator``) before it reads or changes a topic; changes reach storage before
/// memory shows them.
public final class TopicService: Sendable {
    let registry: TopicRegistry
    let store: any TopicStore
    let now: @Sendable () -> Date
    let randomBytes: @Sendable (Int) -> [UInt8]
    let clockText = CurrentTimeText()
    /// Signs the notifications SNS delivers.
    let signer: any NotificationSigner
    /// Where notifications go: queues, the outbox of HTTP/S deliveries and its endpoints.
    let delivery: NotificationDelivery
    /// Where notifications to `sqs` subscriptions go; nil where no queue service is (domain tests
    /// of topics alone).
    var queues: (any NotificationQueues)? { delivery.queues }
    /// FIFO topics' deduplication ids of the last five minutes, with what their first Publish
    /// answered: read here, written through to the store, so they outlive a restart.
    let deduplication = ExpiringCache<DeduplicationKey, PublishReceipt>()
    /// Each FIFO topic's last sequence number.
    let sequences = Mutex<[Int64: UInt64]>([:])
    /// The data keys of encrypted topics, per publisher.
    let keyring: TopicKeyring
    /// Subscriptions' filter policies, compiled once per policy text.
    let filters = Mutex<[String: SubscriptionFilter]>([:])

    public init(store: any TopicStore, signer: any NotificationSigner, delivery: NotificationDelivery, keyring: TopicKeyring,
                now: @escaping @Sendable () -> Date, randomBytes: @escaping @Sendable (Int) -> [UInt8]) async throws {
        self.store = store
        self.keyring = keyring
        self.signer = signer
        self.delivery = delivery
        self.now = now
        self.randomBytes = randomBytes
        let snapshot = try await store.load()
        registry = TopicRegistry(store: store, snapshot: snapshot)
        let started = now()
        for entry in snapshot.deduplications where entry.until > started {
            deduplication.insert(PublishReceipt(messageID: entry.messageID, sequenceNumber: entry.sequenceNumber),
                                 for: DeduplicationKey(topicID: entry.topicID, deduplicationID: entry.deduplicationID),
                                 until: entry.until, now: started)
        }
    }

    // MARK: Finding topics

    /// The topic a `TopicArn` names, after authorizing `action` on it.
    func authorizedTopic(arn: String, for action: String, context: CallContext,
                         parameter: String = "TopicArn") throws(SNSError) -> SNSTopic {
        let address = try TopicAddress(arn: arn, region: context.region, parameter: parameter)
        guard let (topic, policy) = registry.read({ state in
            state.topics[address].map { ($0, state.compiledPolicies[$0.id]) }
        }) else {
            throw parameter == "ResourceArn" ? SNSError.resourceNotFound : SNSError.topicNotFound
        }
        context.notes.used(topic.auditResource)
        try authorize(action, resource: topic.arn, policy: policy, context: context)
        return topic
    }

    /// Allows or refuses `action` on `resource` as AWS does for SNS: the topic policy and the
    /// caller's IAM policies, either within the topic's account, both across accounts. SNS
    /// answers a refusal with `AuthorizationError` (HTTP 403) and spells actions `SNS:Publish`.
    func authorize(_ action: String, resource: String, policy: CompiledPolicy?, context: CallContext) throws(SNSError) {
        if let message = context.refusal(of: action, on: resource, resourcePolicy: policy, at: now(), clockText: clockText) {
            throw SNSError(.authorizationError, message)
        }
    }

    // MARK: Creating and deleting

    /// CreateTopic: a new topic, or the existing one when every attribute and tag asked for
    /// matches. "This action is idempotent, so if the requester already owns a topic with the
    /// specified name, that topic's ARN is returned without creating a new topic." Attributes
    /// left out are not compared; tags given must be the topic's (recorded from AWS: "Topic
    /// already exists with different tags").
    public func createTopic(named rawName: String, attributes: [String: String], tags: [String: String],
                            dataProtectionPolicy: String?, context: CallContext) async throws -> TopicAddress {
        let fifo = try Self.isFIFO(attributes)
        let name = try TopicName(creating: rawName, fifo: fifo)
        let address = TopicAddress(account: context.account, region: context.region, name: name)
        try authorize("SNS:CreateTopic", resource: address.arn, policy: nil, context: context)
        // "To be able to tag an SNS topic on creation, you must have the sns:CreateTopic and
        // sns:TagResource permissions." (CreateTopic)
        if !tags.isEmpty { try authorize("SNS:TagResource", resource: address.arn, policy: nil, context: context) }
        var configuration = TopicConfiguration(fifo: fifo)
        try configuration.apply(attributes, creating: true)
        try Self.checkTagCount(tags)
        if let existing = registry.read({ $0.topics[address] }) {
            context.notes.used(existing.auditResource)
            try Self.requireSame(attributes, tags, as: existing)
            return address
        }
        // Taken before deciding, as a decision never waits: an id left unused (a topic created
        // meanwhile) is a gap, which topic ids may have.
        let id = try await store.nextTopicID()
        return try await registry.write { state throws(SNSError) in
            if let existing = state.topics[address] {
                context.notes.used(existing.auditResource)
                try Self.requireSame(attributes, tags, as: existing)
                return (address, [])
            }
            var configured = configuration
            if configured.policy == nil {
                try configured.apply(["Policy": SNSTopic.defaultPolicy(for: address)], creating: true)
            }
            let topic = SNSTopic(id: id, address: address, configuration: configured, tags: tags,
                              dataProtectionPolicy: dataProtectionPolicy, createdAt: now())
            context.notes.used(topic.auditResource)
            return (address, [.put(topic)])
        }
    }

    /// `FifoTopic` decides the kind of topic CreateTopic makes.
    static func isFIFO(_ attributes: [String: String]) throws(SNSError) -> Bool {
        guard let value = attributes["FifoTopic"] else { return false }
        do throws(TopicConfiguration.AttributeProblem) {
            return try TopicConfiguration.boolean("FifoTopic", value)
        } catch {
            throw SNSError.invalidParameter("Attributes", reason: error.reason)
        }
    }

    static func requireSame(_ attributes: [String: String], _ tags: [String: String], as existing: SNSTopic) throws(SNSError) {
        guard existing.configuration.matches(attributes) else {
            throw SNSError.invalidParameter("Attributes", reason: "Topic already exists with different attributes")
        }
        // Tags given must be the topic's; fewer is the same topic (recorded from AWS).
        guard tags.allSatisfy({ existing.tags[$0.key] == $0.value }) else {
            throw SNSError.invalidParameter("Tags", reason: "Topic already exists with different tags")
        }
    }

    /// DeleteTopic: "Deletes a topic and all its subscriptions… Deleting a topic that does not
    /// exist does not result in an error." (recorded from AWS: a second delete answers 200).
    public func deleteTopic(arn: String, context: CallContext) async throws {
        let address = try TopicAddress(arn: arn, region: context.region)
        guard registry.read({ $0.topics[address] }) != nil else {
            try authorize("SNS:DeleteTopic", resource: address.arn, policy: nil, context: context)
            return
        }
        let topic = try authorizedTopic(arn: arn, for: "SNS:DeleteTopic", context: context)
        try await registry.write { state throws(SNSError) in
            guard let current = state.topics[address], current.id == topic.id else { return ((), []) }
            return ((), [.delete(current)])
        }
    }

    // MARK: Listing

    /// ListTopics: "Returns a list of the requester's topics. Each call returns a limited list of
    /// topics, up to 100. If there are more topics, a NextToken is also returned." The topics of
    /// the caller's account in the call's region, by ARN; the token is the last ARN answered.
    public func listTopics(nextToken: String?, context: CallContext) throws(SNSError) -> (arns: [String], nextToken: String?) {
        try authorize("SNS:ListTopics", resource: "*", policy: nil, context: context)
        var after: String?
        if let nextToken {
            guard let data = Data(base64Encoded: nextToken), let arn = String(data: data, encoding: .utf8) else {
                throw SNSError.invalidParameter("NextToken")
            }
            after = arn
        }
        let arns = registry.read { state in
            state.topics.keys.filter { $0.account == context.account && $0.region == context.region }.map(\.arn)
        }.sorted().filter { after == nil || $0 > after! }
        let page = Array(arns.prefix(Self.pageSize))
        let token = arns.count > page.count ? page.last.map { Data($0.utf8).base64EncodedString() } : nil
        return (page, token)
    }

    static let pageSize = 100

    // MARK: Attributes

    /// GetTopicAttributes: the attributes set, and what SNS reports besides (recorded from AWS):
    /// `TopicArn`, `Owner`, `DisplayName` (empty unless set), `EffectiveDeliveryPolicy` and the
    /// subscription counts.
    public func attributes(arn: String, context: CallContext) throws(SNSError) -> [String: String] {
        let topic = try authorizedTopic(arn: arn, for: "SNS:GetTopicAttributes", context: context)
        var attributes = topic.configuration.values
        attributes["TopicArn"] = topic.arn
        attributes["Owner"] = topic.address.account.rawValue
        attributes["DisplayName"] = attributes["DisplayName"] ?? ""
        attributes["EffectiveDeliveryPolicy"] = topic.effectiveDeliveryPolicy
        let subscriptions = registry.read { state in Array((state.subscriptionsByTopic[topic.id] ?? [:]).values) }
        attributes["SubscriptionsConfirmed"] = String(subscriptions.count { $0.isConfirmed })
        attributes["SubscriptionsPending"] = String(subscriptions.count { !$0.isConfirmed })
        attributes["SubscriptionsDeleted"] = "0"
        return attributes
    }

    /// SetTopicAttributes: one attribute at a time.
    public func setAttribute(arn: String, name: String, value: String?, context: CallContext) async throws {
        let topic = try authorizedTopic(arn: arn, for: "SNS:SetTopicAttributes", context: context)
        try await update(topic) { topic throws(SNSError) in
            try topic.configuration.apply([name: value ?? ""], creating: false)
        }
    }

    /// Applies `change` to the stored topic and stores the result; the topic must still be the
    /// one authorized.
    func update(_ topic: SNSTopic, _ change: @escaping (inout SNSTopic) throws(SNSError) -> Void) async throws {
        try await registry.write { state throws(SNSError) in
            guard var current = state.topics[topic.address], current.id == topic.id else { throw SNSError.topicNotFound }
            let before = current
            try change(&current)
            return ((), current == before ? [] : [.put(current)])
        }
    }

    // MARK: Tags

    /// TagResource: "A new tag with a key identical to that of an existing tag overwrites the
    /// existing tag"; "Adding more than 50 tags to an Amazon SNS topic isn't recommended" — AWS
    /// refuses the 51st.
    public func tagResource(arn: String, tags: [Tag], context: CallContext) async throws {
        let topic = try authorizedTopic(arn: arn, for: "SNS:TagResource", context: context, parameter: "ResourceArn")
        let added = try Self.tagDictionary(tags)
        try await update(topic) { topic throws(SNSError) in
            topic.tags.merge(added) { _, new in new }
            try Self.checkTagCount(topic.tags)
        }
    }

    public func untagResource(arn: String, keys: [String], context: CallContext) async throws {
        let topic = try authorizedTopic(arn: arn, for: "SNS:UntagResource", context: context, parameter: "ResourceArn")
        try await update(topic) { topic in
            for key in keys { topic.tags[key] = nil }
        }
    }

    /// ListTagsForResource, by key.
    public func tags(arn: String, context: CallContext) throws(SNSError) -> [(key: String, value: String)] {
        let topic = try authorizedTopic(arn: arn, for: "SNS:ListTagsForResource", context: context, parameter: "ResourceArn")
        return topic.tags.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// A request's tag list as a dictionary: "Duplicated keys are not allowed." (recorded from AWS).
    public static func tagDictionary(_ tags: [Tag]) throws(SNSError) -> [String: String] {
        var dictionary: [String: String] = [:]
        for tag in tags {
            guard dictionary.updateValue(tag.value, forKey: tag.key) == nil else {
                throw SNSError.invalidParameter("Duplicated keys are not allowed.")
            }
        }
        return dictionary
    }

    static func checkTagCount(_ tags: [String: String]) throws(SNSError) {
        if tags.count > 50 { throw SNSError(.tagLimitExceeded, "Could not complete request: tag quota of per resource exceeded") }
    }

    // MARK: Data protection policies

    /// PutDataProtectionPolicy: the policy is stored and answered as given ("The JSON
    /// serialization of the topic's DataProtectionPolicy"); Arca audits no message contents, so it
    /// has no effect on what is published.
    public func putDataProtectionPolicy(arn: String, policy: String, context: CallContext) async throws {
        let topic = try authorizedTopic(arn: arn, for: "SNS:PutDataProtectionPolicy", context: context, parameter: "ResourceArn")
        guard case .object? = try? JSONParser.parse(Array(policy.utf8)) else {
            throw SNSError.invalidParameter("DataProtectionPolicy", reason: "failed to parse JSON.")
        }
        try await update(topic) { topic in topic.dataProtectionPolicy = policy }
    }

    public func dataProtectionPolicy(arn: String, context: CallContext) throws(SNSError) -> String? {
        try authorizedTopic(arn: arn, for: "SNS:GetDataProtectionPolicy", context: context, parameter: "ResourceArn")
            .dataProtectionPolicy
    }
}

extension SNSError {
    /// An unknown topic named as a `ResourceArn` (TagResource, ListTagsForResource…).
    static let resourceNotFound = SNSError(.resourceNotFound, "Resource does not exist")
}

extension SNSTopic {
    /// How CloudTrail names a topic among a call's resources.
    var auditResource: CallResource {
        CallResource(arn: arn, accountID: address.account.rawValue, type: "AWS::SNS::Topic")
    }
}

extension TopicService {
    // MARK: Permissions

    /// AddPermission: a statement of the topic policy for `label`.
    public func addPermission(arn: String, label: String, accounts: [String], actions: [String],
                              context: CallContext) async throws {
        let topic = try authorizedTopic(arn: arn, for: "SNS:AddPermission", context: context)
        try await update(topic) { topic throws(SNSError) in
            let policy = try TopicPermissions.adding(label: label, accounts: accounts, actions: actions,
                                                     to: topic.configuration.policy, topicARN: topic.arn)
            try topic.configuration.apply(["Policy": policy], creating: false)
        }
    }

    /// RemovePermission: the statement AddPermission made for `label`.
    public func removePermission(arn: String, label: String, context: CallContext) async throws {
        let topic = try authorizedTopic(arn: arn, for: "SNS:RemovePermission", context: context)
        try await update(topic) { topic throws(SNSError) in
            guard let policy = TopicPermissions.removing(label: label, from: topic.configuration.policy, topicARN: topic.arn),
                  policy != topic.configuration.policy else { return }
            try topic.configuration.apply(["Policy": policy], creating: false)
        }
    }
}

/// A FIFO topic's deduplication id.
struct DeduplicationKey: Hashable, Sendable {
    var topicID: Int64
    var deduplicationID: String
}
