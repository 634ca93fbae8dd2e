import Identity

/// Describes a user, or the calling IAM user when no name is given.
public enum GetUser: IAMOperation {
    public static let name = "GetUser"

    public static func handle(_ input: GetUserRequest, context: IAMRequestContext,
                              iam: IdentityManagementService) async throws -> GetUserResponse {
        let user = try iam.targetUser(input.userName, context: context)
        try iam.authorize("iam:GetUser", resource: user.arn, context: context)
        return GetUserResponse(user: user.shape)
    }
}
