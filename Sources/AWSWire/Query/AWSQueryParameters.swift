/// The parameters of an AWS query request, decoded from its `application/x-www-form-urlencoded` body.
///
/// "Requests SHALL use a POST request and a body that contains input parameters serialized with a
/// Content-Type of `application/x-www-form-urlencoded`. [...] `&` is used to separate member
/// key-value pairs. `=` is used to separate member keys from values." (Smithy, AWS query protocol)
///
/// The body is parsed as the WHATWG URL Standard's `application/x-www-form-urlencoded` parser
/// does (split on `&`, split each pair at its first `=`, `+` is a space, then percent-decode),
/// except that what that parser repairs is refused here: a `%` that starts no escape, bytes that
/// are not UTF-8, a pair without a name, and a name given twice. Parameter values never appear in
/// an error message; they may be passwords or secrets.
public struct AWSQueryParameters: Sendable, Equatable {
    /// Every parameter by its full name (`Tags.member.1.Key`), `Action` and `Version` included.
    public private(set) var values: [String: String]

    public init(_ values: [String: String]) {
        self.values = values
    }

    /// Parses a form-encoded request body.
    public init(formURLEncoded body: some Collection<UInt8>) throws(AWSRequestError) {
        var values: [String: String] = [:]
        for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            let rawName = pair[pair.startIndex..<(equals ?? pair.endIndex)]
            let rawValue = equals.map { pair[pair.index(after: $0)...] } ?? pair[pair.endIndex...]
            guard let name = Self.decode(rawName) else {
                throw .serialization("The request body is not valid application/x-www-form-urlencoded: a parameter name is malformed")
            }
            guard !name.isEmpty else {
                throw .serialization("The request body is not valid application/x-www-form-urlencoded: a parameter has no name")
            }
            guard let value = Self.decode(rawValue) else {
                throw .serialization("The request body is not valid application/x-www-form-urlencoded: the value of parameter '\(name)' is malformed")
            }
            guard values.updateValue(value, forKey: name) == nil else {
                throw .serialization("The request body gives parameter '\(name)' more than once")
            }
        }
        self.values = values
    }

    public subscript(name: String) -> String? { values[name] }

    /// The parameters with `name` set to `value` where the request did not set it.
    public func adding(_ name: String, _ value: String) -> AWSQueryParameters {
        var copy = self
        if copy.values[name] == nil { copy.values[name] = value }
        return copy
    }

    /// The operation name; nil when the request has none or an empty one (AWS answers `MissingAction`).
    public var action: String? { values["Action"].flatMap { $0.isEmpty ? nil : $0 } }

    /// The API version the caller speaks (`2010-05-08` for IAM); nil when absent or empty.
    public var version: String? { values["Version"].flatMap { $0.isEmpty ? nil : $0 } }

    /// `+` to space, then `%XX` to its byte; nil for a broken escape or bytes that are not UTF-8.
    private static func decode(_ raw: some Collection<UInt8>) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index != raw.endIndex {
            let byte = raw[index]
            raw.formIndex(after: &index)
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard index != raw.endIndex, let high = SigV4URIEncoding.hexValue(raw[index]) else { return nil }
                raw.formIndex(after: &index)
                guard index != raw.endIndex, let low = SigV4URIEncoding.hexValue(raw[index]) else { return nil }
                raw.formIndex(after: &index)
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
