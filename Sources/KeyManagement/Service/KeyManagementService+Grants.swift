import AccessPolicy
import Crypto
import ServiceCalls

/// The terms a CreateGrant request asks for: what a grant allowing CreateGrant must cover.
public struct GrantTerms: Sendable, Equatable {
    public var operations: [GrantOperation]
    public var constraints: GrantConstraints?

    public init(operations: [GrantOperation], constraints: GrantConstraints?) {
        var seen = Set<GrantOperation>()
        self.operations = operations.filter { seen.insert($0).inserted }
        self.constraints = constraints
    }
}

extension KMSGrant {
    /// Whether this grant lets its grantee create a grant with `terms`: "the grant operations
    /// passed with a subsequent `CreateGrant` API request can include any subset of the
    /// currently-allowed grant operations, and the grant constraints can be the same or more
    /// restrictive" (kms-developer-guide.md, Using Grants).
    func covers(_ terms: GrantTerms) -> Bool {
        operations.contains(.createGrant)
            && terms.operations.allSatisfy(operations.contains)
            && GrantConstraintRules.isAtLeastAsStrict(terms.constraints, as: constraints)
    }

    var terms: GrantTerms { GrantTerms(operations: operations, constraints: constraints) }
}

extension KMSConditions {
    /// The condition keys of CreateGrant: `kms:GrantOperations`, `kms:GrantConstraintType`,
    /// `kms:GranteePrincipal`, `kms:RetiringPrincipal`, `kms:GrantIsForAWSResource`, and
    /// `kms:EncryptionContext:`/`kms:EncryptionContextKeys` from the constraint's context.
    public static func creatingGrant(_ terms: GrantTerms, grantee: String, retiring: String?) -> KMSConditions {
        let constraints = terms.constraints
        var conditions = KMSConditions.encryptionContext(
            constraints?.encryptionContextEquals ?? constraints?.encryptionContextSubset)
        conditions.requestedGrant = terms
        conditions.context["kms:GrantOperations"] = .set(terms.operations.map(\.rawValue))
        var types: [String] = []
        if constraints?.encryptionContextEquals != nil { types.append("EncryptionContextEquals") }
        if constraints?.encryptionContextSubset != nil { types.append("EncryptionContextSubset") }
        if !types.isEmpty { conditions.context["kms:GrantConstraintType"] = .set(types) }
        conditions.context["kms:GranteePrincipal"] = .single(grantee)
        if let retiring { conditions.context["kms:RetiringPrincipal"] = .single(retiring) }
        return conditions.notForAWSResource
    }

    /// `kms:GrantIsForAWSResource` is true only when an integrated AWS service calls on a
    /// user's behalf; direct calls carry `false`.
    public var notForAWSResource: KMSConditions {
        setting("kms:GrantIsForAWSResource", "false")
    }
}

/// The grant rules that depend on nothing but the request and the key.
enum GrantRules {
    static func validate(_ terms: GrantTerms) throws(KMSError) {
        if terms.operations == [.createGrant] {
            throw KMSError(.validation, "Grants must not contain only the CreateGrant operation.")
        }
        for pairs in [terms.constraints?.encryptionContextEquals, terms.constraints?.encryptionContextSubset] {
            guard let pairs else { continue }
            if pairs.count > GrantConstraintRules.maximumPairs {
                throw KMSError(.validation, "A grant constraint can have at most \(GrantConstraintRules.maximumPairs) encryption context pairs.")
            }
            if pairs.values.contains(where: { $0.count > GrantConstraintRules.maximumValueLength }) {
                throw KMSError(.validation, "A grant constraint's encryption context value can have at most \(GrantConstraintRules.maximumValueLength) characters.")
            }
        }
    }

    static func validate(_ terms: GrantTerms, for key: KMSKey) throws(KMSError) {
        let supported = key.keySpec.grantOperations(usage: key.keyUsage)
        let unsupported = terms.operations.filter { !supported.contains($0) }
        guard unsupported.isEmpty else {
            let names = unsupported.map(\.rawValue).joined(separator: ", ")
            throw KMSError(.validation, "Grant operations [\(names)] are not supported by \(key.arn) with key spec \(key.keySpec.rawValue).")
        }
    }
}

extension KeyManagementService {
    /// The grants on `key` that let `caller` perform `action` in this request, for the evaluator.
    ///
    /// Only called when the key policy and IAM policies do not allow the request by themselves.
    /// A grant's RetireGrant permission is for retiring that grant only, which RetireGrant checks.
    func grantAllowances(on key: KMSKey, action: String, conditions: KMSConditions,
                         caller: PolicyRequestPrincipal) -> [KeyGrantAllowance] {
        guard let grants = ring.read({ $0.grants[key.id] }), !grants.isEmpty, action.hasPrefix("kms:"),
              let operation = GrantOperation(rawValue: String(action.dropFirst(4))),
              operation != .retireGrant else { return [] }
        return grants.compactMap { grant -> KeyGrantAllowance? in
            guard let match = GrantPrincipalMatch.of(grant.granteePrincipal, for: caller) else { return nil }
            let permitted = operation == .createGrant
                ? conditions.requestedGrant.map(grant.covers) ?? false
                : grant.permits(operation, encryptionContext: conditions.encryptionContext)
            return permitted ? KeyGrantAllowance(grantID: grant.id.rawValue, requiresIdentityPolicy: match == .account) : nil
        }
    }

    /// Checks the `GrantTokens` of a request: each must be a token Arca issued.
    ///
    /// Arca's grants take effect when CreateGrant returns, so a valid token adds no permission.
    public func checkGrantTokens(_ tokens: [String]?) throws(KMSError) {
        for token in tokens ?? [] where GrantToken(token, signingKey: grantTokenKey) == nil {
            throw KMSError(.invalidGrantToken, "Invalid grant token.")
        }
    }

    /// A new token for a grant; every call gives a different one.
    func grantToken(for grant: KMSGrant) -> String {
        GrantToken(grantID: grant.id, keyARN: grant.keyARN)
            .encoded(signingKey: grantTokenKey, nonce: dependencies.randomBytes(GrantToken.nonceLength))
    }

    /// A grant of `key` by id; `InvalidGrantIdException` when the key has no such grant.
    func grant(_ rawID: String, of key: KMSKey) throws(KMSError) -> KMSGrant {
        guard let id = GrantID(rawID), let grant = ring.read({ $0.grants[key.id]?.first { $0.id == id } }) else {
            throw KMSError(.invalidGrantId, "Grant ID \(rawID) is not valid for \(key.arn).")
        }
        return grant
    }

    /// Requires a grantee or retiring principal to be the ARN of an account, user, role or
    /// session that exists, or a service principal; otherwise `InvalidArnException`.
    ///
    /// "A grant is a policy instrument that allows AWS principals or AWS service principals to
    /// use KMS keys" (KMS Developer Guide, Grants in AWS KMS).
    func requireGrantPrincipal(_ arn: String, member: String) throws(KMSError) {
        let identity = PolicyPrincipalIdentity(aws: arn) ?? PolicyPrincipalIdentity(service: arn)
        let isARN: Bool = switch identity {
        case .account(let partition, _): partition != nil
        case .user, .role, .assumedRole, .federatedUser: true
        case .service(let name): name.hasSuffix(".amazonaws.com")
        case .anyone, nil: false
        }
        guard isARN, let identity, exists(identity) else {
            throw KMSError(.invalidArn, "\(member) \(arn) is not a valid principal.")
        }
    }

    /// Stores a new grant, or returns the existing one when a grant with the same `Name` and the
    /// same terms exists: "you can retry a CreateGrant request with identical parameters; if the
    /// grant already exists, the original GrantId is returned without creating a new grant"
    /// (KMS API reference, CreateGrant).
    func addGrant(on key: KMSKey, terms: GrantTerms, name: String?, grantee: String, retiring: String?,
                  issuer: CallContext) async throws -> KMSGrant {
        let grantID = GrantID(bytes: dependencies.randomBytes(32))
        let now = self.now
        let quotas = resourceQuotas(key.scope.account)
        return try await ring.write { state throws(KMSError) in
            let existing = state.grants[key.id] ?? []
            if let name, let same = existing.first(where: {
                $0.name == name && $0.granteePrincipal == grantee && $0.retiringPrincipal == retiring
                    && Set($0.operations) == Set(terms.operations) && $0.constraints == terms.constraints
            }) {
                return (same, [])
            }
            guard existing.count < quotas.grantsPerKey else {
                throw KMSError(.limitExceeded, "\(key.arn) already has the maximum of \(quotas.grantsPerKey) grants.")
            }
            guard existing.count(where: { $0.granteePrincipal == grantee }) < quotas.grantsPerGranteePerKey else {
                throw KMSError(.limitExceeded,
                               "\(key.arn) already has the maximum of \(quotas.grantsPerGranteePerKey) grants for grantee principal \(grantee).")
            }
            let grant = KMSGrant(id: grantID, keyID: key.id, scope: key.scope, name: name, creationDate: now,
                                 granteePrincipal: grantee, retiringPrincipal: retiring,
                                 issuingAccount: issuer.caller.account, operations: terms.operations,
                                 constraints: terms.constraints)
            return (grant, [.putGrant(grant)])
        }
    }

    /// Deletes a grant (RetireGrant, RevokeGrant); one already gone is `InvalidGrantIdException`.
    func removeGrant(_ grant: KMSGrant) async throws {
        try await ring.write { state throws(KMSError) in
            guard state.grants[grant.keyID]?.contains(where: { $0.id == grant.id }) == true else {
                throw KMSError(.invalidGrantId, "Grant ID \(grant.id) is not valid for \(grant.keyARN).")
            }
            return ((), [.deleteGrant(grant)])
        }
    }
}
