import Identity
import ServiceCalls

import Foundation

/// Returns an inline policy of a user. "The policy document returned in this structure is URL-
/// encoded compliant with RFC 3986" (IAM API reference, GetUserPolicy).
public enum GetUserPolicy: IAMOperation {
    public static let name = "GetUserPolicy"

    public static func perform(_ input: GetUserPolicyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> GetUserPolicyResponse {
        let user = try iam.user(named: input.userName, context: context)
        try iam.authorize("iam:GetUserPolicy", resource: user.arn, context: context)
        guard case .created(let created) = user,
              let policy = created.inlinePolicies.first(where: { $0.name == input.policyName }) else {
            throw InlinePolicies.notFound(input.policyName, ownerKind: "user")
        }
        return GetUserPolicyResponse(userName: created.name, policyName: policy.name,
                                     policyDocument: RFC3986.encode(policy.document))
    }
}

/// Percent-encoding of everything but RFC 3986's unreserved characters.
enum RFC3986 {
    static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
