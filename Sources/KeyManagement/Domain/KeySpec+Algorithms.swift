/// What each key spec can be used for, and with which algorithms: the key-spec tables of the
/// AWS KMS Developer Guide ("Key spec reference") as data, so CreateKey, DescribeKey,
/// GetPublicKey, CreateGrant and every cryptographic operation read the same rules.
extension KeySpec {
    /// Key specs whose keys Arca creates. The rest are refused as not supported yet: SM2, which AWS
    /// offers in the China Regions only (``KMSError/chinaRegionsOnly(_:in:)``).
    public var isSupported: Bool {
        switch self {
        case .symmetricDefault, .rsa2048, .rsa3072, .rsa4096, .eccNistP256, .eccNistP384, .eccNistP521,
             .eccSecgP256k1, .eccNistEdwards25519, .mlDsa44, .mlDsa65, .mlDsa87, .hmac224, .hmac256, .hmac384, .hmac512:
            true
        case .sm2:
            false
        }
    }

    /// True for the specs of a public/private key pair.
    public var isAsymmetric: Bool {
        switch self {
        case .rsa2048, .rsa3072, .rsa4096, .eccNistP256, .eccNistP384, .eccNistP521, .eccSecgP256k1,
             .eccNistEdwards25519, .mlDsa44, .mlDsa65, .mlDsa87, .sm2:
            true
        case .symmetricDefault, .hmac224, .hmac256, .hmac384, .hmac512:
            false
        }
    }

    /// The key usages a key of this spec may have: "RSA KMS keys: ENCRYPT_DECRYPT or SIGN_VERIFY;
    /// NIST-standard elliptic curve keys: SIGN_VERIFY or KEY_AGREEMENT; ECC_SECG_P256K1 and
    /// Edwards-curve keys: SIGN_VERIFY; ML-DSA keys: SIGN_VERIFY; HMAC keys: GENERATE_VERIFY_MAC;
    /// SM2 keys: ENCRYPT_DECRYPT, SIGN_VERIFY, or KEY_AGREEMENT" (KMS API reference, CreateKey).
    public var keyUsages: [KeyUsageType] {
        switch self {
        case .symmetricDefault: [.encryptDecrypt]
        case .rsa2048, .rsa3072, .rsa4096: [.encryptDecrypt, .signVerify]
        case .eccNistP256, .eccNistP384, .eccNistP521: [.signVerify, .keyAgreement]
        case .eccSecgP256k1, .eccNistEdwards25519, .mlDsa44, .mlDsa65, .mlDsa87: [.signVerify]
        case .hmac224, .hmac256, .hmac384, .hmac512: [.generateVerifyMac]
        case .sm2: [.encryptDecrypt, .signVerify, .keyAgreement]
        }
    }

    /// The encryption algorithms of a key of this spec and usage (empty unless ENCRYPT_DECRYPT).
    public func encryptionAlgorithms(usage: KeyUsageType) -> [EncryptionAlgorithmSpec] {
        guard usage == .encryptDecrypt else { return [] }
        switch self {
        case .symmetricDefault: return [.symmetricDefault]
        case .rsa2048, .rsa3072, .rsa4096: return [.rsaesOaepSha1, .rsaesOaepSha256]
        case .sm2: return [.sm2pke]
        default: return []
        }
    }

    /// The signing algorithms of a key of this spec and usage (empty unless SIGN_VERIFY).
    public func signingAlgorithms(usage: KeyUsageType) -> [SigningAlgorithmSpec] {
        guard usage == .signVerify else { return [] }
        switch self {
        case .rsa2048, .rsa3072, .rsa4096:
            return [.rsassaPkcs1V15Sha256, .rsassaPkcs1V15Sha384, .rsassaPkcs1V15Sha512,
                    .rsassaPssSha256, .rsassaPssSha384, .rsassaPssSha512]
        case .eccNistP256, .eccSecgP256k1: return [.ecdsaSha256]
        case .eccNistP384: return [.ecdsaSha384]
        case .eccNistP521: return [.ecdsaSha512]
        case .eccNistEdwards25519: return [.ed25519Sha512, .ed25519PhSha512]
        case .mlDsa44, .mlDsa65, .mlDsa87: return [.mlDsaShake256]
        case .sm2: return [.sm2dsa]
        case .symmetricDefault, .hmac224, .hmac256, .hmac384, .hmac512: return []
        }
    }

    /// The MAC algorithm of an HMAC key: "HMAC_224 … HMAC_SHA_224" and so on, one each.
    public var macAlgorithms: [MacAlgorithmSpec] {
        switch self {
        case .hmac224: [.hmacSha224]
        case .hmac256: [.hmacSha256]
        case .hmac384: [.hmacSha384]
        case .hmac512: [.hmacSha512]
        default: []
        }
    }

    /// The key agreement algorithms of a key of this spec and usage (empty unless KEY_AGREEMENT).
    public func keyAgreementAlgorithms(usage: KeyUsageType) -> [KeyAgreementAlgorithmSpec] {
        usage == .keyAgreement ? [.ecdh] : []
    }

    /// The length of an HMAC key's material: as many bytes as the spec's bits ("HMAC_224 … 224
    /// bits", Key spec reference); nil for other specs.
    public var hmacKeyByteCount: Int? {
        switch self {
        case .hmac224: 28
        case .hmac256: 32
        case .hmac384: 48
        case .hmac512: 64
        default: nil
        }
    }

    /// The grant operations a key of this spec and usage supports: "the grant operations must be
    /// supported on the KMS key. For example, you cannot create a grant for a symmetric encryption
    /// KMS key that allows the Sign operation" (KMS API reference, CreateGrant; the table in the
    /// Developer Guide's "Grant operations").
    public func grantOperations(usage: KeyUsageType) -> Set<GrantOperation> {
        let common: Set<GrantOperation> = [.createGrant, .retireGrant, .describeKey]
        switch (self, usage) {
        case (.symmetricDefault, _):
            return common.union([.decrypt, .encrypt, .generateDataKey, .generateDataKeyWithoutPlaintext,
                                 .generateDataKeyPair, .generateDataKeyPairWithoutPlaintext, .reEncryptFrom, .reEncryptTo])
        case (_, .encryptDecrypt):
            return common.union([.decrypt, .encrypt, .reEncryptFrom, .reEncryptTo, .getPublicKey])
        case (_, .signVerify):
            return common.union([.sign, .verify, .getPublicKey])
        case (_, .generateVerifyMac):
            return common.union([.generateMac, .verifyMac])
        case (_, .keyAgreement):
            return common.union([.deriveSharedSecret, .getPublicKey])
        }
    }
}
