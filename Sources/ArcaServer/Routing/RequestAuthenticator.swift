import AWSWire
import Foundation
import Hummingbird
import Identity

/// The authentication stage: verifies a request's SigV4 signature and finds who signed it.
struct RequestAuthenticator: Sendable {
    let verifier = SigV4Verifier()
    let sts: SecurityTokenService
    /// The clock signatures are checked against (real time, even with `--dev-clock`).
    let signatureClock: @Sendable () -> Date
    /// The wall clock temporary credentials expire by.
    let now: @Sendable () -> Date

    /// A request whose signature passed every check that needs no body: present, well formed,
    /// dated within the window, from a known access key. Called before the body is read, so a
    /// request from nobody Arca knows never holds a body in memory.
    func precheck(_ request: Request) throws(SigV4Error) -> PrecheckedRequest {
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(request.headers.count + 1)
        // swift-http-types carries the Host header as the request's authority; SigV4 signs it as `host`.
        if let authority = request.head.authority { headers.append(("host", authority)) }
        for field in request.headers { headers.append((field.name.rawName, field.value)) }
        let signed = SigV4Request(method: request.method.rawValue, path: request.uri.path,
                                  query: request.uri.query ?? "", headers: headers, body: [])
        let sts = self.sts
        let checked = try verifier.precheck(signed, now: signatureClock()) { sts.credential(forAccessKeyID: $0) != nil }
        return PrecheckedRequest(signed: signed, checked: checked, host: request.head.authority)
    }

    /// The signer of a prechecked request and what its signature says (access key, region,
    /// service), now that its body is read.
    func authenticate(_ request: PrecheckedRequest, body: [UInt8]) throws(SigV4Error)
        -> (IdentityDirectory.Credential, SigV4Authentication) {
        var signed = request.signed
        signed.body = body
        let sts = self.sts
        var signer: IdentityDirectory.Credential?
        let authentication = try verifier.verify(request.checked, signed, sessionsNow: now()) { accessKeyID in
            guard let credential = sts.credential(forAccessKeyID: accessKeyID) else { return nil }
            signer = credential
            return SigV4Secret(secretAccessKey: credential.secretAccessKey, session: credential.session)
        }
        guard let signer else {
            throw SigV4Error(code: .unrecognizedClient, message: "The security token included in the request is invalid.")
        }
        return (signer, authentication)
    }

    /// The service a request's credential scope names (`…/us-east-1/iam/aws4_request`), read
    /// without verifying anything: only to route a query request and to word its errors.
    static func claimedSigningName(of request: Request) -> String? {
        let credential: Substring
        if let authorization = request.headers[.authorization], let start = authorization.range(of: "Credential=") {
            credential = authorization[start.upperBound...].prefix { $0 != "," && $0 != " " }
        } else if let query = request.uri.query, let start = query.range(of: "X-Amz-Credential=") {
            let raw = query[start.upperBound...].prefix { $0 != "&" }
            credential = Substring(raw.removingPercentEncoding ?? String(raw))
        } else {
            return nil
        }
        let parts = credential.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 5 ? String(parts[3]) : nil
    }
}

/// A request past the checks that need no body, waiting for its body to be verified.
struct PrecheckedRequest: Sendable {
    fileprivate let signed: SigV4Request
    fileprivate let checked: SigV4Prechecked
    /// The `Host` the request was sent to, as it signed it.
    let host: String?
}
