import AWSWire
import AccessPolicy
import Foundation
import Identity

/// One CloudTrail operation: its shapes from the model and what it does over the audit trail.
public protocol CloudTrailOperation: Sendable {
    associatedtype Input: AWSShape
    associatedtype Output: JSONWritable & Sendable

    static var name: String { get }

    static func handle(_ input: Input, context: CloudTrailRequestContext, trail: AuditTrail) async throws -> Output
}

/// Every CloudTrail operation Arca implements; the others answer `UnsupportedOperationException`.
public enum CloudTrailOperationRegistry {
    public static let operations: [any CloudTrailOperation.Type] = [
        ListPublicKeys.self,
        LookupEvents.self,
    ]
}

/// Who is calling CloudTrail, and in which region (the trail of that account and region).
public struct CloudTrailRequestContext: Sendable {
    public var caller: IdentityDirectory.Credential
    public var region: String
    public var requestID: String
    public var sourceIP: String?

    public init(caller: IdentityDirectory.Credential, region: String, requestID: String, sourceIP: String? = nil) {
        self.caller = caller
        self.region = region
        self.requestID = requestID
        self.sourceIP = sourceIP
    }

    /// Allows `action` if the caller's IAM policies do; the account root may do anything.
    func authorize(_ action: String) throws(CloudTrailError) {
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
