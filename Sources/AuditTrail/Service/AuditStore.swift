import Foundation

/// Durable storage of audit records, implemented by the `Storage` module: the index LookupEvents
/// queries and the staging the log files are sealed from. Records reach it from the journal
/// (``AuditJournal``).
public protocol AuditStore: Sendable {
    /// Stores `entries`, numbered in order after every stored record, and notes that the store
    /// holds the journal up to `position`: both in one transaction, or neither.
    func append(_ entries: [AuditEntry], through position: AuditJournal.Position) async throws
    /// How far the store holds the journal; nil before the first ``append(_:through:)``.
    func journalPosition() async throws -> AuditJournal.Position?
    /// Records matching a query, newest first, at most `limit`, after the `after` position.
    func lookup(_ query: AuditQuery) async throws -> [StoredAuditRecord]
    /// Records not yet written to a log file, oldest first: what a log file needs of them.
    func unsealed(limit: Int) async throws -> [UnsealedAuditRecord]
    /// Marks records as written to log files, and notes those files for the next digest.
    func markSealed(_ sequences: [Int64], files: [AuditLogFileEntry]) async throws
    /// Log files no digest lists yet, oldest first.
    func undigestedFiles() async throws -> [AuditLogFileEntry]
    /// The newest digest of an account and region.
    func lastDigest(account: String, region: String) async throws -> AuditDigestEntry?
    /// Notes a digest and the log files it lists.
    func recordDigest(_ digest: AuditDigestEntry, listing files: [String]) async throws
}

/// A record as stored: its position, and the entry the journal held (its fields read through).
@dynamicMemberLookup
public struct StoredAuditRecord: Sendable, Equatable {
    public var sequence: Int64
    public var entry: AuditEntry

    /// An entry as stored at `sequence`.
    public init(sequence: Int64, _ entry: AuditEntry) {
        self.sequence = sequence
        self.entry = entry
    }

    public subscript<Value>(dynamicMember field: KeyPath<AuditEntry, Value>) -> Value { entry[keyPath: field] }
}

/// A stored record still to be sealed into a log file: its position, where it belongs and its JSON.
public struct UnsealedAuditRecord: Sendable, Equatable {
    public var sequence: Int64
    public var eventID: String
    public var eventTime: Date
    public var account: String
    public var region: String
    public var json: String

    public init(sequence: Int64, eventID: String, eventTime: Date, account: String, region: String, json: String) {
        self.sequence = sequence
        self.eventID = eventID
        self.eventTime = eventTime
        self.account = account
        self.region = region
        self.json = json
    }
}

/// What LookupEvents asks for: one account and region, a time range, at most one attribute.
public struct AuditQuery: Sendable, Equatable {
    public enum Attribute: Sendable, Equatable {
        case eventID(String), eventName(String), readOnly(Bool), userName(String), resourceType(String)
        case resourceName(String), eventSource(String), accessKeyID(String)
    }

    public var account: String
    public var region: String
    public var startTime: Date?
    public var endTime: Date?
    public var attribute: Attribute?
    public var limit: Int
    /// Continue after this (event time, sequence) position.
    public var after: (time: Date, sequence: Int64)?

    public init(account: String, region: String, startTime: Date? = nil, endTime: Date? = nil, attribute: Attribute? = nil,
                limit: Int, after: (time: Date, sequence: Int64)? = nil) {
        self.account = account
        self.region = region
        self.startTime = startTime
        self.endTime = endTime
        self.attribute = attribute
        self.limit = limit
        self.after = after
    }

    public static func == (lhs: AuditQuery, rhs: AuditQuery) -> Bool {
        lhs.account == rhs.account && lhs.region == rhs.region && lhs.startTime == rhs.startTime
            && lhs.endTime == rhs.endTime && lhs.attribute == rhs.attribute && lhs.limit == rhs.limit
            && lhs.after?.time == rhs.after?.time && lhs.after?.sequence == rhs.after?.sequence
    }
}
