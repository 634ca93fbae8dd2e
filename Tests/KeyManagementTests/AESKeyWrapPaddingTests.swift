import Crypto
import ArcaTestSupport
import Testing
import _CryptoExtras
@testable import KeyManagement

/// RFC 5649 AES Key Wrap with Padding, the symmetric half of the RSA_AES_KEY_WRAP_* import algorithms.
@Suite struct AESKeyWrapPaddingTests {
    static let random = SeededRandom(seed: "aes-kwp-tests")

    // RFC 5649 §6 test vectors (192-bit KEK).
    static let rfcKEK = SymmetricKey(data: [UInt8](hex: "5840df6e29b02af1 ab493b705bf16ea1 ae8338f4dcc176a8"))
    static let rfc20Plain = [UInt8](hex: "c37b7e6492584340 bed1220780894115 5068f738")
    static let rfc20Wrapped = [UInt8](hex: "138bdeaa9b8fa7fc 61f97742e72248ee 5ae6ae5360d1ae6a 5f54f373fa543b6a")
    static let rfc7Plain = [UInt8](hex: "466f7250617369")
    static let rfc7Wrapped = [UInt8](hex: "afbeb0f07dfbf541 9200f2ccb50bb24f")

    @Test func rfc5649Vector20Bytes() throws {
        #expect(try AESKeyWrapPadding.wrap(Self.rfc20Plain, kek: Self.rfcKEK) == Self.rfc20Wrapped)
        #expect(try AESKeyWrapPadding.unwrap(Self.rfc20Wrapped, kek: Self.rfcKEK) == Self.rfc20Plain)
    }

    @Test func rfc5649Vector7BytesSingleBlock() throws {
        #expect(try AESKeyWrapPadding.wrap(Self.rfc7Plain, kek: Self.rfcKEK) == Self.rfc7Wrapped)
        #expect(try AESKeyWrapPadding.unwrap(Self.rfc7Wrapped, kek: Self.rfcKEK) == Self.rfc7Plain)
    }

    @Test(arguments: [16, 24, 32, 48], [SymmetricKeySize.bits128, .bits256])
    func roundTrip(length: Int, kekSize: SymmetricKeySize) throws {
        let kek = SymmetricKey(data: Self.random.bytes(kekSize.bitCount / 8))
        let plain = Self.random.bytes(length)
        let wrapped = try AESKeyWrapPadding.wrap(plain, kek: kek)
        #expect(wrapped.count == length + 8)
        #expect(try AESKeyWrapPadding.unwrap(wrapped, kek: kek) == plain)
    }

    /// Every padding length (0...7) and both the single-block and multi-block paths.
    @Test func roundTripAllPaddingLengths() throws {
        let kek = SymmetricKey(data: Self.random.bytes(24))
        for length in 1...41 {
            let plain = Self.random.bytes(length)
            let wrapped = try AESKeyWrapPadding.wrap(plain, kek: kek)
            #expect(wrapped.count == 8 * ((length + 7) / 8 + 1))
            #expect(try AESKeyWrapPadding.unwrap(wrapped, kek: kek) == plain)
        }
    }

    @Test(arguments: [AESKeyWrapPaddingTests.rfc7Wrapped, AESKeyWrapPaddingTests.rfc20Wrapped])
    func tamperingAnyByteThrows(wrapped: [UInt8]) {
        for index in wrapped.indices {
            for mask: UInt8 in [0x01, 0x80] {
                var tampered = wrapped
                tampered[index] ^= mask
                #expect(throws: ImportUnwrapError.invalidWrapping) {
                    try AESKeyWrapPadding.unwrap(tampered, kek: Self.rfcKEK)
                }
            }
        }
    }

    @Test func tamperingRandomWrapThrows() throws {
        let kek = SymmetricKey(data: Self.random.bytes(32))
        let wrapped = try AESKeyWrapPadding.wrap(Self.random.bytes(32), kek: kek)
        for index in wrapped.indices {
            var tampered = wrapped
            tampered[index] ^= 0x40
            #expect(throws: ImportUnwrapError.invalidWrapping) { try AESKeyWrapPadding.unwrap(tampered, kek: kek) }
        }
    }

    @Test func wrongKEKThrows() {
        for kek in [SymmetricKey(data: Self.random.bytes(24)), SymmetricKey(data: Self.random.bytes(32))] {
            #expect(throws: ImportUnwrapError.invalidWrapping) { try AESKeyWrapPadding.unwrap(Self.rfc20Wrapped, kek: kek) }
            #expect(throws: ImportUnwrapError.invalidWrapping) { try AESKeyWrapPadding.unwrap(Self.rfc7Wrapped, kek: kek) }
        }
    }

    @Test(arguments: [0, 1, 8, 15, 17, 23, 31, 33])
    func malformedLengthThrows(length: Int) {
        #expect(throws: ImportUnwrapError.invalidWrapping) {
            try AESKeyWrapPadding.unwrap(Self.random.bytes(length), kek: SymmetricKey(data: Self.random.bytes(32)))
        }
    }

    @Test func invalidKEKSizeThrows() {
        let badKEK = SymmetricKey(data: [UInt8](repeating: 7, count: 20))
        #expect(throws: ImportUnwrapError.invalidWrapping) { try AESKeyWrapPadding.unwrap(Self.rfc20Wrapped, kek: badKEK) }
        #expect(throws: ImportUnwrapError.invalidWrapping) { try AESKeyWrapPadding.wrap([1, 2, 3], kek: badKEK) }
    }

    @Test func emptyPlaintextCannotBeWrapped() {
        #expect(throws: ImportUnwrapError.invalidWrapping) { try AESKeyWrapPadding.wrap([], kek: SymmetricKey(data: Self.random.bytes(32))) }
    }

    // MARK: - Integrity checks of RFC 5649 §3, exercised with hand-built AIVs

    static func aiv(constant: [UInt8] = AESKeyWrapPadding.aivConstant, mli: UInt32) -> [UInt8] {
        constant + [UInt8(mli >> 24), UInt8(mli >> 16 & 0xFF), UInt8(mli >> 8 & 0xFF), UInt8(mli & 0xFF)]
    }

    /// Single-block path: AES-ECB of AIV || P.
    static func singleBlock(_ aiv: [UInt8], _ p: [UInt8], kek: SymmetricKey) throws -> [UInt8] {
        var block = aiv + p
        try AES.permute(&block, key: kek)
        return block
    }

    @Test func singleBlockAIVChecks() throws {
        let kek = SymmetricKey(data: Self.random.bytes(32))
        let p: [UInt8] = [1, 2, 3, 0, 0, 0, 0, 0]
        // Sanity: a correctly built block unwraps.
        #expect(try AESKeyWrapPadding.unwrap(Self.singleBlock(Self.aiv(mli: 3), p, kek: kek), kek: kek) == [1, 2, 3])
        for bad in [
            try Self.singleBlock(Self.aiv(mli: 0), p, kek: kek),  // MLI below range
            try Self.singleBlock(Self.aiv(mli: 0), [UInt8](repeating: 0, count: 8), kek: kek),  // MLI 0, all-zero "padding"
            try Self.singleBlock(Self.aiv(mli: 9), p, kek: kek),  // MLI above range
            try Self.singleBlock(Self.aiv(mli: 2), p, kek: kek),  // non-zero padding byte
            try Self.singleBlock(Self.aiv(constant: [0xA6, 0xA6, 0xA6, 0xA6], mli: 3), p, kek: kek),  // wrong constant
        ] {
            #expect(throws: ImportUnwrapError.invalidWrapping) { try AESKeyWrapPadding.unwrap(bad, kek: kek) }
        }
    }

    @Test func multiBlockAIVChecks() throws {
        let kek = SymmetricKey(data: Self.random.bytes(16))
        let p: [UInt8] = [UInt8](1...12) + [0, 0, 0, 0]
        let good = try AESKeyWrapPadding.rfc3394Wrap(iv: Self.aiv(mli: 12), plaintext: p, kek: kek)
        #expect(try AESKeyWrapPadding.unwrap(good, kek: kek) == [UInt8](1...12))
        for bad in [
            try AESKeyWrapPadding.rfc3394Wrap(iv: Self.aiv(mli: 8), plaintext: p, kek: kek),  // 8*(n-1) < MLI violated
            // Lower bound is the only violated check: a whole zero block of "padding" (non-canonical encoding).
            try AESKeyWrapPadding.rfc3394Wrap(
                iv: Self.aiv(mli: 8), plaintext: [UInt8](1...8) + [UInt8](repeating: 0, count: 8), kek: kek),
            try AESKeyWrapPadding.rfc3394Wrap(iv: Self.aiv(mli: 17), plaintext: p, kek: kek),  // MLI > 8*n
            try AESKeyWrapPadding.rfc3394Wrap(iv: Self.aiv(mli: 11), plaintext: p, kek: kek),  // byte 12 is padding but non-zero
            try AESKeyWrapPadding.rfc3394Wrap(  // wrong AIV constant, otherwise valid MLI
                iv: Self.aiv(constant: [0xA6, 0x59, 0x59, 0xA7], mli: 12), plaintext: p, kek: kek),
            // Plain RFC 3394 (default IV A6A6A6A6A6A6A6A6) must not be accepted.
            try AESKeyWrapPadding.rfc3394Wrap(iv: [UInt8](repeating: 0xA6, count: 8), plaintext: p, kek: kek),
        ] {
            #expect(throws: ImportUnwrapError.invalidWrapping) { try AESKeyWrapPadding.unwrap(bad, kek: kek) }
        }
    }

    /// Our RFC 3394 core must agree with swift-crypto's RFC 3394 `AES.KeyWrap` under the default IV.
    @Test func rfc3394CoreMatchesSwiftCryptoKeyWrap() throws {
        let kek = SymmetricKey(data: Self.random.bytes(32))
        let keyToWrap = SymmetricKey(data: Self.random.bytes(32))
        let reference = try AES.KeyWrap.wrap(keyToWrap, using: kek)
        let ours = try AESKeyWrapPadding.rfc3394Wrap(
            iv: [UInt8](repeating: 0xA6, count: 8), plaintext: keyToWrap.withUnsafeBytes { Array($0) }, kek: kek)
        #expect(ours == [UInt8](reference))
    }
}

extension Array where Element == UInt8 {
    /// Bytes from hex digits, spaces ignored (test vectors only).
    init(hex: String) {
        let digits = Array(hex.filter { !$0.isWhitespace }.utf8)
        self = stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }
}
