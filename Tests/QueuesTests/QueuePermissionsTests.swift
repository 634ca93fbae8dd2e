import AWSWire
import AccessPolicy
import Foundation
import Queues
import Testing

/// AddPermission and RemovePermission as policy edits: AWS's generated policy, labels, the
/// grantable actions, and removal down to no policy at all.
@Suite struct QueuePermissionsTests {
    static let arn = "arn:aws:sqs:us-east-1:111111111111:orders"
    static let operations: Set<String> = ["CreateQueue", "DeleteQueue", "SendMessage", "ReceiveMessage", "SetQueueAttributes"]

    static func parsed(_ text: String?) throws -> NSDictionary {
        let json = try #require(text)
        return try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? NSDictionary)
    }

    @Test func aFirstPermissionCreatesThePolicyAWSWrites() throws {
        let policy = try QueuePermissions.adding(label: "crossaccountpermission", accounts: ["668614515564", "111111111111"],
                                                 actions: ["ReceiveMessage"], to: nil, queueARN: Self.arn,
                                                 operationNames: Self.operations)
        // The policy recorded from AWS after the same call.
        #expect(try Self.parsed(policy) == [
            "Version": "2008-10-17", "Id": "\(Self.arn)/SQSDefaultPolicy",
            "Statement": [[
                "Sid": "crossaccountpermission", "Effect": "Allow",
                "Principal": ["AWS": ["arn:aws:iam::668614515564:root", "arn:aws:iam::111111111111:root"]],
                "Action": "SQS:ReceiveMessage", "Resource": Self.arn,
            ]],
        ] as NSDictionary)
        // It is a policy the evaluator reads: the named account may receive, and only receive.
        let compiled = CompiledPolicy(try PolicyDocument(json: policy, kind: .resourceBased))
        let receive = PolicyRequest(principal: .root(accountID: "668614515564"), action: "sqs:ReceiveMessage", resource: Self.arn)
        let send = PolicyRequest(principal: .root(accountID: "668614515564"), action: "sqs:SendMessage", resource: Self.arn)
        #expect(ResourcePolicyEvaluator.evaluate(receive, resourcePolicy: compiled).isAllowed)
        #expect(!ResourcePolicyEvaluator.evaluate(send, resourcePolicy: compiled).isAllowed)
    }

    @Test func labelsAreUniqueAndRemovalEmptiesThePolicy() throws {
        var policy: String? = try QueuePermissions.adding(label: "first", accounts: ["111111111111"], actions: ["SendMessage", "*"],
                                                          to: nil, queueARN: Self.arn, operationNames: Self.operations)
        #expect(throws: SQSError(.invalidParameterValue, "Value first for parameter Label is invalid. Reason: Already exists.")) {
            try QueuePermissions.adding(label: "first", accounts: ["222222222222"], actions: ["SendMessage"], to: policy,
                                        queueARN: Self.arn, operationNames: Self.operations)
        }
        policy = try QueuePermissions.adding(label: "second", accounts: ["222222222222"], actions: ["SendMessage"], to: policy,
                                             queueARN: Self.arn, operationNames: Self.operations)
        let statements = try #require(try Self.parsed(policy)["Statement"] as? [NSDictionary])
        #expect(statements.map { $0["Sid"] as? String } == ["first", "second"])
        #expect(statements[0]["Action"] as? [String] == ["SQS:SendMessage", "SQS:*"])
        policy = try QueuePermissions.removing(label: "first", from: policy, queueARN: Self.arn)
        #expect(try (Self.parsed(policy)["Statement"] as? [NSDictionary])?.map { $0["Sid"] as? String } == ["second"])
        #expect(throws: SQSError(.invalidParameterValue, "Value first for parameter Label is invalid. Reason: can't find label.")) {
            try QueuePermissions.removing(label: "first", from: policy, queueARN: Self.arn)
        }
        #expect(try QueuePermissions.removing(label: "second", from: policy, queueARN: Self.arn) == nil)
    }

    /// A policy set with SetQueueAttributes keeps its members and statements.
    @Test func aGivenPolicyKeepsItsStatements() throws {
        let given = #"{"Version":"2012-10-17","Id":"mine","Statement":{"Sid":"own","Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*"}}"#
        let policy = try QueuePermissions.adding(label: "more", accounts: ["111111111111"], actions: ["GetQueueUrl"], to: given,
                                                 queueARN: Self.arn, operationNames: Self.operations)
        let document = try Self.parsed(policy)
        #expect(document["Version"] as? String == "2012-10-17" && document["Id"] as? String == "mine")
        #expect((document["Statement"] as? [NSDictionary])?.map { $0["Sid"] as? String } == ["own", "more"])
    }

    @Test func onlyGrantableActionsAndValidArguments() throws {
        func add(_ label: String = "p", accounts: [String] = ["111111111111"], actions: [String]) throws {
            _ = try QueuePermissions.adding(label: label, accounts: accounts, actions: actions, to: nil, queueARN: Self.arn,
                                            operationNames: Self.operations)
        }
        #expect(throws: SQSError(.invalidParameterValue, "Value SQS:CreateQueue for parameter ActionName is invalid. "
                                 + "Reason: Only the queue owner is allowed to invoke this action.")) { try add(actions: ["CreateQueue"]) }
        #expect(throws: SQSError(.invalidParameterValue, "Value SQS:Fly for parameter ActionName is invalid. "
                                 + "Reason: Please refer to the appropriate WSDL for a list of valid actions.")) { try add(actions: ["Fly"]) }
        #expect(throws: SQSError(.overLimit, "8 Actions were found, maximum allowed is 7.")) {
            try add(actions: Array(repeating: "SendMessage", count: 8))
        }
        #expect(throws: SQSError(.missingRequiredParameter, "The request must contain the parameter ActionName.")) { try add(actions: []) }
        #expect(throws: SQSError(.missingRequiredParameter, "The request must contain the parameter AWSAccountIds.")) {
            try add(accounts: [], actions: ["SendMessage"])
        }
        #expect(throws: SQSError(.invalidParameterValue, "Value 12 for parameter PrincipalId is invalid. Reason: Unable to verify.")) {
            try add(accounts: ["12"], actions: ["SendMessage"])
        }
        let labelReason = "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"
        for label in ["bad label", String(repeating: "l", count: 81), ""] {
            #expect(throws: SQSError(.invalidParameterValue, "Value \(label) for parameter Label is invalid. Reason: \(labelReason)")) {
                try add(label, actions: ["SendMessage"])
            }
        }
        try add(String(repeating: "l", count: 80), actions: ["SendMessage"])
    }
}
