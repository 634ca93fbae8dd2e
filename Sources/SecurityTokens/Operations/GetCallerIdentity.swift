import Identity
import ServiceCalls

/// Who the caller is. "No permissions are required to perform this operation." (STS API
/// reference, GetCallerIdentity)
public enum GetCallerIdentity: STSOperation {
    public static let name = "GetCallerIdentity"

    public static func perform(_ input: GetCallerIdentityRequest, context: CallContext,
                               service sts: SecurityTokenService) async throws -> GetCallerIdentityResponse {
        let principal = context.caller.principal
        return GetCallerIdentityResponse(userId: principal.userID, account: principal.account.rawValue, arn: principal.arn)
    }
}
