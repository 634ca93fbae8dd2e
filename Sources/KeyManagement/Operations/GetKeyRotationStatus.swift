import ServiceCalls

/// Whether automatic rotation is enabled, with its period and next date, in any key state.
public enum GetKeyRotationStatus: KMSOperation {
    public static let name = "GetKeyRotationStatus"

    public static func perform(_ input: GetKeyRotationStatusRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> GetKeyRotationStatusResponse {
        let key = try kms.authorizedKey(input.keyId, accepting: .keyOnly, for: "kms:GetKeyRotationStatus", context: context)
        // A replica rotates with its primary, whose schedule it reports.
        let schedule = key.isReplica ? kms.primaryCopy(of: key)?.rotation : key.rotation
        return GetKeyRotationStatusResponse(keyRotationEnabled: schedule != nil, keyId: key.arn,
                                            rotationPeriodInDays: schedule?.periodInDays,
                                            nextRotationDate: schedule?.nextRotationDate)
    }
}
