import Identity
import ServiceCalls

/// Deletes an access key; requests signed with it stop authenticating at once.
public enum DeleteAccessKey: IAMOperation {
    public static let name = "DeleteAccessKey"

    public static func perform(_ input: DeleteAccessKeyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> DeleteAccessKeyResponse {
        let user = try iam.targetUser(input.userName, context: context)
        try iam.authorize("iam:DeleteAccessKey", resource: user.arn, context: context)
        try await iam.identities.write { directory throws(IAMError) in
            guard let key = directory.iamAccessKeys[input.accessKeyId], key.userARN == user.arn else {
                if directory.declaredAccessKeyIDs(of: user.arn).contains(input.accessKeyId) {
                    throw IAMError.declared("access key \(input.accessKeyId)")
                }
                throw IAMError(.noSuchEntity, "The Access Key with id \(input.accessKeyId) cannot be found.")
            }
            return ((), [.deleteAccessKey(key)])
        }
        return DeleteAccessKeyResponse()
    }
}
