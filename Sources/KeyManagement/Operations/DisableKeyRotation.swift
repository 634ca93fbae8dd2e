import ServiceCalls

/// Disables automatic rotation; earlier backing keys stay and still decrypt.
public enum DisableKeyRotation: KMSOperation {
    public static let name = "DisableKeyRotation"

    public static func perform(_ input: DisableKeyRotationRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> DisableKeyRotationResponse {
        try await kms.updateKey(input.keyId, for: "kms:DisableKeyRotation", requiring: .cryptographic,
                                context: context) { key throws(KMSError) in
            try key.requireRotatable(automatically: true)
            key.rotation = nil
        }
        return DisableKeyRotationResponse()
    }
}
