import AccessPolicy
import ServiceCalls

/// The condition keys an operation adds to its authorization request.
///
/// "kms:EncryptionContext:context-key" and "kms:EncryptionContextKeys" come from the request's
/// encryption context; "kms:EncryptionAlgorithm" from its algorithm (kms-developer-guide.md,
/// Policy Conditions).
public struct KMSConditions: Sendable {
    var context = PolicyConditionContext()
    /// `kms:EncryptionContext:<key>` names that several pairs of the context give different values,
    /// because their keys differ only in case (`tenant` and `Tenant`), with those values sorted.
    ///
    /// - Important: AWS documents `kms:EncryptionContext:context-key` as single-valued with a name
    ///   that "is not case sensitive" (AWS KMS condition keys), and says no more than "do not use
    ///   multiple encryption context pairs that differ only by case" (KMS API reference,
    ///   GrantConstraints). Which value AWS reads is unknown, so a request is allowed only when it
    ///   would be allowed whichever value the name had (``readings(limit:)``).
    var ambiguousContextKeys: [(name: String, values: [String])] = []
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
        guard let pairs, !pairs.isEmpty else { return conditions }
        var valuesByName: [String: Set<String>] = [:]
        for (key, value) in pairs {
            valuesByName["kms:encryptioncontext:" + key.lowercased(), default: []].insert(value)
        }
        for (name, values) in valuesByName {
            if values.count == 1 {
                conditions.context.set(lowercasedKey: name, .single(values.first!))
            } else {
                conditions.ambiguousContextKeys.append((name, values.sorted()))
            }
        }
        conditions.ambiguousContextKeys.sort { $0.name < $1.name }
        conditions.context.set(lowercasedKey: "kms:encryptioncontextkeys", .set(pairs.keys.sorted()))
        return conditions
    }

    /// The most readings of an ambiguous context a request may need; beyond it the request is refused.
    static let readingLimit = 64

    /// The condition keys under every reading of the ambiguous context names: one context per
    /// choice of a single value for each; just `context` when nothing is ambiguous. `nil` when
    /// there would be more than `limit`.
    func readings(limit: Int = readingLimit) -> [PolicyConditionContext]? {
        var readings = [context]
        for (name, values) in ambiguousContextKeys {
            readings = readings.flatMap { reading in
                values.map { value in
                    var chosen = reading
                    chosen.set(lowercasedKey: name, .single(value))
                    return chosen
                }
            }
            if readings.count > limit { return nil }
        }
        return readings
    }

    /// The keys of Sign and Verify: `kms:SigningAlgorithm` and `kms:MessageType`, which "is RAW
    /// when the request leaves MessageType out" (AWS KMS condition keys).
    public static func signing(_ algorithm: SigningAlgorithmSpec, messageType: MessageType?) -> KMSConditions {
        KMSConditions()
            .setting("kms:SigningAlgorithm", algorithm.rawValue)
            .setting("kms:MessageType", (messageType ?? .raw).rawValue)
    }

    /// The key of GenerateMac and VerifyMac: `kms:MacAlgorithm`.
    public static func mac(_ algorithm: MacAlgorithmSpec) -> KMSConditions {
        KMSConditions().setting("kms:MacAlgorithm", algorithm.rawValue)
    }

    /// The key of DeriveSharedSecret: `kms:KeyAgreementAlgorithm`.
    public static func keyAgreement(_ algorithm: KeyAgreementAlgorithmSpec) -> KMSConditions {
        KMSConditions().setting("kms:KeyAgreementAlgorithm", algorithm.rawValue)
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
        var keyConditions = conditions
        keyConditions.context.set(lowercasedKey: "kms:calleraccount", .single(context.account.rawValue))
        keyConditions.context.set(lowercasedKey: "kms:keyspec", .single(key.keySpec.rawValue))
        keyConditions.context.set(lowercasedKey: "kms:keyusage", .single(key.keyUsage.rawValue))
        keyConditions.context.set(lowercasedKey: "kms:keyorigin", .single(key.origin.rawValue))
        // "kms:MultiRegion … kms:MultiRegionKeyType … PRIMARY or REPLICA" (AWS KMS condition keys).
        keyConditions.context.set(lowercasedKey: "kms:multiregion", .single(key.multiRegion == nil ? "false" : "true"))
        if key.multiRegion != nil {
            keyConditions.context.set(lowercasedKey: "kms:multiregionkeytype",
                                      .single(key.isPrimary ? MultiRegionKeyType.primary.rawValue : MultiRegionKeyType.replica.rawValue))
        }
        if let aliases = ring.read({ $0.aliasNames[key.id] }), !aliases.isEmpty {
            keyConditions.context.set(lowercasedKey: "kms:resourcealiases", .set(aliases.sorted()))
        }
        let keyPolicy = ring.read { $0.compiledPolicies[key.id] } ?? CompiledPolicy.empty
        try decide(action, resource: key.arn, conditions: keyConditions, context: context) { request in
            KeyAccessEvaluator.evaluate(request, keyPolicy: keyPolicy, identityPolicies: context.caller.policies) {
                grantAllowances(on: key, action: action, conditions: conditions, caller: context.caller.policyPrincipal)
            }
        }
    }

    /// Refuses the request unless `evaluate` allows it under every reading of its condition keys
    /// (``KMSConditions/readings(limit:)``), so an ambiguous encryption context never gains access
    /// that one of its readings lacks; the first denial, in a fixed order, is the one reported.
    private func decide(_ action: String, resource: String, conditions: KMSConditions, context: CallContext,
                        evaluate: (PolicyRequest) -> PolicyDecision) throws(KMSError) {
        guard let readings = conditions.readings() else {
            let request = policyRequest(action, resource: resource, conditions: conditions.context, context: context)
            throw KMSError(.accessDenied, PolicyDecision.implicitDeny(missing: .resourceBased).accessDeniedMessage(for: request) ?? "")
        }
        for reading in readings {
            let request = policyRequest(action, resource: resource, conditions: reading, context: context)
            if let message = evaluate(request).accessDeniedMessage(for: request) {
                throw KMSError(.accessDenied, message)
            }
        }
    }

    /// Allows or refuses an action that is not on a key (CreateKey, ListKeys, GenerateRandom) or
    /// is on an alias: only IAM policies decide, and the account root may do anything.
    func authorizeByIdentity(_ action: String, resource: String = "*", conditions: KMSConditions = KMSConditions(),
                             context: CallContext) throws(KMSError) {
        try decide(action, resource: resource, conditions: conditions, context: context) { request in
            IdentityPolicyEvaluator.evaluate(request, identityPolicies: context.caller.policies)
        }
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
    /// Aliases resolve before authorizing, and the alias used is `kms:RequestAlias`. A key of
    /// another account that its policy lets the caller manage still does not exist for an action
    /// only its own account may take (``KeyPolicyRules/sameAccountActions``).
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
        if key.scope.account != context.account, KeyPolicyRules.sameAccountActions.contains(action) {
            throw KMSError.keyNotFound(key.arn)
        }
        return key
    }
}
