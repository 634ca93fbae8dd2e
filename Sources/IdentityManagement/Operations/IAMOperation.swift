import AWSWire
import Foundation

/// One IAM operation: its input and output shapes from the model and what it does.
public protocol IAMOperation: Sendable {
    associatedtype Input: AWSShape
    associatedtype Output: AWSQueryOutput

    /// The operation name as the query protocol's `Action` carries it.
    static var name: String { get }

    static func handle(_ input: Input, context: IAMRequestContext, iam: IdentityManagementService) async throws -> Output
}

/// The one table from action to operation: every IAM operation Arca implements. Other actions
/// of the model answer `UnsupportedOperation` and are marked as missing in the README.
public enum IAMOperationRegistry {
    public static let operations: [any IAMOperation.Type] = [
        AddUserToGroup.self,
        AttachGroupPolicy.self,
        AttachRolePolicy.self,
        AttachUserPolicy.self,
        CreateAccessKey.self,
        CreateGroup.self,
        CreatePolicy.self,
        CreatePolicyVersion.self,
        CreateRole.self,
        CreateUser.self,
        DeleteAccessKey.self,
        DeleteGroup.self,
        DeleteGroupPolicy.self,
        DeletePolicy.self,
        DeletePolicyVersion.self,
        DeleteRole.self,
        DeleteRolePolicy.self,
        DeleteUser.self,
        DeleteUserPolicy.self,
        DetachGroupPolicy.self,
        DetachRolePolicy.self,
        DetachUserPolicy.self,
        GetGroup.self,
        GetGroupPolicy.self,
        GetPolicy.self,
        GetPolicyVersion.self,
        GetRole.self,
        GetRolePolicy.self,
        GetUser.self,
        GetUserPolicy.self,
        ListAccessKeys.self,
        ListAttachedGroupPolicies.self,
        ListAttachedRolePolicies.self,
        ListAttachedUserPolicies.self,
        ListEntitiesForPolicy.self,
        ListGroupPolicies.self,
        ListGroups.self,
        ListGroupsForUser.self,
        ListPolicies.self,
        ListPolicyVersions.self,
        ListRolePolicies.self,
        ListRoles.self,
        ListUserPolicies.self,
        ListUsers.self,
        PutGroupPolicy.self,
        PutRolePolicy.self,
        PutUserPolicy.self,
        RemoveUserFromGroup.self,
        SetDefaultPolicyVersion.self,
        UpdateAccessKey.self,
        UpdateAssumeRolePolicy.self,
    ]
}

/// IAM's `Marker`/`MaxItems` paging: an opaque offset, at most `MaxItems` (default 100) items.
enum IAMPage {
    static func page<T>(_ items: [T], maxItems: Int?, marker: String?) throws(IAMError) -> (page: ArraySlice<T>, next: String?) {
        var start = 0
        if let marker {
            guard let data = Data(base64Encoded: marker), let text = String(data: data, encoding: .utf8),
                  text.hasPrefix("offset:"), let offset = Int(text.dropFirst(7)), (0...items.count).contains(offset) else {
                throw IAMError(.validationError, "Invalid Marker.")
            }
            start = offset
        }
        let end = min(items.count, start + (maxItems ?? 100))
        return (items[start..<end], end < items.count ? Data("offset:\(end)".utf8).base64EncodedString() : nil)
    }
}
