import SQLKit

extension SQLSchema {
    /// SQS queues: a row per queue under an id never reused, and the names deleted in the last
    /// minute, which are not yet reusable.
    public static let queues = SQLSchema(domain: "queues", migrations: [
        SQLMigration(name: "0013_sqs_queues", steps: [
            .sql("""
                CREATE TABLE sqs_queues (
                    queue_id BIGINT PRIMARY KEY,
                    account TEXT NOT NULL,
                    region TEXT NOT NULL,
                    name TEXT NOT NULL,
                    record TEXT NOT NULL,
                    UNIQUE (account, region, name)
                )
                """),
            .sql("""
                CREATE TABLE sqs_queue_deletions (
                    account TEXT NOT NULL,
                    region TEXT NOT NULL,
                    name TEXT NOT NULL,
                    deleted_at DOUBLE PRECISION NOT NULL,
                    PRIMARY KEY (account, region, name)
                )
                """),
            .createSequence(.sqsQueueIDs, after: "queue_id", in: "sqs_queues"),
        ]),
    ])
}

extension SQLSequence {
    /// Queue ids: a queue created again under a deleted one's name gets a new id.
    static let sqsQueueIDs = SQLSequence("sqs_queue_ids")
}
