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
    ])
}

extension SQLSequence {
    static let snsTopicIDs = SQLSequence("sns_topic_ids")
}
