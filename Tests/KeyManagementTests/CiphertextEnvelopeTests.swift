import Crypto
import Foundation
import Testing
@testable import KeyManagement

@Suite struct CiphertextEnvelopeTests {
    let key = SymmetricKey(data: [UInt8](repeating: 7, count: 32))
    let envelope = CiphertextEnvelope(keyID: KeyID("1234abcd-12ab-34cd-56ef-1234567890ab")!, materialVersion: 3)
    let nonce = [UInt8](repeating: 9, count: 12)

    func sealed(_ plaintext: String = "attack at dawn", context: [String: String]? = ["app": "demo"]) throws -> Data {
        try envelope.seal(Data(plaintext.utf8), with: key, nonce: nonce, context: context)
    }

    @Test func roundTripReturnsThePlaintext() throws {
        let blob = try sealed()
        let opened = try envelope.open(blob, with: key, context: ["app": "demo"])
        #expect(String(decoding: opened, as: UTF8.self) == "attack at dawn")
    }

    @Test func headerNamesKeyAndVersion() throws {
        let parsed = try CiphertextEnvelope(parsing: try sealed(), region: "us-east-1")
        #expect(parsed == envelope)
        #expect(try sealed().count == CiphertextEnvelope.minimumLength + "attack at dawn".utf8.count)
    }

    @Test func aMultiRegionKeysCiphertextNamesItsCopyInTheRegionThatOpensIt() throws {
        let east = try #require(KeyID(multiRegion: "mrk-1234abcd12ab34cd56ef1234567890ab", region: "us-east-1"))
        let multiRegion = CiphertextEnvelope(keyID: east, materialVersion: 1)
        let blob = try multiRegion.seal(Data("x".utf8), with: key, nonce: nonce, context: nil)
        #expect(blob.first == CiphertextEnvelope.multiRegionFormatVersion)
        let west = try CiphertextEnvelope(parsing: blob, region: "us-west-2")
        #expect(west.keyID == east.inRegion("us-west-2") && west.keyID != east)
        #expect(west.keyID.rawValue == "mrk-1234abcd12ab34cd56ef1234567890ab")
        // The header is authenticated: the same bytes under format 1 name another key and do not open.
        var relabeled = Array(blob)
        relabeled[0] = CiphertextEnvelope.formatVersion
        #expect(throws: KMSError.invalidCiphertext) {
            try CiphertextEnvelope(parsing: relabeled, region: "us-west-2").open(relabeled, with: key, context: nil)
        }
        #expect(try west.open(blob, with: key, context: nil) == Data("x".utf8))
        #expect(KeyID(storageID: east.storageID) == east && east.storageID == "us-east-1/mrk-1234abcd12ab34cd56ef1234567890ab")
        #expect(KeyID(storageID: envelope.keyID.storageID) == envelope.keyID)
    }

    @Test func everyTruncationIsRejectedAsInvalidCiphertext() throws {
        let blob = try sealed()
        for length in 0..<blob.count {
            let truncated = blob.prefix(length)
            #expect(throws: KMSError.invalidCiphertext) {
                let header = try CiphertextEnvelope(parsing: truncated, region: "us-east-1")
                _ = try header.open(truncated, with: key, context: ["app": "demo"])
            }
        }
    }

    @Test func everyFlippedBitIsRejectedAsInvalidCiphertext() throws {
        let blob = try sealed()
        for index in blob.indices {
            for bit in 0..<8 {
                var tampered = blob
                tampered[index] ^= UInt8(1 << bit)
                #expect(throws: KMSError.invalidCiphertext) {
                    // A flipped key-id or version byte still parses; opening under the original key must fail.
                    let header = try CiphertextEnvelope(parsing: tampered, region: "us-east-1")
                    _ = try header.open(tampered, with: key, context: ["app": "demo"])
                }
            }
        }
    }

    @Test func differentContextIsRejected() throws {
        let blob = try sealed()
        for context: [String: String]? in [nil, [:], ["app": "Demo"], ["App": "demo"], ["app": "demo", "x": "y"]] {
            #expect(throws: KMSError.invalidCiphertext) { try envelope.open(blob, with: key, context: context) }
        }
    }

    @Test func unknownFormatVersionIsRejected() throws {
        var blob = try sealed()
        for format: UInt8 in [0, 3, 0xFF] {
            blob[0] = format
            #expect(throws: KMSError.invalidCiphertext) { try CiphertextEnvelope(parsing: blob, region: "us-east-1") }
        }
    }

    @Test func wrongBackingKeyIsRejected() throws {
        let blob = try sealed()
        let other = SymmetricKey(data: [UInt8](repeating: 8, count: 32))
        #expect(throws: KMSError.invalidCiphertext) { try envelope.open(blob, with: other, context: ["app": "demo"]) }
    }
}
