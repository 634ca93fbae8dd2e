import Foundation
import Testing

@testable import AWSWire

/// One request signed by botocore, as recorded by `Vectors/generate_sigv4_vectors.py`.
struct SigV4Vector: Decodable, Sendable, CustomTestStringConvertible {
    struct Expected: Decodable, Sendable {
        var accessKeyId: String
        var region: String
        var service: String
        var securityToken: String?
        var isPresigned: Bool
    }

    var name: String
    var method: String
    var path: String
    var query: String
    var headers: [[String]]
    var bodyBase64: String
    var accessKeyId: String
    var secretAccessKey: String
    var signedAt: String
    var now: String
    var acceptsUnsignedPayload: Bool
    var botocoreCanonicalRequest: String
    var expected: Expected

    var testDescription: String { name }

    var request: SigV4Request {
        SigV4Request(
            method: method, path: path, query: query,
            headers: headers.map { (name: $0[0], value: $0[1]) },
            body: Array(Data(base64Encoded: bodyBase64)!))
    }

    var signedAtDate: Date { Self.date(signedAt) }
    var nowDate: Date { Self.date(now) }

    var verifier: SigV4Verifier { SigV4Verifier(acceptsUnsignedPayload: acceptsUnsignedPayload) }

    /// The key lookup a server would do: this vector's one key pair.
    /// The signer's secret; vectors signed with a session token are temporary credentials valid
    /// for a day after signing.
    func secret(_ id: String) -> SigV4Secret? {
        guard id == accessKeyId else { return nil }
        let session = expected.securityToken.map { (token: $0, expiration: signedAtDate.addingTimeInterval(86_400)) }
        return SigV4Secret(secretAccessKey: secretAccessKey, session: session)
    }

    static func date(_ text: String) -> Date {
        Date(timeIntervalSince1970: TimeInterval(SigV4Timestamp(text)!.seconds))
    }

    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Vectors/sigv4-vectors.json")

    static func load() throws -> [SigV4Vector] {
        struct Document: Decodable { var vectors: [SigV4Vector] }
        return try JSONDecoder().decode(Document.self, from: Data(contentsOf: file)).vectors
    }

    /// Every vector; empty if the file cannot be read, which `vectorFileHoldsEveryCase` catches.
    static let all: [SigV4Vector] = (try? load()) ?? []

    static func named(_ name: String) -> SigV4Vector {
        guard let vector = all.first(where: { $0.name == name }) else {
            fatalError("no vector named \(name) in \(file.path)")
        }
        return vector
    }
}

@Suite struct SigV4VectorTests {
    @Test func vectorFileHoldsEveryCase() throws {
        let vectors = try SigV4Vector.load()
        #expect(vectors.count >= 12)
        #expect(Set(vectors.map(\.name)).count == vectors.count)
        #expect(vectors.contains { $0.expected.isPresigned })
        #expect(vectors.contains { $0.expected.securityToken != nil })
    }

    @Test(arguments: SigV4Vector.all)
    func verifyAcceptsBotocoreSignedRequest(_ vector: SigV4Vector) throws {
        let authentication = try vector.verifier.verify(vector.request, now: vector.nowDate, secret: vector.secret)
        #expect(
            authentication
                == SigV4Authentication(
                    accessKeyId: vector.expected.accessKeyId, region: vector.expected.region,
                    service: vector.expected.service, signedAt: vector.signedAtDate,
                    securityToken: vector.expected.securityToken, isPresigned: vector.expected.isPresigned))
    }

    @Test(arguments: SigV4Vector.all)
    func canonicalRequestMatchesBotocore(_ vector: SigV4Vector) {
        let lines = vector.botocoreCanonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)
        let canonical = SigV4CanonicalRequest.make(
            vector.request, query: SigV4QueryParameter.parse(vector.query),
            signedHeaders: lines[lines.count - 2], payloadHash: String(lines[lines.count - 1]),
            excludingSignature: vector.expected.isPresigned)
        #expect(String(decoding: canonical, as: UTF8.self) == vector.botocoreCanonicalRequest)
    }

    @Test func verifyAcceptsSkewAtExactlyFifteenMinutes() throws {
        let vector = SigV4Vector.named("kms-json-post")
        for offset in [-15 * 60.0, 15 * 60.0] {
            let now = vector.signedAtDate.addingTimeInterval(offset)
            #expect(throws: Never.self) { try vector.verifier.verify(vector.request, now: now, secret: vector.secret) }
        }
    }

    @Test func verifyRestrictsScopeToConfiguredServiceAndRegions() throws {
        let vector = SigV4Vector.named("kms-json-post")
        let verifier = SigV4Verifier(service: "kms", regions: ["us-east-1", "eu-west-1"])
        let authentication = try verifier.verify(vector.request, now: vector.nowDate, secret: vector.secret)
        #expect(authentication.service == "kms")
    }

    @Test func verifyIsSafeToCallConcurrently() async throws {
        let verifier = SigV4Verifier(acceptsUnsignedPayload: true, signingKeyCache: SigV4SigningKeyCache(capacity: 4))
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                for vector in SigV4Vector.all {
                    group.addTask {
                        let ok = (try? verifier.verify(vector.request, now: vector.nowDate, secret: vector.secret)) != nil
                        return ok
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 8 * SigV4Vector.all.count)
        #expect(results.allSatisfy { $0 })
        #expect(verifier.signingKeyCache.count <= 4)
    }
}
