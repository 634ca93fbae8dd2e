import Crypto
import _CryptoExtras

/// The single error thrown for any malformed, tampered or mis-keyed wrapped key material.
///
/// Deliberately carries no detail: callers must not be able to tell *why* an unwrap failed
/// (padding oracle / Bleichenbacher-style hygiene).
enum ImportUnwrapError: Error, Equatable, Sendable {
    case invalidWrapping
}

/// AES Key Wrap with Padding, RFC 5649 (OpenSSL: `id-aes{128,192,256}-wrap-pad`).
///
/// This is the symmetric half of AWS KMS `RSA_AES_KEY_WRAP_SHA_*` import wrapping.
/// Built on the raw AES block function (`AES.permute` / `AES.inversePermute`) from CryptoExtras;
/// swift-crypto's own `AES.KeyWrap` is RFC 3394 only (no padding, fixed IV).
enum AESKeyWrapPadding {
    /// RFC 5649 §3: the 32-bit constant that forms the high half of the Alternative Initial Value.
    static let aivConstant: [UInt8] = [0xA6, 0x59, 0x59, 0xA6]

    /// Wraps `plaintext` (1 ... 2^32-1 bytes) under `kek` (128/192/256-bit AES key).
    ///
    /// RFC 5649 §4.1: AIV = A65959A6 || MLI (32-bit big-endian plaintext length); the plaintext
    /// is zero-padded to a multiple of 8 bytes. If the padded plaintext is exactly one 64-bit
    /// block, the output is the single AES-ECB encryption of AIV || P; otherwise it is the
    /// RFC 3394 wrapping process W with AIV as the initial value.
    /// - Returns: `8 * (ceil(len / 8) + 1)` bytes of ciphertext.
    /// - Throws: ``ImportUnwrapError/invalidWrapping`` for an empty or oversized plaintext or an invalid KEK size.
    static func wrap(_ plaintext: [UInt8], kek: SymmetricKey) throws -> [UInt8] {
        guard isValidKEK(kek), !plaintext.isEmpty, UInt64(plaintext.count) <= UInt64(UInt32.max) else {
            throw ImportUnwrapError.invalidWrapping
        }
        let mli = UInt32(truncatingIfNeeded: plaintext.count)
        let aiv = aivConstant + [
            UInt8(truncatingIfNeeded: mli >> 24), UInt8(truncatingIfNeeded: mli >> 16),
            UInt8(truncatingIfNeeded: mli >> 8), UInt8(truncatingIfNeeded: mli),
        ]
        let padded = plaintext + [UInt8](repeating: 0, count: (8 - plaintext.count % 8) % 8)
        if padded.count == 8 {
            var block = aiv + padded
            try AES.permute(&block, key: kek)
            return block
        }
        return try rfc3394Wrap(iv: aiv, plaintext: padded, kek: kek)
    }

    /// Unwraps RFC 5649 ciphertext and returns the original plaintext.
    ///
    /// RFC 5649 §4.2 / §3: ciphertext must be a multiple of 8 bytes and at least 16. A 16-byte
    /// ciphertext is a single AES-ECB block; longer ones go through the RFC 3394 unwrapping
    /// process W⁻¹. The recovered AIV must then pass all three checks: its high 32 bits equal
    /// A65959A6, its MLI satisfies `8*(n-1) < MLI <= 8*n` (n = number of 64-bit plaintext blocks),
    /// and the `8*n - MLI` padding bytes are all zero.
    /// - Throws: ``ImportUnwrapError/invalidWrapping`` on any failure (bad length, bad KEK size, wrong KEK, tampering).
    static func unwrap(_ wrapped: [UInt8], kek: SymmetricKey) throws(ImportUnwrapError) -> [UInt8] {
        guard isValidKEK(kek), wrapped.count >= 16, wrapped.count % 8 == 0 else {
            throw .invalidWrapping
        }
        let aiv: [UInt8]
        let padded: [UInt8]
        do {
            if wrapped.count == 16 {
                var block = wrapped
                try AES.inversePermute(&block, key: kek)
                aiv = Array(block[0..<8])
                padded = Array(block[8..<16])
            } else {
                (aiv, padded) = try rfc3394Unwrap(wrapped, kek: kek)
            }
        } catch {
            throw .invalidWrapping
        }

        // RFC 5649 §3, check 1: high 32 bits of the AIV.
        guard aiv[0..<4].elementsEqual(aivConstant) else { throw .invalidWrapping }
        // Check 2: Message Length Indicator within the last block.
        let mli = aiv[4..<8].reduce(0) { ($0 << 8) | Int($1) }
        guard mli > padded.count - 8, mli <= padded.count else { throw .invalidWrapping }
        // Check 3: padding bytes are zero.
        guard padded[mli...].allSatisfy({ $0 == 0 }) else { throw .invalidWrapping }
        return Array(padded[..<mli])
    }

    // MARK: - RFC 3394 core (index-based form, RFC 3394 §2.2.1 / §2.2.2)

    /// RFC 3394 wrapping process W with an arbitrary 64-bit initial value. `plaintext` must be ≥ 16 bytes, multiple of 8.
    static func rfc3394Wrap(iv: [UInt8], plaintext: [UInt8], kek: SymmetricKey) throws -> [UInt8] {
        precondition(iv.count == 8 && plaintext.count >= 16 && plaintext.count % 8 == 0)
        let n = plaintext.count / 8
        var a = iv
        var r = plaintext
        var block = [UInt8](repeating: 0, count: 16)
        for j in 0..<6 {
            for i in 0..<n {
                block.replaceSubrange(0..<8, with: a)
                block.replaceSubrange(8..<16, with: r[(8 * i)..<(8 * i + 8)])
                try AES.permute(&block, key: kek)
                a = Array(block[0..<8])
                xorCounter(&a, UInt64(n * j + i + 1))
                r.replaceSubrange((8 * i)..<(8 * i + 8), with: block[8..<16])
            }
        }
        return a + r
    }

    /// RFC 3394 unwrapping process W⁻¹; returns the recovered initial value and the plaintext blocks.
    /// Caller guarantees `ciphertext.count >= 24` and a multiple of 8.
    static func rfc3394Unwrap(_ ciphertext: [UInt8], kek: SymmetricKey) throws -> (iv: [UInt8], plaintext: [UInt8]) {
        let n = ciphertext.count / 8 - 1
        var a = Array(ciphertext[0..<8])
        var r = Array(ciphertext[8...])
        var block = [UInt8](repeating: 0, count: 16)
        for j in (0..<6).reversed() {
            for i in (0..<n).reversed() {
                xorCounter(&a, UInt64(n * j + i + 1))
                block.replaceSubrange(0..<8, with: a)
                block.replaceSubrange(8..<16, with: r[(8 * i)..<(8 * i + 8)])
                try AES.inversePermute(&block, key: kek)
                a = Array(block[0..<8])
                r.replaceSubrange((8 * i)..<(8 * i + 8), with: block[8..<16])
            }
        }
        return (a, r)
    }

    /// XORs the 64-bit big-endian counter `t` into `a` (RFC 3394: A = MSB(64, B) ^ t).
    private static func xorCounter(_ a: inout [UInt8], _ t: UInt64) {
        for k in 0..<8 {
            a[k] ^= UInt8(truncatingIfNeeded: t >> (56 - 8 * UInt64(k)))
        }
    }

    private static func isValidKEK(_ kek: SymmetricKey) -> Bool {
        [128, 192, 256].contains(kek.bitCount)
    }
}
