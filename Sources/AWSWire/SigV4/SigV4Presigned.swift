/// Parses the presigned (query string) form of SigV4.
///
/// The signature travels as X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires,
/// X-Amz-SignedHeaders, X-Amz-Signature and, with temporary credentials, X-Amz-Security-Token.
/// "The Canonical Query String must include all the query parameters from the preceding
/// table except for X-Amz-Signature." (Authenticating Requests: Using Query Parameters)
enum SigV4Presigned {
    /// The longest validity AWS allows: seven days.
    static let maximumExpires = 604_800

    /// Whether the query carries a presigned signature.
    static func isPresigned(_ query: [SigV4QueryParameter]) -> Bool {
        query.contains { $0.hasKey("X-Amz-Algorithm") }
    }

    static func parse(_ query: [SigV4QueryParameter], request: SigV4Request) throws(SigV4Error) -> SigV4SignedParts {
        func first(_ name: String) -> String? {
            query.first(where: { $0.hasKey(name) })?.decodedValue
        }
        // AWS answers an algorithm it does not know as if no signature were present.
        guard first("X-Amz-Algorithm") == "AWS4-HMAC-SHA256" else { throw .missingAuthenticationToken }

        let credential = first("X-Amz-Credential")
        let signature = first("X-Amz-Signature")
        let signedHeaders = first("X-Amz-SignedHeaders")
        let date = first("X-Amz-Date")
        var missing: [String] = []
        if credential == nil { missing.append("X-Amz-Credential") }
        if signature == nil { missing.append("X-Amz-Signature") }
        if signedHeaders == nil { missing.append("X-Amz-SignedHeaders") }
        if date == nil { missing.append("X-Amz-Date") }
        guard let credential, let signature, let signedHeaders, let date else {
            throw .missingQueryParameters(missing)
        }
        return SigV4SignedParts(
            algorithm: "AWS4-HMAC-SHA256", credential: credential[...], signedHeaders: signedHeaders[...],
            signature: signature[...], timestamp: date,
            securityToken: first("X-Amz-Security-Token") ?? request.firstHeader("x-amz-security-token"),
            expires: try first("X-Amz-Expires").map(parseExpires), isPresigned: true)
    }

    /// Reads X-Amz-Expires: whole seconds, at most a week (S3's wording for the errors).
    static func parseExpires(_ text: String) throws(SigV4Error) -> Int {
        guard let seconds = Int(text) else { throw .invalidExpires("X-Amz-Expires should be a number") }
        guard seconds >= 0 else { throw .invalidExpires("X-Amz-Expires must be non-negative") }
        guard seconds <= maximumExpires else {
            throw .invalidExpires("X-Amz-Expires must be less than a week (in seconds) that is 604800")
        }
        return seconds
    }
}
