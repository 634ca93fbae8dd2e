/// An IPv4 or IPv6 address range in CIDR notation, as the `IpAddress` operators read it.
///
/// "`IpAddress` – The specified IP address or range"; values use "the standard CIDR format (for
/// example, 203.0.113.0/24 or 2001:DB8:1234:5678::/64)". "If you specify an IP address without the
/// associated routing prefix, IAM uses the default prefix value of `/32`" (IAM JSON policy
/// elements: Condition operators); for IPv6 the default is `/128`. An IPv4 address never falls in
/// an IPv6 range or the other way round, IPv4-mapped forms included.
struct PolicyNetwork: Sendable, Equatable {
    var isIPv6: Bool
    var address: UInt128
    var prefixLength: Int

    /// Parses `203.0.113.0/24`, `203.0.113.7`, `2001:db8::/32`, `::ffff:192.0.2.1`, ….
    init?(cidr text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let (isIPv6, address) = Self.parseAddress(parts[0]) else { return nil }
        let width = isIPv6 ? 128 : 32
        var prefixLength = width
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].utf8.count <= 3, parts[1].allSatisfy(\.isASCII),
                let length = Int(parts[1]), (0...width).contains(length)
            else { return nil }
            prefixLength = length
        }
        self.isIPv6 = isIPv6
        self.address = address
        self.prefixLength = prefixLength
    }

    /// Whether `address` (a bare address, no prefix) lies in this range.
    func contains(_ other: PolicyNetwork) -> Bool {
        guard other.isIPv6 == isIPv6 else { return false }
        let width = isIPv6 ? 128 : 32
        if prefixLength == 0 { return true }
        let mask: UInt128 = ~UInt128(0) << UInt128(width - prefixLength)
        let widthMask: UInt128 = isIPv6 ? ~UInt128(0) : UInt128(UInt32.max)
        return (address & mask & widthMask) == (other.address & mask & widthMask)
    }

    // MARK: Parsing

    private static func parseAddress(_ text: Substring) -> (isIPv6: Bool, address: UInt128)? {
        if text.contains(":") {
            return parseIPv6(text).map { (true, $0) }
        }
        return parseIPv4(text).map { (false, UInt128($0)) }
    }

    private static func parseIPv4(_ text: Substring) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard !octet.isEmpty, octet.utf8.count <= 3,
                octet.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                let number = UInt32(octet), number <= 255
            else { return nil }
            value = value << 8 | number
        }
        return value
    }

    /// Eight groups of up to four hex digits, one `::` for a run of zero groups, and an optional
    /// dotted IPv4 tail standing for the last two groups.
    private static func parseIPv6(_ text: Substring) -> UInt128? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: Substring, allowIPv4Tail: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            let fields = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, field) in fields.enumerated() {
                if allowIPv4Tail, index == fields.count - 1, field.contains(".") {
                    guard let v4 = parseIPv4(field) else { return nil }
                    result += [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
                } else {
                    guard !field.isEmpty, field.utf8.count <= 4, field.allSatisfy(\.isHexDigit),
                        let group = UInt16(field, radix: 16)
                    else { return nil }
                    result.append(group)
                }
            }
            return result
        }
        let all: [UInt16]
        if halves.count == 2 {
            guard let head = groups(halves[0], allowIPv4Tail: false),
                let tail = groups(halves[1], allowIPv4Tail: true), head.count + tail.count <= 7
            else { return nil }
            all = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard let only = groups(halves[0], allowIPv4Tail: true), only.count == 8 else { return nil }
            all = only
        }
        return all.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
    }
}

extension Substring {
    /// Splits on a multi-character separator, keeping empty pieces.
    fileprivate func components(separatedBy separator: String) -> [Substring] {
        var pieces: [Substring] = []
        var rest = self[...]
        while let range = rest.firstRange(of: separator) {
            pieces.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        pieces.append(rest)
        return pieces
    }
}
