import AWSWire
import AccessPolicy
import Foundation
import Identity
import ServiceCalls

/// One CloudTrail operation: a ``ServiceOperation`` over the ``AuditTrail``.
public protocol CloudTrailOperation: ServiceOperation where Service == AuditTrail {}

/// Every CloudTrail operation Arca implements; the others answer `UnsupportedOperationException`.
public enum CloudTrailOperationRegistry {
    public static let operations: [any ServiceOperation<AuditTrail>.Type] = [
        ListPublicKeys.self,
        LookupEvents.self,
    ]
}

extension CallContext {
    /// Allows the CloudTrail `action` if the caller's IAM policies do; the account root may do
    /// anything.
    func authorizeCloudTrail(_ action: String) throws(CloudTrailError) {
        let request = PolicyRequest(principal: caller.policyPrincipal, action: action, resource: "*",
                                    context: caller.principalConditions)
        let decision = IdentityPolicyEvaluator.evaluate(request, identityPolicies: caller.policies)
        if let message = decision.accessDeniedMessage(for: request) {
            throw CloudTrailError(.accessDenied, message)
        }
    }
}

/// A CloudTrail error: its `__type`, status and message.
public struct CloudTrailError: AWSErrorRenderable, Equatable {
    public var awsErrorType: String
    public var httpStatusCode: Int
    public var message: String

    public init(_ code: CloudTrailErrorCode, _ message: String) {
        self.awsErrorType = code.rawValue
        self.httpStatusCode = code.httpStatusCode
        self.message = message
    }
}
