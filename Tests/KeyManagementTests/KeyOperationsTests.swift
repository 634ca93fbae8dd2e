import ArcaTestSupport
import Foundation
import Testing
@testable import KeyManagement

@Suite struct KeyOperationsTests {
    @Test func createKeyReturnsSymmetricMetadataWithTheDefaultPolicy() async throws {
        let harness = try await KMSTestHarness()
        let metadata = try await harness.call(CreateKey.self, CreateKeyRequest(description: "demo")).keyMetadata!
        #expect(metadata.awsAccountId == "111122223333")
        #expect(metadata.arn == "arn:aws:kms:us-east-1:111122223333:key/\(metadata.keyId)")
        #expect(metadata.keyState == .enabled && metadata.enabled == true)
        #expect(metadata.keySpec == .symmetricDefault && metadata.customerMasterKeySpec == .symmetricDefault)
        #expect(metadata.keyUsage == .encryptDecrypt && metadata.origin == .awsKms && metadata.keyManager == .customer)
        #expect(metadata.encryptionAlgorithms == [.symmetricDefault])
        #expect(metadata.creationDate == harness.clock.now)
        let policy = try await harness.call(GetKeyPolicy.self, GetKeyPolicyRequest(keyId: metadata.keyId)).policy!
        #expect(policy.contains("\"AWS\" : \"arn:aws:iam::111122223333:root\""))
        #expect(policy.contains("\"Action\" : \"kms:*\""))
    }

    @Test func createKeyRefusesWhatIsNotSupportedYet() async throws {
        let harness = try await KMSTestHarness()
        // SM2 is for the China Regions: elsewhere AWS's own refusal, there Arca's.
        await expectKMSError(.unsupportedOperation, message: "KeySpec SM2 is not supported in this Region") {
            try await harness.call(CreateKey.self, CreateKeyRequest(keyUsage: .signVerify, keySpec: .sm2))
        }
        await expectKMSError(.unsupportedOperation, message: "KeySpec SM2 is not supported by Arca yet.") {
            try await harness.call(CreateKey.self, CreateKeyRequest(keyUsage: .signVerify, keySpec: .sm2),
                                   as: KMSTestHarness.context(region: "cn-north-1"))
        }
        await expectKMSError(.validation, message: "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.") {
            try await harness.call(CreateKey.self, CreateKeyRequest(keySpec: .hmac256))
        }
        await expectKMSError(.validation, message: "Origin AWS_CLOUDHSM requires a CustomKeyStoreId.") {
            try await harness.call(CreateKey.self, CreateKeyRequest(origin: .awsCloudhsm))
        }
        await expectKMSError(.customKeyStoreNotFound) {
            try await harness.call(CreateKey.self, CreateKeyRequest(origin: .awsCloudhsm, customKeyStoreId: "cks-1234567890abcdef0"))
        }
        await expectKMSError(.validation) { try await harness.call(CreateKey.self, CreateKeyRequest(keyUsage: .signVerify)) }
        await expectKMSError(.validation) {
            try await harness.call(CreateKey.self, CreateKeyRequest(customerMasterKeySpec: .symmetricDefault, keySpec: .symmetricDefault))
        }
        #expect(harness.store.appliedCount == 0)
    }

    @Test func failedWriteLeavesNoKeyBehind() async throws {
        let harness = try await KMSTestHarness()
        harness.store.failNextWrite()
        await #expect(throws: InMemoryStoreFailure.self) { try await harness.call(CreateKey.self, CreateKeyRequest()) }
        let keys = try await harness.call(ListKeys.self, ListKeysRequest()).keys
        #expect(keys?.isEmpty == true)
    }

    @Test func listKeysPagesInCreationOrderWithinTheCallersScope() async throws {
        let harness = try await KMSTestHarness()
        var created: [String] = []
        for _ in 0..<5 { created.append(try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!.keyId) }
        _ = try await harness.call(CreateKey.self, CreateKeyRequest(), as: KMSTestHarness.context(region: "eu-west-1"))
        _ = try await harness.call(CreateKey.self, CreateKeyRequest(), as: KMSTestHarness.context(account: "444455556666"))
        var seen: [String] = []
        var marker: String?
        repeat {
            let page = try await harness.call(ListKeys.self, ListKeysRequest(limit: 2, marker: marker))
            #expect((page.keys?.count ?? 0) <= 2)
            seen += page.keys?.map(\.keyId!) ?? []
            marker = page.nextMarker
            #expect(page.truncated == (marker != nil))
        } while marker != nil
        #expect(seen == created)
        await expectKMSError(.invalidMarker) { try await harness.call(ListKeys.self, ListKeysRequest(marker: "bogus")) }
    }

    @Test func updateKeyDescriptionIsVisibleInDescribeKey() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await harness.call(CreateKey.self, CreateKeyRequest(description: "before")).keyMetadata!.keyId
        _ = try await harness.call(UpdateKeyDescription.self, UpdateKeyDescriptionRequest(keyId: keyID, description: "after"))
        let described = try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: keyID)).keyMetadata
        #expect(described?.description == "after")
    }

    @Test func everyIdentifierFormReachesTheSameKey() async throws {
        let harness = try await KMSTestHarness()
        let metadata = try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!
        _ = try await harness.call(CreateAlias.self, CreateAliasRequest(aliasName: "alias/demo", targetKeyId: metadata.keyId))
        for identifier in [metadata.keyId, metadata.arn!, "alias/demo", "arn:aws:kms:us-east-1:111122223333:alias/demo"] {
            let described = try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: identifier)).keyMetadata
            #expect(described?.keyId == metadata.keyId, "\(identifier)")
        }
    }

    @Test func unknownAndMalformedIdentifiersAreNotFoundAsAWSWordsIt() async throws {
        let harness = try await KMSTestHarness()
        let missing = "0b9a0c3e-1111-4222-8333-444455556666"
        await expectKMSError(.notFound, message: "Key 'arn:aws:kms:us-east-1:111122223333:key/\(missing)' does not exist") {
            try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: missing))
        }
        await expectKMSError(.notFound, message: "Invalid keyId 'fake-key-id'") {
            try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: "fake-key-id"))
        }
        await expectKMSError(.notFound, message: "Invalid arn eu-west-1") {
            try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: "arn:aws:kms:eu-west-1:111122223333:key/\(missing)"))
        }
        await expectKMSError(.notFound, message: "Alias 'arn:aws:kms:us-east-1:111122223333:alias/none' is not found.") {
            try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: "alias/none"))
        }
    }

    @Test func keysOfOtherRegionsAndAccountsAreIsolated() async throws {
        let harness = try await KMSTestHarness()
        let metadata = try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!
        await expectKMSError(.notFound) {
            try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: metadata.keyId), as: KMSTestHarness.context(region: "eu-west-1"))
        }
        let stranger = KMSTestHarness.context(account: "444455556666")
        await expectKMSError(.notFound) {
            try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: metadata.keyId), as: stranger)
        }
        await expectKMSError(.accessDenied) {
            try await harness.call(Encrypt.self, EncryptRequest(keyId: metadata.arn!, plaintext: Data("x".utf8)), as: stranger)
        }
    }

    @Test func managementOperationsTakeOnlyKeyIdsAndARNs() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!.keyId
        _ = try await harness.call(CreateAlias.self, CreateAliasRequest(aliasName: "alias/demo", targetKeyId: keyID))
        await expectKMSError(.notFound, message: "Invalid keyId 'alias/demo'") {
            try await harness.call(DisableKey.self, DisableKeyRequest(keyId: "alias/demo"))
        }
    }
}
