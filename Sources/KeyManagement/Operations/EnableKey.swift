import ServiceCalls

/// Sets a key's state to Enabled.
public enum EnableKey: KMSOperation {
    public static let name = "EnableKey"

    public static func perform(_ input: EnableKeyRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> EnableKeyResponse {
        try await kms.updateKey(input.keyId, for: "kms:EnableKey", requiring: .enablement, context: context) { key throws(KMSError) in
            key.state = .enabled
        }
        return EnableKeyResponse()
    }
}
