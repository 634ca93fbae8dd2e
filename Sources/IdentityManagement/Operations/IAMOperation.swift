import AWSWire
import Foundation
import ServiceCalls

/// One IAM operation: a ``ServiceOperation`` on the ``IdentityManagementService``.
public protocol IAMOperation: ServiceOperation where Service == IdentityManagementService {}

/// The one table from action to operation: every IAM operation Arca implements. Other actions
/// of the model answer `UnsupportedOperation` and are marked as missing in the README.
public enum IAMOperationRegistry {
    public static let operations: [any ServiceOperation<IdentityManagementService>.Type] = [
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
