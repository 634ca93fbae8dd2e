import ArcaTestSupport
import Crypto
import Foundation
import KeyManagement
import Logging
import Testing
@testable import Storage

@Suite struct SQLKMSStoreTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("arca-storage-\(UUID().uuidString)").path
    let random = SeededRandom(seed: "storage-tests")

    func openKMS(rootKey: RootKey) async throws -> (SQLiteDatabase, KeyManagementService) {
        let database = try await SQLiteDatabase.open(path: directory + "/arca.sqlite", logger: Logger(label: "test"))
        let store = SQLKMSStore(database: database, rootKey: rootKey, randomBytes: { random.bytes($0) })
        let clock = ManualClock()
        let kms = try await KeyManagementService(store: store, dependencies: KMSDependencies(
            now: { clock.now }, randomBytes: { random.bytes($0) }))
        return (database, kms)
    }

    func materials(rootKey: RootKey) async throws -> [KeyMaterial] {
        let database = try await SQLiteDatabase.open(path: directory + "/arca.sqlite", logger: Logger(label: "test"))
        do {
            let materials = try await SQLKMSStore(database: database, rootKey: rootKey, randomBytes: { random.bytes($0) }).load().materials
            try await database.close()
            return materials
        } catch {
            try? await database.close()
            throw error
        }
    }

    @Test func keysAliasesAndCiphertextsSurviveReopening() async throws {
        let rootKey = try RootKey(bytes: [UInt8](repeating: 3, count: 32))
        let context = KMSTestHarness.context()
        var (database, kms) = try await openKMS(rootKey: rootKey)
        let metadata = try await CreateKey.perform(CreateKeyRequest(description: "kept", tags: [Tag(tagKey: "a", tagValue: "b")]),
                                                  context: context, service: kms).keyMetadata!
        _ = try await CreateAlias.perform(CreateAliasRequest(aliasName: "alias/kept", targetKeyId: metadata.keyId), context: context, service: kms)
        _ = try await DisableKey.perform(DisableKeyRequest(keyId: metadata.keyId), context: context, service: kms)
        _ = try await EnableKey.perform(EnableKeyRequest(keyId: metadata.keyId), context: context, service: kms)
        let blob = try await Encrypt.perform(EncryptRequest(keyId: "alias/kept", plaintext: Data("durable".utf8)),
                                            context: context, service: kms).ciphertextBlob!
        try await database.close()

        (database, kms) = try await openKMS(rootKey: rootKey)
        let described = try await DescribeKey.perform(DescribeKeyRequest(keyId: "alias/kept"), context: context, service: kms).keyMetadata!
        #expect(described.keyId == metadata.keyId)
        #expect(described.description == "kept")
        #expect(described.creationDate == metadata.creationDate)
        let tags = try await ListResourceTags.perform(ListResourceTagsRequest(keyId: metadata.keyId), context: context, service: kms).tags
        #expect(tags == [Tag(tagKey: "a", tagValue: "b")])
        let plaintext = try await Decrypt.perform(DecryptRequest(ciphertextBlob: blob), context: context, service: kms).plaintext
        #expect(plaintext == Data("durable".utf8))
        try await database.close()
    }

    @Test func rawKeyMaterialNeverReachesTheDatabaseFiles() async throws {
        let rootKey = try RootKey(bytes: [UInt8](repeating: 5, count: 32))
        let (database, kms) = try await openKMS(rootKey: rootKey)
        for _ in 0..<3 { _ = try await CreateKey.perform(CreateKeyRequest(), context: KMSTestHarness.context(), service: kms) }
        try await database.close()

        let secrets = try await materials(rootKey: rootKey).map { $0.key.withUnsafeBytes { Data($0) } }
        #expect(secrets.count == 3)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("arca.sqlite") }
        #expect(files.contains("arca.sqlite"))
        for file in files {
            let contents = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file))
            for secret in secrets {
                #expect(contents.range(of: secret) == nil, "raw key bytes in \(file)")
                #expect(contents.range(of: Data(secret.base64EncodedString().utf8)) == nil, "base64 key bytes in \(file)")
                let hex = secret.map { String(format: "%02x", $0) }.joined()
                #expect(contents.range(of: Data(hex.utf8)) == nil, "hex key bytes in \(file)")
            }
        }
    }

    @Test func anotherRootKeyCannotOpenTheMaterial() async throws {
        let (database, kms) = try await openKMS(rootKey: try RootKey(bytes: [UInt8](repeating: 1, count: 32)))
        _ = try await CreateKey.perform(CreateKeyRequest(), context: KMSTestHarness.context(), service: kms)
        try await database.close()
        await #expect(throws: RootKeyError.self) {
            _ = try await materials(rootKey: try RootKey(bytes: [UInt8](repeating: 2, count: 32)))
        }
    }

    @Test func rootKeyFileIsCreatedOwnerOnlyAndReadBack() throws {
        let path = directory + "/root.key"
        let created = try RootKey.loadOrCreate(at: path) { random.bytes($0) }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let loaded = try RootKey.loadOrCreate(at: path) { _ in Issue.record("must not generate again"); return [] }
        let probe = try created.wrap(Data("x".utf8), binding: "b", nonce: [UInt8](repeating: 0, count: 12))
        #expect(try loaded.unwrap(probe, binding: "b").withUnsafeBytes { Data($0) } == Data("x".utf8))
        #expect(throws: RootKeyError.self) { try loaded.unwrap(probe, binding: "other row") }
    }

    @Test func rootKeyMustBeThirtyTwoBytesOfBase64() {
        #expect(throws: RootKeyError.self) { try RootKey(base64: "not base64!") }
        #expect(throws: RootKeyError.self) { try RootKey(base64: Data(repeating: 1, count: 16).base64EncodedString()) }
        #expect(throws: Never.self) { try RootKey(base64: Data(repeating: 1, count: 32).base64EncodedString()) }
    }
}
