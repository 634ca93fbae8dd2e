/// Fixed-width little-endian bit packing of 256 coefficients (FIPS 204 §7.1, Algorithms 16–19).
enum MLDSABitPacking {
    /// Packs 256 values of `bitWidth` bits each, least significant bit first (Algorithm 16 `SimpleBitPack`).
    ///
    /// - Important: every value must lie in [0, 2^bitWidth); higher bits are silently dropped.
    static func pack(_ values: [Int], bitWidth: Int) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(values.count * bitWidth / 8)
        var accumulator: UInt64 = 0
        var pending = 0
        for value in values {
            accumulator |= (UInt64(truncatingIfNeeded: value) & mask(bitWidth)) << UInt64(pending)
            pending += bitWidth
            while pending >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                pending -= 8
            }
        }
        return bytes
    }

    /// Reads 256 values of `bitWidth` bits each from `32·bitWidth` bytes (Algorithm 18 `SimpleBitUnpack`).
    ///
    /// Returns nil if `bytes` has any other length. Every bit pattern decodes, so no value is rejected here.
    static func unpack(_ bytes: [UInt8], bitWidth: Int) -> [Int]? {
        guard bitWidth > 0, bitWidth <= 32, bytes.count == 32 * bitWidth else { return nil }
        var values = [Int]()
        values.reserveCapacity(MLDSAField.n)
        var accumulator: UInt64 = 0
        var available = 0
        for byte in bytes {
            accumulator |= UInt64(byte) << UInt64(available)
            available += 8
            while available >= bitWidth {
                values.append(Int(accumulator & mask(bitWidth)))
                accumulator >>= UInt64(bitWidth)
                available -= bitWidth
            }
        }
        return values
    }

    /// Reads 256 coefficients encoded as `b − w` in `bitlen(a + b)` bits each (Algorithm 19 `BitUnpack`).
    ///
    /// The results lie in [b − 2^bitWidth + 1, b]; callers must still apply their own norm bound.
    static func unpackCentered(_ bytes: [UInt8], bitWidth: Int, upperBound b: Int) -> [Int]? {
        unpack(bytes, bitWidth: bitWidth)?.map { b - $0 }
    }

    private static func mask(_ bitWidth: Int) -> UInt64 {
        (1 << UInt64(bitWidth)) - 1
    }
}
