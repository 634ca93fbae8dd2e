#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Secret bytes in memory of their own, overwritten with zeros when released.
///
/// A Swift `Array` may be copied on write or moved by the runtime, leaving copies nobody can
/// clear; this buffer is allocated once, never resized and never exposed except to a closure.
/// Holds the scalars of secp256k1 private keys (libsecp256k1 takes secrets as plain pointers), the
/// seeds and expanded private keys of ML-DSA keys (BoringSSL's) and Ed25519 secret keys for
/// libsodium.
final class SecretBytes: @unchecked Sendable {
    // @unchecked: the buffer is written only in `init` and `deinit`; in between it is only read.

    private let buffer: UnsafeMutableRawBufferPointer

    init(copying bytes: some Collection<UInt8>) {
        buffer = .allocate(byteCount: bytes.count, alignment: 1)
        _ = buffer.initializeMemory(as: UInt8.self, from: bytes)
    }

    /// `byteCount` zeroed bytes, aligned for a C structure, that `initialize` fills (a C library
    /// writing a secret straight into them, so it is never copied).
    ///
    /// - Throws: what `initialize` throws; the bytes are zeroed and released first.
    init<Failure: Error>(byteCount: Int, alignment: Int,
                         initializingWith initialize: (UnsafeMutableRawBufferPointer) throws(Failure) -> Void) throws(Failure) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: byteCount, alignment: alignment)
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        do {
            try initialize(buffer)
        } catch {
            Self.zero(buffer)
            buffer.deallocate()
            throw error
        }
        self.buffer = buffer
    }

    var count: Int { buffer.count }

    func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeRawBufferPointer(buffer))
    }

    deinit {
        Self.zero(buffer)
        buffer.deallocate()
    }

    /// Overwrites `buffer` with zeros through a call the optimizer may not drop as a dead store
    /// (`explicit_bzero`, or C11's `memset_s` where that is missing).
    static func zero(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        #if canImport(Darwin)
        _ = memset_s(base, buffer.count, 0, buffer.count)
        #else
        explicit_bzero(base, buffer.count)
        #endif
    }

    /// Zeros an array's storage in place (a copy the caller made of a secret and is done with).
    static func zero(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { zero($0) }
    }
}
