/// Percent-encoding as SigV4 canonicalisation needs it, on UTF-8 bytes.
///
/// "URI-encode each parameter name and value ... Do not URI-encode any of the
/// unreserved characters that RFC 3986 defines: A-Z, a-z, 0-9, hyphen ( - ),
/// underscore ( _ ), period ( . ), and tilde ( ~ ). Percent-encode all other
/// characters with %XY, where X and Y are hexadecimal characters (0-9 and
/// uppercase A-F)." (Create a canonical request, AWS SigV4 documentation)
enum SigV4URIEncoding {
    static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
    static let lowerHexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
            UInt8(ascii: "."), UInt8(ascii: "~"):
            true
        default: false
        }
    }

    @inline(__always)
    static func appendEscaped(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "%"))
        output.append(hexDigits[Int(byte >> 4)])
        output.append(hexDigits[Int(byte & 0x0F)])
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// Re-encodes one raw query key or value into its canonical form.
    ///
    /// Escapes are decoded and re-encoded (so `%7e` becomes `~` and `%2f` becomes `%2F`),
    /// `+` is a form-encoded space (`%20`), and anything else not unreserved is escaped.
    /// A `%` that starts no valid escape is itself escaped (`%25`).
    static func canonicalQueryComponent(_ raw: Substring.UTF8View) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index != raw.endIndex {
            let byte = raw[index]
            raw.formIndex(after: &index)
            if isUnreserved(byte) {
                output.append(byte)
            } else if byte == UInt8(ascii: "+") {
                output.append(contentsOf: [UInt8(ascii: "%"), UInt8(ascii: "2"), UInt8(ascii: "0")])
            } else if byte == UInt8(ascii: "%"), index != raw.endIndex,
                let high = hexValue(raw[index]),
                case let next = raw.index(after: index), next != raw.endIndex,
                let low = hexValue(raw[next])
            {
                let decoded = high << 4 | low
                if isUnreserved(decoded) { output.append(decoded) } else { appendEscaped(decoded, to: &output) }
                index = raw.index(after: next)
            } else {
                appendEscaped(byte, to: &output)
            }
        }
        return output
    }

    /// Decodes a canonical query component (only unreserved bytes and `%XY`) to text.
    static func decodeCanonical(_ encoded: [UInt8]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count)
        var index = 0
        while index < encoded.count {
            if encoded[index] == UInt8(ascii: "%"), index + 2 < encoded.count,
                let high = hexValue(encoded[index + 1]), let low = hexValue(encoded[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(encoded[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the canonical URI of a raw request path, as botocore builds it for non-S3 services.
    ///
    /// "Normalize URI paths according to RFC 3986. Remove redundant and relative path
    /// components. Each path segment must be URI-encoded twice" — the raw path is already
    /// encoded once, so dot segments and empty segments are removed from it and every byte
    /// but unreserved characters and `/` is escaped again (`%20` becomes `%2520`).
    static func appendCanonicalPath(_ path: String, to output: inout [UInt8]) {
        let bytes = path.utf8
        guard !bytes.isEmpty else {
            output.append(UInt8(ascii: "/"))
            return
        }
        var segments: [Substring.UTF8View] = []
        for segment in path[...].utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            if segment.elementsEqual(CollectionOfOne(UInt8(ascii: "."))) { continue }
            if segment.elementsEqual("..".utf8) {
                _ = segments.popLast()
            } else {
                segments.append(segment)
            }
        }
        if bytes.first == UInt8(ascii: "/") { output.append(UInt8(ascii: "/")) }
        for (position, segment) in segments.enumerated() {
            if position > 0 { output.append(UInt8(ascii: "/")) }
            for byte in segment {
                if isUnreserved(byte) { output.append(byte) } else { appendEscaped(byte, to: &output) }
            }
        }
        if bytes.last == UInt8(ascii: "/"), !segments.isEmpty { output.append(UInt8(ascii: "/")) }
    }

    /// Lowercase hex of `bytes`, as SigV4 writes hashes and signatures.
    static func lowercaseHex(_ bytes: some Sequence<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(64)
        appendLowercaseHex(bytes, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func appendLowercaseHex(_ bytes: some Sequence<UInt8>, to output: inout [UInt8]) {
        for byte in bytes {
            output.append(lowerHexDigits[Int(byte >> 4)])
            output.append(lowerHexDigits[Int(byte & 0x0F)])
        }
    }
}
