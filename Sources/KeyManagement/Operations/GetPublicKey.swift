import ServiceCalls

/// Returns the public key of an asymmetric key as DER SubjectPublicKeyInfo, with what it may be
/// used for, so it can be used outside KMS ("to encrypt data or verify signatures outside of AWS
/// KMS", KMS API reference, GetPublicKey).
public enum GetPublicKey: KMSOperation {
    public static let name = "GetPublicKey"
    public static let isReadOnly = true

    public static func perform(_ input: GetPublicKeyRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> GetPublicKeyResponse {
        try kms.checkGrantTokens(input.grantTokens)
        let key = try kms.authorizedKey(input.keyId, accepting: .keyOrAlias, for: "kms:GetPublicKey", context: context)
        guard key.keySpec.isAsymmetric else {
            throw KMSError(.unsupportedOperation, "\(key.arn) key spec \(key.keySpec.rawValue) has no public key.")
        }
        try key.state.require(.cryptographic, keyARN: key.arn)
        let publicKey = try kms.privateKey(of: key).publicKey
        // The same spec, usage and algorithm lists DescribeKey reports.
        let metadata = key.metadata
        return GetPublicKeyResponse(
            keyId: key.arn, publicKey: publicKey.derRepresentation,
            customerMasterKeySpec: metadata.customerMasterKeySpec, keySpec: key.keySpec, keyUsage: key.keyUsage,
            encryptionAlgorithms: metadata.encryptionAlgorithms, signingAlgorithms: metadata.signingAlgorithms,
            keyAgreementAlgorithms: metadata.keyAgreementAlgorithms)
    }
}
