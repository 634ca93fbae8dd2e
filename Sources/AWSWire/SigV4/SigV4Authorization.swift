/// The parts of a SigV4 signature, from the Authorization header or a presigned query.
struct SigV4SignedParts: Sendable {
    var algorithm: Substring
    var credential: Substring
    var signedHeaders: Substring
    var signature: Substring
    /// The X-Amz-Date (or Date) value the string to sign carries.
    var timestamp: String
    var securityToken: String?
    /// Presigned only: X-Amz-Expires in seconds, if sent.
    var expires: Int?
    var isPresigned: Bool
}

/// Parses the Authorization header form of SigV4.
///
/// "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request,
/// SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79..." (Add the signature
/// to the HTTP request, AWS SigV4 documentation). Parameters are separated by commas and
/// white space; a repeated parameter's last value wins; errors follow AWS's order and wording.
enum SigV4Authorization {
    static func parse(_ header: String, request: SigV4Request) throws(SigV4Error) -> SigV4SignedParts {
        // Byte-wise: this runs on every request, and Character iteration (grapheme breaking) is slow.
        let value = SigV4ASCII.trimmed(header)
        let isSeparator: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        let algorithmEnd = value.utf8.firstIndex(where: isSeparator) ?? value.endIndex
        let algorithm = value[..<algorithmEnd]
        let tokens = value.utf8[algorithmEnd...].split(whereSeparator: { $0 == UInt8(ascii: ",") || isSeparator($0) })

        var credential: Substring?
        var signedHeaders: Substring?
        var signature: Substring?
        // A value with no '=' at all (e.g. "Bearer <token>") carries no parameters.
        if tokens.contains(where: { $0.contains(UInt8(ascii: "=")) }) {
            for token in tokens {
                guard let equals = token.firstIndex(of: UInt8(ascii: "=")) else {
                    throw .notAKeyValuePair(Substring(token), header: header)
                }
                let name = token[..<equals]
                let parameterValue = Substring(token[token.index(after: equals)...])
                if name.elementsEqual("Credential".utf8) {
                    credential = parameterValue
                } else if name.elementsEqual("SignedHeaders".utf8) {
                    signedHeaders = parameterValue
                } else if name.elementsEqual("Signature".utf8) {
                    signature = parameterValue
                }
            }
        }

        let timestamp = request.firstHeader("x-amz-date") ?? request.firstHeader("date")
        var missing: [String] = []
        if credential == nil { missing.append("Authorization header requires 'Credential' parameter.") }
        if signature == nil { missing.append("Authorization header requires 'Signature' parameter.") }
        if signedHeaders == nil { missing.append("Authorization header requires 'SignedHeaders' parameter.") }
        if timestamp == nil {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
        }
        guard let credential, let signedHeaders, let signature, let timestamp else {
            throw .missingAuthorizationParts(missing, header: header)
        }
        return SigV4SignedParts(
            algorithm: algorithm, credential: credential, signedHeaders: signedHeaders,
            signature: signature, timestamp: String(SigV4ASCII.trimmed(timestamp)),
            securityToken: request.firstHeader("x-amz-security-token"),
            expires: nil, isPresigned: false)
    }
}

/// The credential scope: `AKID/yyyyMMdd/region/service/aws4_request`.
///
/// "Credential scope: This value is a string that includes the date, the Region you are
/// targeting, the service you are requesting, and a termination string ("aws4_request")
/// in lowercase characters." (Elements of an AWS API request signature)
struct SigV4CredentialScope: Sendable {
    var accessKeyId: Substring
    var date: Substring
    var region: Substring
    var service: Substring
    var terminator: Substring

    /// Splits on `/`; like AWS, trailing empty elements are ignored before counting five.
    init(parsing credential: Substring) throws(SigV4Error) {
        var parts = credential.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map(Substring.init)
        while parts.last?.isEmpty == true { parts.removeLast() }
        guard parts.count == 5 else { throw .malformedCredential(credential) }
        (accessKeyId, date, region, service, terminator) = (parts[0], parts[1], parts[2], parts[3], parts[4])
    }

    /// `date/region/service/terminator`, as the string to sign carries it.
    var scope: String { "\(date)/\(region)/\(service)/\(terminator)" }

    /// Checks the scope against the request date and the verifier's expectations.
    ///
    /// AWS reports every mismatch at once, each sentence as its auth layer words it.
    func validate(timestamp: SigV4Timestamp, service expectedService: String?, regions: Set<String>?)
        throws(SigV4Error)
    {
        var message = ""
        if let regions, !regions.contains(String(region)) {
            message += "Credential should be scoped to a valid region, not '\(region)'. "
        }
        if let expectedService, service != expectedService {
            message += "Credential should be scoped to correct service: '\(expectedService)'. "
        }
        if terminator != "aws4_request" {
            message += "Credential should be scoped with a valid terminator: 'aws4_request', not '\(terminator)'. "
        }
        if date != timestamp.day {
            message += "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                + "'\(date)' != '\(timestamp.day)', from '\(timestamp.text)'."
        }
        if !message.isEmpty { throw SigV4Error(.invalidSignature, message) }
    }
}
