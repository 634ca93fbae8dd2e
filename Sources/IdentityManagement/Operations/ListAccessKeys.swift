import Identity
import ServiceCalls

/// Lists a user's access keys (never their secrets), the calling user's when none is named.
public enum ListAccessKeys: IAMOperation {
    public static let name = "ListAccessKeys"

    public static func perform(_ input: ListAccessKeysRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> ListAccessKeysResponse {
        let user = try iam.targetUser(input.userName, context: context)
        try iam.authorize("iam:ListAccessKeys", resource: user.arn, context: context)
        let directory = iam.identities.current
        var keys = directory.iamAccessKeys.values.filter { $0.userARN == user.arn }
            .map { AccessKeyMetadata(userName: $0.userName, accessKeyId: $0.id, status: $0.isActive ? .active : .inactive,
                                     createDate: $0.createDate) }
        keys += directory.declaredAccessKeyIDs(of: user.arn)
            .map { AccessKeyMetadata(userName: user.name, accessKeyId: $0, status: .active, createDate: directory.loadedAt) }
        keys.sort { ($0.accessKeyId ?? "") < ($1.accessKeyId ?? "") }
        let (page, next) = try IAMPage.page(keys, maxItems: input.maxItems, marker: input.marker)
        return ListAccessKeysResponse(accessKeyMetadata: Array(page), isTruncated: next != nil, marker: next)
    }
}
