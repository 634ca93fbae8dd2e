import Crypto
import Foundation

/// Verifies AWS Signature Version 4 on incoming requests, as an AWS service would.
///
/// Accepts the Authorization header form and the presigned query form, rebuilds the
/// canonical request exactly as botocore's `SigV4Auth` signs non-S3 services, and
/// reports failures with AWS's error codes and wording, checked in AWS's order.
public struct SigV4Verifier: Sendable {
    /// How far X-Amz-Date may be from `now`, either way.
    ///
    /// "AWS does not process a request if the request time stamp is more than 15 minutes
    /// earlier than the current time on AWS servers" (Amazon SQS Developer Guide, time stamps).
    public var maxClockSkew: TimeInterval
    /// If set, the only service the credential scope may name (e.g. `"kms"`).
    public var service: String?
    /// If set, the regions the credential scope may name.
    public var regions: Set<String>?
    /// Whether `UNSIGNED-PAYLOAD` is accepted in place of the body hash: as the
    /// `X-Amz-Content-SHA256` header botocore sends for unsigned-body operations, and
    /// as the payload of presigned URLs (S3-style presigners).
    public var acceptsUnsignedPayload: Bool
    /// Derived signing keys, shared by copies of this verifier.
    public let signingKeyCache: SigV4SigningKeyCache

    public init(
        maxClockSkew: TimeInterval = 15 * 60,
        service: String? = nil,
        regions: Set<String>? = nil,
        acceptsUnsignedPayload: Bool = false,
        signingKeyCache: SigV4SigningKeyCache = SigV4SigningKeyCache()
    ) {
        self.maxClockSkew = maxClockSkew
        self.service = service
        self.regions = regions
        self.acceptsUnsignedPayload = acceptsUnsignedPayload
        self.signingKeyCache = signingKeyCache
    }

    /// Checks `request`'s signature at time `now`.
    ///
    /// Temporary credentials expire by `sessionsNow` (default `now`): the service's wall clock,
    /// which a test may move ahead of real time while clients keep signing with theirs.
    /// `secret` returns nil for an unknown access key id (→ ``SigV4Error/Code/unrecognizedClient``).
    /// Temporary credentials need their session token (compared in constant time) and must not
    /// have expired (→ ``SigV4Error/Code/expiredToken``); long-term ones must come without one.
    public func verify(
        _ request: SigV4Request, now: Date, sessionsNow: Date? = nil, secret: (String) -> SigV4Secret?
    ) throws(SigV4Error) -> SigV4Authentication {
        let checked = try precheck(request, now: now) { _ in true }
        return try verify(checked, request, sessionsNow: sessionsNow ?? now, secret: secret)
    }

    /// Everything that can be checked before the body is read, in AWS's order: a signature is
    /// present and well formed, its date is within the window, `host` is signed, the algorithm
    /// and credential scope are right, and the access key is one `isKnown` knows.
    ///
    /// A server calls this on the headers alone, so a request from nobody it knows is refused
    /// before its body takes any memory; ``verify(_:_:sessionsNow:secret:)`` finishes the job.
    public func precheck(_ request: SigV4Request, now: Date,
                         isKnown: (String) -> Bool) throws(SigV4Error) -> SigV4Prechecked {
        let query = SigV4QueryParameter.parse(request.query)
        let parts = try signedParts(request, query: query)

        guard let timestamp = SigV4Timestamp(parts.timestamp) else { throw .malformedDate(parts.timestamp) }
        try checkTime(timestamp, expires: parts.expires, now: now)
        guard parts.signedHeaders.utf8.split(separator: UInt8(ascii: ";")).contains(where: { SigV4ASCII.equalsIgnoringCase(Substring($0), "host") })
        else { throw .hostNotSigned }
        guard parts.algorithm == "AWS4-HMAC-SHA256" else { throw .unsupportedAlgorithm(parts.algorithm) }
        let scope = try SigV4CredentialScope(parsing: parts.credential)
        try scope.validate(timestamp: timestamp, service: service, regions: regions)
        guard isKnown(String(scope.accessKeyId)) else { throw .unrecognizedClient }
        return SigV4Prechecked(query: query, parts: parts, timestamp: timestamp, scope: scope)
    }

    /// Checks the signature of a prechecked request, now with its body.
    public func verify(_ checked: SigV4Prechecked, _ request: SigV4Request, sessionsNow: Date,
                       secret: (String) -> SigV4Secret?) throws(SigV4Error) -> SigV4Authentication {
        let (query, parts, timestamp, scope) = (checked.query, checked.parts, checked.timestamp, checked.scope)
        guard let secret = secret(String(scope.accessKeyId)) else { throw .unrecognizedClient }

        let signer = signingKeyCache.signer(
            secret: secret.secretAccessKey, date: scope.date, region: scope.region, service: scope.service)
        let payloads = try payloadHashes(request, isPresigned: parts.isPresigned)
        var matched = false
        for payloadHash in payloads {
            let canonical = SigV4CanonicalRequest.make(
                request, query: query, signedHeaders: parts.signedHeaders, payloadHash: payloadHash,
                excludingSignature: parts.isPresigned)
            let expected = Self.signature(canonical: canonical, timestamp: timestamp, scope: scope, signer: signer)
            matched = Self.constantTimeEquals(expected, parts.signature.utf8) || matched
        }
        guard matched else { throw .signatureDoesNotMatch }
        try checkSessionToken(parts.securityToken, of: secret, now: sessionsNow)

        return SigV4Authentication(
            accessKeyId: String(scope.accessKeyId), region: String(scope.region), service: String(scope.service),
            signedAt: timestamp.date, securityToken: parts.securityToken, isPresigned: parts.isPresigned)
    }

    /// Finds the signature in the Authorization header or the query string (not both).
    private func signedParts(_ request: SigV4Request, query: [SigV4QueryParameter]) throws(SigV4Error)
        -> SigV4SignedParts
    {
        let header = request.firstHeader("authorization").flatMap { SigV4ASCII.trimmed($0).isEmpty ? nil : $0 }
        let presigned = SigV4Presigned.isPresigned(query)
        switch (header, presigned) {
        case (nil, false): throw .missingAuthenticationToken
        case (_?, true): throw .signatureDoesNotMatch
        case (let header?, false): return try SigV4Authorization.parse(header, request: request)
        case (nil, true): return try SigV4Presigned.parse(query, request: request)
        }
    }

    /// Applies the clock-skew window, or a presigned URL's validity period.
    ///
    /// A presigned URL is valid from X-Amz-Date (less the skew) until X-Amz-Date + X-Amz-Expires;
    /// one without X-Amz-Expires, and every header-signed request, within the skew of `now`.
    private func checkTime(_ timestamp: SigV4Timestamp, expires: Int?, now: Date) throws(SigV4Error) {
        let signed = TimeInterval(timestamp.seconds)
        let current = now.timeIntervalSince1970
        let minutes = Int((maxClockSkew / 60).rounded())
        func format(_ seconds: TimeInterval) -> String {
            SigV4Timestamp.format(seconds: Int64(seconds.rounded(.down)))
        }
        if signed > current + maxClockSkew {
            throw .signatureNotYetCurrent(
                signed: timestamp.text, limit: format(current + maxClockSkew), now: format(current), minutes: minutes)
        }
        if let expires {
            if current > signed + TimeInterval(expires) { throw .requestExpired }
        } else if signed < current - maxClockSkew {
            throw .signatureExpired(
                signed: timestamp.text, limit: format(current - maxClockSkew), now: format(current), minutes: minutes)
        }
    }

    /// The payload hashes to try, in order; rejects a declared hash the body does not have.
    ///
    /// Like botocore, an `X-Amz-Content-SHA256` header's value is signed as it is.
    private func payloadHashes(_ request: SigV4Request, isPresigned: Bool) throws(SigV4Error) -> [String] {
        let bodyHash = SigV4URIEncoding.lowercaseHex(SHA256.hash(data: request.body))
        guard let declared = request.firstHeader("x-amz-content-sha256").map(SigV4ASCII.trimmed) else {
            return isPresigned && acceptsUnsignedPayload ? [bodyHash, "UNSIGNED-PAYLOAD"] : [bodyHash]
        }
        if declared == "UNSIGNED-PAYLOAD" {
            guard acceptsUnsignedPayload else { throw .signatureDoesNotMatch }
            return [String(declared)]
        }
        guard declared.utf8.count == 64, declared.utf8.allSatisfy({ SigV4URIEncoding.hexValue($0) != nil }) else {
            throw .signatureDoesNotMatch
        }
        guard declared.lowercased() == bodyHash else { throw .contentSHA256Mismatch }
        return [String(declared)]
    }

    /// HMAC-SHA256 of the string to sign, in lowercase hex.
    ///
    /// "StringToSign = Algorithm + \n + RequestDateTime + \n + CredentialScope + \n +
    /// HashedCanonicalRequest" (Create a string to sign, AWS SigV4 documentation)
    static func signature(canonical: [UInt8], timestamp: SigV4Timestamp, scope: SigV4CredentialScope, signer: HMAC<SHA256>)
        -> [UInt8]
    {
        var stringToSign: [UInt8] = []
        stringToSign.reserveCapacity(160)
        stringToSign.append(contentsOf: "AWS4-HMAC-SHA256\n".utf8)
        stringToSign.append(contentsOf: timestamp.text.utf8)
        stringToSign.append(0x0A)
        stringToSign.append(contentsOf: scope.scope.utf8)
        stringToSign.append(0x0A)
        SigV4URIEncoding.appendLowercaseHex(SHA256.hash(data: canonical), to: &stringToSign)
        var signature: [UInt8] = []
        signature.reserveCapacity(64)
        var mac = signer
        mac.update(data: stringToSign)
        SigV4URIEncoding.appendLowercaseHex(mac.finalize(), to: &signature)
        return signature
    }

    /// A session token must match its temporary credentials and be unexpired; a token sent with
    /// long-term credentials is as invalid as a wrong one.
    private func checkSessionToken(_ provided: String?, of secret: SigV4Secret, now: Date) throws(SigV4Error) {
        guard let session = secret.session else {
            if provided != nil { throw .unrecognizedClient }
            return
        }
        guard let provided, Self.constantTimeEquals(Array(session.token.utf8), provided.utf8) else {
            throw .unrecognizedClient
        }
        guard now < session.expiration else { throw .expiredToken }
    }

    /// Compares every byte whatever the differences, so timing reveals nothing but the length.
    static func constantTimeEquals(_ expected: [UInt8], _ provided: some Collection<UInt8>) -> Bool {
        ConstantTime.equal(expected, provided)
    }
}

/// A request whose signature passed every check that needs no body (``SigV4Verifier/precheck``).
public struct SigV4Prechecked: Sendable {
    let query: [SigV4QueryParameter]
    let parts: SigV4SignedParts
    let timestamp: SigV4Timestamp
    let scope: SigV4CredentialScope

    /// The service the credential scope names.
    public var service: String { String(scope.service) }
}
