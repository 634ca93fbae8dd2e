import AccessPolicy
import ServiceCalls

/// Who exists: the accounts and IAM principals a key policy may name.
///
/// Declared here, implemented by the identity directory where the server is put together.
public protocol KnownPrincipals: Sendable {
    func accountExists(_ accountID: String) -> Bool
    /// Whether an IAM user or role ARN names a principal that exists.
    func principalExists(_ arn: String) -> Bool
}

/// Knows every account and principal: for tests and tools that check no existence.
public struct AnyPrincipalExists: KnownPrincipals {
    public init() {}
    public func accountExists(_ accountID: String) -> Bool { true }
    public func principalExists(_ arn: String) -> Bool { true }
}

/// Key policy documents: stored verbatim, validated before they are stored.
enum KeyPolicyRules {
    /// "The maximum length of a key policy document is 32 kilobytes" (kms-developer-guide.md, Limits).
    static let maximumLength = 32 * 1024
    static let lockoutMessage = "The new key policy will not allow you to update the key policy in the future."
    static let invalidPrincipalsMessage = "Policy contains a statement with one or more invalid principals."

    /// The actions on a key whose operations say "Cross-account use: No. You cannot perform this
    /// operation on a KMS key in a different Amazon Web Services account" (KMS API reference): a
    /// key policy that lets another account use the key never lets it manage the key.
    static let sameAccountActions: Set<String> = [
        "kms:CancelKeyDeletion", "kms:CreateAlias", "kms:DeleteAlias", "kms:DeleteImportedKeyMaterial", "kms:DisableKey",
        "kms:DisableKeyRotation", "kms:EnableKey", "kms:EnableKeyRotation", "kms:GetKeyLastUsage", "kms:GetKeyPolicy",
        "kms:GetParametersForImport", "kms:ImportKeyMaterial", "kms:ListKeyPolicies", "kms:ListKeyRotations",
        "kms:ListResourceTags", "kms:PutKeyPolicy", "kms:ReplicateKey", "kms:RotateKeyOnDemand", "kms:ScheduleKeyDeletion",
        "kms:TagResource", "kms:UntagResource", "kms:UpdateAlias", "kms:UpdateKeyDescription", "kms:UpdatePrimaryRegion",
    ]
}

extension KeyManagementService {
    /// Validates a key policy for CreateKey or PutKeyPolicy: size, grammar, principals that exist,
    /// and the policy lockout safety check.
    ///
    /// The safety check refuses a policy under which the caller could not call PutKeyPolicy on the
    /// key again, unless the request sets `BypassPolicyLockoutSafetyCheck` ("The new key policy
    /// will not allow you to update the key policy in the future").
    func checkKeyPolicy(_ text: String, keyARN: String, bypassLockoutCheck: Bool,
                        context: CallContext) throws(KMSError) {
        guard text.utf8.count <= KeyPolicyRules.maximumLength else {
            throw KMSError(.limitExceeded, "Key policy document exceeds the maximum size of 32 KB.")
        }
        let document: PolicyDocument
        do {
            document = try PolicyDocument(json: text, kind: .resourceBased)
        } catch {
            throw KMSError(.malformedPolicyDocument, error.message)
        }
        for statement in document.statements {
            for identity in statement.principal?.principal.identities ?? [] where !exists(identity) {
                throw KMSError(.malformedPolicyDocument, KeyPolicyRules.invalidPrincipalsMessage)
            }
        }
        guard !bypassLockoutCheck else { return }
        let request = PolicyRequest(principal: context.caller.policyPrincipal, action: "kms:PutKeyPolicy", resource: keyARN,
                                    context: context.caller.principalConditions)
        let decision = KeyAccessEvaluator.evaluate(request, keyPolicy: CompiledPolicy(document),
                                                   identityPolicies: context.caller.policies)
        guard decision.isAllowed else { throw KMSError(.malformedPolicyDocument, KeyPolicyRules.lockoutMessage) }
    }

    func exists(_ identity: PolicyPrincipalIdentity) -> Bool {
        switch identity {
        case .anyone, .service:
            return true
        case .account(_, let account), .assumedRole(_, let account, _, _), .federatedUser(_, let account, _):
            return principals.accountExists(account)
        case .user(let partition, let account, let path, let name):
            return principals.principalExists("arn:\(partition):iam::\(account):user\(path)\(name)")
        case .role(let partition, let account, let path, let name):
            return principals.principalExists("arn:\(partition):iam::\(account):role\(path)\(name)")
        }
    }
}
