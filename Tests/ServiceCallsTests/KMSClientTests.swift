import AccessPolicy
import ArcaTestSupport
import AuditTrail
import AWSWire
import Foundation
import Identity
import KeyManagement
import ServiceCalls
import Testing

/// The in-process KMS client, driven as SQS and SNS will drive it: the same authorization,
/// quotas, audit record and metrics as a call over HTTP.
@Suite struct KMSClientTests {
    static let account = AccountID("111122223333")!
    static let sqs = AWSServiceName("sqs")

    /// A KMS with its descriptor, a pipeline that keeps every call, and an in-process client.
    struct Fixture {
        let harness: KMSTestHarness
        let stage = CapturingStage()
        let client: ServiceClient<KeyManagementService>

        init(quotas: KMSRequestQuotaPreset = .off, adjustments: [AccountID: [String: Double]] = [:]) async throws {
            let harness = try await KMSTestHarness(requestQuotas: quotas, requestRateAdjustments: adjustments)
            self.harness = harness
            client = ServiceClient(descriptor: .kms(harness.kms, requestRates: harness.requestRates), service: harness.kms,
                                   pipeline: ServicePipeline(recorders: [stage], observers: []))
        }
    }

    /// A sender whose IAM policy allows data keys only through SQS.
    static func sender(policies: [String]) throws -> CallContext {
        let compiled = try policies.map { CompiledPolicy(try PolicyDocument(json: $0, kind: .identityBased)) }
        let principal = Principal.user("sender", in: account, userID: "AIDASENDER")
        return CallContext(caller: Caller(principal: principal, policies: compiled), region: "us-east-1",
                           requestID: "req-sender", sourceIP: "192.0.2.7", userAgent: "aws-cli/2", accessKeyID: "AKIASENDER")
    }

    static let onlyThroughSQS = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:GenerateDataKey","kms:Decrypt"],"Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"sqs.us-east-1.amazonaws.com"}}}]}"#

    @Test func aUserAllowedOnlyViaSQSGetsADataKeyThroughTheClientButNotDirectly() async throws {
        let fixture = try await Fixture()
        let keyID = try await fixture.harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!.keyId
        let sender = try Self.sender(policies: [Self.onlyThroughSQS])
        let queue = ["aws:sqs:arn": "arn:aws:sqs:us-east-1:111122223333:orders"]
        let request = GenerateDataKeyRequest(keyId: keyID, encryptionContext: queue, keySpec: .aes256)

        let dataKey = try await fixture.client.call(GenerateDataKey.self, request, as: sender.via(Self.sqs))
        #expect(dataKey.plaintext?.count == 32)
        let decrypted = try await fixture.client.call(
            Decrypt.self, DecryptRequest(ciphertextBlob: dataKey.ciphertextBlob!, encryptionContext: queue),
            as: sender.via(Self.sqs))
        #expect(decrypted.plaintext == dataKey.plaintext)

        await expectKMSError(.accessDenied) { try await fixture.client.call(GenerateDataKey.self, request, as: sender) }
        await expectKMSError(.accessDenied) { try await fixture.harness.call(GenerateDataKey.self, request, as: sender) }
        // Through another service the condition does not hold either.
        await expectKMSError(.accessDenied) {
            try await fixture.client.call(GenerateDataKey.self, request, as: sender.via(AWSServiceName("sns")))
        }
    }

    @Test func theCallSQSMakesIsAuditedAsInvokedBySQSWithoutSecrets() async throws {
        let fixture = try await Fixture()
        let keyID = try await fixture.harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!.keyId
        let sender = try Self.sender(policies: [Self.onlyThroughSQS])
        let queue = ["aws:sqs:arn": "arn:aws:sqs:us-east-1:111122223333:orders"]
        let dataKey = try await fixture.client.call(
            GenerateDataKey.self, GenerateDataKeyRequest(keyId: keyID, encryptionContext: queue, keySpec: .aes256),
            as: sender.via(Self.sqs))

        let call = try #require(fixture.stage.calls.last)
        let record = try #require(AuditRecorder.records(of: call, eventID: "e1", at: Date(timeIntervalSince1970: 0)).first)
        #expect(record.eventSource == "kms.amazonaws.com" && record.eventName == "GenerateDataKey")
        #expect(record.userIdentity.type == "IAMUser" && record.userIdentity.arn == "arn:aws:iam::111122223333:user/sender")
        #expect(record.userIdentity.invokedBy == "sqs.amazonaws.com")
        #expect(record.sourceIPAddress == "sqs.amazonaws.com" && record.userAgent == "sqs.amazonaws.com")
        #expect(record.readOnly && record.responseElements == nil)
        #expect(record.requestParameters == .object([
            "keyId": .string(keyID), "encryptionContext": .object(queue.mapValues { .string($0) }),
            "keySpec": .string("AES_256"),
        ]))
        #expect(record.resources.map(\.type) == ["AWS::KMS::Key"])
        let json = record.json
        #expect(!json.contains(dataKey.plaintext!.base64EncodedString()))
        #expect(!json.contains(dataKey.ciphertextBlob!.base64EncodedString()))
    }

    @Test func aServicePrincipalIsAllowedOnlyForTheSourceTheKeyPolicyNames() async throws {
        let fixture = try await Fixture()
        let topic = "arn:aws:sns:us-east-1:111122223333:orders"
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":["kms:GenerateDataKey","kms:Decrypt"],"Resource":"*","Condition":{"ArnEquals":{"aws:SourceArn":"\#(topic)"},"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}"#
        let keyID = try await fixture.harness.call(CreateKey.self, CreateKeyRequest(policy: policy)).keyMetadata!.keyId
        let request = GenerateDataKeyRequest(keyId: keyID, keySpec: .aes256)
        func asSNS(for source: String) -> CallContext {
            CallContext(caller: .service("sns.amazonaws.com", actingFor: Self.account), region: "us-east-1",
                        requestID: "req-sns", sourceResource: SourceResource(arn: source, account: Self.account))
        }

        _ = try await fixture.client.call(GenerateDataKey.self, request, as: asSNS(for: topic))
        await expectKMSError(.accessDenied) {
            try await fixture.client.call(GenerateDataKey.self, request, as: asSNS(for: topic + "-other"))
        }
        // Without a source, the confused-deputy condition cannot hold.
        let bare = CallContext(caller: .service("sns.amazonaws.com", actingFor: Self.account), region: "us-east-1",
                               requestID: "req-sns")
        await expectKMSError(.accessDenied) { try await fixture.client.call(GenerateDataKey.self, request, as: bare) }

        let record = try #require(AuditRecorder.records(of: fixture.stage.calls.last!, eventID: "e", at: Date()).first)
        #expect(record.userIdentity.type == "AWSService" && record.userIdentity.invokedBy == "sns.amazonaws.com")
        #expect(record.sourceIPAddress == "sns.amazonaws.com" && record.errorCode == "AccessDeniedException")
    }

    @Test func aServicePrincipalIsNeverItsAccountsRoot() async throws {
        let fixture = try await Fixture()
        // The default key policy gives the account root everything; a service acting for the
        // account gets nothing from it.
        let keyID = try await fixture.harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!.keyId
        let sns = CallContext(caller: .service("sns.amazonaws.com", actingFor: Self.account), region: "us-east-1",
                              requestID: "req-sns")
        await expectKMSError(.accessDenied) {
            try await fixture.client.call(GenerateDataKey.self, GenerateDataKeyRequest(keyId: keyID, keySpec: .aes256), as: sns)
        }
    }

    @Test func theClientIsThrottledByTheCallersQuota() async throws {
        let fixture = try await Fixture(quotas: .current,
                                        adjustments: [Self.account: ["Cryptographic operations (symmetric) request rate": 0.01]])
        let keyID = try await fixture.harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!.keyId
        let sender = try Self.sender(policies: [Self.onlyThroughSQS])
        let request = GenerateDataKeyRequest(keyId: keyID, keySpec: .aes256)
        _ = try await fixture.client.call(GenerateDataKey.self, request, as: sender.via(Self.sqs))
        do {
            _ = try await fixture.client.call(GenerateDataKey.self, request, as: sender.via(Self.sqs))
            Issue.record("the second call was not throttled")
        } catch let error as any AWSErrorRenderable {
            #expect(error.awsErrorType == "ThrottlingException")
        }
        #expect(fixture.stage.calls.map(\.outcome) == ["Success", "ThrottlingException"])
    }
}
