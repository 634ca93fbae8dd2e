import Foundation
import Identity
import KeyManagement

/// The row form of a grant, as one JSON document.
struct StoredGrant: Codable {
    var grantId: String
    var keyId: String
    var account: String
    var region: String
    var name: String?
    var creationDate: Double
    var granteePrincipal: String
    var retiringPrincipal: String?
    var issuingAccount: String
    var operations: [GrantOperation]
    var encryptionContextEquals: [String: String]?
    var encryptionContextSubset: [String: String]?
    /// Whether the grant had a `Constraints` member at all (it may be present and empty).
    var hasConstraints: Bool

    init(_ grant: KMSGrant) {
        grantId = grant.id.rawValue
        keyId = grant.keyID.storageID
        account = grant.scope.account.rawValue
        region = grant.scope.region
        name = grant.name
        creationDate = grant.creationDate.timeIntervalSince1970
        granteePrincipal = grant.granteePrincipal
        retiringPrincipal = grant.retiringPrincipal
        issuingAccount = grant.issuingAccount.rawValue
        operations = grant.operations
        encryptionContextEquals = grant.constraints?.encryptionContextEquals
        encryptionContextSubset = grant.constraints?.encryptionContextSubset
        hasConstraints = grant.constraints != nil
    }

    func grant() throws -> KMSGrant {
        guard let id = GrantID(grantId), let keyID = KeyID(storageID: keyId), let account = AccountID(account),
              let issuer = AccountID(issuingAccount) else {
            throw StorageError("a stored grant record has a malformed id")
        }
        let constraints = hasConstraints
            ? GrantConstraints(encryptionContextSubset: encryptionContextSubset, encryptionContextEquals: encryptionContextEquals)
            : nil
        return KMSGrant(id: id, keyID: keyID, scope: KMSScope(account: account, region: region), name: name,
                        creationDate: Date(timeIntervalSince1970: creationDate), granteePrincipal: granteePrincipal,
                        retiringPrincipal: retiringPrincipal, issuingAccount: issuer, operations: operations,
                        constraints: constraints)
    }
}
