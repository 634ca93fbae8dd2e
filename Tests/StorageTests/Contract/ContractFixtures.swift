import Crypto
import Foundation
import Identity
import KeyManagement

/// Entities the contract suite stores: plain values with every optional part filled somewhere.
enum ContractFixtures {
    static let account = AccountID("111122223333")!
    static let scope = KMSScope(account: account, region: "us-east-1")
    static let otherRegion = KMSScope(account: account, region: "eu-west-1")
    static let epoch = Date(timeIntervalSince1970: 1_700_000_000)

    static func key(_ number: UInt8, scope: KMSScope = scope) -> KMSKey {
        KMSKey(id: KeyID(uuidBytes: [UInt8](repeating: number, count: 16)), scope: scope,
               creationDate: epoch.addingTimeInterval(Double(number)), description: "key \(number)",
               keyUsage: .encryptDecrypt, keySpec: .symmetricDefault, origin: .awsKms, keyManager: .customer,
               state: .enabled, policy: #"{"Version":"2012-10-17","Statement":[]}"#,
               tags: [Tag(tagKey: "n", tagValue: "\(number)")], currentMaterialVersion: 1)
    }

    /// A key with every lifecycle field set: rotated, rotating, imported and pending deletion.
    static func keyWithEveryField(_ number: UInt8) -> KMSKey {
        var key = key(number)
        key.origin = .external
        key.state = .pendingDeletion
        key.currentMaterialVersion = 2
        key.deletion = ScheduledDeletion(date: epoch.addingTimeInterval(7 * 86_400), windowInDays: 7)
        key.rotation = RotationSchedule(periodInDays: 90, nextRotationDate: epoch.addingTimeInterval(90 * 86_400))
        key.rotations = [KeyRotationRecord(materialVersion: 2, date: epoch.addingTimeInterval(60), type: .onDemand)]
        key.importedMaterials = [
            ImportedKeyMaterial(fingerprint: "f1", version: 1, expirationModel: .keyMaterialDoesNotExpire, validTo: nil,
                                present: false, description: "first"),
            ImportedKeyMaterial(fingerprint: "f2", version: 2, expirationModel: .keyMaterialExpires,
                                validTo: epoch.addingTimeInterval(86_400), present: true),
        ]
        key.tags = [Tag(tagKey: "a", tagValue: "1"), Tag(tagKey: "b", tagValue: "")]
        return key
    }

    static func material(_ key: KMSKey, version: UInt32) -> KeyMaterial {
        let seed = key.id.rawValue + "/\(version)"
        return KeyMaterial(keyID: key.id, version: version, key: SymmetricKey(data: SHA256.hash(data: Data(seed.utf8))))
    }

    static func alias(_ name: String, to key: KMSKey, scope: KMSScope = scope, created: Date = epoch) -> KMSAlias {
        KMSAlias(name: try! AliasName("alias/\(name)"), scope: scope, targetKeyID: key.id, creationDate: created,
                 lastUpdatedDate: created)
    }

    static func grant(_ number: UInt8, on key: KMSKey, constraints: GrantConstraints? = nil) -> KMSGrant {
        KMSGrant(id: GrantID(bytes: [UInt8](repeating: number, count: 32)), keyID: key.id, scope: key.scope,
                 name: number.isMultiple(of: 2) ? "grant-\(number)" : nil, creationDate: epoch.addingTimeInterval(Double(number)),
                 granteePrincipal: "arn:aws:iam::111122223333:role/grantee-\(number)",
                 retiringPrincipal: number.isMultiple(of: 2) ? nil : "arn:aws:iam::111122223333:root",
                 issuingAccount: account, operations: [.encrypt, .decrypt], constraints: constraints)
    }

    static func bytes(_ material: KeyMaterial) -> Data { material.key.withUnsafeBytes { Data($0) } }

    /// Materials as comparable values, in key and version order.
    static func versions(_ materials: [KeyMaterial]) -> [String] {
        materials.map { "\($0.keyID)#\($0.version)#\(bytes($0).base64EncodedString())" }.sorted()
    }

    static func session(_ number: Int, expiration: Date = epoch.addingTimeInterval(3600)) -> RoleSession {
        RoleSession(accessKeyID: "ASIA\(String(format: "%016d", number))", secretAccessKey: "secret-\(number)",
                    sessionToken: "token-\(number)", expiration: expiration, account: account, roleName: "app",
                    rolePath: "/service/", roleID: "AROAAPP", sessionName: "s\(number)", chained: number.isMultiple(of: 2))
    }
}
