import ServiceCalls

/// Cancels a scheduled deletion; "the key returns to the Disabled state" (KMS API reference).
public enum CancelKeyDeletion: KMSOperation {
    public static let name = "CancelKeyDeletion"

    public static func perform(_ input: CancelKeyDeletionRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> CancelKeyDeletionResponse {
        let key = try await kms.updateKey(input.keyId, for: "kms:CancelKeyDeletion", requiring: .pendingDeletion,
                                          context: context) { key throws(KMSError) in
            key.state = .disabled
            key.deletion = nil
        }
        return CancelKeyDeletionResponse(keyId: key.arn)
    }
}
