/// Strict standard Base64 (RFC 4648 §4, padded), as `BinaryEquals` values are written.
///
/// `BinaryEquals` "compares the value of the specified key byte for byte against a base-64
/// encoded representation of the binary value in the policy" (IAM JSON policy elements: Condition
/// operators). Anything that is not padded standard Base64 is refused.
enum PolicyBase64 {
    static func decode(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        guard bytes.count % 4 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 4 * 3)
        var index = 0
        while index < bytes.count {
            let isLast = index + 4 == bytes.count
            var quad: [UInt8] = []
            var padding = 0
            for offset in 0..<4 {
                let byte = bytes[index + offset]
                if byte == UInt8(ascii: "="), isLast, offset >= 2 {
                    padding += 1
                    quad.append(0)
                } else if padding == 0, let value = sextet(byte) {
                    quad.append(value)
                } else {
                    return nil
                }
            }
            let word = UInt32(quad[0]) << 18 | UInt32(quad[1]) << 12 | UInt32(quad[2]) << 6 | UInt32(quad[3])
            output.append(UInt8(word >> 16 & 0xFF))
            if padding < 2 { output.append(UInt8(word >> 8 & 0xFF)) }
            if padding < 1 { output.append(UInt8(word & 0xFF)) }
            index += 4
        }
        return output
    }

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
