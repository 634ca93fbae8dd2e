@testable import Storage
import Testing

/// Migration names are what databases record: they stay unique and, once shipped, unchanged.
@Suite struct SQLSchemaTests {
    /// Every name a shipped `arca` may have recorded. A database that recorded one must find it
    /// again, or it would run that migration a second time and fail on an existing table.
    static let shipped = [
        "0001_kms_keys_aliases", "0002_kms_grants", "0003_sts_sessions", "0004_iam_users_access_keys", "0005_iam_roles",
        "0006_iam_groups_policies", "0007_audit_events", "0008_audit_digests", "0009_kms_creation_order_sequences",
        "0010_audit_event_sequence", "0011_audit_journal_position", "0012_audit_seal_position",
    ]

    @Test func migrationNamesAreUniqueAcrossDomains() {
        let names = SQLSchema.all.flatMap(\.migrations).map(\.name)
        #expect(Set(names).count == names.count)
        #expect(Set(SQLSchema.all.map(\.domain)).count == SQLSchema.all.count)
    }

    @Test func everyShippedMigrationKeepsItsName() {
        let names = Set(SQLSchema.all.flatMap(\.migrations).map(\.name))
        for name in Self.shipped {
            #expect(names.contains(name), "\(name) was shipped: it must stay, under the same name")
        }
    }
}
