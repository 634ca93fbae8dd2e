/// Appends XML 1.0 to a byte buffer: elements named by the caller, text escaped by the writer.
///
/// Element names come from the service model and are written as given. Text and attribute values
/// are escaped: `&`, `<`, `>`, `"` and `'` as the predefined entities of XML 1.0 §4.6, and tab,
/// line feed and carriage return as character references so that a parser returns them unchanged
/// (§2.11 turns a raw CR into LF; §3.3.3 turns a raw tab or newline in an attribute into a space).
/// The other C0 controls, U+FFFE and U+FFFF are not XML 1.0 characters at all (§2.2, `Char`), not
/// even as references, so they are written as U+FFFD REPLACEMENT CHARACTER.
public struct XMLWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 512) {
        bytes.reserveCapacity(capacity)
    }

    /// `<name>` or `<name xmlns="namespace">`.
    public mutating func open(_ name: String, namespace: String? = nil) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name.utf8)
        if let namespace {
            bytes.append(contentsOf: #" xmlns=""#.utf8)
            appendEscaped(namespace)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ">"))
    }

    /// `</name>`.
    public mutating func close(_ name: String) {
        bytes.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: ">"))
    }

    /// Escaped character data.
    public mutating func text(_ value: String) {
        appendEscaped(value)
    }

    /// `<name>text</name>`.
    public mutating func element(_ name: String, text value: String) {
        open(name)
        appendEscaped(value)
        close(name)
    }

    private mutating func appendEscaped(_ string: String) {
        for scalar in string.unicodeScalars {
            switch scalar.value {
            case 0x26: bytes.append(contentsOf: "&amp;".utf8)
            case 0x3C: bytes.append(contentsOf: "&lt;".utf8)
            case 0x3E: bytes.append(contentsOf: "&gt;".utf8)
            case 0x22: bytes.append(contentsOf: "&quot;".utf8)
            case 0x27: bytes.append(contentsOf: "&apos;".utf8)
            case 0x09: bytes.append(contentsOf: "&#x9;".utf8)
            case 0x0A: bytes.append(contentsOf: "&#xA;".utf8)
            case 0x0D: bytes.append(contentsOf: "&#xD;".utf8)
            case 0x00..<0x20, 0xFFFE, 0xFFFF: bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])
            case 0x20..<0x80: bytes.append(UInt8(scalar.value))
            default: UTF8.encode(scalar) { bytes.append($0) }
            }
        }
    }
}
