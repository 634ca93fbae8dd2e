import Foundation
import ServiceCalls

/// Derives the raw ECDH shared secret of a KEY_AGREEMENT key's private key and a peer's public key.
///
/// "DeriveSharedSecret … returns the raw shared secret" for the caller to run through a key
/// derivation function of its own (KMS API reference, DeriveSharedSecret).
public enum DeriveSharedSecret: KMSOperation {
    public static let name = "DeriveSharedSecret"
    /// A cryptographic operation changes nothing: CloudTrail marks it read-only.
    public static let isReadOnly = true

    public static func perform(_ input: DeriveSharedSecretRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> DeriveSharedSecretResponse {
        try kms.checkGrantTokens(input.grantTokens)
        let recipient = try await kms.attestedRecipient(input.recipient, context: context)
        let key = try kms.authorizedKey(input.keyId, accepting: .keyOrAlias, for: "kms:DeriveSharedSecret",
                                        conditions: .keyAgreement(input.keyAgreementAlgorithm).attested(by: recipient),
                                        context: context)
        try kms.admitUse(of: key, by: name, context: context)
        try key.state.require(.cryptographic, keyARN: key.arn)
        try kms.requireUsage(.keyAgreement, of: key, for: name)
        if input.dryRun == true { throw KMSError.dryRun }
        let secret = try sharedSecret(of: try kms.privateKey(of: key), peer: input.publicKey)
        if let recipient {
            return DeriveSharedSecretResponse(keyId: key.arn,
                                              ciphertextForRecipient: try recipient.seal(secret, randomBytes: kms.dependencies.randomBytes),
                                              keyAgreementAlgorithm: input.keyAgreementAlgorithm, keyOrigin: key.origin)
        }
        return DeriveSharedSecretResponse(keyId: key.arn, sharedSecret: secret,
                                          keyAgreementAlgorithm: input.keyAgreementAlgorithm, keyOrigin: key.origin)
    }

    /// Recorded from AWS: a public key that is not one of the key's curve is refused with an empty
    /// message.
    static func sharedSecret(of privateKey: AsymmetricPrivateKey, peer: Data) throws(KMSError) -> Data {
        do {
            return try privateKey.sharedSecret(withPeer: peer)
        } catch {
            throw error.code == .validation ? KMSError(.validation, "") : error
        }
    }
}
