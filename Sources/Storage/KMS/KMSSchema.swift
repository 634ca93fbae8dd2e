import SQLKit

extension SQLSchema {
    /// Keys, their wrapped backing keys, aliases and grants.
    public static let kms = SQLSchema(domain: "kms", migrations: [
        SQLMigration(name: "0001_kms_keys_aliases", statements: [
            """
            CREATE TABLE kms_keys (
                key_id TEXT PRIMARY KEY,
                account TEXT NOT NULL,
                region TEXT NOT NULL,
                created_seq BIGINT NOT NULL,
                record TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE kms_key_materials (
                key_id TEXT NOT NULL,
                version BIGINT NOT NULL,
                wrapped TEXT NOT NULL,
                PRIMARY KEY (key_id, version)
            )
            """,
            """
            CREATE TABLE kms_aliases (
                account TEXT NOT NULL,
                region TEXT NOT NULL,
                name TEXT NOT NULL,
                target_key_id TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL,
                updated_at DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (account, region, name)
            )
            """,
        ]),
        SQLMigration(name: "0002_kms_grants", statements: [
            """
            CREATE TABLE kms_grants (
                grant_id TEXT PRIMARY KEY,
                key_id TEXT NOT NULL,
                created_seq BIGINT NOT NULL,
                record TEXT NOT NULL
            )
            """,
        ]),
        // Creation order came from MAX(created_seq) + 1, which two nodes inserting at once would
        // both compute alike; sequences continue from where that numbering stopped.
        SQLMigration(name: "0009_kms_creation_order_sequences", steps: [
            .createSequence(.kmsKeyOrder, after: "created_seq", in: "kms_keys"),
            .createSequence(.kmsGrantOrder, after: "created_seq", in: "kms_grants"),
        ]),
    ])
}

extension SQLSequence {
    /// The creation order of keys (`kms_keys.created_seq`).
    static let kmsKeyOrder = SQLSequence("kms_key_order")
    /// The creation order of grants (`kms_grants.created_seq`).
    static let kmsGrantOrder = SQLSequence("kms_grant_order")
}
