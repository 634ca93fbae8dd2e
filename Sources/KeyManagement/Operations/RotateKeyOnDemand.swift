import ServiceCalls

/// Rotates a key now, whatever its automatic rotation says, at most 25 times per key; a key with
/// imported material rotates to the material imported for it (`ImportType` NEW_KEY_MATERIAL).
public enum RotateKeyOnDemand: KMSOperation {
    public static let name = "RotateKeyOnDemand"

    public static func perform(_ input: RotateKeyOnDemandRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> RotateKeyOnDemandResponse {
        let key = try await kms.rotateOnDemand(input.keyId, context: context)
        return RotateKeyOnDemandResponse(keyId: key.arn)
    }
}
