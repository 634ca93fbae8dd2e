import Identity
import ServiceCalls

/// Creates an access key for a user (the calling user when none is named): the only time its
/// secret is returned.
public enum CreateAccessKey: IAMOperation {
    public static let name = "CreateAccessKey"

    public static func perform(_ input: CreateAccessKeyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> CreateAccessKeyResponse {
        let found = try iam.targetUser(input.userName, context: context)
        try iam.authorize("iam:CreateAccessKey", resource: found.arn, context: context)
        let user = try found.modifiable()
        let secret = iam.newSecret()
        let created = iam.now()
        let key = try await iam.identities.write { directory throws(IAMError) in
            guard directory.iamUsers[user.arn] != nil else { throw IAMError.noSuchUser(user.name) }
            let count = directory.iamAccessKeys.values.count { $0.userARN == user.arn }
            guard count < IdentityManagementService.accessKeysPerUser else {
                throw IAMError(.limitExceeded, "Cannot exceed quota for AccessKeysPerUser: \(IdentityManagementService.accessKeysPerUser)")
            }
            var id = iam.newID(prefix: "AKIA")
            while directory.accessKeyExists(id) { id = iam.newID(prefix: "AKIA") }
            let key = IAMAccessKey(id: id, secretAccessKey: secret, userARN: user.arn, userName: user.name,
                                   account: user.account, isActive: true, createDate: created)
            return (key, [.putAccessKey(key)])
        }
        return CreateAccessKeyResponse(accessKey: AccessKey(userName: key.userName, accessKeyId: key.id, status: .active,
                                                            secretAccessKey: key.secretAccessKey, createDate: key.createDate))
    }
}
