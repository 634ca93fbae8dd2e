import CMLDSA

/// BoringSSL's ML-DSA functions for one parameter set (see `CMLDSA.h`), over untyped pointers, so
/// that ``MLDSAPrivateKey`` and ``MLDSAPublicKey`` are written once for all three sets.
///
/// Each set's keys are C structures of their own type and size; each entry here binds the
/// pointer it is given to that type. Every function returns 1 on success, as BoringSSL's do.
struct MLDSAFunctions: Sendable {
    /// Size and alignment of the set's `MLDSAxx_private_key` (the expanded private key).
    let privateKeyLayout: (byteCount: Int, alignment: Int)
    /// Size and alignment of the set's `MLDSAxx_public_key` (the parsed public key).
    let publicKeyLayout: (byteCount: Int, alignment: Int)
    /// ML-DSA.KeyGen_internal (FIPS 204 Algorithm 6): (private key out, seed, seed length).
    let privateKeyFromSeed: @Sendable (UnsafeMutableRawPointer, UnsafePointer<UInt8>, Int) -> Int32
    /// (public key out, private key).
    let publicFromPrivate: @Sendable (UnsafeMutableRawPointer, UnsafeRawPointer) -> Int32
    /// pkEncode (FIPS 204 Algorithm 22): (output, public key).
    let marshalPublicKey: @Sendable (UnsafeMutablePointer<CBB>, UnsafeRawPointer) -> Int32
    /// pkDecode (FIPS 204 Algorithm 23): (public key out, input); fails on trailing bytes.
    let parsePublicKey: @Sendable (UnsafeMutableRawPointer, UnsafeMutablePointer<CBS>) -> Int32
    /// ML-DSA.Sign (FIPS 204 Algorithm 2), hedged: (signature out, private key, message, message
    /// length, context, context length).
    let sign: @Sendable (UnsafeMutablePointer<UInt8>, UnsafeRawPointer, UnsafePointer<UInt8>?, Int,
                         UnsafePointer<UInt8>?, Int) -> Int32
    /// ML-DSA.Sign_internal (FIPS 204 Algorithm 7) from step 7, hedged: (signature out, private
    /// key, the 64-byte μ).
    let signMessageRepresentative: @Sendable (UnsafeMutablePointer<UInt8>, UnsafeRawPointer, UnsafePointer<UInt8>) -> Int32
    /// ML-DSA.Verify (FIPS 204 Algorithm 3): (public key, signature, signature length, message,
    /// message length, context, context length).
    let verify: @Sendable (UnsafeRawPointer, UnsafePointer<UInt8>?, Int, UnsafePointer<UInt8>?, Int,
                           UnsafePointer<UInt8>?, Int) -> Int32

    static let mlDSA44 = MLDSAFunctions(
        privateKeyLayout: (MemoryLayout<MLDSA44_private_key>.size, MemoryLayout<MLDSA44_private_key>.alignment),
        publicKeyLayout: (MemoryLayout<MLDSA44_public_key>.size, MemoryLayout<MLDSA44_public_key>.alignment),
        privateKeyFromSeed: { CCryptoBoringSSL_MLDSA44_private_key_from_seed($0.assumingMemoryBound(to: MLDSA44_private_key.self), $1, $2) },
        publicFromPrivate: {
            CCryptoBoringSSL_MLDSA44_public_from_private($0.assumingMemoryBound(to: MLDSA44_public_key.self),
                                                         $1.assumingMemoryBound(to: MLDSA44_private_key.self))
        },
        marshalPublicKey: { CCryptoBoringSSL_MLDSA44_marshal_public_key($0, $1.assumingMemoryBound(to: MLDSA44_public_key.self)) },
        parsePublicKey: { CCryptoBoringSSL_MLDSA44_parse_public_key($0.assumingMemoryBound(to: MLDSA44_public_key.self), $1) },
        sign: { CCryptoBoringSSL_MLDSA44_sign($0, $1.assumingMemoryBound(to: MLDSA44_private_key.self), $2, $3, $4, $5) },
        signMessageRepresentative: {
            CCryptoBoringSSL_MLDSA44_sign_message_representative($0, $1.assumingMemoryBound(to: MLDSA44_private_key.self), $2)
        },
        verify: { CCryptoBoringSSL_MLDSA44_verify($0.assumingMemoryBound(to: MLDSA44_public_key.self), $1, $2, $3, $4, $5, $6) }
    )

    static let mlDSA65 = MLDSAFunctions(
        privateKeyLayout: (MemoryLayout<MLDSA65_private_key>.size, MemoryLayout<MLDSA65_private_key>.alignment),
        publicKeyLayout: (MemoryLayout<MLDSA65_public_key>.size, MemoryLayout<MLDSA65_public_key>.alignment),
        privateKeyFromSeed: { CCryptoBoringSSL_MLDSA65_private_key_from_seed($0.assumingMemoryBound(to: MLDSA65_private_key.self), $1, $2) },
        publicFromPrivate: {
            CCryptoBoringSSL_MLDSA65_public_from_private($0.assumingMemoryBound(to: MLDSA65_public_key.self),
                                                         $1.assumingMemoryBound(to: MLDSA65_private_key.self))
        },
        marshalPublicKey: { CCryptoBoringSSL_MLDSA65_marshal_public_key($0, $1.assumingMemoryBound(to: MLDSA65_public_key.self)) },
        parsePublicKey: { CCryptoBoringSSL_MLDSA65_parse_public_key($0.assumingMemoryBound(to: MLDSA65_public_key.self), $1) },
        sign: { CCryptoBoringSSL_MLDSA65_sign($0, $1.assumingMemoryBound(to: MLDSA65_private_key.self), $2, $3, $4, $5) },
        signMessageRepresentative: {
            CCryptoBoringSSL_MLDSA65_sign_message_representative($0, $1.assumingMemoryBound(to: MLDSA65_private_key.self), $2)
        },
        verify: { CCryptoBoringSSL_MLDSA65_verify($0.assumingMemoryBound(to: MLDSA65_public_key.self), $1, $2, $3, $4, $5, $6) }
    )

    static let mlDSA87 = MLDSAFunctions(
        privateKeyLayout: (MemoryLayout<MLDSA87_private_key>.size, MemoryLayout<MLDSA87_private_key>.alignment),
        publicKeyLayout: (MemoryLayout<MLDSA87_public_key>.size, MemoryLayout<MLDSA87_public_key>.alignment),
        privateKeyFromSeed: { CCryptoBoringSSL_MLDSA87_private_key_from_seed($0.assumingMemoryBound(to: MLDSA87_private_key.self), $1, $2) },
        publicFromPrivate: {
            CCryptoBoringSSL_MLDSA87_public_from_private($0.assumingMemoryBound(to: MLDSA87_public_key.self),
                                                         $1.assumingMemoryBound(to: MLDSA87_private_key.self))
        },
        marshalPublicKey: { CCryptoBoringSSL_MLDSA87_marshal_public_key($0, $1.assumingMemoryBound(to: MLDSA87_public_key.self)) },
        parsePublicKey: { CCryptoBoringSSL_MLDSA87_parse_public_key($0.assumingMemoryBound(to: MLDSA87_public_key.self), $1) },
        sign: { CCryptoBoringSSL_MLDSA87_sign($0, $1.assumingMemoryBound(to: MLDSA87_private_key.self), $2, $3, $4, $5) },
        signMessageRepresentative: {
            CCryptoBoringSSL_MLDSA87_sign_message_representative($0, $1.assumingMemoryBound(to: MLDSA87_private_key.self), $2)
        },
        verify: { CCryptoBoringSSL_MLDSA87_verify($0.assumingMemoryBound(to: MLDSA87_public_key.self), $1, $2, $3, $4, $5, $6) }
    )
}

extension MLDSAParameterSet {
    var functions: MLDSAFunctions {
        switch self {
        case .mlDSA44: .mlDSA44
        case .mlDSA65: .mlDSA65
        case .mlDSA87: .mlDSA87
        }
    }
}

/// Why a BoringSSL ML-DSA call refused its input. Never shown: callers answer with their own KMS error.
enum MLDSAFailure: Error {
    /// A seed that is not 32 bytes (or BoringSSL could not allocate).
    case invalidSeed
    /// Not pkEncode of a public key of the parameter set: the wrong length.
    case invalidPublicKey
    /// A μ that is not 64 bytes, or a signing call that failed (allocation).
    case signingFailed
}
