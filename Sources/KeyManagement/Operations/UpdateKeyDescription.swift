import ServiceCalls

/// Replaces the description of a key.
public enum UpdateKeyDescription: KMSOperation {
    public static let name = "UpdateKeyDescription"

    public static func perform(_ input: UpdateKeyDescriptionRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> UpdateKeyDescriptionResponse {
        try await kms.updateKey(input.keyId, for: "kms:UpdateKeyDescription", requiring: .management, context: context) { key throws(KMSError) in
            key.description = input.description
        }
        return UpdateKeyDescriptionResponse()
    }
}
