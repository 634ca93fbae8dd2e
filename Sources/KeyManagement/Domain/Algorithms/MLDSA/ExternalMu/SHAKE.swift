/// The SHAKE128 and SHAKE256 extendable-output functions (FIPS 202 §6.2).
///
/// All input is absorbed at creation, so the sponge can only be squeezed afterwards; squeezing in
/// several calls yields the same stream as one call (FIPS 204 §3.7 relies on this for `G` and `H`).
struct SHAKE: Sendable {
    /// SHAKE128: capacity 256 bits, rate 168 bytes (`G` in FIPS 204).
    static func shake128(absorbing parts: [UInt8]...) -> SHAKE {
        SHAKE(rate: 168, parts: parts)
    }

    /// SHAKE256: capacity 512 bits, rate 136 bytes (`H` in FIPS 204).
    static func shake256(absorbing parts: [UInt8]...) -> SHAKE {
        SHAKE(rate: 136, parts: parts)
    }

    /// Returns the first `count` bytes of SHAKE256 of the concatenation of `parts`.
    static func shake256(_ parts: [UInt8]..., outputCount count: Int) -> [UInt8] {
        var sponge = SHAKE(rate: 136, parts: parts)
        return sponge.squeeze(count: count)
    }

    private var state = [UInt64](repeating: 0, count: 25)
    private let rate: Int
    /// Byte position of the next output byte within the current block.
    private var position = 0

    private init(rate: Int, parts: [[UInt8]]) {
        self.rate = rate
        for part in parts {
            for byte in part {
                xorByte(byte, at: position)
                position += 1
                if position == rate {
                    KeccakF1600.permute(&state)
                    position = 0
                }
            }
        }
        // pad10*1 with the SHAKE domain bits 1111 (FIPS 202 §6.2 and §B.2).
        xorByte(0x1F, at: position)
        xorByte(0x80, at: rate - 1)
        KeccakF1600.permute(&state)
        position = 0
    }

    /// Returns the next `count` bytes of output.
    mutating func squeeze(count: Int) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(max(count, 0))
        for _ in 0..<max(count, 0) {
            output.append(nextByte())
        }
        return output
    }

    /// Returns the next byte of output.
    mutating func nextByte() -> UInt8 {
        if position == rate {
            KeccakF1600.permute(&state)
            position = 0
        }
        let byte = UInt8(truncatingIfNeeded: state[position / 8] >> UInt64(8 * (position % 8)))
        position += 1
        return byte
    }

    private mutating func xorByte(_ byte: UInt8, at offset: Int) {
        state[offset / 8] ^= UInt64(byte) << UInt64(8 * (offset % 8))
    }
}
