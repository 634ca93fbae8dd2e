import AccessPolicy
import Foundation
import Identity
import ServiceCalls
import Synchronization

/// Amazon SQS: queues, their attributes, tags and permissions.
///
/// Every call is authorized with the queue's policy and the caller's IAM policies
/// (``ResourcePolicyEvaluator``) before it reads or changes a queue; changes reach storage before
/// memory shows them.
public final class QueueService: Sendable {
    let registry: QueueRegistry
    let store: any QueueStore
    let messages: any MessageStore
    let keyring: MessageKeyring
    /// Where long polls wait for messages.
    public let arrivals: MessageArrivals
    let now: @Sendable () -> Date
    let randomBytes: @Sendable (Int) -> [UInt8]
    let clockText = CurrentTimeText()
    /// When each queue was last purged: "Only one PurgeQueue operation on <queue> is allowed
    /// every 60 seconds" (recorded from AWS).
    let purges = Mutex<[Int64: Date]>([:])
    /// The "Messages per queue (in flight)" quota: "For most standard queues … there can be a
    /// maximum of approximately 120,000 in flight messages"; "FIFO queues support a maximum of
    /// 120,000 in-flight messages" (Amazon SQS Developer Guide, quotas). Raised or lowered as AWS
    /// Support would, by configuration.
    let inFlightLimit: Int

    /// AWS's in-flight quota for either kind of queue.
    public static let defaultInFlightLimit = 120_000

    /// "You must wait 60 seconds after deleting a queue before you can create another queue with
    /// the same name." (DeleteQueue)
    static let nameReuseDelay: TimeInterval = 60

    public init(store: any QueueStore, messages: any MessageStore, keyring: MessageKeyring, arrivals: MessageArrivals = MessageArrivals(),
                inFlightLimit: Int = QueueService.defaultInFlightLimit,
                now: @escaping @Sendable () -> Date, randomBytes: @escaping @Sendable (Int) -> [UInt8]) async throws {
        self.inFlightLimit = inFlightLimit
        self.arrivals = arrivals
        self.now = now
        self.randomBytes = randomBytes
        self.store = store
        self.messages = messages
        self.keyring = keyring
        registry = QueueRegistry(store: store,
                                 snapshot: try await store.load(deletedSince: now().addingTimeInterval(-Self.nameReuseDelay)))
    }

    // MARK: Finding queues

    /// The queue a `QueueUrl` names, after authorizing `action` on it.
    func authorizedQueue(url: String, for action: String, context: CallContext) throws(SQSError) -> Queue {
        guard let address = QueueAddress(url: url, region: context.region) else { throw SQSError.nonExistentQueue }
        return try authorizedQueue(address, for: action, context: context)
    }

    func authorizedQueue(_ address: QueueAddress, for action: String, context: CallContext) throws(SQSError) -> Queue {
        guard let (queue, policy) = registry.read({ state in
            state.queues[address].map { ($0, state.compiledPolicies[$0.id]) }
        }) else {
            throw SQSError.nonExistentQueue
        }
        context.notes.used(queue.auditResource)
        // "Cross-account permissions don't apply to the following actions: AddPermission,
        // CancelMessageMoveTask, CreateQueue, DeleteQueue, ListMessageMoveTask, ListQueues,
        // ListQueueTags, RemovePermission, SetQueueAttributes, StartMessageMoveTask, TagQueue,
        // UntagQueue" (Amazon SQS Developer Guide, Limitations of Amazon SQS custom policies):
        // whatever the queue policy says, only the grantable actions reach another account.
        if context.caller.policyPrincipal.accountID.map({ $0 != queue.address.account.rawValue }) ?? false,
           !QueuePermissions.grantableActions.contains(String(action.dropFirst("sqs:".count))) {
            let request = PolicyRequest(principal: context.caller.policyPrincipal, action: action, resource: queue.arn)
            throw SQSError(.accessDenied, PolicyDecision.implicitDeny(missing: .resourceBased).accessDeniedMessage(for: request) ?? "")
        }
        try authorize(action, resource: queue.arn, policy: policy, context: context)
        return queue
    }

    /// Allows or refuses `action` on `resource` as AWS does for SQS: the queue policy and the
    /// caller's IAM policies, either within the queue's account, both across accounts.
    func authorize(_ action: String, resource: String, policy: CompiledPolicy?, context: CallContext) throws(SQSError) {
        if let message = context.refusal(of: action, on: resource, resourcePolicy: policy, at: now(), clockText: clockText) {
            throw SQSError(.accessDenied, message)
        }
    }

    // MARK: Creating and deleting

    /// CreateQueue: a new queue, or the existing one when every attribute asked for matches.
    ///
    /// "If you provide the name of an existing queue along with the exact names and values of
    /// all the queue's attributes, CreateQueue returns the queue URL for the existing queue. If
    /// the queue name, attribute names, or attribute values don't match an existing queue,
    /// CreateQueue returns an error." (CreateQueue) Attributes left out are not compared.
    public func createQueue(named rawName: String, attributes: [String: String], tags: [String: String],
                            context: CallContext) async throws -> QueueAddress {
        let fifo = try Self.isFIFO(attributes)
        let name = try QueueName(creating: rawName, fifo: fifo)
        let address = QueueAddress(account: context.account, region: context.region, name: name)
        try authorize("sqs:CreateQueue", resource: address.arn, policy: nil, context: context)
        // "To be able to tag a queue on creation, you must have the sqs:CreateQueue and
        // sqs:TagQueue permissions." (CreateQueue)
        if !tags.isEmpty { try authorize("sqs:TagQueue", resource: address.arn, policy: nil, context: context) }
        var configuration = QueueConfiguration(fifo: fifo)
        try configuration.apply(attributes, creating: true)
        try checkTags(tags, adding: [:], queue: name)
        if let existing = registry.read({ $0.queues[address] }) {
            context.notes.used(existing.auditResource)
            try Self.requireSameAttributes(attributes, as: existing.configuration)
            return address
        }
        // Taken before deciding, as a decision never waits: an id left unused (a queue created
        // meanwhile) is a gap, which queue ids may have.
        let id = try await store.nextQueueID()
        return try await registry.write { state throws(SQSError) in
            if let existing = state.queues[address] {
                context.notes.used(existing.auditResource)
                try Self.requireSameAttributes(attributes, as: existing.configuration)
                return (address, [])
            }
            if let deleted = state.deletions[address], now().timeIntervalSince(deleted) < Self.nameReuseDelay {
                throw SQSError(.queueDeletedRecently,
                               "You must wait 60 seconds after deleting a queue before you can create another with the same name.")
            }
            try self.checkRedrive(configuration, of: address, in: state)
            let created = now()
            let queue = Queue(id: id, address: address, configuration: configuration,
                              tags: tags, createdAt: created)
            context.notes.used(queue.auditResource)
            return (address, [.put(queue)])
        }
    }

    /// `FifoQueue` decides the kind of queue CreateQueue makes; anything but `true` or `false` is
    /// refused like any attribute value.
    static func isFIFO(_ attributes: [String: String]) throws(SQSError) -> Bool {
        guard let value = attributes["FifoQueue"] else { return false }
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default: throw SQSError.invalidAttributeValue("FifoQueue")
        }
    }

    /// "A queue already exists with the same name and a different value for attribute
    /// DelaySeconds" (recorded from AWS), naming the first differing attribute by name.
    static func requireSameAttributes(_ attributes: [String: String], as existing: QueueConfiguration) throws(SQSError) {
        for name in attributes.keys.sorted() {
            var candidate = existing
            // An attribute the existing queue cannot take differs from it too.
            let same = (try? candidate.apply([name: attributes[name]!], creating: true)) != nil && candidate == existing
            guard same else {
                throw SQSError(.queueNameExists, "A queue already exists with the same name and a different value for attribute \(name)")
            }
        }
    }

    /// DeleteQueue: the queue and everything in it.
    public func deleteQueue(url: String, context: CallContext) async throws {
        let queue = try authorizedQueue(url: url, for: "sqs:DeleteQueue", context: context)
        try await registry.write { state throws(SQSError) in
            guard let current = state.queues[queue.address], current.id == queue.id else { throw SQSError.nonExistentQueue }
            return ((), [.delete(current, at: now())])
        }
    }

    // MARK: Reading

    /// GetQueueUrl: the URL of a queue of the caller's account, or of `owner`'s.
    public func queueAddress(named name: String, owner: String?, context: CallContext) throws(SQSError) -> QueueAddress {
        var account = context.account
        if let owner {
            guard let given = AccountID(owner) else { throw SQSError.nonExistentQueue }
            account = given
        }
        let address = QueueAddress(account: account, region: context.region, name: QueueName(unchecked: name))
        return try authorizedQueue(address, for: "sqs:GetQueueUrl", context: context).address
    }

    /// ListQueues: the caller's queues in the region, by name, from `after` on.
    ///
    /// "ListQueues … returns a list of your queues in the current region. The response includes a
    /// maximum of 1,000 results." Paging is by the last name returned.
    public func listQueues(prefix: String?, after: String?, limit: Int, context: CallContext) throws(SQSError) -> (queues: [QueueAddress], more: Bool) {
        // ListQueues names no resource: IAM policies allow it with `"Resource": "*"`.
        try authorize("sqs:ListQueues", resource: "*", policy: nil, context: context)
        let account = context.account
        let region = context.region
        let names = registry.read { state in
            state.queues.keys.filter { $0.account == account && $0.region == region }.map(\.name.rawValue)
        }.filter { name in
            (prefix.map { name.hasPrefix($0) } ?? true) && (after.map { name > $0 } ?? true)
        }.sorted()
        let page = names.prefix(limit).map { QueueAddress(account: account, region: region, name: QueueName(unchecked: $0)) }
        return (page, names.count > limit)
    }

    /// The queue attributes GetQueueAttributes answers with for `names` (`All` for every one).
    public func attributes(url: String, names: [String], context: CallContext) async throws -> [String: String] {
        let queue = try authorizedQueue(url: url, for: "sqs:GetQueueAttributes", context: context)
        let now = now()
        let counts = try await messages.counts(
            queueID: queue.id, now: now,
            sentAfter: MessageRetention.cutoff(now: now, retentionPeriod: queue.configuration.messageRetentionPeriod))
        let reported = queue.reportedAttributes(counts: counts)
        if names.contains("All") { return reported }
        var answer: [String: String] = [:]
        for name in names {
            guard Queue.reportableNames.contains(name) else { throw SQSError.unknownAttribute(name) }
            if let value = reported[name] { answer[name] = value }
        }
        return answer
    }

    // MARK: Changing

    /// SetQueueAttributes.
    public func setAttributes(url: String, _ attributes: [String: String], context: CallContext) async throws {
        let queue = try authorizedQueue(url: url, for: "sqs:SetQueueAttributes", context: context)
        try await registry.write { state throws(SQSError) in
            guard var current = state.queues[queue.address], current.id == queue.id else { throw SQSError.nonExistentQueue }
            try current.configuration.apply(attributes, creating: false)
            // A redrive policy is checked when it is set: one set earlier stays, whatever became
            // of its target since.
            if attributes["RedrivePolicy"].map({ !$0.isEmpty }) == true {
                try self.checkRedrive(current.configuration, of: current.address, in: state)
            }
            current.lastModifiedAt = now()
            return ((), [.put(current)])
        }
    }

    /// A redrive policy names an existing queue of the same account, region and kind that allows
    /// this queue as a source: "The dead-letter queue of a FIFO queue must also be a FIFO queue.
    /// Similarly, the dead-letter queue of a standard queue must also be a standard queue."
    /// (CreateQueue, Attributes) "Dead letter target does not exist." follows AWS's wording; the
    /// other two reasons are Arca's (not recorded from AWS).
    func checkRedrive(_ configuration: QueueConfiguration, of address: QueueAddress, in state: QueueRegistryState) throws(SQSError) {
        guard let redrive = configuration.redrivePolicy else { return }
        func refuse(_ reason: String) -> SQSError {
            SQSError.invalidParameterValue(redrive.json, parameter: "RedrivePolicy", reason: reason)
        }
        guard let target = QueueAddress(arn: redrive.deadLetterTargetARN), target.account == address.account,
              target.region == address.region, let queue = state.queues[target] else {
            throw refuse("Dead letter target does not exist.")
        }
        guard queue.configuration.isFIFO == configuration.isFIFO else {
            throw refuse("Dead-letter target must be of the same type as the source queue.")
        }
        if let allow = queue.configuration.redriveAllowPolicy, !allow.allows(source: address.arn) {
            throw refuse("Dead-letter target does not allow this queue as a source.")
        }
    }

    /// AddPermission: a statement of the queue policy for `label` (``QueuePermissions``).
    public func addPermission(url: String, label: String, accounts: [String], actions: [String],
                              context: CallContext) async throws {
        let queue = try authorizedQueue(url: url, for: "sqs:AddPermission", context: context)
        try await registry.write { state throws(SQSError) in
            guard var current = state.queues[queue.address], current.id == queue.id else { throw SQSError.nonExistentQueue }
            current.configuration.policy = try QueuePermissions.adding(
                label: label, accounts: accounts, actions: actions, to: current.configuration.policy,
                queueARN: current.arn, operationNames: SQSServiceModel.operationNames)
            current.lastModifiedAt = now()
            return ((), [.put(current)])
        }
    }

    /// RemovePermission: the statement AddPermission made for `label`.
    public func removePermission(url: String, label: String, context: CallContext) async throws {
        let queue = try authorizedQueue(url: url, for: "sqs:RemovePermission", context: context)
        try await registry.write { state throws(SQSError) in
            guard var current = state.queues[queue.address], current.id == queue.id else { throw SQSError.nonExistentQueue }
            current.configuration.policy = try QueuePermissions.removing(label: label, from: current.configuration.policy,
                                                                         queueARN: current.arn)
            current.lastModifiedAt = now()
            return ((), [.put(current)])
        }
    }

    /// ListDeadLetterSourceQueues: the queues of the dead-letter queue's account and region whose
    /// redrive policy names it, by name, from `after` on.
    public func deadLetterSources(url: String, after: String?, limit: Int,
                                  context: CallContext) throws(SQSError) -> (queues: [QueueAddress], more: Bool) {
        let target = try authorizedQueue(url: url, for: "sqs:ListDeadLetterSourceQueues", context: context)
        let arn = target.arn
        // "Returns a list of your queues": the caller's own.
        let account = context.account
        let sources = registry.read { state in
            state.queues.values.filter { $0.configuration.redrivePolicy?.deadLetterTargetARN == arn && $0.address.account == account }
                .map(\.address)
        }.filter { source in after.map { source.name.rawValue > $0 } ?? true }
            .sorted { $0.name.rawValue < $1.name.rawValue }
        return (Array(sources.prefix(limit)), sources.count > limit)
    }

    /// TagQueue. "You can associate as many as 50 tags with a queue." (TagQueue)
    public func tagQueue(url: String, tags: [String: String], context: CallContext) async throws {
        let queue = try authorizedQueue(url: url, for: "sqs:TagQueue", context: context)
        try await registry.write { state throws(SQSError) in
            guard var current = state.queues[queue.address], current.id == queue.id else { throw SQSError.nonExistentQueue }
            try self.checkTags(tags, adding: current.tags, queue: current.address.name)
            current.tags.merge(tags) { _, new in new }
            return ((), [.put(current)])
        }
    }

    /// UntagQueue: keys the queue does not have are ignored.
    public func untagQueue(url: String, keys: [String], context: CallContext) async throws {
        let queue = try authorizedQueue(url: url, for: "sqs:UntagQueue", context: context)
        try await registry.write { state throws(SQSError) in
            guard var current = state.queues[queue.address], current.id == queue.id else { throw SQSError.nonExistentQueue }
            for key in keys { current.tags[key] = nil }
            return ((), current == state.queues[queue.address] ? [] : [.put(current)])
        }
    }

    public func tags(url: String, context: CallContext) throws(SQSError) -> [String: String] {
        try authorizedQueue(url: url, for: "sqs:ListQueueTags", context: context).tags
    }

    /// "You can associate as many as 50 tags with a queue." (TagQueue) Keys are 1 to 128
    /// characters and values at most 256 (Amazon SQS cost allocation tags). The messages are
    /// worded after AWS's, not recorded from it.
    func checkTags(_ tags: [String: String], adding existing: [String: String], queue: QueueName) throws(SQSError) {
        for key in tags.keys.sorted() where key.isEmpty || key.count > 128 || tags[key]!.count > 256 {
            throw SQSError.invalidParameterValue(key, parameter: "Tag", reason: "Tag keys are 1 to 128 characters and values at most 256.")
        }
        if existing.merging(tags, uniquingKeysWith: { _, new in new }).count > 50 {
            throw SQSError(.invalidParameterValue, "Too many tags added for queue \(queue.rawValue).")
        }
    }
}

extension Queue {
    /// How CloudTrail names a queue among a call's resources.
    var auditResource: CallResource {
        CallResource(arn: arn, accountID: address.account.rawValue, type: "AWS::SQS::Queue")
    }

    /// Every attribute GetQueueAttributes may be asked for, settable or reported.
    static let reportableNames: Set<String> = QueueConfiguration.settableNames.union([
        "QueueArn", "CreatedTimestamp", "LastModifiedTimestamp", "ApproximateNumberOfMessages",
        "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed",
    ])

    /// The queue's attributes as GetQueueAttributes reports them: its configuration, ARN and
    /// times (epoch seconds), and the message counts.
    func reportedAttributes(counts: MessageCounts) -> [String: String] {
        var attributes = configuration.reported
        attributes["QueueArn"] = arn
        attributes["CreatedTimestamp"] = String(Int64(createdAt.timeIntervalSince1970))
        attributes["LastModifiedTimestamp"] = String(Int64(lastModifiedAt.timeIntervalSince1970))
        attributes["ApproximateNumberOfMessages"] = String(counts.visible)
        attributes["ApproximateNumberOfMessagesNotVisible"] = String(counts.notVisible)
        attributes["ApproximateNumberOfMessagesDelayed"] = String(counts.delayed)
        return attributes
    }
}
