import Identity
import ServiceCalls

/// Creates an IAM user in the caller's account: "User names are not distinguished by case."
public enum CreateUser: IAMOperation {
    public static let name = "CreateUser"

    public static func perform(_ input: CreateUserRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> CreateUserResponse {
        let path = input.path ?? "/"
        try iam.authorize("iam:CreateUser", resource: iam.userARN(input.userName, path: path, context: context), context: context)
        if input.tags != nil { throw IAMError.unsupported("Tags on users") }
        if input.permissionsBoundary != nil { throw IAMError.unsupported("Permissions boundaries") }
        let user = IAMUser(account: context.account, name: input.userName, path: path,
                           userID: iam.newID(prefix: "AIDA", length: 17), createDate: iam.now())
        try await iam.identities.write { directory throws(IAMError) in
            guard directory.userARN(named: input.userName, in: context.account) == nil else {
                throw IAMError(.entityAlreadyExists, "User with name \(input.userName) already exists.")
            }
            return ((), [.putUser(user)])
        }
        return CreateUserResponse(user: UserRef.created(user).shape)
    }
}
