import Crypto
import Foundation

/// SHA-224 (FIPS 180-4 §6.3), for `HMAC_SHA_224`: swift-crypto has SHA-256, -384 and -512 only.
///
/// "The function is defined in the exact same manner as SHA-256 (Section 6.2), with the following
/// two exceptions" (FIPS 180-4 §6.3): its own initial hash value (§5.3.2), and a result truncated
/// to the leftmost 224 bits. Conforming to swift-crypto's `HashFunction` lets `HMAC<SHA224>` do the
/// HMAC, so this file holds only the SHA-256 compression function, written plainly.
public struct SHA224: HashFunction {
    public typealias Digest = SHA224Digest
    public static let blockByteCount = 64

    /// H(0) for SHA-224 (FIPS 180-4 §5.3.2): what distinguishes it from SHA-256.
    static let initialHashValue: [UInt32] = [
        0xc105_9ed8, 0x367c_d507, 0x3070_dd17, 0xf70e_5939, 0xffc0_0b31, 0x6858_1511, 0x64f9_8fa7, 0xbefa_4fa4,
    ]

    /// K(0)…K(63) of SHA-224 and SHA-256 (FIPS 180-4 §4.2.2): the first 32 bits of the fractional
    /// parts of the cube roots of the first 64 primes.
    static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    private var hashValue: [UInt32] = SHA224.initialHashValue
    /// Bytes of an unfinished block, fewer than 64.
    private var pending: [UInt8] = []
    private var messageByteCount: UInt64 = 0

    public init() {}

    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        messageByteCount &+= UInt64(bufferPointer.count)
        var rest = bufferPointer[...]
        if !pending.isEmpty {
            let taken = min(Self.blockByteCount - pending.count, rest.count)
            pending.append(contentsOf: rest.prefix(taken))
            rest = rest.dropFirst(taken)
            guard pending.count == Self.blockByteCount else { return }
            compress(pending[...])
            pending.removeAll(keepingCapacity: true)
        }
        while rest.count >= Self.blockByteCount {
            compress(rest.prefix(Self.blockByteCount))
            rest = rest.dropFirst(Self.blockByteCount)
        }
        pending.append(contentsOf: rest)
    }

    public func finalize() -> SHA224Digest {
        var last = self
        // §5.1.1: a 1 bit, zeros up to 56 bytes mod 64, then the message length in bits as a
        // 64-bit big-endian integer.
        let bitLength = messageByteCount &* 8
        var padding: [UInt8] = [0x80] + [UInt8](repeating: 0, count: (119 - pending.count) % 64)
        for shift in stride(from: 56, through: 0, by: -8) {
            padding.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        padding.withUnsafeBytes { last.update(bufferPointer: $0) }
        precondition(last.pending.isEmpty)
        // §6.3: the leftmost 224 bits, i.e. H0…H6.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(SHA224Digest.byteCount)
        for word in last.hashValue.prefix(7) {
            bytes += [UInt8(word >> 24), UInt8((word >> 16) & 0xFF), UInt8((word >> 8) & 0xFF), UInt8(word & 0xFF)]
        }
        return SHA224Digest(bytes: bytes)
    }

    /// One block of the SHA-256 hash computation (FIPS 180-4 §6.2.2).
    private mutating func compress<Block: RandomAccessCollection<UInt8>>(_ block: Block) where Block.Index == Int {
        var w = [UInt32](repeating: 0, count: 64)
        let start = block.startIndex
        for t in 0..<16 {
            let i = start + 4 * t
            w[t] = UInt32(block[i]) << 24 | UInt32(block[i + 1]) << 16 | UInt32(block[i + 2]) << 8 | UInt32(block[i + 3])
        }
        for t in 16..<64 {
            w[t] = Self.smallSigma1(w[t - 2]) &+ w[t - 7] &+ Self.smallSigma0(w[t - 15]) &+ w[t - 16]
        }
        var (a, b, c, d) = (hashValue[0], hashValue[1], hashValue[2], hashValue[3])
        var (e, f, g, h) = (hashValue[4], hashValue[5], hashValue[6], hashValue[7])
        for t in 0..<64 {
            let t1 = h &+ Self.bigSigma1(e) &+ Self.choose(e, f, g) &+ Self.roundConstants[t] &+ w[t]
            let t2 = Self.bigSigma0(a) &+ Self.majority(a, b, c)
            (h, g, f, e) = (g, f, e, d &+ t1)
            (d, c, b, a) = (c, b, a, t1 &+ t2)
        }
        for (index, word) in [a, b, c, d, e, f, g, h].enumerated() {
            hashValue[index] &+= word
        }
    }

    // The functions of FIPS 180-4 §4.1.2.
    private static func rotateRight(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 - n) }
    private static func choose(_ x: UInt32, _ y: UInt32, _ z: UInt32) -> UInt32 { (x & y) ^ (~x & z) }
    private static func majority(_ x: UInt32, _ y: UInt32, _ z: UInt32) -> UInt32 { (x & y) ^ (x & z) ^ (y & z) }
    private static func bigSigma0(_ x: UInt32) -> UInt32 { rotateRight(x, 2) ^ rotateRight(x, 13) ^ rotateRight(x, 22) }
    private static func bigSigma1(_ x: UInt32) -> UInt32 { rotateRight(x, 6) ^ rotateRight(x, 11) ^ rotateRight(x, 25) }
    private static func smallSigma0(_ x: UInt32) -> UInt32 { rotateRight(x, 7) ^ rotateRight(x, 18) ^ x >> 3 }
    private static func smallSigma1(_ x: UInt32) -> UInt32 { rotateRight(x, 17) ^ rotateRight(x, 19) ^ x >> 10 }
}

/// A SHA-224 digest: 28 bytes.
public struct SHA224Digest: Crypto.Digest {
    public static let byteCount = 28
    private let bytes: [UInt8]

    init(bytes: [UInt8]) {
        precondition(bytes.count == Self.byteCount)
        self.bytes = bytes
    }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(bytes)
    }
}
