import AWSWire
import Foundation
import Testing
@testable import AuditTrail
import ServiceCalls

/// Records in CloudTrail's form, and what redaction keeps out of them.
@Suite struct AuditRecordTests {
    static func record(error: String? = nil) -> AuditRecord {
        AuditRecord(
            userIdentity: .init(type: "IAMUser", principalID: "AIDAALICE", arn: "arn:aws:iam::123456789012:user/Alice",
                                accountID: "123456789012", accessKeyID: "AKIAALICE", userName: "Alice"),
            eventTime: Date(timeIntervalSince1970: 1_415_062_379), eventSource: "kms.amazonaws.com", eventName: "Encrypt",
            awsRegion: "us-east-1", sourceIPAddress: "192.0.2.0", userAgent: "aws-cli", errorCode: error,
            requestParameters: .object(["keyId": .string("1234"), "encryptionContext": .object(["app": .string("demo")])]),
            requestID: "req-1", eventID: "event-1", readOnly: true,
            resources: [.init(arn: "arn:aws:kms:us-east-1:123456789012:key/1234", accountID: "123456789012", type: "AWS::KMS::Key")],
            recipientAccountID: "123456789012")
    }

    @Test func jsonHasTheExamplesFieldsInTheirOrder() throws {
        let json = Self.record().json
        #expect(json == #"{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAALICE","#
            + #""arn":"arn:aws:iam::123456789012:user/Alice","accountId":"123456789012","accessKeyId":"AKIAALICE","#
            + #""userName":"Alice"},"eventTime":"2014-11-04T00:52:59Z","eventSource":"kms.amazonaws.com","#
            + #""eventName":"Encrypt","awsRegion":"us-east-1","sourceIPAddress":"192.0.2.0","userAgent":"aws-cli","#
            + #""requestParameters":{"encryptionContext":{"app":"demo"},"keyId":"1234"},"responseElements":null,"#
            + #""requestID":"req-1","eventID":"event-1","readOnly":true,"resources":[{"accountId":"123456789012","#
            + #""type":"AWS::KMS::Key","ARN":"arn:aws:kms:us-east-1:123456789012:key/1234"}],"eventType":"AwsApiCall","#
            + #""managementEvent":true,"recipientAccountId":"123456789012","eventCategory":"Management"}"#)
        _ = try JSONParser.parse(Array(json.utf8))
    }

    @Test func errorsAndSessionIssuersAppearWhenPresent() throws {
        var record = Self.record(error: "AccessDeniedException")
        record.errorMessage = "User: … is not authorized"
        record.userIdentity = .init(type: "AssumedRole", principalID: "AROAAPP:s", arn: "arn:aws:sts::123456789012:assumed-role/app/s",
                                    accountID: "123456789012", accessKeyID: "ASIAX",
                                    sessionIssuer: .init(principalID: "AROAAPP", arn: "arn:aws:iam::123456789012:role/app",
                                                         accountID: "123456789012", userName: "app"))
        guard case .object(let fields) = try JSONParser.parse(Array(record.json.utf8)),
              case .object(let identity)? = fields["userIdentity"], case .object(let session)? = identity["sessionContext"],
              case .object(let issuer)? = session["sessionIssuer"] else {
            Issue.record("not the expected structure")
            return
        }
        #expect(fields["errorCode"] == .string("AccessDeniedException"))
        #expect(fields["errorMessage"] == .string("User: … is not authorized"))
        #expect(issuer["type"] == .string("Role") && issuer["userName"] == .string("app"))
        #expect(record.lookupUserName == "s")
    }

    @Test func redactionKeepsOnlyWhatTheModelAndTheAllowListAllow() {
        let schema = ShapeSchema.structure([
            .init("KeyId", .string()), .init("Payload", .blob()), .init("Token", .string(sensitive: true)),
            .init("EncryptionContext", .map(key: .string(), value: .string())),
            .init("Items", .list(.structure([.init("Data", .blob()), .init("Name", .string())]))),
            .init("MessageBody", .string()), .init("Spec", .string(enumValues: ["AES_256"])), .init("Count", .integer()),
            .init("Enabled", .boolean()), .init("Tokens", .list(.string())),
            .init("Credentials", .structure([.init("AccessKeyId", .string()), .init("SessionToken", .string())])),
        ])
        let request: JSONValue = .object([
            "KeyId": .string("k"), "Plaintext": .string("c2VjcmV0"), "Payload": .string("AAAA"), "Token": .string("t"),
            "EncryptionContext": .object(["Department": .string("Finance")]),
            "Items": .array([.object(["Data": .string("AA=="), "Name": .string("n")])]),
            "MessageBody": .string("the order"), "Spec": .string("AES_256"), "Count": .number(3),
            "Enabled": .bool(true), "Tokens": .array([.string("grant-token")]),
            "Credentials": .object(["AccessKeyId": .string("ASIA"), "SessionToken": .string("t")]),
        ])
        let allowList = AuditAllowList(textMembers: ["KeyId", "EncryptionContext", "Name", "AccessKeyId", "Token", "Payload"])
        #expect(AuditRedaction.view(request, schema: schema, allowing: allowList) == .object([
            "keyId": .string("k"), "encryptionContext": .object(["Department": .string("Finance")]),
            "items": .array([.object(["name": .string("n")])]), "spec": .string("AES_256"), "count": .number(3),
            "enabled": .bool(true), "credentials": .object(["accessKeyId": .string("ASIA")]),
        ]))
    }

    @Test func nothingIsRecordedUnlessAllowed() {
        let schema = ShapeSchema.structure([.init("QueueUrl", .string()), .init("MessageBody", .string())])
        let request: JSONValue = .object(["QueueUrl": .string("q"), "MessageBody": .string("secret"),
                                          "Undeclared": .string("x")])
        #expect(AuditRedaction.view(request, schema: schema, allowing: .nothing) == nil)
        #expect(AuditRedaction.view(request, schema: schema, allowing: AuditAllowList(textMembers: ["QueueUrl"]))
            == .object(["queueUrl": .string("q")]))
    }
}
