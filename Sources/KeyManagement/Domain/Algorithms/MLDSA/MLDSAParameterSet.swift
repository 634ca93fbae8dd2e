import Crypto
import Foundation

/// The ML-DSA parameter sets Arca implements (FIPS 204 §4, Table 1): ML-DSA-65 and ML-DSA-87,
/// the two swift-crypto 4.5 has.
///
/// ML_DSA_44 is a KMS key spec too, but swift-crypto has no ML-DSA-44 (its `Crypto` module offers
/// `MLDSA65` and `MLDSA87` only), so such keys are refused as not supported.
enum MLDSAParameterSet: Sendable, CaseIterable {
    case mlDSA65, mlDSA87

    init?(_ spec: KeySpec) {
        switch spec {
        case .mlDsa65: self = .mlDSA65
        case .mlDsa87: self = .mlDSA87
        default: return nil
        }
    }

    var keySpec: KeySpec {
        switch self {
        case .mlDSA65: .mlDsa65
        case .mlDSA87: .mlDsa87
        }
    }

    /// The length of pkEncode(ρ, t1), the public key (FIPS 204 Table 2).
    var publicKeyByteCount: Int {
        switch self {
        case .mlDSA65: 1952
        case .mlDSA87: 2592
        }
    }

    /// The length of a signature (FIPS 204 Table 2).
    var signatureByteCount: Int {
        switch self {
        case .mlDSA65: 3309
        case .mlDSA87: 4627
        }
    }
}

extension AsymmetricPrivateKey.Backing {
    /// The key pair ML-DSA.KeyGen_internal(ξ) (FIPS 204 Algorithm 6) expands the 32-byte seed ξ into.
    ///
    /// - Throws: swift-crypto's error for a seed that is not 32 bytes.
    init(_ parameters: MLDSAParameterSet, seed: some DataProtocol) throws {
        switch parameters {
        case .mlDSA65: self = .mlDSA65(try MLDSA65.PrivateKey(seedRepresentation: seed, publicKey: nil))
        case .mlDSA87: self = .mlDSA87(try MLDSA87.PrivateKey(seedRepresentation: seed, publicKey: nil))
        }
    }
}
