import Foundation

/// The ML-DSA parameter sets (FIPS 204 §4, Table 1) of the KMS key specs ML_DSA_44, ML_DSA_65 and
/// ML_DSA_87.
enum MLDSAParameterSet: Sendable, CaseIterable {
    case mlDSA44, mlDSA65, mlDSA87

    init?(_ spec: KeySpec) {
        switch spec {
        case .mlDsa44: self = .mlDSA44
        case .mlDsa65: self = .mlDSA65
        case .mlDsa87: self = .mlDSA87
        default: return nil
        }
    }

    var keySpec: KeySpec {
        switch self {
        case .mlDSA44: .mlDsa44
        case .mlDSA65: .mlDsa65
        case .mlDSA87: .mlDsa87
        }
    }

    /// The length of pkEncode(ρ, t1), the public key (FIPS 204 Table 2).
    var publicKeyByteCount: Int {
        switch self {
        case .mlDSA44: 1312
        case .mlDSA65: 1952
        case .mlDSA87: 2592
        }
    }

    /// The length of a signature (FIPS 204 Table 2).
    var signatureByteCount: Int {
        switch self {
        case .mlDSA44: 2420
        case .mlDSA65: 3309
        case .mlDSA87: 4627
        }
    }
}
