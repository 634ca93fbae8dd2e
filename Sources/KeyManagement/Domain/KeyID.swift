import AWSWire

/// The id of a KMS key: a lowercase UUID such as `1234abcd-12ab-34cd-56ef-1234567890ab`, or for a
/// multi-Region key `mrk-` and 32 lowercase hex digits.
///
/// The copies of a multi-Region key in different regions (its primary and its replicas) share
/// their id but are different keys — each has its own policy, state, aliases and grants — so a
/// multi-Region id also carries the region of its copy, and ids of copies in different regions
/// are not equal.
public struct KeyID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    /// The sixteen bytes of the id, as stored in the ciphertext envelope header.
    public let bytes: [UInt8]
    /// For a multi-Region key, the region of this copy; nil for a single-Region key.
    public let region: String?

    public var isMultiRegion: Bool { region != nil }

    /// Parses a single-Region key id; nil unless it is a UUID in 8-4-4-4-12 hex form.
    public init?(_ string: String) {
        let utf8 = Array(string.utf8)
        guard utf8.count == 36 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        var index = 0
        while index < 36 {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard utf8[index] == UInt8(ascii: "-") else { return nil }
                index += 1
                continue
            }
            guard let high = Self.hexValue(utf8[index]), let low = Self.hexValue(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        self.bytes = bytes
        self.rawValue = Self.format(uuidBytes: bytes)
        self.region = nil
    }

    /// Parses a multi-Region key id (`mrk-` and 32 lowercase hex digits) naming its copy in `region`.
    public init?(multiRegion string: String, region: String) {
        guard MultiRegionKeyID.isWellFormed(string), let bytes = Hex.bytes(String(string.dropFirst(4))) else { return nil }
        self.init(multiRegionBytes: bytes, region: region)
    }

    /// The key id whose UUID bytes are these, as read from an envelope header.
    public init(uuidBytes: some Collection<UInt8>) {
        precondition(uuidBytes.count == 16, "a key id is sixteen bytes")
        self.bytes = Array(uuidBytes)
        self.rawValue = Self.format(uuidBytes: self.bytes)
        self.region = nil
    }

    /// The multi-Region key id of these bytes, naming its copy in `region`.
    public init(multiRegionBytes: some Collection<UInt8>, region: String) {
        precondition(multiRegionBytes.count == 16, "a key id is sixteen bytes")
        self.bytes = Array(multiRegionBytes)
        self.rawValue = "mrk-" + Hex.lowercase(self.bytes)
        self.region = region
    }

    /// The same multi-Region key's copy in another region; a single-Region id is returned as is.
    public func inRegion(_ region: String) -> KeyID {
        isMultiRegion ? KeyID(multiRegionBytes: bytes, region: region) : self
    }

    /// The id rows are stored under: unique across regions (`<region>/mrk-…` for a multi-Region
    /// copy, the UUID otherwise, as before multi-Region keys existed).
    public var storageID: String {
        region.map { "\($0)/\(rawValue)" } ?? rawValue
    }

    /// Reads a ``storageID`` back.
    public init?(storageID: String) {
        if let slash = storageID.firstIndex(of: "/") {
            self.init(multiRegion: String(storageID[storageID.index(after: slash)...]),
                      region: String(storageID[..<slash]))
        } else {
            self.init(storageID)
        }
    }

    public var description: String { rawValue }

    static func format(uuidBytes bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// The id form of Multi-Region keys: `mrk-` and 32 lowercase hex digits.
enum MultiRegionKeyID {
    static func isWellFormed(_ id: String) -> Bool {
        let utf8 = id.utf8
        guard utf8.count == 36, id.hasPrefix("mrk-") else { return false }
        return utf8.dropFirst(4).allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}
