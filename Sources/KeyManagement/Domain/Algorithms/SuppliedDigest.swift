import Crypto

/// swift-crypto digest values holding bytes a caller supplied: Sign and Verify with `MessageType`
/// `DIGEST`, where "KMS skips the hashing step in the signing algorithm" (AWS KMS API reference).
///
/// `_RSA`'s `signature(for: some Digest, padding:)` picks the hash for the PKCS #1 v1.5 DigestInfo
/// and for PSS from the digest's *type* (`SHA256Digest` means SHA-256) and refuses, or in
/// `isValidSignature` traps on, any other `Digest` type; and `SHA256Digest`, `SHA384Digest` and
/// `SHA512Digest` have no public initializer from bytes. So the bytes are copied into a properly
/// aligned, uninitialised instance of the real type, which is safe only because these types are
/// plain inline storage of exactly `byteCount` bytes; that is checked before, and the result read
/// back after, so any other layout fails closed instead of signing the wrong bytes.
enum SuppliedDigest {
    /// A `D` whose bytes are `bytes`.
    ///
    /// - Throws: `KMSInternalException` when `D` is not plain inline storage of `D.byteCount` bytes
    ///   (a swift-crypto change), and when `bytes` has another length (callers check the length
    ///   first, with the message AWS gives).
    static func make<D: Digest>(_ bytes: [UInt8], as type: D.Type) throws(KMSError) -> D {
        guard _isPOD(D.self), MemoryLayout<D>.size == D.byteCount, bytes.count == D.byteCount else {
            throw unusable(D.self)
        }
        let storage = UnsafeMutablePointer<D>.allocate(capacity: 1)
        defer { storage.deallocate() }
        bytes.withUnsafeBytes { source in
            UnsafeMutableRawPointer(storage).copyMemory(from: source.baseAddress!, byteCount: D.byteCount)
        }
        let digest = storage.move()
        guard digest.withUnsafeBytes({ Array($0) }) == bytes else { throw unusable(D.self) }
        return digest
    }

    private static func unusable(_ type: Any.Type) -> KMSError {
        KMSError(.kmsInternal, "A \(type) cannot be built from the supplied digest.")
    }
}
