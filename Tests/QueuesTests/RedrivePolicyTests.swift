import Identity
import Queues
import Testing

/// Redrive policies and redrive allow policies as JSON, and queue URLs and ARNs.
@Suite struct RedrivePolicyTests {
    static let dlq = "arn:aws:sqs:us-east-1:000000000000:dlq"

    @Test func countsAsNumbersOrStrings() throws {
        for text in [#"{"deadLetterTargetArn":"\#(Self.dlq)","maxReceiveCount":5}"#,
                     #"{"deadLetterTargetArn":"\#(Self.dlq)","maxReceiveCount":"5"}"#] {
            let policy = try RedrivePolicy(json: text)
            #expect(policy == RedrivePolicy(deadLetterTargetARN: Self.dlq, maxReceiveCount: 5))
            // As AWS answers it: the count as a number.
            #expect(policy.json == #"{"deadLetterTargetArn":"\#(Self.dlq)","maxReceiveCount":5}"#)
        }
    }

    @Test(arguments: [
        ("[]", "Redrive policy is not a valid JSON map."),
        ("{", "Redrive policy is not a valid JSON map."),
        (#"{"maxReceiveCount":5}"#, "Redrive policy does not contain mandatory attribute: deadLetterTargetArn."),
        (#"{"deadLetterTargetArn":"\#(dlq)"}"#, "Redrive policy does not contain mandatory attribute: maxReceiveCount."),
        (#"{"deadLetterTargetArn":"\#(dlq)","maxReceiveCount":0}"#,
         "Invalid value for maxReceiveCount: 0, valid values are from 1 to 1000 both inclusive."),
        (#"{"deadLetterTargetArn":"\#(dlq)","maxReceiveCount":"1001"}"#,
         "Invalid value for maxReceiveCount: 1001, valid values are from 1 to 1000 both inclusive."),
        (#"{"deadLetterTargetArn":"\#(dlq)","maxReceiveCount":2.5}"#,
         "Invalid value for maxReceiveCount: 2.5, valid values are from 1 to 1000 both inclusive."),
    ])
    func refusedWithAWSForm(_ text: String, _ reason: String) {
        #expect(throws: SQSError(.invalidParameterValue, "Value \(text) for parameter RedrivePolicy is invalid. Reason: \(reason)")) {
            try RedrivePolicy(json: text)
        }
    }

    @Test func allowPolicies() throws {
        let byQueue = try RedriveAllowPolicy(json: #"{"redrivePermission":"byQueue","sourceQueueArns":["arn:aws:sqs:us-east-1:000000000000:a"]}"#)
        #expect(byQueue.allows(source: "arn:aws:sqs:us-east-1:000000000000:a"))
        #expect(!byQueue.allows(source: "arn:aws:sqs:us-east-1:000000000000:b"))
        #expect(try RedriveAllowPolicy(json: #"{"redrivePermission":"allowAll"}"#).allows(source: "x"))
        #expect(try !RedriveAllowPolicy(json: #"{"redrivePermission":"denyAll"}"#).allows(source: "x"))
        #expect(try RedriveAllowPolicy(json: byQueue.json) == byQueue)
        let eleven = (1...11).map { #""arn:aws:sqs:us-east-1:000000000000:q\#($0)""# }.joined(separator: ",")
        for invalid in [#"{"redrivePermission":"some"}"#, #"{"redrivePermission":"byQueue"}"#,
                        #"{"redrivePermission":"byQueue","sourceQueueArns":[\#(eleven)]}"#,
                        #"{"redrivePermission":"allowAll","sourceQueueArns":["a"]}"#, "null"] {
            #expect(throws: SQSError.self) { try RedriveAllowPolicy(json: invalid) }
        }
    }

    @Test func queueURLsAreReadByTheirPath() {
        let address = QueueAddress(url: "http://127.0.0.1:4566/000000000000/orders", region: "eu-west-1")
        #expect(address == QueueAddress(account: AccountID("000000000000")!, region: "eu-west-1", name: QueueName(unchecked: "orders")))
        #expect(QueueAddress(url: "https://sqs.eu-west-1.amazonaws.com/000000000000/orders", region: "eu-west-1") == address)
        for invalid in ["orders", "http://host/orders", "http://host/12/orders", "http://host/000000000000/", "http://host/000000000000/a/b"] {
            #expect(QueueAddress(url: invalid, region: "eu-west-1") == nil)
        }
        #expect(address?.url(host: "localhost:4566") == "http://localhost:4566/000000000000/orders")
        #expect(address?.url(host: nil) == "http://sqs.eu-west-1.amazonaws.com/000000000000/orders")
        #expect(address.flatMap { QueueAddress(arn: $0.arn) } == address)
        #expect(QueueAddress(arn: "arn:aws:sns:eu-west-1:000000000000:orders") == nil)
    }
}
