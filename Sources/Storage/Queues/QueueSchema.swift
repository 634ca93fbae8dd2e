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
        // Messages: a row each, under a sequence that orders its queue; indexed for "visible
        // now" and, on FIFO queues, by group. Deduplication ids of the last five minutes.
        SQLMigration(name: "0014_sqs_messages", steps: [
            .sql("""
                CREATE TABLE sqs_messages (
                    seq BIGINT PRIMARY KEY,
                    queue_id BIGINT NOT NULL,
                    message_id TEXT NOT NULL,
                    sent_at DOUBLE PRECISION NOT NULL,
                    visible_at DOUBLE PRECISION NOT NULL,
                    receive_count INTEGER NOT NULL,
                    first_received_at DOUBLE PRECISION,
                    received_at DOUBLE PRECISION,
                    receipt TEXT,
                    sender_id TEXT NOT NULL,
                    group_id TEXT,
                    deduplication_id TEXT,
                    trace_header TEXT,
                    dead_letter_source TEXT,
                    payload TEXT NOT NULL
                )
                """),
            .sql("CREATE INDEX sqs_messages_visible ON sqs_messages (queue_id, visible_at)"),
            .sql("CREATE INDEX sqs_messages_groups ON sqs_messages (queue_id, group_id, seq)"),
            .sql("""
                CREATE TABLE sqs_message_deduplication (
                    queue_id BIGINT NOT NULL,
                    scope TEXT NOT NULL,
                    deduplication_id TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    seq BIGINT NOT NULL,
                    expires_at DOUBLE PRECISION NOT NULL,
                    PRIMARY KEY (queue_id, scope, deduplication_id)
                )
                """),
            .createSequence(.sqsMessageSequence, after: "seq", in: "sqs_messages"),
        ]),
        // Message move tasks, kept for 14 days as ListMessageMoveTasks answers them.
        SQLMigration(name: "0015_sqs_message_move_tasks", steps: [
            .sql("""
                CREATE TABLE sqs_message_move_tasks (
                    task_id TEXT PRIMARY KEY,
                    source_arn TEXT NOT NULL,
                    started_at DOUBLE PRECISION NOT NULL,
                    record TEXT NOT NULL
                )
                """),
        ]),
        // FIFO receives by ReceiveRequestAttemptId (a digest of queue, caller and id) for five
        // minutes: the messages they took and digests of the receipts those got.
        SQLMigration(name: "0023_sqs_receive_attempts", steps: [
            .sql("""
                CREATE TABLE sqs_receive_attempts (
                    attempt_key TEXT PRIMARY KEY,
                    sequences TEXT NOT NULL,
                    receipt_digests TEXT NOT NULL,
                    expires_at DOUBLE PRECISION NOT NULL
                )
                """),
            .sql("CREATE INDEX sqs_receive_attempts_expiry ON sqs_receive_attempts (expires_at)"),
        ]),
    ])
}

extension SQLSequence {
    /// Queue ids: a queue created again under a deleted one's name gets a new id.
    static let sqsQueueIDs = SQLSequence("sqs_queue_ids")
    /// Message sequences: the order of every queue, FIFO order included.
    static let sqsMessageSequence = SQLSequence("sqs_message_seq")
}
