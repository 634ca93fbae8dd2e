/// The types of KMS key AWS's cryptographic request quotas tell apart.
///
/// "These shared quotas vary with the AWS Region and the type of KMS key used in the request. Each
/// quota is calculated separately" (AWS KMS Developer Guide, Request quotas).
public enum KeyQuotaType: String, Sendable, CaseIterable {
    /// Symmetric encryption keys and HMAC keys: the symmetric quota "applies to cryptographic
    /// operations with symmetric encryption keys and HMAC keys, which are also symmetric".
    case symmetric
    case rsa = "RSA"
    /// Elliptic-curve keys: NIST and SECG curves, and Edwards25519.
    case ecc = "ECC"
    case sm2 = "SM2"
    case mlDSA = "ML-DSA"
}

extension KeySpec {
    /// The type of key whose quota a request with a key of this spec counts against.
    public var quotaType: KeyQuotaType {
        switch self {
        case .symmetricDefault, .hmac224, .hmac256, .hmac384, .hmac512: .symmetric
        case .rsa2048, .rsa3072, .rsa4096: .rsa
        case .eccNistP256, .eccNistP384, .eccNistP521, .eccSecgP256k1, .eccNistEdwards25519: .ecc
        case .sm2: .sm2
        case .mlDsa44, .mlDsa65, .mlDsa87: .mlDSA
        }
    }
}

extension KMSRequestQuotas {
    /// The operations whose quota depends on the key they use (or, for GenerateDataKeyPair, the
    /// key pair they generate), so it is known only once the key is resolved.
    ///
    /// Admission lets these through; each counts itself against its quota right after its key is
    /// resolved and authorized (``KeyUseAdmission``), under the name ``use(_:with:)`` or
    /// ``use(_:generating:)`` gives it. A request refused before that point (no such key, access
    /// denied) is not counted.
    public static let keyDependentOperations: Set<String> = [
        "Decrypt", "DeriveSharedSecret", "Encrypt", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext",
        "ReEncrypt", "Sign", "Verify",
    ]

    /// What `operation` with a key of `type` counts against a quota as: the operation's own name
    /// for a symmetric key, as the symmetric quota lists its operations, and otherwise the
    /// operation qualified as AWS qualifies the quota, e.g. "Sign (RSA)".
    public static func use(_ operation: String, with type: KeyQuotaType) -> String {
        type == .symmetric ? operation : "\(operation) (\(type.rawValue))"
    }

    /// What a GenerateDataKeyPair(WithoutPlaintext) of `spec` counts against a quota as, e.g.
    /// "GenerateDataKeyPair (RSA_2048)".
    public static func use(_ operation: String, generating spec: DataKeyPairSpec) -> String {
        "\(operation) (\(spec.rawValue))"
    }

    /// Rows of key-type quotas: each lists `operations` with keys of `type`.
    static func uses(_ operations: [String], with type: KeyQuotaType) -> [String] {
        operations.map { use($0, with: type) }
    }

    /// "GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext … share a separate quota" per
    /// key pair spec (AWS KMS Developer Guide, Request quotas): 100 a second for each elliptic
    /// curve, 25 for SM2 (China Regions only), and for RSA 20, 4 and 1 (1, 0.5 and 0.1 in
    /// cn-north-1 and cn-northwest-1) for 2048, 3072 and 4096 bits.
    static func dataKeyPairQuotas(in region: String) -> [(name: String, operations: [String], requestsPerSecond: Double)] {
        let china = region == "cn-north-1" || region == "cn-northwest-1"
        return DataKeyPairSpec.allCases.map { spec in
            let rate: Double = switch spec {
            case .eccNistP256, .eccNistP384, .eccNistP521, .eccSecgP256k1, .eccNistEdwards25519: 100
            case .rsa2048: china ? 1 : 20
            case .rsa3072: china ? 0.5 : 4
            case .rsa4096: china ? 0.1 : 1
            case .sm2: 25
            }
            let name = spec == .sm2 ? "GenerateDataKeyPair (SM2 — China Regions only) request rate"
                : "GenerateDataKeyPair (\(spec.rawValue)) request rate"
            return (name, [use("GenerateDataKeyPair", generating: spec), use("GenerateDataKeyPairWithoutPlaintext", generating: spec)],
                    rate)
        }
    }
}
