import SQLKit

extension SQLSchema {
    /// SNS topics, a row per topic under an id never reused, and their subscriptions.
    public static let topics = SQLSchema(domain: "topics", migrations: [
        SQLMigration(name: "0016_sns_topics", steps: [
            .sql("""
                CREATE TABLE sns_topics (
                    topic_id BIGINT PRIMARY KEY,
                    account TEXT NOT NULL,
                    region TEXT NOT NULL,
                    name TEXT NOT NULL,
                    record TEXT NOT NULL,
                    UNIQUE (account, region, name)
                )
                """),
            .createSequence(.snsTopicIDs, after: "topic_id", in: "sns_topics"),
            // Subscriptions: a row each, by ARN, under its topic's id.
            .sql("""
                CREATE TABLE sns_subscriptions (
                    subscription_arn TEXT PRIMARY KEY,
                    topic_id BIGINT NOT NULL,
                    record TEXT NOT NULL
                )
                """),
            .sql("CREATE INDEX sns_subscriptions_topic ON sns_subscriptions (topic_id)"),
        ]),
        // Outbound HTTP/S deliveries, durable until delivered or given up, by when they are due.
        SQLMigration(name: "0017_sns_deliveries", steps: [
            .sql("""
                CREATE TABLE sns_deliveries (
                    delivery_id BIGINT PRIMARY KEY,
                    subscription_arn TEXT NOT NULL,
                    due_at DOUBLE PRECISION NOT NULL,
                    attempts INTEGER NOT NULL,
                    record TEXT NOT NULL,
                    payload TEXT NOT NULL
                )
                """),
            .sql("CREATE INDEX sns_deliveries_due ON sns_deliveries (due_at, delivery_id)"),
            .createSequence(.snsDeliveryIDs, after: "delivery_id", in: "sns_deliveries"),
        ]),
        // The local inbox: what SNS delivered to email addresses and phone numbers, sealed.
        SQLMigration(name: "0018_sns_inbox", steps: [
            .sql("""
                CREATE TABLE sns_inbox (
                    message_seq BIGINT PRIMARY KEY,
                    endpoint TEXT NOT NULL,
                    record TEXT NOT NULL,
                    payload TEXT NOT NULL
                )
                """),
            .sql("CREATE INDEX sns_inbox_endpoint ON sns_inbox (endpoint, message_seq)"),
            .createSequence(.snsInboxSequence, after: "message_seq", in: "sns_inbox"),
        ]),
        // SMS settings per account and region: attributes and sandbox numbers.
        SQLMigration(name: "0019_sns_sms_settings", steps: [
            .sql("""
                CREATE TABLE sns_sms_settings (
                    account TEXT NOT NULL,
                    region TEXT NOT NULL,
                    record TEXT NOT NULL,
                    PRIMARY KEY (account, region)
                )
                """),
        ]),
        // Platform applications and their endpoints (mobile push), by ARN.
        SQLMigration(name: "0020_sns_platform_applications", steps: [
            .sql("CREATE TABLE sns_platform_applications (application_arn TEXT PRIMARY KEY, record TEXT NOT NULL)"),
            .sql("""
                CREATE TABLE sns_platform_endpoints (
                    endpoint_arn TEXT PRIMARY KEY,
                    application_arn TEXT NOT NULL,
                    record TEXT NOT NULL
                )
                """),
        ]),
        // Unsubscribed HTTP/S subscriptions their UnsubscribeConfirmation can restore, by token.
        SQLMigration(name: "0021_sns_restorable_subscriptions", steps: [
            .sql("""
                CREATE TABLE sns_restorable_subscriptions (
                    token TEXT PRIMARY KEY,
                    until_at DOUBLE PRECISION NOT NULL,
                    subscription_arn TEXT NOT NULL,
                    topic_id BIGINT NOT NULL,
                    record TEXT NOT NULL
                )
                """),
        ]),
        // FIFO topics' deduplication ids of the last five minutes, with their first Publish's answer.
        SQLMigration(name: "0022_sns_fifo_deduplication", steps: [
            .sql("""
                CREATE TABLE sns_fifo_deduplication (
                    topic_id BIGINT NOT NULL,
                    deduplication_id TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    sequence_number TEXT,
                    until_at DOUBLE PRECISION NOT NULL,
                    PRIMARY KEY (topic_id, deduplication_id)
                )
                """),
            .sql("CREATE INDEX sns_fifo_deduplication_until ON sns_fifo_deduplication (until_at)"),
        ]),
    ])
}

extension SQLSequence {
    static let snsTopicIDs = SQLSequence("sns_topic_ids")
    static let snsDeliveryIDs = SQLSequence("sns_delivery_ids")
    static let snsInboxSequence = SQLSequence("sns_inbox_sequence")
}
