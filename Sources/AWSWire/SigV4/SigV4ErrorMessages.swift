/// The errors the verifier raises, worded as AWS's (Coral) auth layer words them.
///
/// Wording comes from responses AWS services returned (DynamoDB, STS, KMS, SQS);
/// where AWS's text was not found, S3's equivalent is used and noted.
extension SigV4Error {
    static let missingAuthenticationToken = SigV4Error(
        .missingAuthenticationToken, "Request is missing Authentication Token")

    static let signatureDoesNotMatch = SigV4Error(
        .invalidSignature,
        "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. "
            + "Consult the service documentation for details.")

    static let unrecognizedClient = SigV4Error(
        .unrecognizedClient, "The security token included in the request is invalid.")

    static let requestExpired = SigV4Error(.requestExpired, "Request has expired.")

    /// STS's and KMS's wording for temporary credentials past their expiration.
    static let expiredToken = SigV4Error(.expiredToken, "The security token included in the request is expired")

    static let hostNotSigned = SigV4Error(
        .invalidSignature, "'Host' must be a 'SignedHeader' in the AWS Authorization.")

    /// S3's wording (XAmzContentSHA256Mismatch); Coral's was not found.
    static let contentSHA256Mismatch = SigV4Error(
        .invalidSignature, "The provided 'x-amz-content-sha256' header does not match what was computed.")

    static func notAKeyValuePair(_ token: some StringProtocol, header: String) -> SigV4Error {
        SigV4Error(
            .incompleteSignature,
            "'\(token)' not a valid key=value pair (missing equal-sign) in Authorization header: '\(header)'.")
    }

    static func missingAuthorizationParts(_ parts: [String], header: String) -> SigV4Error {
        SigV4Error(.incompleteSignature, parts.joined(separator: " ") + " Authorization=" + header)
    }

    static func missingQueryParameters(_ names: [String]) -> SigV4Error {
        let parts = names.map { "AWS query-string parameters must include '\($0)'." }
        return SigV4Error(
            .incompleteSignature, (parts + ["Re-examine the query-string parameters."]).joined(separator: " "))
    }

    static func malformedDate(_ value: String) -> SigV4Error {
        SigV4Error(
            .incompleteSignature,
            "Date must be in ISO-8601 'basic format'. Got '\(value)'. See http://en.wikipedia.org/wiki/ISO_8601")
    }

    static func signatureExpired(signed: String, limit: String, now: String, minutes: Int) -> SigV4Error {
        SigV4Error(
            .signatureExpired,
            "Signature expired: \(signed) is now earlier than \(limit) (\(now) - \(minutes) min.)")
    }

    static func signatureNotYetCurrent(signed: String, limit: String, now: String, minutes: Int) -> SigV4Error {
        SigV4Error(
            .signatureExpired,
            "Signature not yet current: \(signed) is still later than \(limit) (\(now) + \(minutes) min.)")
    }

    static func unsupportedAlgorithm(_ algorithm: some StringProtocol) -> SigV4Error {
        SigV4Error(
            .incompleteSignature,
            "Unsupported AWS 'algorithm': '\(algorithm)' (only AWS4-HMAC-SHA256 for now). ")
    }

    static func malformedCredential(_ credential: some StringProtocol) -> SigV4Error {
        SigV4Error(
            .incompleteSignature,
            "Credential must have exactly 5 slash-delimited elements, "
                + "e.g. keyid/date/region/service/term, got '\(credential)'")
    }

    /// S3's wording (AuthorizationQueryParametersError); Coral's was not found.
    static func invalidExpires(_ problem: String) -> SigV4Error {
        SigV4Error(.incompleteSignature, problem)
    }
}
