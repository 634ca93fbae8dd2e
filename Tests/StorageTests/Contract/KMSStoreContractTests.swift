import ArcaTestSupport
import Foundation
import KeyManagement
@testable import Storage
import Testing

/// What every ``KMSStore`` promises, run against every engine: what `apply` stores is what the next
/// server run's `load` returns, change sets apply whole or not at all.
@Suite struct KMSStoreContractTests {
    typealias F = ContractFixtures

    @Test(arguments: StoreEngine.allCases)
    func keysLoadInCreationOrderAndAReplacedKeyKeepsItsPlace(engine: StoreEngine) async throws {
        let database = engine.makeDatabase()
        let keys = [F.key(3), F.key(1), F.key(2)]
        try await database.session { stores in
            for key in keys { try await stores.kms.apply([.putKey(key, newMaterial: F.material(key, version: 1))]) }
        }
        var updated = keys[0]
        updated.description = "replaced"
        updated.state = .disabled
        updated.tags.append(Tag(tagKey: "team", tagValue: "arca"))
        updated.policy = #"{"Version":"2012-10-17"}"#
        try await database.session { try await $0.kms.apply([.putKey(updated, newMaterial: nil)]) }

        let snapshot = try await database.session { try await $0.kms.load() }
        #expect(snapshot.keys == [updated, keys[1], keys[2]])
        #expect(F.versions(snapshot.materials) == F.versions(keys.map { F.material($0, version: 1) }))
    }

    @Test(arguments: StoreEngine.allCases)
    func everyFieldOfAKeySurvives(engine: StoreEngine) async throws {
        let database = engine.makeDatabase()
        let key = F.keyWithEveryField(9)
        try await database.session { try await $0.kms.apply([.putKey(key, newMaterial: F.material(key, version: 2))]) }
        let snapshot = try await database.session { try await $0.kms.load() }
        #expect(snapshot.keys == [key])
    }

    @Test(arguments: StoreEngine.allCases)
    func backingKeyVersionsAccumulateUntilTheMaterialIsDeleted(engine: StoreEngine) async throws {
        let database = engine.makeDatabase()
        var key = F.key(1)
        let other = F.key(2)
        try await database.session { stores in
            try await stores.kms.apply([.putKey(key, newMaterial: F.material(key, version: 1)),
                                        .putKey(other, newMaterial: F.material(other, version: 1))])
            key.currentMaterialVersion = 2
            try await stores.kms.apply([.putKey(key, newMaterial: F.material(key, version: 2))])
        }
        let rotated = try await database.session { try await $0.kms.load() }
        #expect(F.versions(rotated.materials)
                == F.versions([F.material(key, version: 1), F.material(key, version: 2), F.material(other, version: 1)]))
        #expect(rotated.keys.first?.currentMaterialVersion == 2)

        // One version goes; the key's other version and the other key's material stay.
        try await database.session { try await $0.kms.apply([.deleteMaterial(key, version: 1)]) }
        let deleted = try await database.session { try await $0.kms.load() }
        #expect(deleted.keys.map(\.id) == [key.id, other.id])
        #expect(F.versions(deleted.materials)
                == F.versions([F.material(key, version: 2), F.material(other, version: 1)]))
    }

    @Test(arguments: StoreEngine.allCases)
    func aliasesAreScopedRetargetedAndDeleted(engine: StoreEngine) async throws {
        let database = engine.makeDatabase()
        let first = F.key(1), second = F.key(2), european = F.key(3, scope: F.otherRegion)
        try await database.session { stores in
            try await stores.kms.apply([.putKey(first, newMaterial: nil), .putKey(second, newMaterial: nil),
                                        .putKey(european, newMaterial: nil)])
            try await stores.kms.apply([.putAlias(F.alias("app", to: first)), .putAlias(F.alias("old", to: first)),
                                        .putAlias(F.alias("app", to: european, scope: F.otherRegion))])
        }
        var retargeted = F.alias("app", to: second)
        retargeted.lastUpdatedDate = F.epoch.addingTimeInterval(500)
        try await database.session { try await $0.kms.apply([.putAlias(retargeted), .deleteAlias(F.alias("old", to: first))]) }

        let aliases = try await database.session { try await $0.kms.load() }.aliases
        let byRegion = aliases.sorted { $0.scope.region < $1.scope.region }
        #expect(byRegion == [F.alias("app", to: european, scope: F.otherRegion), retargeted])
    }

    @Test(arguments: StoreEngine.allCases)
    func grantsLoadInCreationOrderWithTheirConstraints(engine: StoreEngine) async throws {
        let database = engine.makeDatabase()
        let key = F.key(1)
        let grants = [
            F.grant(7, on: key, constraints: GrantConstraints(encryptionContextSubset: ["a": "b"], encryptionContextEquals: nil)),
            F.grant(2, on: key, constraints: GrantConstraints(encryptionContextSubset: nil, encryptionContextEquals: nil)),
            F.grant(5, on: key),
        ]
        try await database.session { stores in
            try await stores.kms.apply([.putKey(key, newMaterial: nil)])
            for grant in grants { try await stores.kms.apply([.putGrant(grant)]) }
            try await stores.kms.apply([.deleteGrant(grants[1])])
        }
        let loaded = try await database.session { try await $0.kms.load() }.grants
        #expect(loaded == [grants[0], grants[2]])
    }

    @Test(arguments: StoreEngine.allCases)
    func deletingAKeyTakesItsMaterialAliasesAndGrantsAndNothingElse(engine: StoreEngine) async throws {
        let database = engine.makeDatabase()
        let doomed = F.key(1), kept = F.key(2)
        try await database.session { stores in
            try await stores.kms.apply([
                .putKey(doomed, newMaterial: F.material(doomed, version: 1)), .putKey(kept, newMaterial: F.material(kept, version: 1)),
                .putAlias(F.alias("doomed", to: doomed)), .putAlias(F.alias("kept", to: kept)),
                .putGrant(F.grant(1, on: doomed)), .putGrant(F.grant(2, on: kept)),
            ])
            try await stores.kms.apply([.deleteKey(doomed)])
        }
        let snapshot = try await database.session { try await $0.kms.load() }
        #expect(snapshot.keys == [kept])
        #expect(F.versions(snapshot.materials) == F.versions([F.material(kept, version: 1)]))
        #expect(snapshot.aliases == [F.alias("kept", to: kept)])
        #expect(snapshot.grants == [F.grant(2, on: kept)])
    }

    @Test(arguments: StoreEngine.allCases)
    func aChangeSetThatFailsLeavesNothingBehind(engine: StoreEngine) async throws {
        let database = engine.makeDatabase()
        let existing = F.key(1), added = F.key(2)
        try await database.session { try await $0.kms.apply([.putKey(existing, newMaterial: F.material(existing, version: 1))]) }
        var changed = existing
        changed.description = "must not stick"
        try await database.session { stores in
            // The grant twice: the second put fails, after every other change of the set was made.
            _ = await #expect(throws: (any Error).self) {
                try await stores.kms.apply([
                    .putKey(changed, newMaterial: nil), .putKey(added, newMaterial: F.material(added, version: 1)),
                    .putAlias(F.alias("added", to: added)), .deleteMaterial(existing, version: 1),
                    .putGrant(F.grant(3, on: added)), .putGrant(F.grant(3, on: added)),
                ])
            }
        }
        let snapshot = try await database.session { try await $0.kms.load() }
        #expect(snapshot.keys == [existing])
        #expect(F.versions(snapshot.materials) == F.versions([F.material(existing, version: 1)]))
        #expect(snapshot.aliases.isEmpty && snapshot.grants.isEmpty)
    }

    @Test(arguments: StoreEngine.allCases)
    func concurrentChangeSetsAllLand(engine: StoreEngine) async throws {
        let database = engine.makeDatabase()
        let key = F.key(1)
        try await database.session { stores in
            try await stores.kms.apply([.putKey(key, newMaterial: nil)])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for number in UInt8(1)...30 {
                    group.addTask { try await stores.kms.apply([.putGrant(F.grant(number, on: key))]) }
                }
                try await group.waitForAll()
            }
        }
        let grants = try await database.session { try await $0.kms.load() }.grants
        #expect(Set(grants.map(\.id.rawValue)) == Set((UInt8(1)...30).map { F.grant($0, on: key).id.rawValue }))
    }
}
