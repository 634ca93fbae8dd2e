/// Cancels a scheduled deletion; "the key returns to the Disabled state" (KMS API reference).
public enum CancelKeyDeletion: KMSOperation {
    public static let name = "CancelKeyDeletion"

    public static func handle(_ input: CancelKeyDeletionRequest, context: KMSRequestContext,
                              kms: KeyManagementService) async throws -> CancelKeyDeletionResponse {
        let key = try await kms.updateKey(input.keyId, for: "kms:CancelKeyDeletion", requiring: .pendingDeletion,
                                          context: context) { key throws(KMSError) in
            key.state = .disabled
            key.deletion = nil
        }
        return CancelKeyDeletionResponse(keyId: key.arn)
    }
}
