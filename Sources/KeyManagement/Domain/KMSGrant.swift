import AccessPolicy
import Foundation
import Identity

/// A grant: a principal's permission to use one key for some operations, under optional
/// encryption-context constraints.
///
/// "After the grant has been created, the principal identified in the grant can execute the
/// permitted operations, subject to the defined constraints, for as long as the grant is active.
/// Grants can be explicitly revoked by a user who has the `kms:RevokeGrant` permission on the CMK,
/// or they can be retired by the principal designated as the retiring principal for the grant."
/// (kms-developer-guide.md, Using Grants)
public struct KMSGrant: Sendable, Equatable {
    public var id: GrantID
    public var keyID: KeyID
    /// The scope of the key the grant is on.
    public var scope: KMSScope
    public var name: String?
    public var creationDate: Date
    public var granteePrincipal: String
    public var retiringPrincipal: String?
    /// The account of the principal that created the grant.
    public var issuingAccount: AccountID
    /// The permitted operations, without duplicates, in the order they were given.
    public var operations: [GrantOperation]
    public var constraints: GrantConstraints?

    public init(id: GrantID, keyID: KeyID, scope: KMSScope, name: String?, creationDate: Date,
                granteePrincipal: String, retiringPrincipal: String?, issuingAccount: AccountID,
                operations: [GrantOperation], constraints: GrantConstraints?) {
        self.id = id
        self.keyID = keyID
        self.scope = scope
        self.name = name
        self.creationDate = creationDate
        self.granteePrincipal = granteePrincipal
        self.retiringPrincipal = retiringPrincipal
        self.issuingAccount = issuingAccount
        self.operations = operations
        self.constraints = constraints
    }

    public var keyARN: String { scope.keyARN(keyID) }

    /// The `GrantListEntry` ListGrants and ListRetirableGrants return; `KeyId` is the key ARN,
    /// as in the guide's list-grants example.
    public var listEntry: GrantListEntry {
        GrantListEntry(keyId: keyARN, grantId: id.rawValue, name: name ?? "", creationDate: creationDate,
                       granteePrincipal: granteePrincipal, retiringPrincipal: retiringPrincipal,
                       issuingAccount: "arn:aws:iam::\(issuingAccount):root", operations: operations,
                       constraints: constraints)
    }

    /// Whether the grant permits `operation` for a request with this encryption context.
    ///
    /// "Grants with grant constraints can include the DescribeKey and RetireGrant operations, but
    /// the constraint doesn't apply to these operations." (KMS API reference, CreateGrant)
    public func permits(_ operation: GrantOperation, encryptionContext: [String: String]?) -> Bool {
        guard operations.contains(operation) else { return false }
        if operation == .describeKey || operation == .retireGrant { return true }
        return GrantConstraintRules.isSatisfied(constraints, by: encryptionContext ?? [:])
    }
}

/// The 64-hex-digit id of a grant.
public struct GrantID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Parses a grant id: 64 hexadecimal digits, as `GrantId` examples show.
    public init?(_ string: String) {
        let utf8 = string.utf8
        guard utf8.count == 64, utf8.allSatisfy({ $0.isHexDigit }) else { return nil }
        rawValue = string.lowercased()
    }

    /// The id that spells these 32 bytes (random ones for a new grant).
    public init(bytes: [UInt8]) {
        precondition(bytes.count == 32, "a grant id is 32 bytes")
        let digits = Array("0123456789abcdef".utf8)
        rawValue = String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }

    public var description: String { rawValue }

    /// The 32 bytes the id spells.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        var iterator = rawValue.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            out.append(high.hexValue << 4 | low.hexValue)
        }
        return out
    }
}

private extension UInt8 {
    var isHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
    }

    var hexValue: UInt8 {
        switch self {
        case 0x30...0x39: self - 0x30
        case 0x41...0x46: self - 0x41 + 10
        default: self - 0x61 + 10
        }
    }
}

/// The encryption-context constraints of grants.
///
/// "`EncryptionContextEquals` specifies that the grant applies only when the exact specified
/// encryption context is present in the request. `EncryptionContextSubset` specifies that the
/// grant applies as long as all the entries in the `EncryptionContextSubset` constraint are
/// matched by the request. In this case, the request can contain additional encryption context
/// entries." (kms-developer-guide.md, Using Grants)
public enum GrantConstraintRules {
    /// "Each constraint value can include up to 8 encryption context pairs. The encryption context
    /// value in each constraint cannot exceed 384 characters." (KMS API reference, CreateGrant)
    public static let maximumPairs = 8
    public static let maximumValueLength = 384

    public static func isSatisfied(_ constraints: GrantConstraints?, by context: [String: String]) -> Bool {
        guard let constraints else { return true }
        if let equals = constraints.encryptionContextEquals, equals != context { return false }
        if let subset = constraints.encryptionContextSubset,
           !subset.allSatisfy({ context[$0.key] == $0.value }) { return false }
        return true
    }

    /// Whether every encryption context `child` admits is one `parent` admits: the rule for grants
    /// created under a grant's `CreateGrant` permission.
    ///
    /// "The grant constraints can be the same or more restrictive (fields can be added to an
    /// `EncryptionContextSubset` constraint, or an `EncryptionContextSubset` constraint can be
    /// turned into an `EncryptionContextEquals` constraint)." (kms-developer-guide.md, Using Grants)
    public static func isAtLeastAsStrict(_ child: GrantConstraints?, as parent: GrantConstraints?) -> Bool {
        guard let parent, parent.encryptionContextEquals != nil || parent.encryptionContextSubset != nil else {
            return true
        }
        if let equals = child?.encryptionContextEquals {
            // The child admits only `equals` (and nothing when its own subset contradicts it).
            return !isSatisfied(child, by: equals) || isSatisfied(parent, by: equals)
        }
        // The child admits every superset of its subset, so the parent must not pin the context.
        guard parent.encryptionContextEquals == nil, let required = parent.encryptionContextSubset else { return false }
        let childSubset = child?.encryptionContextSubset ?? [:]
        return required.allSatisfy { childSubset[$0.key] == $0.value }
    }
}

/// How a grant's grantee (or retiring) principal names a caller.
public enum GrantPrincipalMatch: Sendable, Equatable {
    /// The grant names the caller, or the role whose session the caller is.
    case direct
    /// The grant names the caller's account: an IAM user or role of it needs an IAM policy that
    /// allows the action, as when a key policy names an account.
    case account

    /// How `principal` (an ARN from a grant) names `caller`, or `nil` if it does not.
    public static func of(_ principal: String, for caller: PolicyRequestPrincipal) -> GrantPrincipalMatch? {
        if principal == caller.arn { return .direct }
        if caller.kind == .assumedRole, principal == caller.roleARN { return .direct }
        if let accountID = caller.accountID, let partition = caller.partition,
           principal == "arn:\(partition):iam::\(accountID):root" {
            return caller.isAccountRoot ? .direct : .account
        }
        return nil
    }
}
