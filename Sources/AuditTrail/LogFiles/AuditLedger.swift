import Foundation

/// What the database knows of the sealed trail: the digests written, the log files sealed (and
/// the digest that lists each), and the records sealed into log files.
///
/// The files alone cannot show what is missing at the end of a chain — a deleted audit directory,
/// or the newest digest removed with its log files, leaves a shorter chain that is still valid.
/// The ledger can: everything it names must be on disk, unchanged.
public struct AuditLedger: Sendable, Equatable {
    public struct Digest: Sendable, Equatable {
        public var path: String
        public var hash: String

        public init(path: String, hash: String) {
            self.path = path
            self.hash = hash
        }
    }

    public struct LogFile: Sendable, Equatable {
        public var path: String
        public var hash: String
        /// The digest that lists the file; nil until the next digest is written.
        public var digestPath: String?

        public init(path: String, hash: String, digestPath: String?) {
            self.path = path
            self.hash = hash
            self.digestPath = digestPath
        }
    }

    public struct SealedRecord: Sendable, Equatable {
        public var account: String
        public var region: String
        public var eventID: String
        public var eventTime: Date

        public init(account: String, region: String, eventID: String, eventTime: Date) {
            self.account = account
            self.region = region
            self.eventID = eventID
            self.eventTime = eventTime
        }
    }

    public var digests: [Digest]
    public var logFiles: [LogFile]
    public var sealedRecords: [SealedRecord]

    public init(digests: [Digest], logFiles: [LogFile], sealedRecords: [SealedRecord]) {
        self.digests = digests
        self.logFiles = logFiles
        self.sealedRecords = sealedRecords
    }
}
