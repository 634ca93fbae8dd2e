import ArcaTestSupport
import Foundation
import Identity
@testable import Topics
import ServiceCalls
import Testing

/// Topics through the topic service: creation and its idempotence, names, attributes, tags,
/// permissions, data protection policies, deletion, paging, authorization and restarts.
@Suite struct TopicServiceTests {
    let harness = TopicTestHarness()
    let root = KMSTestHarness.context()

    var arnPrefix: String { "arn:aws:sns:us-east-1:111122223333:" }

    @Test func createTopicIsIdempotentForTheSameAttributesAndTags() async throws {
        let sns = try await harness.service()
        let first = try await sns.createTopic(named: "orders", attributes: ["DisplayName": "Orders"], tags: ["team": "a"],
                                              dataProtectionPolicy: nil, context: root)
        #expect(first.arn == arnPrefix + "orders")
        // Attributes left out are not compared; tags left out neither.
        #expect(try await sns.createTopic(named: "orders", attributes: [:], tags: [:], dataProtectionPolicy: nil, context: root) == first)
        await #expect(throws: SNSError(.invalidParameter, "Invalid parameter: Attributes Reason: Topic already exists with different attributes")) {
            try await sns.createTopic(named: "orders", attributes: ["DisplayName": "Other"], tags: [:], dataProtectionPolicy: nil, context: root)
        }
        await #expect(throws: SNSError(.invalidParameter, "Invalid parameter: Tags Reason: Topic already exists with different tags")) {
            try await sns.createTopic(named: "orders", attributes: [:], tags: ["team": "a", "env": "dev"], dataProtectionPolicy: nil,
                                      context: root)
        }
    }

    @Test(arguments: [
        ("", false), (String(repeating: "a", count: 257), false), ("orders.fifo", false), ("orders", true),
        ("or ders", false), ("orders!", false), ("o.rders", false), (".fifo", true),
    ])
    func invalidNamesAreRefused(name: String, fifo: Bool) async throws {
        let sns = try await harness.service()
        await #expect(throws: SNSError(.invalidParameter, "Invalid parameter: Topic Name")) {
            try await sns.createTopic(named: name, attributes: fifo ? ["FifoTopic": "true"] : [:], tags: [:],
                                      dataProtectionPolicy: nil, context: root)
        }
    }

    @Test func namesAtTheLimitsAreAccepted() async throws {
        let sns = try await harness.service()
        for (name, fifo) in [(String(repeating: "a", count: 256), false), (String(repeating: "b", count: 251) + ".fifo", true),
                             ("A-z_0", false)] {
            _ = try await sns.createTopic(named: name, attributes: fifo ? ["FifoTopic": "true"] : [:], tags: [:],
                                          dataProtectionPolicy: nil, context: root)
        }
    }

    @Test func attributesReportTheDefaultsAWSReports() async throws {
        let sns = try await harness.service()
        let arn = try await sns.createTopic(named: "plain", attributes: [:], tags: [:], dataProtectionPolicy: nil, context: root).arn
        let attributes = try sns.attributes(arn: arn, context: root)
        #expect(Set(attributes.keys) == ["DisplayName", "EffectiveDeliveryPolicy", "Owner", "Policy", "SubscriptionsConfirmed",
                                         "SubscriptionsDeleted", "SubscriptionsPending", "TopicArn"])
        #expect(attributes["Owner"] == "111122223333" && attributes["TopicArn"] == arn && attributes["DisplayName"] == "")
        // The default policy, as recorded from AWS.
        let policy = try #require(attributes["Policy"])
        #expect(policy.contains(#""Id":"__default_policy_ID""#) && policy.contains(#""AWS:SourceOwner":"111122223333""#)
                && policy.contains(#""Resource":"\#(arn)""#))
        #expect(attributes["EffectiveDeliveryPolicy"] == """
            {"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,"numMaxDelayRetries":0,\
            "numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"disableSubscriptionOverrides":false,\
            "defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}}
            """)
        let fifo = try await sns.createTopic(named: "ordered.fifo", attributes: ["FifoTopic": "true"], tags: [:],
                                             dataProtectionPolicy: nil, context: root).arn
        let fifoAttributes = try sns.attributes(arn: fifo, context: root)
        #expect(fifoAttributes["FifoTopic"] == "true" && fifoAttributes["ContentBasedDeduplication"] == "false")
    }

    @Test func aDeliveryPolicyShowsThroughTheEffectiveOne() async throws {
        let sns = try await harness.service()
        let arn = try await sns.createTopic(named: "delivery", attributes: [:], tags: [:], dataProtectionPolicy: nil, context: root).arn
        // The update recorded from AWS.
        let policy = #"{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":5,"maxDelayTarget":6,"numRetries":1},"disableSubscriptionOverrides":false}}"#
        try await sns.setAttribute(arn: arn, name: "DeliveryPolicy", value: policy, context: root)
        let attributes = try sns.attributes(arn: arn, context: root)
        #expect(attributes["DeliveryPolicy"] == policy)
        #expect(attributes["EffectiveDeliveryPolicy"] == """
            {"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":5,"maxDelayTarget":6,"numRetries":1,"numMaxDelayRetries":0,\
            "numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"disableSubscriptionOverrides":false,\
            "defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}}
            """)
    }

    @Test func attributeValuesAreChecked() async throws {
        let sns = try await harness.service()
        let arn = try await sns.createTopic(named: "checked", attributes: [:], tags: [:], dataProtectionPolicy: nil, context: root).arn
        let refused: [(String, String, String)] = [
            ("Unknown", "x", "Invalid parameter: AttributeName"),
            ("FifoTopic", "true", "Invalid parameter: AttributeName"),
            ("SignatureVersion", "3", "Invalid parameter: SignatureVersion: Invalid value [3]. Must be 1 or 2."),
            ("ContentBasedDeduplication", "true",
             "Invalid parameter: ContentBasedDeduplication: Content-based deduplication can only be set for FIFO topics"),
            ("DeliveryPolicy", "{", "Invalid parameter: DeliveryPolicy: failed to parse JSON."),
            ("HTTPSuccessFeedbackSampleRate", "101",
             "Invalid parameter: HTTPSuccessFeedbackSampleRate: Invalid value [101]. Must be an integer from 0 to 100."),
        ]
        for (name, value, message) in refused {
            await #expect(throws: SNSError(.invalidParameter, message)) {
                try await sns.setAttribute(arn: arn, name: name, value: value, context: root)
            }
        }
        await #expect(throws: SNSError.self) {
            try await sns.setAttribute(arn: arn, name: "Policy", value: #"{"Statement": []}"#, context: root)
        }
        await #expect(throws: SNSError(.invalidParameter, "Invalid parameter: Attributes Reason: Invalid attribute name: Unknown")) {
            try await sns.createTopic(named: "other", attributes: ["Unknown": "x"], tags: [:], dataProtectionPolicy: nil, context: root)
        }
        for (name, value) in [("DisplayName", "Shown"), ("SignatureVersion", "2"), ("TracingConfig", "Active"),
                              ("KmsMasterKeyId", "alias/aws/sns"), ("HTTPSuccessFeedbackSampleRate", "50")] {
            try await sns.setAttribute(arn: arn, name: name, value: value, context: root)
            #expect(try sns.attributes(arn: arn, context: root)[name] == value)
        }
    }

    @Test func topicArnsAreReadAsSNSReadsThem() async throws {
        let sns = try await harness.service()
        let cases: [(String, String)] = [
            ("orders", "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1"),
            ("arn:aws:sns:us-east-1:111122223333", "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 5"),
            ("arn:aws:sns:eu-west-1:111122223333:orders", "Invalid parameter: TopicArn"),
            ("arn:aws:sqs:us-east-1:111122223333:orders", "Invalid parameter: TopicArn"),
        ]
        for (arn, message) in cases {
            #expect(throws: SNSError(.invalidParameter, message)) { try sns.attributes(arn: arn, context: root) }
        }
        #expect(throws: SNSError.topicNotFound) { try sns.attributes(arn: arnPrefix + "missing", context: root) }
    }

    @Test func deletingIsIdempotentAndTheNameIsReusableAtOnce() async throws {
        let sns = try await harness.service()
        let arn = try await sns.createTopic(named: "gone", attributes: [:], tags: ["k": "v"], dataProtectionPolicy: nil, context: root).arn
        try await sns.deleteTopic(arn: arn, context: root)
        try await sns.deleteTopic(arn: arn, context: root)
        #expect(throws: SNSError.topicNotFound) { try sns.attributes(arn: arn, context: root) }
        _ = try await sns.createTopic(named: "gone", attributes: [:], tags: [:], dataProtectionPolicy: nil, context: root)
        #expect(try sns.tags(arn: arn, context: root).isEmpty)
    }

    @Test func topicsArePagedByHundreds() async throws {
        let sns = try await harness.service()
        for index in 0..<150 {
            _ = try await sns.createTopic(named: String(format: "t%03d", index), attributes: [:], tags: [:], dataProtectionPolicy: nil,
                                          context: root)
        }
        let first = try sns.listTopics(nextToken: nil, context: root)
        #expect(first.arns.count == 100 && first.arns.first == arnPrefix + "t000" && first.nextToken != nil)
        let second = try sns.listTopics(nextToken: first.nextToken, context: root)
        #expect(second.arns.count == 50 && second.arns.first == arnPrefix + "t100" && second.nextToken == nil)
        // Another region lists none of them.
        #expect(try sns.listTopics(nextToken: nil, context: KMSTestHarness.context(region: "eu-west-1")).arns.isEmpty)
    }

    @Test func tagsAreAddedReplacedRemovedAndLimited() async throws {
        let sns = try await harness.service()
        let arn = try await sns.createTopic(named: "tagged", attributes: [:], tags: [:], dataProtectionPolicy: nil, context: root).arn
        try await sns.tagResource(arn: arn, tags: [Tag(key: "k1", value: "v1"), Tag(key: "k2", value: "v2")], context: root)
        try await sns.untagResource(arn: arn, keys: ["k1", "absent"], context: root)
        try await sns.tagResource(arn: arn, tags: [Tag(key: "k2", value: "v2b")], context: root)
        #expect(try sns.tags(arn: arn, context: root).map { "\($0.key)=\($0.value)" } == ["k2=v2b"])
        await #expect(throws: SNSError(.invalidParameter, "Invalid parameter: Duplicated keys are not allowed.")) {
            try await sns.tagResource(arn: arn, tags: [Tag(key: "k", value: "1"), Tag(key: "k", value: "2")], context: root)
        }
        await #expect(throws: SNSError(.tagLimitExceeded, "Could not complete request: tag quota of per resource exceeded")) {
            try await sns.tagResource(arn: arn, tags: (0..<50).map { Tag(key: "n\($0)", value: "") }, context: root)
        }
        #expect(throws: SNSError(.resourceNotFound, "Resource does not exist")) { try sns.tags(arn: arnPrefix + "missing", context: root) }
    }

    @Test func permissionsAreStatementsOfTheTopicPolicy() async throws {
        let sns = try await harness.service()
        let arn = try await sns.createTopic(named: "shared", attributes: [:], tags: [:], dataProtectionPolicy: nil, context: root).arn
        try await sns.addPermission(arn: arn, label: "publishers", accounts: ["444455556666"], actions: ["Publish"], context: root)
        let policy = try #require(try sns.attributes(arn: arn, context: root)["Policy"])
        // After the default statement, as recorded from AWS.
        #expect(policy.contains(#"__default_statement_ID"#))
        #expect(policy.hasSuffix(#"{"Sid":"publishers","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"SNS:Publish","Resource":"\#(arn)"}]}"#))
        await #expect(throws: SNSError(.invalidParameter, "Invalid parameter: Statement already exists")) {
            try await sns.addPermission(arn: arn, label: "publishers", accounts: ["444455556666"], actions: ["Publish"], context: root)
        }
        await #expect(throws: SNSError(.invalidParameter, "Invalid parameter: Policy statement action out of service scope!")) {
            try await sns.addPermission(arn: arn, label: "other", accounts: ["444455556666"], actions: ["CreateTopic"], context: root)
        }
        // The other account may now publish, and only publish.
        let other = KMSTestHarness.context(account: "444455556666")
        _ = try sns.authorizedTopic(arn: arn, for: "SNS:Publish", context: other)
        #expect(throws: SNSError.self) { try sns.authorizedTopic(arn: arn, for: "SNS:DeleteTopic", context: other) }
        try await sns.removePermission(arn: arn, label: "publishers", context: root)
        #expect(throws: SNSError.self) { try sns.authorizedTopic(arn: arn, for: "SNS:Publish", context: other) }
        let remaining = try #require(try sns.attributes(arn: arn, context: root)["Policy"])
        #expect(remaining.contains("__default_statement_ID") && !remaining.contains("publishers"))
    }

    @Test func anotherAccountNeedsTheTopicPolicy() async throws {
        let sns = try await harness.service()
        let arn = try await sns.createTopic(named: "private", attributes: [:], tags: [:], dataProtectionPolicy: nil, context: root).arn
        let other = KMSTestHarness.context(account: "444455556666")
        #expect(throws: SNSError(.authorizationError, """
            User: arn:aws:iam::444455556666:root is not authorized to perform: SNS:GetTopicAttributes on resource: \(arn) \
            because no resource-based policy allows the SNS:GetTopicAttributes action
            """)) { try sns.attributes(arn: arn, context: other) }
    }

    @Test func topicsSurviveARestart() async throws {
        let sns = try await harness.service()
        let arn = try await sns.createTopic(named: "durable", attributes: ["DisplayName": "D"], tags: ["k": "v"],
                                            dataProtectionPolicy: #"{"Name":"p"}"#, context: root).arn
        let restarted = try await harness.service()
        #expect(try restarted.attributes(arn: arn, context: root) == (try sns.attributes(arn: arn, context: root)))
        #expect(try restarted.dataProtectionPolicy(arn: arn, context: root) == #"{"Name":"p"}"#)
        #expect(try restarted.tags(arn: arn, context: root).map(\.key) == ["k"])
        // A new topic gets a new id.
        _ = try await restarted.createTopic(named: "next", attributes: [:], tags: [:], dataProtectionPolicy: nil, context: root)
        #expect(Set(try await harness.topics.load().topics.map(\.id)).count == 2)
    }
}
