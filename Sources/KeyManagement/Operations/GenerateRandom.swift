/// Returns 1 to 1024 cryptographically secure random bytes.
public enum GenerateRandom: KMSOperation {
    public static let name = "GenerateRandom"

    public static func handle(_ input: GenerateRandomRequest, context: KMSRequestContext,
                              kms: KeyManagementService) async throws -> GenerateRandomResponse {
        try kms.rejectRecipient(input.recipient)
        try kms.authorizeByIdentity("kms:GenerateRandom", context: context)
        guard let count = input.numberOfBytes else { throw KMSError(.validation, "NumberOfBytes is required.") }
        if let store = input.customKeyStoreId {
            throw KMSError(.customKeyStoreNotFound, "Custom key store \(store) does not exist.")
        }
        return GenerateRandomResponse(plaintext: .init(kms.dependencies.randomBytes(count)))
    }
}
