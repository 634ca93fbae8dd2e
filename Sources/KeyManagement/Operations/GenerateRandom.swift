import ServiceCalls

/// Returns 1 to 1024 cryptographically secure random bytes.
public enum GenerateRandom: KMSOperation {
    public static let name = "GenerateRandom"
    /// A cryptographic operation changes nothing: CloudTrail marks it read-only.
    public static let isReadOnly = true

    public static func perform(_ input: GenerateRandomRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> GenerateRandomResponse {
        let recipient = try await kms.attestedRecipient(input.recipient, context: context)
        try kms.authorizeByIdentity("kms:GenerateRandom", conditions: KMSConditions().attested(by: recipient), context: context)
        guard let count = input.numberOfBytes else { throw KMSError(.validation, "NumberOfBytes is required.") }
        if let store = input.customKeyStoreId {
            throw KMSError(.customKeyStoreNotFound, "Custom key store \(store) does not exist.")
        }
        let random = kms.dependencies.randomBytes(count)
        if let recipient {
            return GenerateRandomResponse(ciphertextForRecipient: try recipient.seal(random, randomBytes: kms.dependencies.randomBytes))
        }
        return GenerateRandomResponse(plaintext: .init(random))
    }
}
