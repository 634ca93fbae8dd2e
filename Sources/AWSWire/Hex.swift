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
