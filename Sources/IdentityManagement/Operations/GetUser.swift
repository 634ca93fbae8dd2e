import Identity
import ServiceCalls

/// Describes a user, or the calling IAM user when no name is given.
public enum GetUser: IAMOperation {
    public static let name = "GetUser"

    public static func perform(_ input: GetUserRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> GetUserResponse {
        let user = try iam.targetUser(input.userName, context: context)
        try iam.authorize("iam:GetUser", resource: user.arn, context: context)
        return GetUserResponse(user: user.shape)
    }
}
