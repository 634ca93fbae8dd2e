import AccessPolicy
import ServiceCalls

/// The condition keys an operation adds to its authorization request.
///
/// "kms:EncryptionContext:context-key" and "kms:EncryptionContextKeys" come from the request's
/// encryption context; "kms:EncryptionAlgorithm" from its algorithm (kms-developer-guide.md,
/// Policy Conditions).
public struct KMSConditions: Sendable {
    var context = PolicyConditionContext()
    /// The request's encryption context, which grant constraints are checked against.
    var encryptionContext: [String: String]?
    /// For CreateGrant: the grant asked for, which a grant allowing CreateGrant must cover.
    var requestedGrant: GrantTerms?

    public init() {}

    /// The keys of a cryptographic operation: its encryption context, and its algorithm, which
    /// is `SYMMETRIC_DEFAULT` when the request names none ("the kms:EncryptionAlgorithm condition
    /// key … applies even when the algorithm isn't specified", AWS KMS condition keys).
    public static func cryptographic(_ pairs: [String: String]?, algorithm: EncryptionAlgorithmSpec? = nil) -> KMSConditions {
        var conditions = encryptionContext(pairs)
        conditions.encryptionContext = pairs
        conditions.context.set(lowercasedKey: "kms:encryptionalgorithm", .single((algorithm ?? .symmetricDefault).rawValue))
        return conditions
    }

    /// `kms:EncryptionContext:<key>` and `kms:EncryptionContextKeys` for these pairs.
    static func encryptionContext(_ pairs: [String: String]?) -> KMSConditions {
        var conditions = KMSConditions()
        if let pairs, !pairs.isEmpty {
            for (key, value) in pairs {
                conditions.context.set(lowercasedKey: "kms:encryptioncontext:" + key.lowercased(), .single(value))
            }
            conditions.context.set(lowercasedKey: "kms:encryptioncontextkeys", .set(Array(pairs.keys)))
        }
        return conditions
    }

    /// `kms:BypassPolicyLockoutSafetyCheck` of CreateKey and PutKeyPolicy.
    public static func bypassLockoutCheck(_ bypass: Bool?) -> KMSConditions {
        KMSConditions().setting("kms:BypassPolicyLockoutSafetyCheck", bypass == true ? "true" : "false")
    }

    /// The keys of CreateKey: the properties of the key asked for, with AWS's defaults for those
    /// the request leaves out (`kms:KeySpec`, `kms:KeyUsage`, `kms:KeyOrigin`, `kms:MultiRegion`).
    public static func creatingKey(_ input: CreateKeyRequest) -> KMSConditions {
        let spec = input.keySpec?.rawValue ?? input.customerMasterKeySpec?.rawValue ?? KeySpec.symmetricDefault.rawValue
        return bypassLockoutCheck(input.bypassPolicyLockoutSafetyCheck)
            .setting("kms:KeySpec", spec)
            .setting("kms:KeyUsage", (input.keyUsage ?? .encryptDecrypt).rawValue)
            .setting("kms:KeyOrigin", (input.origin ?? .awsKms).rawValue)
            .setting("kms:MultiRegion", input.multiRegion == true ? "true" : "false")
    }

    func setting(_ key: String, _ value: String) -> KMSConditions {
        var copy = self
        copy.context[key] = .single(value)
        return copy
    }
}

extension KeyManagementService {
    /// Allows or refuses `action` on a key as AWS evaluates it: the key policy is the root of
    /// trust, IAM policies count where it names the caller's account, grants allow their grantee,
    /// an explicit deny wins.
    ///
    /// - Important: every operation on a key goes through here (via ``authorizedKey``), after the
    ///   key is resolved and before its state is checked.
    func authorize(_ key: KMSKey, _ action: String, conditions: KMSConditions = KMSConditions(),
                   context: CallContext) throws(KMSError) {
        context.notes.used(key.auditResource)
        var conditionContext = conditions.context
        conditionContext.set(lowercasedKey: "kms:calleraccount", .single(context.account.rawValue))
        conditionContext.set(lowercasedKey: "kms:keyspec", .single(key.keySpec.rawValue))
        conditionContext.set(lowercasedKey: "kms:keyusage", .single(key.keyUsage.rawValue))
        conditionContext.set(lowercasedKey: "kms:keyorigin", .single(key.origin.rawValue))
        if let aliases = ring.read({ $0.aliasNames[key.id] }), !aliases.isEmpty {
            conditionContext.set(lowercasedKey: "kms:resourcealiases", .set(aliases.sorted()))
        }
        let request = policyRequest(action, resource: key.arn, conditions: conditionContext, context: context)
        let keyPolicy = ring.read { $0.compiledPolicies[key.id] } ?? CompiledPolicy.empty
        let decision = KeyAccessEvaluator.evaluate(request, keyPolicy: keyPolicy, identityPolicies: context.caller.policies) {
            grantAllowances(on: key, action: action, conditions: conditions, caller: context.caller.policyPrincipal)
        }
        if let message = decision.accessDeniedMessage(for: request) {
            throw KMSError(.accessDenied, message)
        }
    }

    /// Allows or refuses an action that is not on a key (CreateKey, ListKeys, GenerateRandom) or
    /// is on an alias: only IAM policies decide, and the account root may do anything.
    func authorizeByIdentity(_ action: String, resource: String = "*", conditions: KMSConditions = KMSConditions(),
                             context: CallContext) throws(KMSError) {
        let request = policyRequest(action, resource: resource, conditions: conditions.context, context: context)
        let decision = IdentityPolicyEvaluator.evaluate(request, identityPolicies: context.caller.policies)
        if let message = decision.accessDeniedMessage(for: request) { throw KMSError(.accessDenied, message) }
    }

    /// Refuses a resource of another account for an action only IAM policies authorize, as the
    /// caller's IAM policies cannot grant access to it.
    func requireOwnAccount(_ resource: String, for action: String, context: CallContext) throws(KMSError) {
        let account = PolicyPrincipalIdentity(aws: resource)?.accountID
        guard account != context.account.rawValue else { return }
        let request = policyRequest(action, resource: resource, conditions: PolicyConditionContext(), context: context)
        throw KMSError(.accessDenied, PolicyDecision.implicitDeny(missing: .identityBased).accessDeniedMessage(for: request) ?? "")
    }

    /// The request the evaluator sees: the call's global keys (``CallContext/conditionKeys``),
    /// `kms:ViaService` for a call a service makes on the caller's behalf, and the operation's
    /// own keys.
    private func policyRequest(_ action: String, resource: String, conditions: PolicyConditionContext,
                               context: CallContext) -> PolicyRequest {
        var merged = context.conditionKeys(at: now, clockText: clockText)
        // "kms:ViaService … limits use of a KMS key to requests from specified AWS services",
        // whose value is the service's endpoint in the request's region (`sqs.us-east-1.amazonaws.com`).
        if let via = context.viaService {
            merged.set(lowercasedKey: "kms:viaservice", .single(via.endpoint(in: context.region)))
        }
        merged.merge(conditions)
        return PolicyRequest(principal: context.caller.policyPrincipal, action: action, resource: resource, context: merged)
    }

    /// Resolves a `KeyId` parameter and authorizes `action` on the key it names.
    ///
    /// Aliases resolve before authorizing, and the alias used is `kms:RequestAlias`.
    public func authorizedKey(_ identifier: String, accepting forms: KeyIdentifierForms, for action: String,
                              conditions: KMSConditions = KMSConditions(),
                              context: CallContext) throws(KMSError) -> KMSKey {
        let key = try resolveKey(identifier, accepting: forms, context: context)
        var conditions = conditions
        if identifier.hasPrefix("alias/") {
            conditions = conditions.setting("kms:RequestAlias", identifier)
        } else if identifier.hasPrefix("arn:"), let arn = KMSARN(identifier), case .alias(let name) = arn.resource {
            // An alias ARN requests the alias by its name: the key's value is the alias name.
            conditions = conditions.setting("kms:RequestAlias", name)
        }
        try authorize(key, action, conditions: conditions, context: context)
        return key
    }
}
