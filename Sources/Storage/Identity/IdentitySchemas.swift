import SQLKit

extension SQLSchema {
    /// Role sessions STS issued.
    public static let sessions = SQLSchema(domain: "sessions", migrations: [
        SQLMigration(name: "0003_sts_sessions", statements: [
            """
            CREATE TABLE sts_sessions (
                access_key_id TEXT PRIMARY KEY,
                expiration DOUBLE PRECISION NOT NULL,
                record TEXT NOT NULL
            )
            """,
        ]),
    ])

    /// What the IAM API creates: users, access keys, roles, groups and managed policies.
    public static let iam = SQLSchema(domain: "iam", migrations: [
        SQLMigration(name: "0004_iam_users_access_keys", statements: [
            """
            CREATE TABLE iam_users (
                arn TEXT PRIMARY KEY,
                record TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE iam_access_keys (
                access_key_id TEXT PRIMARY KEY,
                user_arn TEXT NOT NULL,
                record TEXT NOT NULL
            )
            """,
        ]),
        SQLMigration(name: "0005_iam_roles", statements: [
            """
            CREATE TABLE iam_roles (
                arn TEXT PRIMARY KEY,
                record TEXT NOT NULL
            )
            """,
        ]),
        SQLMigration(name: "0006_iam_groups_policies", statements: [
            """
            CREATE TABLE iam_groups (
                arn TEXT PRIMARY KEY,
                record TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE iam_policies (
                arn TEXT PRIMARY KEY,
                record TEXT NOT NULL
            )
            """,
        ]),
    ])
}
