import Identity
import ServiceCalls

/// Creates a role whose trust policy says who may assume it with STS.
public enum CreateRole: IAMOperation {
    public static let name = "CreateRole"

    public static func perform(_ input: CreateRoleRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> CreateRoleResponse {
        let path = input.path ?? "/"
        try iam.authorize("iam:CreateRole", resource: "arn:aws:iam::\(context.account):role\(path)\(input.roleName)", context: context)
        if input.tags != nil { throw IAMError.unsupported("Tags on roles") }
        if input.permissionsBoundary != nil { throw IAMError.unsupported("Permissions boundaries") }
        try iam.validateTrustPolicy(input.assumeRolePolicyDocument)
        let role = IAMRole(account: context.account, name: input.roleName, path: path,
                           roleID: iam.newID(prefix: "AROA", length: 17), createDate: iam.now(),
                           trustPolicy: input.assumeRolePolicyDocument, description: input.description,
                           maxSessionDuration: input.maxSessionDuration ?? IdentityDirectory.defaultMaxSessionDuration)
        try await iam.identities.write { directory throws(IAMError) in
            guard directory.roleARN(named: input.roleName, in: context.account) == nil else {
                throw IAMError(.entityAlreadyExists, "Role with name \(input.roleName) already exists.")
            }
            return ((), [.putRole(role)])
        }
        return CreateRoleResponse(role: try iam.role(named: role.name, context: context).shape)
    }
}
