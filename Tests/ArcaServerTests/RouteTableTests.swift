@testable import ArcaServer
import ArcaTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KeyManagement
import Testing

/// The route table and the HTTP stage, in process: each service reached by its target, action
/// and credential scope; errors in each protocol's body with their status.
@Suite struct RouteTableTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    func application(requestBodyMemory: Int? = nil) async throws -> some ApplicationProtocol {
        var configuration = ArcaConfiguration()
        if let requestBodyMemory { configuration.requestBodyMemory = requestBodyMemory }
        configuration.dataDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("arca-routes-\(UUID().uuidString)").path
        configuration.rootKey = .base64(Data(repeating: 5, count: 32).base64EncodedString())
        configuration.requestQuotas = .off
        let clock = ManualClock(Self.start)
        let random = SeededRandom(seed: "routes")
        configuration.dependencies = KMSDependencies(now: { clock.now }, randomBytes: { random.bytes($0) })
        return try await buildApplication(configuration: configuration)
    }

    /// A signed AWS JSON request.
    func json(_ client: some TestClientProtocol, target: String, scope: String, body: String = "{}",
              contentType: String = "application/x-amz-json-1.1",
              check: @escaping (TestResponse) throws -> Void) async throws {
        let bytes = Array(body.utf8)
        let signed = SigV4TestSigner(service: scope).sign(
            headers: ["X-Amz-Target": target, "Content-Type": contentType], body: bytes, at: Self.start)
        try await client.execute(uri: "/", method: .post, headers: Self.fields(signed), body: ByteBuffer(bytes: bytes)) {
            try check($0)
        }
    }

    /// A signed query request.
    func query(_ client: some TestClientProtocol, _ form: String, scope: String, accessKeyID: String = "test",
               check: @escaping (TestResponse) throws -> Void) async throws {
        let bytes = Array(form.utf8)
        let signed = SigV4TestSigner(accessKeyID: accessKeyID, service: scope).sign(
            headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"], body: bytes, at: Self.start)
        try await client.execute(uri: "/", method: .post, headers: Self.fields(signed), body: ByteBuffer(bytes: bytes)) {
            try check($0)
        }
    }

    static func fields(_ headers: [String: String]) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        return fields
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    @Test func eachJSONServiceIsReachedByItsTargetPrefix() async throws {
        try await application().test(.router) { client in
            try await json(client, target: "TrentService.ListKeys", scope: "kms") { response in
                #expect(response.status == .ok)
                let body = try Self.object(response)
                #expect(body["Keys"] != nil)
            }
            try await json(client, target: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.ListPublicKeys",
                           scope: "cloudtrail") { response in
                #expect(response.status == .ok)
                let body = try Self.object(response)
                #expect(body["PublicKeyList"] != nil)
            }
        }
    }

    /// SQS: AWS JSON 1.0 by its target prefix, answered in 1.0, its errors with their query code
    /// in `x-amzn-query-error` and their JSON name in `__type`; queue URLs name the request's host.
    @Test func sqsIsReachedByItsTargetAndAnswersWithQueryCompatibleErrors() async throws {
        try await application().test(.router) { client in
            try await json(client, target: "AmazonSQS.CreateQueue", scope: "sqs", body: #"{"QueueName":"orders"}"#,
                           contentType: "application/x-amz-json-1.0") { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/x-amz-json-1.0")
                let url = try #require(try Self.object(response)["QueueUrl"] as? String)
                #expect(url.hasSuffix("/000000000000/orders"))
            }
            try await json(client, target: "AmazonSQS.GetQueueUrl", scope: "sqs", body: #"{"QueueName":"missing"}"#,
                           contentType: "application/x-amz-json-1.0") { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[HTTPField.Name("x-amzn-query-error")!] == "AWS.SimpleQueueService.NonExistentQueue;Sender")
                let body = try Self.object(response)
                #expect(body["__type"] as? String == "QueueDoesNotExist")
            }
            try await json(client, target: "AmazonSQS.ListMessageMoveTasks", scope: "sqs",
                           body: #"{"SourceArn":"arn:aws:sqs:us-east-1:000000000000:missing"}"#,
                           contentType: "application/x-amz-json-1.0") { response in
                #expect(response.status == .notFound)
                #expect(response.headers[HTTPField.Name("x-amzn-query-error")!] == "ResourceNotFoundException;Sender")
            }
        }
    }

    @Test func aCredentialScopedToAnotherServiceIsRefused() async throws {
        try await application().test(.router) { client in
            try await json(client, target: "TrentService.ListKeys", scope: "cloudtrail") { response in
                #expect(response.status == .badRequest)
                let body = try Self.object(response)
                #expect(body["__type"] as? String == "InvalidSignatureException")
                #expect(body["message"] as? String == "Credential should be scoped to correct service: 'kms'. ")
            }
        }
    }

    @Test func unknownTargetsAndOperationsAreUnknownOperationsWithAMessage() async throws {
        try await application().test(.router) { client in
            for target in ["Nobody.ListKeys", "TrentService.NoSuchThing", ""] {
                try await json(client, target: target, scope: "kms") { response in
                    #expect(response.status == .badRequest)
                    let body = try Self.object(response)
                    #expect(body["__type"] as? String == "UnknownOperationException")
                    #expect((body["message"] as? String)?.isEmpty == false)
                }
            }
        }
    }

    @Test func anOperationOfTheModelArcaLacksIsUnsupported() async throws {
        try await application().test(.router) { client in
            try await json(client, target: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.CancelQuery",
                           scope: "cloudtrail", body: #"{"QueryId":"0123456789abcdef0123456789abcdef0123"}"#) { response in
                #expect(response.status == .badRequest)
                let body = try Self.object(response)
                #expect(body["__type"] as? String == "UnsupportedOperationException")
            }
        }
    }

    @Test func queryServicesAreReachedByTheirCredentialScopeAndAnswerInTheirNamespace() async throws {
        try await application().test(.router) { client in
            try await query(client, "Action=GetCallerIdentity&Version=2011-06-15", scope: "sts") { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains(#"<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">"#))
            }
            try await query(client, "Action=ListUsers&Version=2010-05-08", scope: "iam") { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains(#"<ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">"#))
            }
        }
    }

    @Test func queryErrorsCarryTheServicesCodeStatusAndNamespace() async throws {
        try await application().test(.router) { client in
            try await query(client, "Action=Nope&Version=2010-05-08", scope: "iam") { response in
                #expect(response.status == .badRequest)
                let text = Self.text(response)
                #expect(text.contains("<Code>InvalidAction</Code>"))
                #expect(text.contains("Could not find operation Nope for version 2010-05-08"))
                #expect(text.contains(#"xmlns="https://iam.amazonaws.com/doc/2010-05-08/""#))
            }
            try await query(client, "Version=2011-06-15", scope: "sts") { response in
                #expect(response.status == .badRequest)
                #expect(Self.text(response).contains("<Code>MissingAction</Code>"))
            }
            // An unknown access key is IAM's InvalidClientTokenId, with IAM's status and namespace.
            try await query(client, "Action=ListUsers&Version=2010-05-08", scope: "iam", accessKeyID: "AKIANOBODY") { response in
                #expect(response.status == .forbidden)
                let text = Self.text(response)
                #expect(text.contains("<Code>InvalidClientTokenId</Code>"))
                #expect(text.contains(#"xmlns="https://iam.amazonaws.com/doc/2010-05-08/""#))
            }
        }
    }

    @Test func anOversizedBodyIs413AndCountedAsAFailure() async throws {
        try await application().test(.router) { client in
            let body = #"{"KeyId":""# + String(repeating: "a", count: (1 << 20) + 16) + #""}"#
            try await json(client, target: "TrentService.DescribeKey", scope: "kms", body: body) { response in
                #expect(response.status == .contentTooLarge)
                let body = try Self.object(response)
                #expect(body["__type"] as? String == "SerializationException")
            }
            try await json(client, target: "TrentService.NoSuchThing", scope: "kms") { _ in }
            try await client.execute(uri: "/_arca/metrics", method: .get) { response in
                let text = Self.text(response)
                #expect(text.contains(#"arca_requests_total{service="kms",operation="unknown",outcome="SerializationException"} 1"#))
                #expect(text.contains(#"arca_requests_total{service="kms",operation="unknown",outcome="UnknownOperationException"} 1"#))
                #expect(!text.contains(#"operation="unknown",outcome="Success""#))
            }
        }
    }

    @Test func aBodyPastTheMemoryBoundIs503AndTheBoundIsGivenBack() async throws {
        try await application(requestBodyMemory: 64).test(.router) { client in
            let body = #"{"KeyId":""# + String(repeating: "a", count: 100) + #""}"#
            try await json(client, target: "TrentService.DescribeKey", scope: "kms", body: body) { response in
                #expect(response.status == .serviceUnavailable)
                let object = try Self.object(response)
                #expect(object["__type"] as? String == "ServiceUnavailable")
            }
            try await query(client, "Action=ListUsers&Version=2010-05-08&Padding=" + String(repeating: "p", count: 80),
                            scope: "iam") { response in
                #expect(response.status == .serviceUnavailable)
                #expect(Self.text(response).contains("<Code>ServiceUnavailable</Code>"))
            }
            // Bodies within the bound are read, one after another, as often as they come.
            for _ in 0..<3 {
                try await json(client, target: "TrentService.ListKeys", scope: "kms") { response in
                    #expect(response.status == .ok)
                }
            }
        }
    }
}

/// The bound on request-body memory: reservations never pass it, and each is given back.
@Suite struct RequestBodyBudgetTests {
    @Test func reservationsStayWithinTheLimit() async {
        let budget = RequestBodyBudget(limit: 100)
        #expect(budget.reserve(60))
        #expect(!budget.reserve(41))
        #expect(budget.reserve(40))
        #expect(budget.inUse == 100)
        budget.release(60)
        #expect(budget.reserve(60))
        #expect(!budget.reserve(1))
        budget.release(100)
        #expect(budget.inUse == 0)
        // Concurrent reservations of 7 against 100: at most 14 hold at once, and all are given back.
        let peak = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    guard budget.reserve(7) else { return 0 }
                    let held = budget.inUse
                    budget.release(7)
                    return held
                }
            }
            return await group.reduce(0) { max($0, $1) }
        }
        #expect(peak <= 98)
        #expect(budget.inUse == 0)
    }
}
