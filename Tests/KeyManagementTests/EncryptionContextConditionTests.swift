import ArcaTestSupport
import Foundation
import Testing
@testable import KeyManagement

/// `kms:EncryptionContext:<key>` names are not case sensitive but context keys are, so
/// `{"tenant": "bob", "Tenant": "alice"}` gives one condition key two values. AWS documents the key
/// as single-valued and leaves this case open; Arca allows such a request only when every reading
/// of the name (`alice`, then `bob`) would be allowed, whatever the order of the pairs.
@Suite struct EncryptionContextConditionTests {
    static let repetitions = 50
    static let bobARN = "arn:aws:iam::111122223333:user/bob"
    static let root = #"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}"#

    /// The probe context, built in either order.
    static func probe(aliceFirst: Bool) -> [String: String] {
        var context: [String: String] = [:]
        if aliceFirst {
            context["Tenant"] = "alice"
            context["tenant"] = "bob"
        } else {
            context["tenant"] = "bob"
            context["Tenant"] = "alice"
        }
        return context
    }

    /// A key whose policy gives the root everything and bob `statements` (JSON objects).
    static func key(_ harness: KMSTestHarness, bob statements: String...) async throws -> String {
        let policy = #"{"Version":"2012-10-17","Statement":["# + ([root] + statements).joined(separator: ",") + "]}"
        return try await harness.call(CreateKey.self, CreateKeyRequest(policy: policy)).keyMetadata!.keyId
    }

    static func bobMay(_ condition: String, effect: String = "Allow") -> String {
        #"{"Effect":"\#(effect)","Principal":{"AWS":"\#(bobARN)"},"Action":"kms:Encrypt","Resource":"*","Condition":\#(condition)}"#
    }

    static let bobMayEncrypt = #"{"Effect":"Allow","Principal":{"AWS":"\#(bobARN)"},"Action":"kms:Encrypt","Resource":"*"}"#

    /// Whether bob may encrypt under `context`, asked `repetitions` times; the answer must not vary.
    static func bobEncrypts(_ harness: KMSTestHarness, _ keyID: String, _ context: [String: String]) async throws -> Bool {
        let bob = try KMSTestHarness.user("bob")
        var answers: Set<Bool> = []
        for _ in 0..<repetitions {
            do {
                _ = try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data("x".utf8),
                                                                        encryptionContext: context), as: bob)
                answers.insert(true)
            } catch let error as KMSError where error.code == .accessDenied {
                answers.insert(false)
            }
        }
        #expect(answers.count == 1, "the decision varied for \(context)")
        return answers.first!
    }

    @Test(arguments: [false, true])
    func stringEqualsIsNotSatisfiedByOneOfTwoSpellings(aliceFirst: Bool) async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await Self.key(harness, bob: Self.bobMay(#"{"StringEquals":{"kms:EncryptionContext:tenant":"alice"}}"#))
        #expect(try await !Self.bobEncrypts(harness, keyID, Self.probe(aliceFirst: aliceFirst)))
        #expect(try await Self.bobEncrypts(harness, keyID, ["tenant": "alice"]))
        #expect(try await Self.bobEncrypts(harness, keyID, ["Tenant": "alice"]))
        #expect(try await Self.bobEncrypts(harness, keyID, ["tenant": "alice", "TENANT": "alice"]))
    }

    @Test(arguments: [false, true])
    func stringLikeIsNotSatisfiedByOneOfTwoSpellings(aliceFirst: Bool) async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await Self.key(harness, bob: Self.bobMay(#"{"StringLike":{"kms:EncryptionContext:TENANT":"al*"}}"#))
        #expect(try await !Self.bobEncrypts(harness, keyID, Self.probe(aliceFirst: aliceFirst)))
        #expect(try await Self.bobEncrypts(harness, keyID, ["tenant": "alex", "Tenant": "alice"]))
    }

    @Test(arguments: [false, true])
    func setOperatorsAreNotSatisfiedByOneOfTwoSpellings(aliceFirst: Bool) async throws {
        let harness = try await KMSTestHarness()
        for condition in [#"{"ForAnyValue:StringEquals":{"kms:EncryptionContext:tenant":"alice"}}"#,
                          #"{"ForAllValues:StringEquals":{"kms:EncryptionContext:tenant":"alice"}}"#] {
            let keyID = try await Self.key(harness, bob: Self.bobMay(condition))
            #expect(try await !Self.bobEncrypts(harness, keyID, Self.probe(aliceFirst: aliceFirst)), "\(condition)")
            #expect(try await Self.bobEncrypts(harness, keyID, ["tenant": "alice"]), "\(condition)")
        }
    }

    @Test(arguments: [false, true])
    func nullSeesTheNamePresentWhicheverPairIsRead(aliceFirst: Bool) async throws {
        let harness = try await KMSTestHarness()
        let present = try await Self.key(harness, bob: Self.bobMay(#"{"Null":{"kms:EncryptionContext:tenant":"false"}}"#))
        #expect(try await Self.bobEncrypts(harness, present, Self.probe(aliceFirst: aliceFirst)))
        let missing = try await Self.key(harness, bob: Self.bobMay(#"{"Null":{"kms:EncryptionContext:tenant":"true"}}"#))
        #expect(try await !Self.bobEncrypts(harness, missing, Self.probe(aliceFirst: aliceFirst)))
    }

    @Test(arguments: [false, true])
    func denyAppliesWhenEitherSpellingMatchesIt(aliceFirst: Bool) async throws {
        let harness = try await KMSTestHarness()
        let denyAlice = try await Self.key(harness, bob: Self.bobMayEncrypt,
                                           Self.bobMay(#"{"StringEquals":{"kms:EncryptionContext:tenant":"alice"}}"#, effect: "Deny"))
        #expect(try await !Self.bobEncrypts(harness, denyAlice, Self.probe(aliceFirst: aliceFirst)))
        #expect(try await Self.bobEncrypts(harness, denyAlice, ["tenant": "bob"]))
        let onlyAlice = try await Self.key(harness, bob: Self.bobMayEncrypt,
                                           Self.bobMay(#"{"StringNotEquals":{"kms:EncryptionContext:tenant":"alice"}}"#, effect: "Deny"))
        #expect(try await !Self.bobEncrypts(harness, onlyAlice, Self.probe(aliceFirst: aliceFirst)))
        #expect(try await Self.bobEncrypts(harness, onlyAlice, ["tenant": "alice"]))
    }

    @Test func unconditionedAccessIsUnaffectedByTwoSpellings() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await Self.key(harness, bob: Self.bobMayEncrypt)
        #expect(try await Self.bobEncrypts(harness, keyID, Self.probe(aliceFirst: true)))
    }

    @Test func readingsAreTheSameInEitherOrderAndSorted() {
        for _ in 0..<Self.repetitions {
            let one = KMSConditions.cryptographic(Self.probe(aliceFirst: true))
            let other = KMSConditions.cryptographic(Self.probe(aliceFirst: false))
            let readings = one.readings()!
            #expect(readings == other.readings()!)
            #expect(readings.map { $0["kms:EncryptionContext:tenant"] } == [.single("alice"), .single("bob")])
            #expect(readings.allSatisfy { $0["kms:EncryptionContextKeys"] == .set(["Tenant", "tenant"]) })
        }
    }

    @Test func tooManyAmbiguousNamesAreRefused() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await Self.key(harness, bob: Self.bobMayEncrypt)
        var context: [String: String] = [:]
        for index in 0..<7 {  // 2^7 readings, more than the limit
            context["k\(index)"] = "lower"
            context["K\(index)"] = "upper"
        }
        #expect(KMSConditions.cryptographic(context).readings() == nil)
        #expect(try await !Self.bobEncrypts(harness, keyID, context))
    }
}
