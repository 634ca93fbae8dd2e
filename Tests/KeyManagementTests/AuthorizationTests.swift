import ArcaTestSupport
import Foundation
import Testing
@testable import KeyManagement

/// The key policy is the root of trust; IAM policies count where it names the account.
@Suite struct AuthorizationTests {
    let allowKMS = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}"#

    @Test func userWithoutIAMPolicyIsDeniedByTheDefaultKeyPolicy() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!.keyId
        let bob = try KMSTestHarness.user("bob")
        await expectKMSError(.accessDenied, message: "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: kms:Encrypt on resource: arn:aws:kms:us-east-1:111122223333:key/\(keyID) because no identity-based policy allows the kms:Encrypt action") {
            try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data("x".utf8)), as: bob)
        }
        await expectKMSError(.accessDenied) { try await harness.call(CreateKey.self, CreateKeyRequest(), as: bob) }
    }

    @Test func userWithIAMPolicyUsesKeysWhosePolicyNamesTheAccount() async throws {
        let harness = try await KMSTestHarness()
        let alice = try KMSTestHarness.user("alice", policies: [allowKMS])
        let keyID = try await harness.call(CreateKey.self, CreateKeyRequest(), as: alice).keyMetadata!.keyId
        let blob = try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data("x".utf8)), as: alice).ciphertextBlob!
        #expect(try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: blob), as: alice).plaintext == Data("x".utf8))
    }

    @Test func explicitDenyInTheKeyPolicyWinsOverTheIAMAllow() async throws {
        let harness = try await KMSTestHarness()
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"kms:Encrypt","Resource":"*","Condition":{"StringNotEquals":{"kms:EncryptionContext:app":"demo"}}}]}"#
        let keyID = try await harness.call(CreateKey.self, CreateKeyRequest(policy: policy)).keyMetadata!.keyId
        let alice = try KMSTestHarness.user("alice", policies: [allowKMS])
        _ = try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data("x".utf8), encryptionContext: ["app": "demo"]), as: alice)
        await expectKMSError(.accessDenied) {
            try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data("x".utf8), encryptionContext: ["app": "other"]), as: alice)
        }
    }

    @Test func aliasOperationsNeedTheIAMPermissionOnTheAlias() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!.keyId
        let onlyEncrypt = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*"}]}"#
        let carol = try KMSTestHarness.user("carol", policies: [onlyEncrypt])
        await expectKMSError(.accessDenied) {
            try await harness.call(CreateAlias.self, CreateAliasRequest(aliasName: "alias/carol", targetKeyId: keyID), as: carol)
        }
        _ = try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data("x".utf8)), as: carol)
    }

    @Test func resourceAliasesFollowAnAliasMovedToAnotherKey() async throws {
        let harness = try await KMSTestHarness()
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"kms:Encrypt","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"kms:ResourceAliases":"alias/app"}}}]}"#
        let first = try await harness.call(CreateKey.self, CreateKeyRequest(policy: policy)).keyMetadata!.keyId
        let second = try await harness.call(CreateKey.self, CreateKeyRequest(policy: policy)).keyMetadata!.keyId
        let bob = try KMSTestHarness.user("bob")
        _ = try await harness.call(CreateAlias.self, CreateAliasRequest(aliasName: "alias/app", targetKeyId: first))
        _ = try await harness.call(Encrypt.self, EncryptRequest(keyId: first, plaintext: Data("x".utf8)), as: bob)
        _ = try await harness.call(UpdateAlias.self, UpdateAliasRequest(aliasName: "alias/app", targetKeyId: second))
        await expectKMSError(.accessDenied) {
            try await harness.call(Encrypt.self, EncryptRequest(keyId: first, plaintext: Data("x".utf8)), as: bob)
        }
        _ = try await harness.call(Encrypt.self, EncryptRequest(keyId: second, plaintext: Data("x".utf8)), as: bob)
    }
}
