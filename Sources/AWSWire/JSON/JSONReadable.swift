import Foundation

/// A value that can be built from an already-validated ``JSONValue``.
///
/// Generated shapes conform member by member; the request has passed ``ShapeValidator`` first,
/// so a mismatch here is a body the validator could not see (bad base64, say) and reads as a
/// `SerializationException`.
public protocol JSONReadable {
    init(json: JSONValue) throws(AWSRequestError)
}

extension JSONValue {
    /// The members of an object.
    public func fields() throws(AWSRequestError) -> [String: JSONValue] {
        guard case .object(let fields) = self else { throw .serialization("Expected an object") }
        return fields
    }
}

extension Dictionary where Key == String, Value == JSONValue {
    /// A required member; absent or null is a serialization error (the validator reports it first).
    public func required<T: JSONReadable>(_ name: String) throws(AWSRequestError) -> T {
        guard let value = self[name], value != .null else { throw .serialization("Missing member \(name)") }
        return try T(json: value)
    }

    /// An optional member; absent and null both read as nil.
    public func optional<T: JSONReadable>(_ name: String) throws(AWSRequestError) -> T? {
        guard let value = self[name], value != .null else { return nil }
        return try T(json: value)
    }
}

extension String: JSONReadable {
    public init(json: JSONValue) throws(AWSRequestError) {
        guard case .string(let value) = json else { throw .serialization("Expected a string") }
        self = value
    }
}

extension Bool: JSONReadable {
    public init(json: JSONValue) throws(AWSRequestError) {
        guard case .bool(let value) = json else { throw .serialization("Expected a boolean") }
        self = value
    }
}

extension Int: JSONReadable {
    public init(json: JSONValue) throws(AWSRequestError) {
        guard case .number(let value) = json, let exact = Int(exactly: value) else { throw .serialization("Expected an integer") }
        self = exact
    }
}

extension Int64: JSONReadable {
    public init(json: JSONValue) throws(AWSRequestError) {
        guard case .number(let value) = json, let exact = Int64(exactly: value) else { throw .serialization("Expected an integer") }
        self = exact
    }
}

extension Double: JSONReadable {
    public init(json: JSONValue) throws(AWSRequestError) {
        guard case .number(let value) = json else { throw .serialization("Expected a number") }
        self = value
    }
}

extension Date: JSONReadable {
    /// AWS JSON timestamps are epoch seconds.
    public init(json: JSONValue) throws(AWSRequestError) {
        guard case .number(let value) = json else { throw .serialization("Expected a timestamp") }
        self = Date(timeIntervalSince1970: value)
    }
}

extension Data: JSONReadable {
    /// AWS JSON blobs are base64.
    public init(json: JSONValue) throws(AWSRequestError) {
        guard case .string(let value) = json, let data = Data(base64Encoded: value) else {
            throw .serialization("Expected a base64-encoded blob")
        }
        self = data
    }
}

extension Array: JSONReadable where Element: JSONReadable {
    public init(json: JSONValue) throws(AWSRequestError) {
        guard case .array(let items) = json else { throw .serialization("Expected a list") }
        var out: [Element] = []
        out.reserveCapacity(items.count)
        for item in items { out.append(try Element(json: item)) }
        self = out
    }
}

extension Dictionary: JSONReadable where Key == String, Value: JSONReadable {
    public init(json: JSONValue) throws(AWSRequestError) {
        guard case .object(let fields) = json else { throw .serialization("Expected a map") }
        var out: [String: Value] = [:]
        out.reserveCapacity(fields.count)
        for (key, value) in fields { out[key] = try Value(json: value) }
        self = out
    }
}

extension JSONReadable where Self: RawRepresentable, RawValue == String {
    /// Wire enums read their raw value; the validator has already checked the value set.
    public init(json: JSONValue) throws(AWSRequestError) {
        guard case .string(let raw) = json, let value = Self(rawValue: raw) else {
            throw .serialization("Expected one of the values of \(Self.self)")
        }
        self = value
    }
}
