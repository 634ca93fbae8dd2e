import ArcaTestSupport
import Foundation
import Testing
@testable import KeyManagement

@Suite struct AliasAndTagOperationsTests {
    @Test func aliasLifecycleCreateUpdateListDelete() async throws {
        let harness = try await KMSTestHarness()
        let first = try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!.keyId
        let second = try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!.keyId
        _ = try await harness.call(CreateAlias.self, CreateAliasRequest(aliasName: "alias/app", targetKeyId: first))
        await expectKMSError(.alreadyExists, message: "An alias with the name arn:aws:kms:us-east-1:111122223333:alias/app already exists") {
            try await harness.call(CreateAlias.self, CreateAliasRequest(aliasName: "alias/app", targetKeyId: second))
        }
        harness.clock.advance(by: 60)
        _ = try await harness.call(UpdateAlias.self, UpdateAliasRequest(aliasName: "alias/app", targetKeyId: second))
        let listed = try await harness.call(ListAliases.self, ListAliasesRequest()).aliases!
        #expect(listed.count == 1)
        #expect(listed[0].targetKeyId == second)
        #expect(listed[0].aliasArn == "arn:aws:kms:us-east-1:111122223333:alias/app")
        #expect(listed[0].lastUpdatedDate == listed[0].creationDate!.addingTimeInterval(60))
        let ofFirst = try await harness.call(ListAliases.self, ListAliasesRequest(keyId: first)).aliases!
        #expect(ofFirst.isEmpty)
        _ = try await harness.call(DeleteAlias.self, DeleteAliasRequest(aliasName: "alias/app"))
        await expectKMSError(.notFound) { try await harness.call(DeleteAlias.self, DeleteAliasRequest(aliasName: "alias/app")) }
    }

    @Test func aliasNamesAreValidatedAndAWSPrefixIsReserved() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!.keyId
        await expectKMSError(.validation, message: "Alias must start with the prefix \"alias/\". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html") {
            try await harness.call(CreateAlias.self, CreateAliasRequest(aliasName: "demo", targetKeyId: keyID))
        }
        await expectKMSError(.notAuthorized) {
            try await harness.call(CreateAlias.self, CreateAliasRequest(aliasName: "alias/aws/s3", targetKeyId: keyID))
        }
        await expectKMSError(.validation) {
            try await harness.call(CreateAlias.self, CreateAliasRequest(aliasName: "alias/bad name", targetKeyId: keyID))
        }
    }

    @Test func aliasNamesWithAColonAreRefusedThoughTheWirePatternAllowsThem() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!.keyId
        await expectKMSError(.validation, message: "alias/my:alias contains invalid characters for an alias") {
            try await harness.call(CreateAlias.self, CreateAliasRequest(aliasName: "alias/my:alias", targetKeyId: keyID))
        }
        _ = try await harness.call(CreateAlias.self, CreateAliasRequest(aliasName: "alias/my/alias_-1", targetKeyId: keyID))
        await expectKMSError(.validation, message: "alias/my:alias contains invalid characters for an alias") {
            try await harness.call(UpdateAlias.self, UpdateAliasRequest(aliasName: "alias/my:alias", targetKeyId: keyID))
        }
        #expect(try await harness.call(ListAliases.self, ListAliasesRequest()).aliases!.map(\.aliasName) == ["alias/my/alias_-1"])
        // As a key identifier the name only fails to be found.
        await expectKMSError(.notFound) { try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: "alias/my:alias")) }
    }

    @Test func tagsAreAddedOverwrittenRemovedAndValidated() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await harness.call(CreateKey.self, CreateKeyRequest(tags: [Tag(tagKey: "team", tagValue: "a")])).keyMetadata!.keyId
        _ = try await harness.call(TagResource.self, TagResourceRequest(keyId: keyID, tags: [Tag(tagKey: "team", tagValue: "b"), Tag(tagKey: "env", tagValue: "dev")]))
        var tags = try await harness.call(ListResourceTags.self, ListResourceTagsRequest(keyId: keyID)).tags!
        #expect(tags == [Tag(tagKey: "team", tagValue: "b"), Tag(tagKey: "env", tagValue: "dev")])
        _ = try await harness.call(UntagResource.self, UntagResourceRequest(keyId: keyID, tagKeys: ["team", "absent"]))
        tags = try await harness.call(ListResourceTags.self, ListResourceTagsRequest(keyId: keyID)).tags!
        #expect(tags == [Tag(tagKey: "env", tagValue: "dev")])
        await expectKMSError(.tag, message: "Tags beginning with aws: are reserved") {
            try await harness.call(TagResource.self, TagResourceRequest(keyId: keyID, tags: [Tag(tagKey: "aws:x", tagValue: "")]))
        }
        await expectKMSError(.tag, message: "Tags beginning with aws: are reserved") {
            try await harness.call(TagResource.self, TagResourceRequest(keyId: keyID, tags: [Tag(tagKey: "AWS:x", tagValue: "")]))
        }
        await expectKMSError(.tag, message: "Duplicate tag keys") {
            try await harness.call(TagResource.self, TagResourceRequest(keyId: keyID, tags: [Tag(tagKey: "k", tagValue: "1"), Tag(tagKey: "k", tagValue: "2")]))
        }
        let many = (0..<50).map { Tag(tagKey: "k\($0)", tagValue: "") }
        await expectKMSError(.tag, message: "Too many tags") {
            try await harness.call(TagResource.self, TagResourceRequest(keyId: keyID, tags: many))
        }
    }

    @Test func tagKeyLongerThanTheModelAllowsIsAValidationError() async throws {
        let harness = try await KMSTestHarness()
        let long = String(repeating: "a", count: 129)
        await expectKMSError(.validation, message: "1 validation error detected: Value '\(long)' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128") {
            try await harness.call(CreateKey.self, CreateKeyRequest(tags: [Tag(tagKey: long, tagValue: "v")]))
        }
    }

    @Test func keyPolicyIsStoredVerbatimUnderTheNameDefault() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!.keyId
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}"#
        _ = try await harness.call(PutKeyPolicy.self, PutKeyPolicyRequest(keyId: keyID, policy: policy))
        #expect(try await harness.call(GetKeyPolicy.self, GetKeyPolicyRequest(keyId: keyID)).policy == policy)
        #expect(try await harness.call(ListKeyPolicies.self, ListKeyPoliciesRequest(keyId: keyID)).policyNames == ["default"])
        await expectKMSError(.notFound) {
            try await harness.call(GetKeyPolicy.self, GetKeyPolicyRequest(keyId: keyID, policyName: "other"))
        }
    }
}
