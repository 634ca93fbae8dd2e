/// A decoded CBOR data item, limited to the subset that COSE_Sign1 and Nitro payloads use.
///
/// RFC 8949 §3: "The initial byte of each encoded data item contains both information about the
/// major type (the high-order 3 bits ...) and additional information (the low-order 5 bits)."
/// Floating-point numbers and simple values other than `false`, `true` and `null` are not
/// representable: the reader rejects them.
indirect enum CBORValue: Sendable, Hashable {
    /// Major type 0: an unsigned integer `0...UInt64.max`.
    case unsigned(UInt64)
    /// Major type 1: the integer `-1 - n`.
    case negative(UInt64)
    /// Major type 2: a byte string.
    case bytes([UInt8])
    /// Major type 3: a UTF-8 text string.
    case text(String)
    /// Major type 4: an array of data items.
    case array([CBORValue])
    /// Major type 5: a map, kept in encoded order; the reader guarantees the keys are distinct.
    case map([CBORMapEntry])
    /// Major type 6: a tag number and its content.
    case tagged(UInt64, CBORValue)
    /// Major type 7, simple values 20 and 21.
    case bool(Bool)
    /// Major type 7, simple value 22.
    case null
}

/// One key/value pair of a CBOR map.
struct CBORMapEntry: Sendable, Hashable {
    var key: CBORValue
    var value: CBORValue
}

extension CBORValue {
    /// The value as a signed integer, if it is major type 0 or 1 and fits in `Int64`.
    var int64: Int64? {
        switch self {
        case .unsigned(let n): n <= UInt64(Int64.max) ? Int64(n) : nil
        case .negative(let n): n <= UInt64(Int64.max) ? -1 - Int64(n) : nil
        default: nil
        }
    }

    /// The value of the entry whose key equals `key`, if this is a map holding it.
    subscript(key: CBORValue) -> CBORValue? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }
}
