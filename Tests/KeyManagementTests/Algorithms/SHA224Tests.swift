import Crypto
import Foundation
import Testing
@testable import KeyManagement

/// SHA-224 against the FIPS 180-4 examples (NIST "Cryptographic Standards and Guidelines: Examples
/// with Intermediate Values", SHA-224) and the padding boundaries.
@Suite struct SHA224Tests {
    @Test(arguments: [
        ("abc", "23097d22 3405d822 8642a477 bda255b3 2aadbce4 bda0b3f7 e36c9da7"),
        ("", "d14a028c 2a3a2bc9 476102bb 288234c4 15a2b01f 828ea62a c5b3e42f"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "75388b16 512776cc 5dba5da1 fd890150 b0c6455c b4f58b19 52522525"),
    ])
    func nistExamples(message: String, digest: String) {
        #expect(Array(SHA224.hash(data: Data(message.utf8))) == [UInt8](hex: digest))
    }

    @Test func oneMillionRepetitionsOfAStreamedInChunks() {
        var hasher = SHA224()
        let chunk = Data(repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(data: chunk) }
        #expect(Array(hasher.finalize()) == [UInt8](hex: "20794655 980c91d8 bbb4c1ea 97618a4b f03f4258 1948b2ee 4ee7ad67"))
    }

    /// 55 bytes pad into one block, 56 need a second, 64 fill one exactly (values from Python's hashlib).
    @Test(arguments: [
        (55, "fb0bd626a70c28541dfa781bb5cc4d7d7f56622a58f01a0b1ddd646f"),
        (56, "d40854fc9caf172067136f2e29e1380b14626bf6f0dd06779f820dcd"),
        (64, "a88cd5cde6d6fe9136a4e58b49167461ea95d388ca2bdb7afdc3cbf4"),
    ])
    func paddingBoundaries(length: Int, digest: String) {
        #expect(Array(SHA224.hash(data: Data(repeating: UInt8(ascii: "a"), count: length))) == [UInt8](hex: digest))
    }

    @Test func streamingUpdatesAcrossBlockBoundariesMatchOneShot() {
        let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let oneShot = SHA224.hash(data: message)
        for chunkSize in [1, 7, 55, 56, 63, 64, 65, 128, 299] {
            var hasher = SHA224()
            for start in stride(from: 0, to: message.count, by: chunkSize) {
                hasher.update(data: message[start..<min(start + chunkSize, message.count)])
            }
            #expect(hasher.finalize() == oneShot, "chunk size \(chunkSize)")
        }
    }

    @Test func finalizeLeavesTheHasherUsable() {
        var hasher = SHA224()
        hasher.update(data: Data("ab".utf8))
        _ = hasher.finalize()
        hasher.update(data: Data("c".utf8))
        #expect(Array(hasher.finalize()) == [UInt8](hex: "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"))
    }

    @Test func digestIs28BytesAndComparesByValue() {
        let digest = SHA224.hash(data: Data("abc".utf8))
        #expect(SHA224Digest.byteCount == 28)
        #expect(Array(digest).count == 28)
        #expect(digest == SHA224.hash(data: Data("abc".utf8)))
        #expect(digest != SHA224.hash(data: Data("abd".utf8)))
    }
}
