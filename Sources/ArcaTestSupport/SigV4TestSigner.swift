import Crypto
import Foundation

/// Signs test requests with AWS Signature Version 4, written from the specification rather than
/// from Arca's verifier, so a test of the verifier cannot agree with itself by construction.
///
/// Signs `host`, `x-amz-date` and every header given, over the body's SHA-256 (AWS General
/// Reference, "Create a signed AWS API request").
public struct SigV4TestSigner: Sendable {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var region: String
    public var service: String

    public init(accessKeyID: String = "test", secretAccessKey: String = "test", region: String = "us-east-1",
                service: String) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.region = region
        self.service = service
    }

    /// The headers to send: the given ones, `x-amz-date` and `Authorization`.
    public func sign(method: String = "POST", path: String = "/", host: String = "localhost", headers: [String: String],
                     body: [UInt8], at date: Date) -> [String: String] {
        let stamp = Self.format(date, "yyyyMMdd'T'HHmmss'Z'")
        let day = String(stamp.prefix(8))
        var signed = headers.reduce(into: [String: String]()) { $0[$1.key.lowercased()] = $1.value.trimmingCharacters(in: .whitespaces) }
        signed["host"] = host
        signed["x-amz-date"] = stamp
        let names = signed.keys.sorted()
        let canonical = [method, path, "", names.map { "\($0):\(signed[$0]!)\n" }.joined(), names.joined(separator: ";"),
                         Self.hex(SHA256.hash(data: body))].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let toSign = ["AWS4-HMAC-SHA256", stamp, scope, Self.hex(SHA256.hash(data: Array(canonical.utf8)))].joined(separator: "\n")
        var key = SymmetricKey(data: Array("AWS4\(secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(toSign.utf8), using: key))
        var out = headers
        out["X-Amz-Date"] = stamp
        out["Authorization"] = "AWS4-HMAC-SHA256 Credential=\(accessKeyID)/\(scope), SignedHeaders=\(names.joined(separator: ";")), Signature=\(signature)"
        return out
    }

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    private static func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
