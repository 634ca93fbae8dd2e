/// The canonical byte form of an encryption context, bound into every ciphertext as associated data.
///
/// "If you specify an EncryptionContext when encrypting data, you must specify the same encryption
/// context (a case-sensitive exact match) when decrypting the data." (KMS API reference, Encrypt.)
/// Pairs are sorted by the UTF-8 bytes of their keys and each string is length-prefixed
/// (`u32 len ‖ key ‖ u32 len ‖ value`), so `{"ab":"c"}` and `{"a":"bc"}` never collide and the
/// order a client sends pairs in does not matter.
public enum EncryptionContext {
    public static func canonicalBytes(_ context: [String: String]?) -> [UInt8] {
        guard let context, !context.isEmpty else { return [] }
        let pairs = context.map { (Array($0.key.utf8), Array($0.value.utf8)) }
            .sorted { $0.0.lexicographicallyPrecedes($1.0) }
        var out: [UInt8] = []
        out.reserveCapacity(pairs.reduce(0) { $0 + 8 + $1.0.count + $1.1.count })
        for (key, value) in pairs {
            appendLengthPrefixed(key, to: &out)
            appendLengthPrefixed(value, to: &out)
        }
        return out
    }

    private static func appendLengthPrefixed(_ bytes: [UInt8], to out: inout [UInt8]) {
        let count = UInt32(bytes.count)
        out.append(UInt8(count >> 24))
        out.append(UInt8((count >> 16) & 0xFF))
        out.append(UInt8((count >> 8) & 0xFF))
        out.append(UInt8(count & 0xFF))
        out.append(contentsOf: bytes)
    }
}
