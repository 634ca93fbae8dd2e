/// One query parameter, key and value in canonical (normalised, encoded) form.
struct SigV4QueryParameter: Sendable {
    var key: [UInt8]
    var value: [UInt8]

    /// The decoded value, for reading X-Amz-* parameters.
    var decodedValue: String { SigV4URIEncoding.decodeCanonical(value) }

    func hasKey(_ name: String) -> Bool { key.elementsEqual(name.utf8) }

    /// Splits a raw query string on `&` and `=`, canonicalising each key and value.
    ///
    /// Empty components (`a=1&&b=2`) are skipped; a component without `=` has an empty value.
    static func parse(_ query: String) -> [SigV4QueryParameter] {
        guard !query.isEmpty else { return [] }
        var parameters: [SigV4QueryParameter] = []
        for component in query[...].split(separator: "&", omittingEmptySubsequences: true) {
            let key: Substring
            let value: Substring
            if let equals = component.firstIndex(of: "=") {
                key = component[..<equals]
                value = component[component.index(after: equals)...]
            } else {
                key = component
                value = ""
            }
            parameters.append(
                SigV4QueryParameter(
                    key: SigV4URIEncoding.canonicalQueryComponent(key.utf8),
                    value: SigV4URIEncoding.canonicalQueryComponent(value.utf8)))
        }
        return parameters
    }
}

/// Builds the SigV4 canonical request, byte for byte as botocore's `SigV4Auth` does.
///
/// "CanonicalRequest = HTTPRequestMethod + '\n' + CanonicalURI + '\n' +
/// CanonicalQueryString + '\n' + CanonicalHeaders + '\n' + SignedHeaders + '\n' +
/// HexEncode(Hash(RequestPayload))" (Create a canonical request, AWS SigV4 documentation)
enum SigV4CanonicalRequest {
    /// The canonical request for `request`, signed over `signedHeaders` (as sent) and `payloadHash`.
    ///
    /// `excludingSignature` drops `X-Amz-Signature` from the query, as presigned URLs require.
    static func make(
        _ request: SigV4Request,
        query: [SigV4QueryParameter],
        signedHeaders: Substring,
        payloadHash: String,
        excludingSignature: Bool
    ) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(512 + request.path.utf8.count + request.query.utf8.count)
        for byte in request.method.utf8 {
            output.append((byte >= 0x61 && byte <= 0x7A) ? byte & ~0x20 : byte)
        }
        output.append(0x0A)
        SigV4URIEncoding.appendCanonicalPath(request.path, to: &output)
        output.append(0x0A)
        appendCanonicalQuery(query, excludingSignature: excludingSignature, to: &output)
        output.append(0x0A)
        for name in signedHeaders.utf8.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false) {
            appendCanonicalHeader(named: Substring(name), from: request.headers, to: &output)
        }
        output.append(0x0A)
        output.append(contentsOf: signedHeaders.utf8)
        output.append(0x0A)
        output.append(contentsOf: payloadHash.utf8)
        return output
    }

    /// Appends the canonical query string: parameters sorted by key, then value.
    ///
    /// "Sort the parameter names by character code point in ascending order.
    /// Parameters with duplicate names should be sorted by value."
    static func appendCanonicalQuery(
        _ query: [SigV4QueryParameter], excludingSignature: Bool, to output: inout [UInt8]
    ) {
        var parameters = query
        if excludingSignature { parameters.removeAll { $0.hasKey("X-Amz-Signature") } }
        parameters.sort { lhs, rhs in
            if lhs.key != rhs.key { return lhs.key.lexicographicallyPrecedes(rhs.key) }
            return lhs.value.lexicographicallyPrecedes(rhs.value)
        }
        for (position, parameter) in parameters.enumerated() {
            if position > 0 { output.append(UInt8(ascii: "&")) }
            output.append(contentsOf: parameter.key)
            output.append(UInt8(ascii: "="))
            output.append(contentsOf: parameter.value)
        }
    }

    /// Appends `name:value\n`, joining repeated headers' values with `,`.
    ///
    /// "Lowercase(HeaderName) + ':' + Trimall(HeaderValue) + '\n' ... The Trimall function
    /// removes excess white space before and after values, and converts sequential spaces
    /// to a single space." Like botocore, any whitespace Python's `str.split()` knows counts.
    static func appendCanonicalHeader(
        named name: Substring, from headers: [(name: String, value: String)], to output: inout [UInt8]
    ) {
        output.append(contentsOf: name.utf8)
        output.append(UInt8(ascii: ":"))
        var first = true
        for header in headers where SigV4ASCII.equalsIgnoringCase(header.name, name) {
            if !first { output.append(UInt8(ascii: ",")) }
            first = false
            appendTrimmedAll(header.value, to: &output)
        }
        output.append(0x0A)
    }

    static func appendTrimmedAll(_ value: String, to output: inout [UInt8]) {
        var pendingSpace = false
        var started = false
        for scalar in value.unicodeScalars {
            if isPythonWhitespace(scalar) {
                pendingSpace = started
                continue
            }
            if pendingSpace { output.append(UInt8(ascii: " ")) }
            pendingSpace = false
            started = true
            if scalar.isASCII {
                output.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                UTF8.encode(scalar) { output.append($0) }
            }
        }
    }

    /// The characters Python's `str.split()` splits on (botocore's `_header_value`).
    @inline(__always)
    static func isPythonWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A,
            0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            true
        default: false
        }
    }
}
