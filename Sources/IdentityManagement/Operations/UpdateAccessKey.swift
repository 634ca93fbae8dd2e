import Identity
import ServiceCalls

/// Makes an access key active or inactive; an inactive key no longer authenticates.
public enum UpdateAccessKey: IAMOperation {
    public static let name = "UpdateAccessKey"

    public static func perform(_ input: UpdateAccessKeyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> UpdateAccessKeyResponse {
        let user = try iam.targetUser(input.userName, context: context)
        try iam.authorize("iam:UpdateAccessKey", resource: user.arn, context: context)
        guard input.status != .expired else {
            throw IAMError(.validationError, "Access keys can only be made Active or Inactive.")
        }
        try await iam.identities.write { directory throws(IAMError) in
            guard var key = directory.iamAccessKeys[input.accessKeyId], key.userARN == user.arn else {
                if directory.declaredAccessKeyIDs(of: user.arn).contains(input.accessKeyId) {
                    throw IAMError.declared("access key \(input.accessKeyId)")
                }
                throw IAMError(.noSuchEntity, "The Access Key with id \(input.accessKeyId) cannot be found.")
            }
            key.isActive = input.status == .active
            return ((), [.putAccessKey(key)])
        }
        return UpdateAccessKeyResponse()
    }
}
