/// Hexadecimal text of bytes, the one implementation SigV4 and the rest of Arca share.
public enum Hex {
    /// Lowercase hex of `bytes`.
    public static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        SigV4URIEncoding.lowercaseHex(bytes)
    }

    /// The bytes of hex text (either case); nil for an odd length or a non-hex character.
    public static func bytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = SigV4URIEncoding.hexValue(digits[index]),
                  let low = SigV4URIEncoding.hexValue(digits[index + 1]) else { return nil }
            out.append(high << 4 | low)
        }
        return out
    }
}

/// Random version-4 UUIDs in lowercase (`8b2f…-…`), as AWS prints message and subscription ids.
public enum RandomUUID {
    /// The UUID of 16 random bytes, with the version and variant bits set.
    public static func lowercase(_ random: [UInt8]) -> String {
        precondition(random.count == 16, "a UUID takes 16 bytes")
        var bytes = random
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Array(Hex.lowercase(bytes).utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, digit) in hex.enumerated() {
            if index == 8 || index == 12 || index == 16 || index == 20 { text.append(UInt8(ascii: "-")) }
            text.append(digit)
        }
        return String(decoding: text, as: UTF8.self)
    }
}
