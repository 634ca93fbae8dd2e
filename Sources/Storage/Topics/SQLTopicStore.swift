import Foundation
import Identity
import SQLKit
import Topics

/// SNS topics over any SQL engine. A topic's configuration is kept as the attribute map the API
/// speaks, so the row format follows the API and not Arca's types.
public final class SQLTopicStore: TopicStore {
    private let engine: any SQLEngine

    public init(database engine: any SQLEngine) {
        self.engine = engine
    }

    /// The `record` column.
    struct Record: Codable {
        var attributes: [String: String]
        var tags: [String: String]
        var dataProtectionPolicy: String?
        var createdAt: Double
    }

    /// The `record` column of a subscription.
    struct SubscriptionRecord: Codable {
        var topicARN: String
        var owner: String
        var principalARN: String
        var deliveryProtocol: String
        var endpoint: String
        var attributes: [String: String]
        var confirmationToken: String?
        var isConfirmed: Bool?
        var confirmationWasAuthenticated: Bool?
        var authenticateOnUnsubscribe: Bool?
        var createdAt: Double
    }

    public func load() async throws -> TopicSnapshot {
        let (rows, subscriptionRows, smsRows) = try await engine.read { database in
            (try await database.raw("SELECT topic_id, account, region, name, record FROM sns_topics ORDER BY topic_id").all(),
             try await database.raw("SELECT subscription_arn, topic_id, record FROM sns_subscriptions ORDER BY subscription_arn").all(),
             try await database.raw("SELECT account, region, record FROM sns_sms_settings").all())
        }
        let (applicationRows, endpointRows) = try await engine.read { database in
            (try await database.raw("SELECT record FROM sns_platform_applications").all(),
             try await database.raw("SELECT record FROM sns_platform_endpoints").all())
        }
        let decoder = JSONDecoder()
        var snapshot = TopicSnapshot()
        for row in rows {
            let accountText = try row.decode(column: "account", as: String.self)
            guard let account = AccountID(accountText) else { throw StorageError("a stored topic has the account \(accountText)") }
            let address = TopicAddress(account: account, region: try row.decode(column: "region", as: String.self),
                                       name: TopicName(unchecked: try row.decode(column: "name", as: String.self)))
            let record = try decoder.decode(Record.self, from: Data(try row.decode(column: "record", as: String.self).utf8))
            // Attributes were checked when they were set: loaded as they are, so a rule made
            // stricter later never keeps a stored topic from loading.
            snapshot.topics.append(SNSTopic(
                id: try row.decode(column: "topic_id", as: Int64.self), address: address,
                configuration: TopicConfiguration(stored: record.attributes), tags: record.tags,
                dataProtectionPolicy: record.dataProtectionPolicy, createdAt: Date(timeIntervalSince1970: record.createdAt)))
        }
        for row in subscriptionRows {
            snapshot.subscriptions.append(try Self.subscription(row, decoder: decoder))
        }
        let restorableRows = try await engine.read { database in
            try await database.raw("SELECT token, until_at, subscription_arn, topic_id, record FROM sns_restorable_subscriptions").all()
        }
        let deduplicationRows = try await engine.read { database in
            try await database.raw("""
                SELECT topic_id, deduplication_id, message_id, sequence_number, until_at FROM sns_fifo_deduplication
                """).all()
        }
        for row in deduplicationRows {
            snapshot.deduplications.append(TopicDeduplication(
                topicID: try row.decode(column: "topic_id", as: Int64.self),
                deduplicationID: try row.decode(column: "deduplication_id", as: String.self),
                messageID: try row.decode(column: "message_id", as: String.self),
                sequenceNumber: try row.decode(column: "sequence_number", as: String?.self),
                until: Date(timeIntervalSince1970: try row.decode(column: "until_at", as: Double.self))))
        }
        for row in restorableRows {
            snapshot.restorable[try row.decode(column: "token", as: String.self)] = RestorableSubscription(
                subscription: try Self.subscription(row, decoder: decoder),
                until: Date(timeIntervalSince1970: try row.decode(column: "until_at", as: Double.self)))
        }
        for row in smsRows {
            let accountText = try row.decode(column: "account", as: String.self)
            guard let account = AccountID(accountText) else { throw StorageError("stored SMS settings have the account \(accountText)") }
            let scope = SMSScope(account: account, region: try row.decode(column: "region", as: String.self))
            snapshot.smsSettings[scope] = try decoder.decode(SMSSettings.self, from: Data(try row.decode(column: "record", as: String.self).utf8))
        }
        snapshot.applications = try applicationRows.map {
            try decoder.decode(MobileApplication.self, from: Data(try $0.decode(column: "record", as: String.self).utf8))
        }
        snapshot.endpoints = try endpointRows.map {
            try decoder.decode(MobileEndpoint.self, from: Data(try $0.decode(column: "record", as: String.self).utf8))
        }
        return snapshot
    }

    /// A subscription from its row's `subscription_arn`, `topic_id` and `record`.
    static func subscription(_ row: any SQLRow, decoder: JSONDecoder) throws -> TopicSubscription {
        let arn = try row.decode(column: "subscription_arn", as: String.self)
        let record = try decoder.decode(SubscriptionRecord.self, from: Data(try row.decode(column: "record", as: String.self).utf8))
        guard let owner = AccountID(record.owner), let deliveryProtocol = DeliveryProtocol(rawValue: record.deliveryProtocol) else {
            throw StorageError("the stored subscription \(arn) is not valid")
        }
        return TopicSubscription(
            arn: arn, topicID: try row.decode(column: "topic_id", as: Int64.self), topicARN: record.topicARN, owner: owner,
            principalARN: record.principalARN, deliveryProtocol: deliveryProtocol, endpoint: record.endpoint,
            attributes: record.attributes, confirmationToken: record.confirmationToken,
            isConfirmed: record.isConfirmed ?? (record.confirmationToken == nil),
            confirmationWasAuthenticated: record.confirmationWasAuthenticated ?? true,
            authenticateOnUnsubscribe: record.authenticateOnUnsubscribe ?? false,
            createdAt: Date(timeIntervalSince1970: record.createdAt))
    }

    /// A subscription's `record` column.
    static func record(of subscription: TopicSubscription) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let record = SubscriptionRecord(
            topicARN: subscription.topicARN, owner: subscription.owner.rawValue, principalARN: subscription.principalARN,
            deliveryProtocol: subscription.deliveryProtocol.rawValue, endpoint: subscription.endpoint,
            attributes: subscription.attributes, confirmationToken: subscription.confirmationToken,
            isConfirmed: subscription.isConfirmed, confirmationWasAuthenticated: subscription.confirmationWasAuthenticated,
            authenticateOnUnsubscribe: subscription.authenticateOnUnsubscribe,
            createdAt: subscription.createdAt.timeIntervalSince1970)
        return String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    public func apply(_ changes: [TopicChange]) async throws {
        try await engine.transaction { database in
            for change in changes { try await Self.apply(change, on: database) }
        }
    }

    private static func apply(_ change: TopicChange, on database: any SQLDatabase) async throws {
        switch change {
        case .put(let topic):
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let record = Record(attributes: topic.configuration.values, tags: topic.tags,
                                dataProtectionPolicy: topic.dataProtectionPolicy, createdAt: topic.createdAt.timeIntervalSince1970)
            let text = String(decoding: try encoder.encode(record), as: UTF8.self)
            let address = topic.address
            try await database.raw("""
                INSERT INTO sns_topics (topic_id, account, region, name, record)
                VALUES (\(bind: topic.id), \(bind: address.account.rawValue), \(bind: address.region),
                        \(bind: address.name.rawValue), \(bind: text))
                ON CONFLICT (topic_id) DO UPDATE SET record = excluded.record
                """).run()
        case .delete(let topic):
            try await database.raw("DELETE FROM sns_topics WHERE topic_id = \(bind: topic.id)").run()
            try await database.raw("DELETE FROM sns_subscriptions WHERE topic_id = \(bind: topic.id)").run()
            try await database.raw("DELETE FROM sns_restorable_subscriptions WHERE topic_id = \(bind: topic.id)").run()
            try await database.raw("DELETE FROM sns_fifo_deduplication WHERE topic_id = \(bind: topic.id)").run()
        case .putSubscription(let subscription):
            let text = try Self.record(of: subscription)
            try await database.raw("""
                INSERT INTO sns_subscriptions (subscription_arn, topic_id, record)
                VALUES (\(bind: subscription.arn), \(bind: subscription.topicID), \(bind: text))
                ON CONFLICT (subscription_arn) DO UPDATE SET record = excluded.record
                """).run()
        case .deleteSubscription(let subscription):
            try await database.raw("DELETE FROM sns_subscriptions WHERE subscription_arn = \(bind: subscription.arn)").run()
        case .putSMSSettings(let scope, let settings):
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let text = String(decoding: try encoder.encode(settings), as: UTF8.self)
            try await database.raw("""
                INSERT INTO sns_sms_settings (account, region, record)
                VALUES (\(bind: scope.account.rawValue), \(bind: scope.region), \(bind: text))
                ON CONFLICT (account, region) DO UPDATE SET record = excluded.record
                """).run()
        case .putApplication(let application):
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try await database.raw("""
                INSERT INTO sns_platform_applications (application_arn, record)
                VALUES (\(bind: application.arn), \(bind: String(decoding: try encoder.encode(application), as: UTF8.self)))
                ON CONFLICT (application_arn) DO UPDATE SET record = excluded.record
                """).run()
        case .deleteApplication(let arn):
            try await database.raw("DELETE FROM sns_platform_applications WHERE application_arn = \(bind: arn)").run()
            try await database.raw("DELETE FROM sns_platform_endpoints WHERE application_arn = \(bind: arn)").run()
        case .putEndpoint(let endpoint):
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try await database.raw("""
                INSERT INTO sns_platform_endpoints (endpoint_arn, application_arn, record)
                VALUES (\(bind: endpoint.arn), \(bind: endpoint.applicationARN),
                        \(bind: String(decoding: try encoder.encode(endpoint), as: UTF8.self)))
                ON CONFLICT (endpoint_arn) DO UPDATE SET record = excluded.record
                """).run()
        case .deleteEndpoint(let arn):
            try await database.raw("DELETE FROM sns_platform_endpoints WHERE endpoint_arn = \(bind: arn)").run()
        case .putRestorable(let subscription, let token, let until):
            try await database.raw("""
                INSERT INTO sns_restorable_subscriptions (token, until_at, subscription_arn, topic_id, record)
                VALUES (\(bind: token), \(bind: until.timeIntervalSince1970), \(bind: subscription.arn), \(bind: subscription.topicID),
                        \(bind: try Self.record(of: subscription)))
                ON CONFLICT (token) DO UPDATE SET until_at = excluded.until_at, record = excluded.record
                """).run()
        case .removeRestorable(let token):
            try await database.raw("DELETE FROM sns_restorable_subscriptions WHERE token = \(bind: token)").run()
        }
    }

    public func remember(_ entry: TopicDeduplication) async throws {
        try await engine.transaction { database in
            // Those whose interval ended by the time this one began go, so the table holds five minutes.
            let began = entry.until.timeIntervalSince1970 - TopicDeduplication.interval
            try await database.raw("DELETE FROM sns_fifo_deduplication WHERE until_at <= \(bind: began)").run()
            try await database.raw("""
                INSERT INTO sns_fifo_deduplication (topic_id, deduplication_id, message_id, sequence_number, until_at)
                VALUES (\(bind: entry.topicID), \(bind: entry.deduplicationID), \(bind: entry.messageID),
                        \(bind: entry.sequenceNumber), \(bind: entry.until.timeIntervalSince1970))
                ON CONFLICT (topic_id, deduplication_id) DO UPDATE SET message_id = excluded.message_id,
                    sequence_number = excluded.sequence_number, until_at = excluded.until_at
                """).run()
        }
    }

    public func nextTopicID() async throws -> Int64 {
        try await engine.transaction { database in
            try await engine.nextValue(of: .snsTopicIDs, on: database)
        }
    }
}
