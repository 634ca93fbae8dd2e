import CSecp256k1

/// libsecp256k1's context: created and randomized once, then shared by every secp256k1 key.
///
/// "A constructed context can safely be used from multiple threads simultaneously, but API calls
/// that take a non-const pointer to a context need exclusive access to it" (`secp256k1.h`). Only
/// `secp256k1_context_randomize` and `secp256k1_context_destroy` take one, and they run in `init`
/// and `deinit`, where nothing else holds the context; so it is shared without a lock.
final class Secp256k1Context: @unchecked Sendable {
    // @unchecked: after `init` the pointer is only passed to functions that take a const context.

    /// The context every key uses unless a test passes its own.
    static let shared = Secp256k1Context(blindingSeed: systemBlindingSeed())

    let pointer: OpaquePointer

    /// A context whose scalar multiplications with secrets are blinded by `blindingSeed` (32 bytes).
    ///
    /// Randomization "shields against side-channel observations which aim to exploit
    /// secret-dependent behaviour" (`secp256k1_context_randomize`). The seed changes no output:
    /// public keys are functions of the secret, and signatures use RFC 6979 nonces; so two
    /// contexts with different seeds give the same bytes, which the tests check.
    init(blindingSeed: [UInt8]) {
        // Before libsecp256k1 0.2 a SECP256K1_CONTEXT_NONE context could neither sign nor verify,
        // and the library aborts the process on such a call. `secp256k1_selftest` first appeared
        // in 0.2.0 (with `secp256k1_context_static`): calling it makes an older library fail to
        // link, and checks this one's basic operations once.
        secp256k1_selftest()
        // Creation fails only when malloc does, and randomizing a context it created does not
        // fail; either failure would leave no usable context.
        guard let context = secp256k1_context_create(UInt32(SECP256K1_CONTEXT_NONE)) else {
            preconditionFailure("libsecp256k1 could not allocate a context.")
        }
        precondition(blindingSeed.count == 32, "A libsecp256k1 blinding seed is 32 bytes.")
        var seed = blindingSeed
        defer { SecretBytes.zero(&seed) }
        // Called outside `precondition`, whose condition -Ounchecked would not evaluate.
        let randomized = secp256k1_context_randomize(context, seed)
        precondition(randomized == 1, "libsecp256k1 refused the blinding seed.")
        pointer = context
    }

    deinit {
        secp256k1_context_destroy(pointer)
    }

    /// 32 bytes from the operating system for ``shared``.
    ///
    /// Not from `KMSDependencies.randomBytes`: the context is process-wide and outlives any one
    /// service, and since the seed changes no output (see ``init(blindingSeed:)``), drawing it from
    /// the system keeps every result reproducible from the injected source.
    private static func systemBlindingSeed() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).flatMap { _ in withUnsafeBytes(of: generator.next() as UInt64) { Array($0) } }
    }
}
