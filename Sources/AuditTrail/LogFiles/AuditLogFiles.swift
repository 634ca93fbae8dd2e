import CompressNIO
import Crypto
import Foundation
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// The log files of the audit trail, laid out as CloudTrail lays them out in its bucket:
///
/// `<root>/AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<unique>.json.gz`
///
/// each a gzip of `{"Records": [...]}`. A file is written under a temporary name, synced, then
/// renamed, so a file that exists is whole.
public struct AuditLogFiles: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// Writes records of one account and region as one log file and returns its entry (path
    /// relative to `root`, hash, event times). The name derives from the records, so writing the
    /// same records again (after a crash between writing and marking them written) replaces the
    /// file rather than duplicating them.
    public func write(_ records: [UnsealedAuditRecord], account: String, region: String) throws -> AuditLogFileEntry? {
        guard let newest = records.map(\.eventTime).max(), let oldest = records.map(\.eventTime).min() else { return nil }
        let day = Self.utcComponents(newest)
        let directory = "AWSLogs/\(account)/CloudTrail/\(region)/\(day.year)/\(day.month)/\(day.day)"
        let unique = AuditDigests.hex(SHA256.hash(data: Array(records.map(\.eventID).joined(separator: ",").utf8)).prefix(8))
        let name = "\(account)_CloudTrail_\(region)_\(day.year)\(day.month)\(day.day)T\(day.hour)\(day.minute)Z_\(unique).json.gz"
        var body = ByteBuffer(string: "{\"Records\":[" + records.map(\.json).joined(separator: ",") + "]}")
        let compressed = try body.compress(with: .gzip())
        let relative = "\(directory)/\(name)"
        let data = Data(compressed.readableBytesView)
        try Self.writeDurably(data, to: "\(root)/\(relative)")
        return AuditLogFileEntry(path: relative, account: account, region: region,
                                 hash: AuditDigests.hex(SHA256.hash(data: data)), oldestEventTime: oldest, newestEventTime: newest)
    }

    /// Writes `data` to `path` (mode 0600) through a temporary file, syncing the file and its directory.
    public static func writeDurably(_ data: Data, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw AuditFileError("cannot create \(temporary)") }
        let written = data.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == data.count, synced else { throw AuditFileError("cannot write \(temporary)") }
        guard rename(temporary, path) == 0 else { throw AuditFileError("cannot rename \(temporary)") }
        let directoryDescriptor = open(directory, O_RDONLY)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    static func utcComponents(_ date: Date) -> (year: String, month: String, day: String, hour: String, minute: String, second: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return (String(format: "%04d", parts.year ?? 0), two(parts.month), two(parts.day), two(parts.hour), two(parts.minute),
                two(parts.second))
    }
}

public struct AuditFileError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
