import Foundation

/// A value that writes itself as AWS JSON: base64 blobs, epoch-second timestamps.
public protocol JSONWritable {
    func write(to writer: inout JSONWriter)
}

/// Appends JSON text to a byte buffer; generated shapes write their members through it.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var needsComma = false

    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    public static func encode(_ value: some JSONWritable) -> Data {
        var writer = JSONWriter()
        value.write(to: &writer)
        return Data(writer.bytes)
    }

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes `"name":` followed by the value, if the value is present.
    public mutating func member(_ name: StaticString, _ value: (some JSONWritable)?) {
        guard let value else { return }
        separate()
        writeStaticKey(name)
        needsComma = false
        value.write(to: &self)
    }

    // The members most shapes and records have, without the generic's runtime type lookups
    // (`Optional<String>` metadata per call when the caller is in another module).

    public mutating func member(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        separate()
        writeStaticKey(name)
        writeEscaped(value)
        needsComma = true
    }

    public mutating func member(_ name: StaticString, _ value: Bool?) {
        guard let value else { return }
        separate()
        writeStaticKey(name)
        needsComma = false
        raw(value ? "true" : "false")
    }

    public mutating func member(_ name: StaticString, _ value: Data?) {
        guard let value else { return }
        separate()
        writeStaticKey(name)
        needsComma = false
        base64(value)
    }

    public mutating func key(_ name: String) {
        separate()
        writeEscaped(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// A scalar already in JSON form (a number, `true`, `false`).
    public mutating func raw(_ text: String) {
        separate()
        bytes.append(contentsOf: text.utf8)
        needsComma = true
    }

    public mutating func string(_ value: String) {
        separate()
        writeEscaped(value)
        needsComma = true
    }

    public mutating func base64(_ data: Data) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: data.base64EncodedString().utf8)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func writeStaticKey(_ name: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func writeEscaped(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            // Runs of bytes that need no escape are copied whole; most strings are one run.
            var runStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscape(for: byte)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(for byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            bytes.append(hex.utf8Start[Int(byte >> 4)])
            bytes.append(hex.utf8Start[Int(byte & 0x0F)])
        }
    }
}

extension String: JSONWritable {
    public func write(to writer: inout JSONWriter) { writer.string(self) }
}

extension Bool: JSONWritable {
    public func write(to writer: inout JSONWriter) { writer.raw(self ? "true" : "false") }
}

extension Int: JSONWritable {
    public func write(to writer: inout JSONWriter) { writer.raw(String(self)) }
}

extension Int64: JSONWritable {
    public func write(to writer: inout JSONWriter) { writer.raw(String(self)) }
}

extension Double: JSONWritable {
    public func write(to writer: inout JSONWriter) { writer.raw(isFinite ? String(self) : "null") }
}

extension Date: JSONWritable {
    public func write(to writer: inout JSONWriter) { timeIntervalSince1970.write(to: &writer) }
}

extension Data: JSONWritable {
    public func write(to writer: inout JSONWriter) { writer.base64(self) }
}

extension Array: JSONWritable where Element: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginArray()
        for item in self { item.write(to: &writer) }
        writer.endArray()
    }
}

extension Dictionary: JSONWritable where Key == String, Value: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        for (key, value) in self.sorted(by: { $0.key < $1.key }) {
            writer.key(key)
            value.write(to: &writer)
        }
        writer.endObject()
    }
}

extension JSONWritable where Self: RawRepresentable, RawValue == String {
    public func write(to writer: inout JSONWriter) { writer.string(rawValue) }
}

extension JSONValue: JSONWritable {
    /// Writes the value back as JSON; object members in sorted order, so equal values write equal bytes.
    public func write(to writer: inout JSONWriter) {
        switch self {
        case .null: writer.raw("null")
        case .bool(let value): value.write(to: &writer)
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 { Int64(value).write(to: &writer) } else { value.write(to: &writer) }
        case .string(let value): writer.string(value)
        case .array(let items): items.write(to: &writer)
        case .object(let fields):
            writer.beginObject()
            for key in fields.keys.sorted() {
                writer.key(key)
                fields[key]!.write(to: &writer)
            }
            writer.endObject()
        }
    }
}
