/// An IPv4 or IPv6 address as the `cidr` operator reads one: "You can use the `cidr` operator to
/// check whether an incoming message originates from a specific IP address or subnet"
/// (Amazon SNS Developer Guide, String value matching, IP address matching).
///
/// Only text shaped like an address is read at all: four dot-separated decimal numbers, or hex
/// digits and colons with at least one colon (the rule compiler's `IPv4_REGEX` and `IPv6_REGEX`);
/// anything else is "nonstandard". An IPv4-mapped IPv6 address reads as IPv4, as Java's
/// `InetAddress` reads it.
struct IPAddress: Sendable, Hashable {
    /// Four bytes for IPv4, sixteen for IPv6.
    var bytes: [UInt8]

    enum Reading: Sendable, Equatable {
        case address(IPAddress)
        /// Not shaped like an address.
        case nonstandard
        /// Shaped like one, but not one (`300.1.1.1`, `1:::2`).
        case invalid
    }

    static func read(_ text: String) -> Reading {
        let units = Array(text.utf8)
        if let parts = dottedDecimal(units) {
            guard let bytes = ipv4Bytes(parts) else { return .invalid }
            return .address(IPAddress(bytes: bytes))
        }
        guard units.contains(UInt8(ascii: ":")), units.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") }) else {
            return .nonstandard
        }
        guard let bytes = ipv6Bytes(units) else { return .invalid }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return .address(IPAddress(bytes: Array(bytes[12...])))
        }
        return .address(IPAddress(bytes: bytes))
    }

    /// The address in `text`, if it is one.
    init?(_ text: String) {
        guard case .address(let address) = Self.read(text) else { return nil }
        self = address
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private static func dottedDecimal(_ units: [UInt8]) -> [ArraySlice<UInt8>]? {
        let parts = units.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4,
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } })
        else { return nil }
        return parts
    }

    /// Each part a decimal number up to 255; a leading zero is refused as Java refuses an
    /// ambiguous (octal-looking) literal.
    private static func ipv4Bytes(_ parts: [ArraySlice<UInt8>]) -> [UInt8]? {
        var bytes: [UInt8] = []
        for part in parts {
            guard part.count <= 3, part.count == 1 || part.first != UInt8(ascii: "0"),
                  let value = UInt8(String(decoding: part, as: UTF8.self)) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    /// Eight groups of one to four hex digits, or fewer around a single `::`.
    private static func ipv6Bytes(_ units: [UInt8]) -> [UInt8]? {
        let colon = UInt8(ascii: ":")
        var compression: Int?
        for position in units.indices.dropLast() where units[position] == colon && units[position + 1] == colon {
            guard compression == nil else { return nil }
            compression = position
        }
        func groups(_ half: ArraySlice<UInt8>) -> [UInt16]? {
            if half.isEmpty { return [] }
            var values: [UInt16] = []
            for group in half.split(separator: colon, omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count),
                      let value = UInt16(String(decoding: group, as: UTF8.self), radix: 16) else { return nil }
                values.append(value)
            }
            return values
        }
        var all: [UInt16]
        if let compression {
            guard let head = groups(units[..<compression]), let tail = groups(units[(compression + 2)...]),
                  head.count + tail.count <= 7 else { return nil }
            all = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard let groups = groups(units[...]) else { return nil }
            all = groups
        }
        guard all.count == 8 else { return nil }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    private static func isHexDigit(_ unit: UInt8) -> Bool {
        switch unit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
             UInt8(ascii: "A")...UInt8(ascii: "F"): true
        default: false
        }
    }
}

/// The addresses a `cidr` condition accepts: from the address as written up to the same address
/// with every host bit set (the rule compiler does not clear host bits: `10.0.0.5/24` covers
/// `10.0.0.5` to `10.0.0.255`).
struct IPRange: Sendable, Equatable {
    var bottom: [UInt8]
    var top: [UInt8]

    /// The single address a plain string value names: the rule compiler turns a policy string that
    /// is an address into this range, so `"10.0.0.1"` also matches `10.0.0.1` written otherwise.
    init(_ address: IPAddress) {
        bottom = address.bytes
        top = address.bytes
    }

    /// Reads `address/bits` as the rule compiler does, refusing with its words.
    init(cidr text: String) throws(CIDRError) {
        let parts = Self.javaSplit(text)
        guard parts.count == 2 else { throw CIDRError("Malformed CIDR, one '/' required") }
        guard let bits = Self.javaParseInt(parts[1]) else {
            throw CIDRError("Malformed CIDR, mask bits must be an integer")
        }
        guard bits >= 0 else { throw CIDRError("Malformed CIDR, mask bits must not be negative") }
        let address: IPAddress
        switch IPAddress.read(parts[0]) {
        case .address(let read): address = read
        case .nonstandard: throw CIDRError("Nonstandard IP address: \(parts[0])")
        case .invalid: throw CIDRError("Invalid IP address: \(parts[0])")
        }
        let width = address.bytes.count * 8
        guard bits < width else {
            throw CIDRError("IPv\(width == 32 ? 4 : 6) mask bits must be < \(width)")
        }
        var top = address.bytes
        var hostBits = width - Int(bits)
        for position in top.indices.reversed() where hostBits > 0 {
            top[position] |= hostBits >= 8 ? 0xFF : UInt8((1 << hostBits) - 1)
            hostBits -= 8
        }
        bottom = address.bytes
        self.top = top
    }

    func contains(_ address: IPAddress) -> Bool {
        address.bytes.count == bottom.count
            && !address.bytes.lexicographicallyPrecedes(bottom)
            && !top.lexicographicallyPrecedes(address.bytes)
    }

    /// Java's `String.split("/")`: trailing empty pieces are dropped.
    private static func javaSplit(_ text: String) -> [String] {
        var pieces = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        while pieces.count > 1, pieces.last == "" { pieces.removeLast() }
        if pieces == [""] && text.contains("/") { return [] }
        return pieces
    }

    /// Java's `Integer.parseInt`: an optional sign and decimal digits within 32 bits.
    private static func javaParseInt(_ text: String) -> Int32? {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int32(negative ? "-" + digits : digits)
    }
}

/// A CIDR refusal; the rule compiler raises it outside its JSON reading, so it carries no location.
struct CIDRError: Error, Sendable, Equatable {
    var reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
