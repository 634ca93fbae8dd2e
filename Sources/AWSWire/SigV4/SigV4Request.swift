import Foundation

/// An HTTP request exactly as it reached the server, the input to SigV4 verification.
///
/// Nothing here is normalised: the verifier canonicalises the raw parts the way
/// the signer did ("Create a canonical request", AWS SigV4 documentation).
public struct SigV4Request: Sendable {
    /// The HTTP method, e.g. `"POST"`.
    public var method: String
    /// The raw request path as received (still percent-encoded), e.g. `"/"`.
    public var path: String
    /// The raw query string as received, without the `?` (`""` if none).
    public var query: String
    /// The headers as received: in order, any case, duplicates possible.
    public var headers: [(name: String, value: String)]
    /// The request body.
    public var body: [UInt8]

    public init(
        method: String,
        path: String,
        query: String,
        headers: [(name: String, value: String)],
        body: [UInt8]
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}

/// The secret half of an access key, as returned by the caller's key lookup.
public struct SigV4Secret: Sendable {
    public var secretAccessKey: String
    /// For temporary credentials: the session token requests must carry, and when it expires.
    public var session: (token: String, expiration: Date)?

    public init(secretAccessKey: String, session: (token: String, expiration: Date)? = nil) {
        self.secretAccessKey = secretAccessKey
        self.session = session
    }
}

/// Who signed a request, and for which scope: the result of a successful verification.
public struct SigV4Authentication: Sendable, Equatable {
    /// The access key id from the credential scope.
    public var accessKeyId: String
    /// The region from the credential scope, e.g. `"us-east-1"`.
    public var region: String
    /// The service from the credential scope, e.g. `"kms"`.
    public var service: String
    /// The signing time (`X-Amz-Date`, or the `Date` header when that is absent).
    public var signedAt: Date
    /// The `X-Amz-Security-Token` header or query parameter, if any; the caller validates it.
    public var securityToken: String?
    /// Whether the signature came in the query string (a presigned URL).
    public var isPresigned: Bool

    public init(
        accessKeyId: String,
        region: String,
        service: String,
        signedAt: Date,
        securityToken: String?,
        isPresigned: Bool
    ) {
        self.accessKeyId = accessKeyId
        self.region = region
        self.service = service
        self.signedAt = signedAt
        self.securityToken = securityToken
        self.isPresigned = isPresigned
    }
}

extension SigV4Request {
    /// The first value of a header, matching `lowercasedName` without regard to case.
    func firstHeader(_ lowercasedName: String) -> String? {
        for header in headers where SigV4ASCII.equalsIgnoringCase(header.name, lowercasedName) {
            return header.value
        }
        return nil
    }
}

/// ASCII helpers that work on UTF-8 bytes without allocating.
enum SigV4ASCII {
    /// Whether `text` equals `lowercased` when ASCII letters in `text` are lowercased.
    static func equalsIgnoringCase(_ text: some StringProtocol, _ lowercased: some StringProtocol) -> Bool {
        var lhs = text.utf8.makeIterator()
        var rhs = lowercased.utf8.makeIterator()
        while true {
            switch (lhs.next(), rhs.next()) {
            case (nil, nil): return true
            case let (l?, r?) where lower(l) == r: continue
            default: return false
            }
        }
    }

    /// `text` without leading and trailing spaces, tabs and line breaks.
    static func trimmed(_ text: String) -> Substring {
        trimmed(Substring(text))
    }

    static func trimmed(_ text: Substring) -> Substring {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        guard let start = text.utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = text.utf8.lastIndex(where: { !isSpace($0) })!
        return text[start...end]
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }
}
