import ServiceCalls

/// Returns a fresh data key in plaintext and encrypted under a KMS key.
public enum GenerateDataKey: KMSOperation {
    public static let name = "GenerateDataKey"
    /// A cryptographic operation changes nothing: CloudTrail marks it read-only.
    public static let isReadOnly = true

    public static func perform(_ input: GenerateDataKeyRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> GenerateDataKeyResponse {
        try kms.checkGrantTokens(input.grantTokens)
        let recipient = try await kms.attestedRecipient(input.recipient, context: context)
        let length = try DataKeyLength.resolve(keySpec: input.keySpec, numberOfBytes: input.numberOfBytes)
        let key = try kms.authorizedKey(input.keyId, accepting: .keyOrAlias, for: "kms:GenerateDataKey",
                                        conditions: .cryptographic(input.encryptionContext).attested(by: recipient),
                                        context: context)
        try key.state.require(.cryptographic, keyARN: key.arn)
        _ = try kms.encryptionAlgorithm(nil, for: key, operation: name)
        if input.dryRun == true { throw KMSError.dryRun }
        let plaintext = kms.dependencies.randomBytes(length)
        let blob = try kms.seal(plaintext, under: key, context: input.encryptionContext)
        if let recipient {
            // The data key reaches only the enclave; "KeyMaterialId … is omitted if the request
            // includes the Recipient parameter."
            return GenerateDataKeyResponse(ciphertextBlob: blob, keyId: key.arn,
                                           ciphertextForRecipient: try recipient.seal(plaintext, randomBytes: kms.dependencies.randomBytes))
        }
        return GenerateDataKeyResponse(ciphertextBlob: blob, plaintext: .init(plaintext), keyId: key.arn,
                                       keyMaterialId: key.materialID(version: key.currentMaterialVersion))
    }
}

/// The length of a data key: from `KeySpec` or `NumberOfBytes`, exactly one of which is given.
enum DataKeyLength {
    static func resolve(keySpec: DataKeySpec?, numberOfBytes: Int?) throws(KMSError) -> Int {
        switch (keySpec, numberOfBytes) {
        case (.some, .some), (nil, nil):
            throw KMSError(.validation, "Please specify either number of bytes or key spec.")
        case (.aes128?, nil): return 16
        case (.aes256?, nil): return 32
        case (nil, let bytes?): return bytes
        }
    }
}
