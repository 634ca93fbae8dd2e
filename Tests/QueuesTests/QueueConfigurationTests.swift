import Queues
import Testing

/// Queue attributes as CreateQueue and SetQueueAttributes check them: defaults, every range
/// boundary, the FIFO-only attributes, the SSE options, all-or-nothing application, and the
/// attribute map storage keeps.
@Suite struct QueueConfigurationTests {
    @Test func defaultsAreTheDocumentedOnes() {
        // The attributes AWS reported for a fresh standard queue (recorded).
        #expect(QueueConfiguration(fifo: false).reported == [
            "DelaySeconds": "0", "MaximumMessageSize": "1048576", "MessageRetentionPeriod": "345600",
            "ReceiveMessageWaitTimeSeconds": "0", "VisibilityTimeout": "30", "SqsManagedSseEnabled": "true",
        ])
        let fifo = QueueConfiguration(fifo: true).reported
        #expect(fifo["FifoQueue"] == "true" && fifo["ContentBasedDeduplication"] == "false")
        #expect(fifo["DeduplicationScope"] == "queue" && fifo["FifoThroughputLimit"] == "perQueue")
    }

    struct Range: CustomTestStringConvertible, Sendable {
        var name: String
        var lowest: Int
        var highest: Int
        var testDescription: String { name }
    }

    static let ranges = [
        Range(name: "DelaySeconds", lowest: 0, highest: 900),
        Range(name: "MaximumMessageSize", lowest: 1_024, highest: 1_048_576),
        Range(name: "MessageRetentionPeriod", lowest: 60, highest: 1_209_600),
        Range(name: "ReceiveMessageWaitTimeSeconds", lowest: 0, highest: 20),
        Range(name: "VisibilityTimeout", lowest: 0, highest: 43_200),
        Range(name: "KmsDataKeyReusePeriodSeconds", lowest: 60, highest: 86_400),
    ]

    @Test(arguments: ranges)
    func integerAttributesKeepTheirRanges(_ range: Range) throws {
        for accepted in [range.lowest, range.highest] {
            var configuration = QueueConfiguration(fifo: false)
            try configuration.apply([range.name: String(accepted)], creating: true)
            #expect(configuration.storedAttributes[range.name] == String(accepted))
        }
        for refused in [String(range.lowest - 1), String(range.highest + 1), "ten", "", "1.5"] {
            var configuration = QueueConfiguration(fifo: false)
            #expect(throws: SQSError(.invalidAttributeValue, "Invalid value for the parameter \(range.name).")) {
                try configuration.apply([range.name: refused], creating: true)
            }
        }
    }

    @Test func unknownAndReadOnlyAttributesAreUnknown() {
        for name in ["Foo", "QueueArn", "ApproximateNumberOfMessages", "delayseconds"] {
            var configuration = QueueConfiguration(fifo: false)
            #expect(throws: SQSError(.invalidAttributeName, "Unknown Attribute \(name).")) {
                try configuration.apply([name: "1"], creating: true)
            }
        }
    }

    /// Recorded from AWS: a standard queue knows no FifoQueue or ContentBasedDeduplication, and
    /// names the FIFO condition for DeduplicationScope and FifoThroughputLimit.
    @Test func fifoAttributesOnAStandardQueue() {
        var configuration = QueueConfiguration(fifo: false)
        #expect(throws: SQSError(.invalidAttributeName, "Unknown Attribute FifoQueue.")) {
            try configuration.apply(["FifoQueue": "false"], creating: true)
        }
        #expect(throws: SQSError(.invalidAttributeName, "Unknown Attribute ContentBasedDeduplication.")) {
            try configuration.apply(["ContentBasedDeduplication": "true"], creating: true)
        }
        #expect(throws: SQSError(.invalidAttributeName, "You can specify the DeduplicationScope only when FifoQueue is set to true.")) {
            try configuration.apply(["DeduplicationScope": "queue"], creating: true)
        }
        #expect(throws: SQSError(.invalidAttributeName, "You can specify the FifoThroughputLimit only when FifoQueue is set to true.")) {
            try configuration.apply(["FifoThroughputLimit": "perQueue"], creating: true)
        }
    }

    @Test func fifoAttributesOnAFIFOQueue() throws {
        var configuration = QueueConfiguration(fifo: true)
        try configuration.apply(["FifoQueue": "true", "ContentBasedDeduplication": "TRUE", "DeduplicationScope": "messageGroup",
                                 "FifoThroughputLimit": "perMessageGroupId"], creating: true)
        #expect(configuration.fifo == FIFOSettings(contentBasedDeduplication: true, deduplicationScope: .messageGroup,
                                                   throughputLimit: .perMessageGroupId))
        // Recorded from AWS.
        #expect(throws: SQSError(.invalidAttributeValue, "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.")) {
            try configuration.apply(["FifoQueue": "true"], creating: false)
        }
        // "The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup."
        #expect(throws: SQSError(.invalidAttributeValue, "Invalid value for the parameter FifoThroughputLimit.")) {
            try configuration.apply(["DeduplicationScope": "queue"], creating: false)
        }
        #expect(throws: SQSError(.invalidAttributeValue, "Invalid value for the parameter DeduplicationScope.")) {
            try configuration.apply(["DeduplicationScope": "group"], creating: false)
        }
    }

    @Test func anInvalidAttributeLeavesTheOthersUnapplied() {
        var configuration = QueueConfiguration(fifo: false)
        #expect(throws: SQSError.self) {
            try configuration.apply(["DelaySeconds": "5", "VisibilityTimeout": "-1", "MessageRetentionPeriod": "120"], creating: false)
        }
        #expect(configuration == QueueConfiguration(fifo: false))
    }

    @Test func sseKMSAndSSESQSAreExclusive() throws {
        var configuration = QueueConfiguration(fifo: false)
        try configuration.apply(["KmsMasterKeyId": "alias/orders", "KmsDataKeyReusePeriodSeconds": "600"], creating: true)
        // Recorded from AWS: a queue with a KMS key reports SSE-SQS off and its reuse period.
        #expect(configuration.reported["SqsManagedSseEnabled"] == "false")
        #expect(configuration.reported["KmsMasterKeyId"] == "alias/orders")
        #expect(configuration.reported["KmsDataKeyReusePeriodSeconds"] == "600")
        try configuration.apply(["SqsManagedSseEnabled": "true"], creating: false)
        #expect(configuration.kmsMasterKeyID == nil && configuration.sqsManagedSSEEnabled)
        #expect(configuration.reported["KmsDataKeyReusePeriodSeconds"] == nil)
        #expect(throws: SQSError(.invalidAttributeName, "You can use one type of server-side encryption (SSE) at one time. "
                                 + "You can either enable KMS SSE or SQS SSE.")) {
            try configuration.apply(["KmsMasterKeyId": "alias/orders", "SqsManagedSseEnabled": "true"], creating: false)
        }
        try configuration.apply(["KmsMasterKeyId": "alias/orders"], creating: false)
        try configuration.apply(["KmsMasterKeyId": ""], creating: false)
        #expect(configuration.kmsMasterKeyID == nil && !configuration.sqsManagedSSEEnabled)
    }

    @Test func policiesMustParseAndEmptyRemovesThem() throws {
        var configuration = QueueConfiguration(fifo: false)
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}]}"#
        try configuration.apply(["Policy": policy], creating: true)
        #expect(configuration.reported["Policy"] == policy)
        // A statement without a principal is not a resource-based policy.
        let identityPolicy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:*","Resource":"*"}]}"#
        for invalid in ["{", identityPolicy] {
            #expect(throws: SQSError(.invalidAttributeValue, "Invalid value for the parameter Policy.")) {
                try configuration.apply(["Policy": invalid], creating: false)
            }
        }
        try configuration.apply(["Policy": ""], creating: false)
        #expect(configuration.policy == nil)
    }

    /// What storage keeps restores the same configuration, including settings GetQueueAttributes
    /// does not show (a reuse period without a KMS key).
    @Test func storedAttributesRestoreTheConfiguration() throws {
        var standard = QueueConfiguration(fifo: false)
        try standard.apply(["DelaySeconds": "7", "KmsDataKeyReusePeriodSeconds": "900",
                            "RedrivePolicy": #"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":"3"}"#,
                            "RedriveAllowPolicy": #"{"redrivePermission":"denyAll"}"#], creating: true)
        #expect(try QueueConfiguration(storedAttributes: standard.storedAttributes) == standard)
        var fifo = QueueConfiguration(fifo: true)
        try fifo.apply(["ContentBasedDeduplication": "true", "KmsMasterKeyId": "k"], creating: true)
        #expect(try QueueConfiguration(storedAttributes: fifo.storedAttributes) == fifo)
    }
}
