import ServiceCalls

/// Sets a key's state to Disabled, so cryptographic operations fail with `DisabledException`.
public enum DisableKey: KMSOperation {
    public static let name = "DisableKey"

    public static func perform(_ input: DisableKeyRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> DisableKeyResponse {
        try await kms.updateKey(input.keyId, for: "kms:DisableKey", requiring: .enablement, context: context) { key throws(KMSError) in
            key.state = .disabled
        }
        return DisableKeyResponse()
    }
}
