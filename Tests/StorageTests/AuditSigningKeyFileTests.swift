import ArcaTestSupport
import AuditTrail
import Foundation
import Testing
@testable import Storage

/// The digest signing key: generated once, stored wrapped under the root key, never derived again.
@Suite struct AuditSigningKeyFileTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("arca-signing-\(UUID().uuidString)").path
    var path: String { directory + "/" + AuditSigningKeyFile.name }
    let rootKey = try! RootKey(bytes: [UInt8](repeating: 5, count: 32))
    let random = SeededRandom(seed: "signing-key-tests")
    let created = Date(timeIntervalSince1970: 1_750_000_000)

    @Test func theKeyIsGeneratedOnceWrappedAndLoadedAgain() throws {
        let (signer, keys) = try AuditSigningKeyFile.loadOrCreate(at: path, rootKey: rootKey, randomBytes: { random.bytes($0) },
                                                                  now: created, signedBefore: false)
        #expect(keys == [AuditPublicKey(der: signer.publicKeyDER, validFrom: created)])
        #expect(signer.fingerprint != (try AuditSigningKeyFile.derivedSigner(rootKey: rootKey)).fingerprint)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains(signer.privateKeyBytes.base64EncodedString()))
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        let again = try AuditSigningKeyFile.loadOrCreate(at: path, rootKey: rootKey, randomBytes: { _ in
            Issue.record("must not generate again")
            return []
        }, now: created.addingTimeInterval(60), signedBefore: true)
        #expect(again.signer.privateKeyBytes == signer.privateKeyBytes && again.publicKeys == keys)
        #expect(try AuditSigningKeyFile.publicKeys(at: path) == keys)
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func anotherRootKeyCannotOpenIt() throws {
        _ = try AuditSigningKeyFile.loadOrCreate(at: path, rootKey: rootKey, randomBytes: { random.bytes($0) }, now: created,
                                                 signedBefore: false)
        let other = try RootKey(bytes: [UInt8](repeating: 6, count: 32))
        #expect(throws: RootKeyError.self) { try AuditSigningKeyFile.load(at: path, rootKey: other) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func digestsSignedBeforeKeepTheDerivedKeyAsAnEarlierKey() throws {
        let (signer, keys) = try AuditSigningKeyFile.loadOrCreate(at: path, rootKey: rootKey, randomBytes: { random.bytes($0) },
                                                                  now: created, signedBefore: true)
        let derived = try AuditSigningKeyFile.derivedSigner(rootKey: rootKey)
        #expect(keys == [AuditPublicKey(der: derived.publicKeyDER, validFrom: Date(timeIntervalSince1970: 0), validUntil: created),
                         AuditPublicKey(der: signer.publicKeyDER, validFrom: created)])
        try? FileManager.default.removeItem(atPath: directory)
    }
}
