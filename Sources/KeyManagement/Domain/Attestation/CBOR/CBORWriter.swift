/// Encodes ``CBORValue``s in preferred serialization (RFC 8949 §4.2.1), with definite lengths.
///
/// Used to build the COSE `Sig_structure` that a signature covers; it never sees untrusted
/// structure, only byte strings taken from a parsed document.
enum CBORWriter {
    /// The encoding of `value`.
    static func encode(_ value: CBORValue) -> [UInt8] {
        var output: [UInt8] = []
        append(value, to: &output)
        return output
    }

    private static func append(_ value: CBORValue, to output: inout [UInt8]) {
        switch value {
        case .unsigned(let n): appendHead(majorType: 0, argument: n, to: &output)
        case .negative(let n): appendHead(majorType: 1, argument: n, to: &output)
        case .bytes(let bytes):
            appendHead(majorType: 2, argument: UInt64(bytes.count), to: &output)
            output += bytes
        case .text(let text):
            appendHead(majorType: 3, argument: UInt64(text.utf8.count), to: &output)
            output += text.utf8
        case .array(let elements):
            appendHead(majorType: 4, argument: UInt64(elements.count), to: &output)
            for element in elements { append(element, to: &output) }
        case .map(let entries):
            appendHead(majorType: 5, argument: UInt64(entries.count), to: &output)
            for entry in entries {
                append(entry.key, to: &output)
                append(entry.value, to: &output)
            }
        case .tagged(let tag, let content):
            appendHead(majorType: 6, argument: tag, to: &output)
            append(content, to: &output)
        case .bool(let flag): output.append(flag ? 0xF5 : 0xF4)
        case .null: output.append(0xF6)
        }
    }

    /// The initial byte and argument of RFC 8949 §3, in the shortest form.
    static func appendHead(majorType: UInt8, argument: UInt64, to output: inout [UInt8]) {
        let type = majorType << 5
        switch argument {
        case 0..<24: output.append(type | UInt8(argument))
        case 24...0xFF: output += [type | 24, UInt8(argument)]
        case 0x100...0xFFFF: output.append(type | 25); appendBigEndian(argument, byteCount: 2, to: &output)
        case 0x1_0000...0xFFFF_FFFF: output.append(type | 26); appendBigEndian(argument, byteCount: 4, to: &output)
        default: output.append(type | 27); appendBigEndian(argument, byteCount: 8, to: &output)
        }
    }

    private static func appendBigEndian(_ value: UInt64, byteCount: Int, to output: inout [UInt8]) {
        for shift in stride(from: (byteCount - 1) * 8, through: 0, by: -8) {
            output.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }
}
