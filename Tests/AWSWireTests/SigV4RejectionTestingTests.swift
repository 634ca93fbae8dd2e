import Foundation

@testable import AWSWire

/// Helpers for the rejection suites: run a vector, changed, and keep the error it raises.
protocol SigV4RejectionTesting {}

extension SigV4RejectionTesting {
    /// Runs `vector` (after `change`) through a verifier and returns the error it raised.
    func rejection(
        _ vector: SigV4Vector,
        verifier: SigV4Verifier? = nil,
        now: Date? = nil,
        secrets: [String: String]? = nil,
        _ change: (inout SigV4Request) -> Void = { _ in }
    ) -> SigV4Error? {
        var request = vector.request
        change(&request)
        let lookup: (String) -> SigV4Secret? = { id in
            guard let secrets else { return vector.secret(id) }
            return secrets[id].map { SigV4Secret(secretAccessKey: $0) }
        }
        do {
            _ = try (verifier ?? vector.verifier).verify(request, now: now ?? vector.nowDate, secret: lookup)
            return nil
        } catch {
            return error
        }
    }

    /// Replaces every header `name` (any case) with one `value`, or removes it.
    static func setHeader(_ name: String, _ value: String?, in request: inout SigV4Request) {
        request.headers.removeAll { $0.name.lowercased() == name.lowercased() }
        if let value { request.headers.append((name: name, value: value)) }
    }

    static func authorization(_ request: SigV4Request) -> String {
        request.headers.first { $0.name == "Authorization" }!.value
    }

    static var mismatch: String { SigV4Error.signatureDoesNotMatch.message }
}
