#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// The audit trail's write-ahead file: where a call's record becomes durable before the call is
/// answered.
///
/// An append is one `pwrite` at the end of the file, under a lock: once it returns, the entry is
/// in the kernel and survives the process being killed (`kill -9`), as a WAL commit with
/// `synchronous=NORMAL` does. In the background the trail moves journaled entries into the store
/// (``AuditTrail/ingest()``), which notes in the same transaction the journal ``Position`` it has
/// reached, so an entry is stored once however often ingestion is interrupted. Past a size, the
/// journal starts a new generation: a fresh file with only what the store lacks, renamed over it.
///
/// Layout: a 16-byte header (`ARCAAJ1\n`, then the generation as a little-endian `UInt64`), then
/// entries, each a little-endian `UInt32` payload length, the payload's CRC-32 and the payload.
/// An entry cut short or damaged at the end (a crash in the middle of a write) ends the journal,
/// and is cut off when the journal is next opened.
public final class AuditJournal: Sendable {
    /// How far the store has read: the journal's generation and a byte offset in its file.
    public struct Position: Sendable, Hashable {
        public var generation: UInt64
        public var offset: UInt64

        public init(generation: UInt64, offset: UInt64) {
            self.generation = generation
            self.offset = offset
        }
    }

    public struct DamagedJournal: Error, CustomStringConvertible {
        public var description: String
    }

    private struct State {
        var descriptor: Int32
        var generation: UInt64
        /// Where the next entry goes: every byte before it is a whole entry.
        var end: UInt64
    }

    static let magic: [UInt8] = Array("ARCAAJ1\n".utf8)
    static let headerSize: UInt64 = 16
    /// Payloads larger than this are damage, not records (a record is a few KiB).
    static let maximumPayload: UInt32 = 64 << 20

    public let path: String
    private let state: Mutex<State>

    private init(path: String, state: State) {
        self.path = path
        self.state = Mutex(state)
    }

    deinit {
        state.withLock { _ = close($0.descriptor) }
    }

    /// Opens the journal at `path`, cutting off a damaged tail.
    ///
    /// `stored` is how far the store has read the journal. A missing journal is created (mode
    /// 0600) at the generation after it, which the store reads from its start; so is an empty one
    /// of an older generation (a journal deleted or restored from a backup with nothing in it). One
    /// that holds entries but is older than what the store has read is refused: it is not the
    /// journal the store knows, and reading it would store its entries twice or skip them.
    public static func open(path: String, storedPosition stored: Position? = nil) throws -> AuditJournal {
        let fresh = (stored?.generation ?? 0) + 1
        if access(path, F_OK) != 0 { _ = close(try replace(path: path, generation: fresh)) }
        let descriptor = openFile(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { throw posixError("open", path) }
        let generation: UInt64
        var end = Int(headerSize)
        do {
            let bytes = try readAll(descriptor, from: 0)
            guard bytes.count >= Int(headerSize), Array(bytes[0..<8]) == magic else {
                throw DamagedJournal(description: "\(path) is not an audit journal")
            }
            generation = bytes.loadLittleEndian(UInt64.self, at: 8)
            while let (_, next) = entry(in: bytes, at: end) { end = next }
            if let stored, generation < stored.generation, end > Int(headerSize) {
                throw DamagedJournal(description: """
                    \(path) is generation \(generation) and holds records, but the database has read generation \
                    \(stored.generation): it is not the journal the database knows
                    """)
            }
            if end < bytes.count, ftruncate(descriptor, off_t(end)) != 0 { throw posixError("ftruncate", path) }
        } catch {
            _ = close(descriptor)
            throw error
        }
        if let stored, generation < stored.generation {
            // Empty (checked above): started afresh after the store's generation.
            _ = close(descriptor)
            _ = close(try replace(path: path, generation: fresh))
            return try open(path: path, storedPosition: stored)
        }
        return AuditJournal(path: path, state: State(descriptor: descriptor, generation: generation, end: UInt64(end)))
    }

    /// Where the next entry will be written.
    public var end: Position {
        state.withLock { Position(generation: $0.generation, offset: $0.end) }
    }

    /// Makes `entries` durable against the process dying, in one write; throws if they could not
    /// be written, leaving the journal as it was.
    public func append(_ entries: [AuditEntry]) throws {
        guard !entries.isEmpty else { return }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.count * 1536)
        for entry in entries { Self.frame(entry, into: &bytes) }
        try state.withLock { state in
            do {
                try Self.writeAll(bytes, to: state.descriptor, at: state.end)
            } catch {
                // A partial write must not stay in front of the next entry.
                _ = ftruncate(state.descriptor, off_t(state.end))
                throw error
            }
            state.end += UInt64(bytes.count)
        }
    }

    /// The entries after `position` (from the start of the journal if nil or of an older
    /// generation), up to about `maximumBytes` of them, and the position after the last one.
    ///
    /// Not to be called concurrently with ``startNewGeneration(ifStoredThrough:minimumSize:)``.
    public func entries(after position: Position?, maximumBytes: Int = 8 << 20) throws -> (entries: [AuditEntry], end: Position) {
        let (descriptor, generation, end) = state.withLock { ($0.descriptor, $0.generation, $0.end) }
        var start = Self.headerSize
        if let position, position.generation == generation {
            guard position.offset >= Self.headerSize, position.offset <= end else {
                throw DamagedJournal(description: "the store has read \(path) up to \(position.offset), past its end \(end)")
            }
            start = position.offset
        } else if let position, position.generation > generation {
            throw DamagedJournal(description: "the store has read generation \(position.generation) of \(path), which is at \(generation)")
        }
        let length = Int(min(end - start, UInt64(maximumBytes)))
        var bytes = [UInt8](repeating: 0, count: length)
        try Self.readExactly(descriptor, into: &bytes, at: start)
        var entries: [AuditEntry] = []
        var offset = 0
        while let (payload, next) = Self.entry(in: bytes, at: offset) {
            guard let entry = Self.decode(bytes[payload]) else {
                throw DamagedJournal(description: "an entry of \(path) at \(start + UInt64(offset)) cannot be read")
            }
            entries.append(entry)
            offset = next
        }
        // A chunk ends where a whole entry ends; only a single entry larger than the chunk stalls.
        if offset == 0, length > 0, length == maximumBytes {
            return try self.entries(after: position, maximumBytes: maximumBytes * 2)
        }
        return (entries, Position(generation: generation, offset: start + UInt64(offset)))
    }

    /// Starts a new generation once the file has grown past `minimumSize`: a fresh file holding
    /// only the entries after `stored` (what the store lacks, appended since it last read),
    /// renamed over the journal. Returns whether it did.
    ///
    /// Appends wait meanwhile, so the journal never holds an entry twice or loses one. The new file
    /// is synced before the rename: a crash leaves either the old generation or the new one, and
    /// a store whose position names the old generation reads the new one from its start.
    @discardableResult
    public func startNewGeneration(ifStoredThrough stored: Position, minimumSize: UInt64 = 16 << 20) throws -> Bool {
        try state.withLock { state in
            guard stored.generation == state.generation, stored.offset >= Self.headerSize, stored.offset <= state.end,
                  state.end >= minimumSize else { return false }
            var tail = [UInt8](repeating: 0, count: Int(state.end - stored.offset))
            try Self.readExactly(state.descriptor, into: &tail, at: stored.offset)
            let next = state.generation + 1
            let descriptor = try Self.replace(path: path, generation: next, entries: tail)
            _ = close(state.descriptor)
            state = State(descriptor: descriptor, generation: next, end: Self.headerSize + UInt64(tail.count))
            return true
        }
    }

    // MARK: - File

    /// Puts a journal of `generation` holding `entries` at `path`: written and synced beside it,
    /// then renamed over it, so `path` is always a whole journal. Returns the new file, open.
    private static func replace(path: String, generation: UInt64, entries: [UInt8] = []) throws -> Int32 {
        let fresh = path + ".next"
        let descriptor = openFile(fresh, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw posixError("create", fresh) }
        do {
            var contents = magic
            contents.appendLittleEndian(generation)
            contents += entries
            try writeAll(contents, to: descriptor, at: 0)
            guard fsync(descriptor) == 0 else { throw posixError("fsync", fresh) }
            guard rename(fresh, path) == 0 else { throw posixError("rename", path) }
        } catch {
            _ = close(descriptor)
            throw error
        }
        return descriptor
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, at offset: UInt64) throws {
        var written = 0
        try bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let count = pwrite(descriptor, buffer.baseAddress! + written, buffer.count - written, off_t(offset) + off_t(written))
                if count < 0 {
                    if errno == EINTR { continue }
                    throw posixError("write", "the audit journal")
                }
                written += count
            }
        }
    }

    private static func readExactly(_ descriptor: Int32, into bytes: inout [UInt8], at offset: UInt64) throws {
        var read = 0
        let total = bytes.count
        try bytes.withUnsafeMutableBytes { buffer in
            while read < total {
                let count = pread(descriptor, buffer.baseAddress! + read, total - read, off_t(offset) + off_t(read))
                if count < 0 {
                    if errno == EINTR { continue }
                    throw posixError("read", "the audit journal")
                }
                guard count > 0 else { throw DamagedJournal(description: "the audit journal is shorter than it was written") }
                read += count
            }
        }
    }

    private static func readAll(_ descriptor: Int32, from offset: UInt64) throws -> [UInt8] {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw posixError("stat", "the audit journal") }
        var bytes = [UInt8](repeating: 0, count: max(0, Int(info.st_size) - Int(offset)))
        try readExactly(descriptor, into: &bytes, at: offset)
        return bytes
    }

    private static func posixError(_ operation: String, _ path: String) -> any Error {
        let code = errno
        return DamagedJournal(description: "\(operation) \(path): \(String(cString: strerror(code)))")
    }

    // MARK: - Entries

    /// The payload range of the whole, intact entry at `offset`, and where the next one starts.
    static func entry(in bytes: [UInt8], at offset: Int) -> (payload: Range<Int>, next: Int)? {
        guard bytes.count - offset >= 8 else { return nil }
        let length = bytes.loadLittleEndian(UInt32.self, at: offset)
        let checksum = bytes.loadLittleEndian(UInt32.self, at: offset + 4)
        guard length <= maximumPayload, bytes.count - offset - 8 >= Int(length) else { return nil }
        let payload = (offset + 8)..<(offset + 8 + Int(length))
        guard CRC32.checksum(bytes[payload]) == checksum else { return nil }
        return (payload, payload.upperBound)
    }

    static func frame(_ entry: AuditEntry, into bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: [0, 0, 0, 0, 0, 0, 0, 0])
        encode(entry, into: &bytes)
        let payload = (start + 8)..<bytes.count
        bytes.storeLittleEndian(UInt32(payload.count), at: start)
        bytes.storeLittleEndian(CRC32.checksum(bytes[payload]), at: start + 4)
    }

    /// Version 1: the fields in declaration order; strings as a `UInt32` length and UTF-8,
    /// optional strings behind a presence byte, the time as the bits of a `Double`.
    static func encode(_ entry: AuditEntry, into bytes: inout [UInt8]) {
        bytes.append(1)
        bytes.appendString(entry.eventID)
        bytes.appendLittleEndian(entry.eventTime.timeIntervalSince1970.bitPattern)
        bytes.appendString(entry.account)
        bytes.appendString(entry.region)
        bytes.appendString(entry.eventName)
        bytes.appendString(entry.eventSource)
        bytes.append(entry.readOnly ? 1 : 0)
        bytes.appendOptionalString(entry.userName)
        bytes.appendOptionalString(entry.accessKeyID)
        bytes.appendLittleEndian(UInt32(entry.resources.count))
        for resource in entry.resources {
            bytes.appendString(resource.arn)
            bytes.appendString(resource.accountID)
            bytes.appendString(resource.type)
        }
        bytes.appendString(entry.json)
    }

    static func decode(_ payload: ArraySlice<UInt8>) -> AuditEntry? {
        var reader = ByteReader(bytes: payload)
        guard reader.byte() == 1,
              let eventID = reader.string(), let time = reader.integer(UInt64.self),
              let account = reader.string(), let region = reader.string(), let eventName = reader.string(),
              let eventSource = reader.string(), let readOnly = reader.byte(),
              let userName = reader.optionalString(), let accessKeyID = reader.optionalString(),
              let resourceCount = reader.integer(UInt32.self) else { return nil }
        var resources: [AuditRecord.Resource] = []
        for _ in 0..<resourceCount {
            guard let arn = reader.string(), let accountID = reader.string(), let type = reader.string() else { return nil }
            resources.append(AuditRecord.Resource(arn: arn, accountID: accountID, type: type))
        }
        guard let json = reader.string(), reader.isAtEnd else { return nil }
        return AuditEntry(eventID: eventID, eventTime: Date(timeIntervalSince1970: Double(bitPattern: time)), account: account,
                          region: region, eventName: eventName, eventSource: eventSource, readOnly: readOnly != 0,
                          userName: userName, accessKeyID: accessKeyID, resources: resources, json: json)
    }
}

private func openFile(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
    open(path, flags, mode)
}

/// Reads the journal's payload encoding; every read is bounds-checked and nil past the end.
private struct ByteReader {
    let bytes: ArraySlice<UInt8>
    var index: Int

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    var isAtEnd: Bool { index == bytes.endIndex }

    mutating func byte() -> UInt8? {
        guard index < bytes.endIndex else { return nil }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func integer<T: FixedWidthInteger & UnsignedInteger>(_: T.Type) -> T? {
        let size = MemoryLayout<T>.size
        guard bytes.endIndex - index >= size else { return nil }
        var value: T = 0
        for shift in 0..<size { value |= T(bytes[index + shift]) << (8 * shift) }
        index += size
        return value
    }

    mutating func string() -> String? {
        guard let length = integer(UInt32.self), bytes.endIndex - index >= Int(length) else { return nil }
        defer { index += Int(length) }
        return String(validating: bytes[index..<(index + Int(length))], as: UTF8.self)
    }

    mutating func optionalString() -> String?? {
        switch byte() {
        case 0: return .some(nil)
        case 1: return string().map { .some($0) }
        default: return nil
        }
    }
}

extension [UInt8] {
    fileprivate mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        for shift in 0..<MemoryLayout<T>.size { append(UInt8(truncatingIfNeeded: value >> (8 * shift))) }
    }

    fileprivate mutating func storeLittleEndian(_ value: UInt32, at offset: Int) {
        for shift in 0..<4 { self[offset + shift] = UInt8(truncatingIfNeeded: value >> (8 * shift)) }
    }

    fileprivate func loadLittleEndian<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        var value: T = 0
        for shift in 0..<MemoryLayout<T>.size { value |= T(self[offset + shift]) << (8 * shift) }
        return value
    }

    fileprivate mutating func appendString(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            appendLittleEndian(UInt32(utf8.count))
            append(contentsOf: utf8)
        }
    }

    fileprivate mutating func appendOptionalString(_ string: String?) {
        guard let string else { return append(0) }
        append(1)
        appendString(string)
    }
}

/// CRC-32 (IEEE 802.3, the polynomial of zlib and gzip), to tell a damaged journal entry.
/// Eight bytes a step (slicing-by-8: one table per byte position of the step).
enum CRC32 {
    /// Eight tables of 256 one after another: table k advances a byte k places further.
    private static let flat: [UInt32] = {
        var table = (0..<256).map { byte -> UInt32 in
            var value = UInt32(byte)
            for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1 }
            return value
        }
        for index in 256..<(8 * 256) {
            let previous = table[index - 256]
            table.append((previous >> 8) ^ table[Int(previous & 0xFF)])
        }
        return table
    }()

    static func checksum(_ bytes: some Collection<UInt8>) -> UInt32 {
        if let crc = bytes.withContiguousStorageIfAvailable(checksum) { return crc }
        return Array(bytes).withUnsafeBufferPointer(checksum)
    }

    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        flat.withUnsafeBufferPointer { t in
            var index = 0
            let count = bytes.count
            while count - index >= 8 {
                let low = crc ^ (UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8
                    | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24)
                crc = t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((low >> 16) & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(bytes[index + 4])] ^ t[2 * 256 + Int(bytes[index + 5])]
                    ^ t[1 * 256 + Int(bytes[index + 6])] ^ t[Int(bytes[index + 7])]
                index += 8
            }
            while index < count {
                crc = t[Int((crc ^ UInt32(bytes[index])) & 0xFF)] ^ (crc >> 8)
                index += 1
            }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
