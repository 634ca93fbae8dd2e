import AWSWire
import Foundation
import KeyManagement
import Logging
import Synchronization

/// A swift-log handler that writes one JSON object per line: `time`, `level`, `logger`,
/// `message`, then the metadata (request lines carry `requestId`, which is also the response's
/// `x-amzn-RequestId` and the audit record's `requestID`).
///
/// - Important: what reaches a log is what callers put in messages and metadata. Arca logs ids,
///   names, ARNs, error codes and timings; never plaintext, ciphertext, data keys, key material,
///   secret access keys or request bodies.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let output: LogOutput
    private let now: @Sendable () -> Date

    /// The members every line has; metadata of the same name is written as `metadata.<name>`.
    private static let reserved: Set<String> = ["time", "level", "logger", "message"]

    init(label: String, output: LogOutput, now: @escaping @Sendable () -> Date) {
        self.label = label
        self.output = output
        self.now = now
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes the event's level, message and metadata; an attached error is not written, since
    /// its description is not known to be free of secrets.
    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        output.write(Self.line(time: now(), level: event.level, label: label, message: event.message.description,
                               metadata: merged))
    }

    /// One log line, newline included.
    static func line(time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("time")
        writer.string(AWSDateTime.format(time.timeIntervalSince1970) ?? "")
        writer.key("level")
        writer.string(level.rawValue)
        writer.key("logger")
        writer.string(label)
        writer.key("message")
        writer.string(message)
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            writer.key(reserved.contains(key) ? "metadata." + key : key)
            write(value, to: &writer)
        }
        writer.endObject()
        return writer.bytes + [UInt8(ascii: "\n")]
    }

    private static func write(_ value: Logger.Metadata.Value, to writer: inout JSONWriter) {
        switch value {
        case .string(let text): writer.string(text)
        case .stringConvertible(let number as Int): writer.raw(String(number))
        case .stringConvertible(let number as Double) where number.isFinite: writer.raw(String(number))
        case .stringConvertible(let convertible): writer.string(convertible.description)
        case .array(let values):
            writer.beginArray()
            for element in values { write(element, to: &writer) }
            writer.endArray()
        case .dictionary(let members):
            writer.beginObject()
            for (key, element) in members.sorted(by: { $0.key < $1.key }) {
                writer.key(key)
                write(element, to: &writer)
            }
            writer.endObject()
        }
    }
}

/// Where log lines go: a file descriptor (standard error), one whole line per write, lines of
/// concurrent loggers never interleaved.
final class LogOutput: Sendable {
    private let descriptor: Int32
    private let lock = Mutex(())

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    func write(_ line: [UInt8]) {
        lock.withLock { _ in
            line.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return
                    }
                    offset += written
                }
            }
        }
    }
}

/// How `arca serve` writes its log: JSON lines (the default) or swift-log's plain text.
public enum LogFormat: String, Sendable, CaseIterable {
    case json
    case text
}

/// Installs the process's log handler: every `Logger` made afterwards writes to standard error
/// in `format`, from `level` up.
public func bootstrapLogging(format: LogFormat, level: Logger.Level) {
    let output = LogOutput(descriptor: STDERR_FILENO)
    let now = KMSDependencies.system.now
    LoggingSystem.bootstrap { label in
        switch format {
        case .json:
            var handler = JSONLogHandler(label: label, output: output, now: now)
            handler.logLevel = level
            return handler
        case .text:
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
