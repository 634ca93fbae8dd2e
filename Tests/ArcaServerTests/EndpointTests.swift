import ArcaServer
import ArcaTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KeyManagement
import Testing

@Suite struct EndpointTests {
    func configuration() -> ArcaConfiguration {
        var configuration = ArcaConfiguration()
        configuration.dataDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("arca-endpoint-\(UUID().uuidString)").path
        configuration.rootKey = .base64(Data(repeating: 4, count: 32).base64EncodedString())
        let clock = ManualClock()
        let random = SeededRandom(seed: "endpoint")
        configuration.dependencies = KMSDependencies(now: { clock.now }, randomBytes: { random.bytes($0) })
        return configuration
    }

    @Test func healthAnswersWithoutAuthentication() async throws {
        let app = try await buildApplication(configuration: configuration())
        try await app.test(.router) { client in
            try await client.execute(uri: "/_arca/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
            }
        }
    }

    @Test func unsignedRequestIsMissingAuthenticationTokenWithARequestID() async throws {
        let app = try await buildApplication(configuration: configuration())
        try await app.test(.router) { client in
            let headers: HTTPFields = [HTTPField.Name("X-Amz-Target")!: "TrentService.ListKeys",
                                       .contentType: "application/x-amz-json-1.1"]
            try await client.execute(uri: "/", method: .post, headers: headers, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[HTTPField.Name("x-amzn-RequestId")!]?.count == 36)
                #expect(response.headers[.contentType] == "application/x-amz-json-1.1")
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String]
                #expect(body?["__type"] == "MissingAuthenticationTokenException")
            }
        }
    }

    @Test func everyResponseCarriesAFreshRequestID() async throws {
        let app = try await buildApplication(configuration: configuration())
        try await app.test(.router) { client in
            var seen = Set<String>()
            for _ in 0..<3 {
                try await client.execute(uri: "/", method: .post, body: ByteBuffer(string: "{}")) { response in
                    seen.insert(response.headers[HTTPField.Name("x-amzn-RequestId")!] ?? "")
                }
            }
            #expect(seen.count == 3)
        }
    }
}
