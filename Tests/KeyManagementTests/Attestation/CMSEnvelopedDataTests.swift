import Crypto
import Foundation
import SwiftASN1
import Testing
@testable import KeyManagement

/// A fixed byte source: `count` bytes counting up from `seed`.
func countingBytes(seed: UInt8) -> (Int) -> [UInt8] {
    { count in (0..<count).map { seed &+ UInt8(truncatingIfNeeded: $0) } }
}

@Suite("CMSEnvelopedData")
struct CMSEnvelopedDataTests {
    /// An RSA-2048 key pair made by `openssl genpkey`, with a self-signed certificate for `-recip`.
    struct RecipientFiles {
        let directory: URL
        var key: URL { directory.appendingPathComponent("key.pem") }
        var certificate: URL { directory.appendingPathComponent("cert.pem") }
        var publicKeyDER: URL { directory.appendingPathComponent("pub.der") }

        init(bits: Int = 2048) throws {
            directory = try OpenSSL.makeWorkDirectory()
            try OpenSSL.run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:\(bits)", "-out", key.path])
            try OpenSSL.run(["pkey", "-in", key.path, "-pubout", "-outform", "DER", "-out", publicKeyDER.path])
            try OpenSSL.run([
                "req", "-new", "-x509", "-key", key.path, "-subj", "/CN=enclave", "-days", "1",
                "-addext", "subjectKeyIdentifier=hash", "-out", certificate.path,
            ])
        }

        func spki() throws -> [UInt8] { Array(try Data(contentsOf: publicKeyDER)) }

        /// Decrypts `envelope` with `openssl cms -decrypt`, optionally naming the recipient certificate.
        func opensslDecrypt(_ envelope: [UInt8], naming recipient: Bool) throws -> [UInt8] {
            let input = directory.appendingPathComponent("envelope-\(UUID().uuidString).der")
            let output = directory.appendingPathComponent("plaintext-\(UUID().uuidString).bin")
            try Data(envelope).write(to: input)
            var arguments = ["cms", "-decrypt", "-inform", "DER", "-in", input.path, "-inkey", key.path, "-out", output.path]
            if recipient { arguments += ["-recip", certificate.path] }
            try OpenSSL.run(arguments)
            return Array(try Data(contentsOf: output))
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    @Test(arguments: [0, 1, 15, 16, 17, 32, 4096])
    func opensslDecryptsTheEnvelope(plaintextLength: Int) throws {
        let files = try RecipientFiles()
        defer { files.remove() }
        let plaintext = (0..<plaintextLength).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let envelope = try CMSEnvelopedData.encrypt(
            plaintext, toRecipientPublicKey: try files.spki(), randomBytes: countingBytes(seed: 0x40))
        #expect(try files.opensslDecrypt(envelope, naming: true) == plaintext)
        #expect(try files.opensslDecrypt(envelope, naming: false) == plaintext)
    }

    @Test func opensslDecryptsWithSystemRandomness() throws {
        let files = try RecipientFiles()
        defer { files.remove() }
        let plaintext = Array("a 256-bit data key, say".utf8)
        let envelope = try CMSEnvelopedData.encrypt(plaintext, toRecipientPublicKey: try files.spki()) { count in
            (0..<count).map { _ in UInt8.random(in: .min ... .max) }
        }
        #expect(try files.opensslDecrypt(envelope, naming: true) == plaintext)
    }

    @Test func opensslReportsOAEPWithSHA256AndMGF1SHA256() throws {
        let files = try RecipientFiles()
        defer { files.remove() }
        let envelope = try CMSEnvelopedData.encrypt([1, 2, 3], toRecipientPublicKey: try files.spki(), randomBytes: countingBytes(seed: 1))
        let input = files.directory.appendingPathComponent("print.der")
        try Data(envelope).write(to: input)
        let printed = String(decoding: try OpenSSL.run(["cms", "-cmsout", "-print", "-inform", "DER", "-in", input.path]), as: UTF8.self)
        #expect(printed.contains("pkcs7-envelopedData"))
        #expect(printed.contains("rsaesOaep"))
        #expect(printed.contains("sha256"))
        #expect(printed.contains("mgf1"))
        #expect(printed.contains("aes-256-cbc"))
    }

    /// RFC 4055's `rSAES-OAEP-SHA256-Identifier` with NULL hash parameters, encoded by hand.
    @Test func keyEncryptionAlgorithmIsTheRFC4055SHA256Identifier() throws {
        let files = try RecipientFiles()
        defer { files.remove() }
        let envelope = try CMSEnvelopedData.encrypt([9], toRecipientPublicKey: try files.spki(), randomBytes: countingBytes(seed: 2))
        let expected: [UInt8] = [
            0x30, 0x3C, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x07,
            0x30, 0x2F,
            0xA0, 0x0F, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00,
            0xA1, 0x1C, 0x30, 0x1A, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x08,
            0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00,
        ]
        #expect(envelope.firstIndex(of: expected) != nil)
    }

    @Test func injectedRandomnessFixesTheIVAndContentKey() throws {
        let files = try RecipientFiles()
        defer { files.remove() }
        let spki = try files.spki()
        let first = try CMSEnvelopedData.encrypt(Array(repeating: 0x5A, count: 40), toRecipientPublicKey: spki, randomBytes: countingBytes(seed: 0x10))
        let second = try CMSEnvelopedData.encrypt(Array(repeating: 0x5A, count: 40), toRecipientPublicKey: spki, randomBytes: countingBytes(seed: 0x10))
        // Each draw counts up from the seed, so the IV is 0x10...0x1F, in an OCTET STRING.
        let ivOctetString: [UInt8] = [0x04, 0x10] + (0x10...0x1F).map { UInt8($0) }
        #expect(first.firstIndex(of: ivOctetString) != nil)
        // AES-CBC output (48 bytes for 40 bytes of plaintext) is identical; only the OAEP-wrapped key differs.
        #expect(Array(first.suffix(48)) == Array(second.suffix(48)))
        #expect(first != second)
        // And that ciphertext is what `openssl enc` makes from the same key and IV.
        let plaintextFile = files.directory.appendingPathComponent("plain.bin")
        try Data(Array(repeating: 0x5A, count: 40)).write(to: plaintextFile)
        let hex = { (bytes: ClosedRange<Int>) in bytes.map { String(format: "%02x", $0) }.joined() }
        let reference = try OpenSSL.run([
            "enc", "-aes-256-cbc", "-K", hex(0x10...0x2F), "-iv", hex(0x10...0x1F), "-in", plaintextFile.path,
        ])
        #expect(Array(first.suffix(48)) == Array(reference))
    }

    @Test func subjectKeyIdentifierIsSHA1OfTheKeyBits() throws {
        let files = try RecipientFiles()
        defer { files.remove() }
        let certificateText = String(
            decoding: try OpenSSL.run(["x509", "-in", files.certificate.path, "-noout", "-ext", "subjectKeyIdentifier"]),
            as: UTF8.self)
        let recipient = try RecipientPublicKey(subjectPublicKeyInfo: try files.spki())
        let hex = recipient.subjectKeyIdentifier.map { String(format: "%02X", $0) }.joined(separator: ":")
        #expect(certificateText.contains(hex))
    }

    @Test func rejectsAShortRandomSource() throws {
        let files = try RecipientFiles()
        defer { files.remove() }
        #expect(throws: CMSError(.randomSourceFailed, "")) {
            try CMSEnvelopedData.encrypt([1], toRecipientPublicKey: try files.spki()) { count in Array(repeating: 0, count: count - 1) }
        }
    }

    @Test func rejectsKeysThatAreNotRSA2048OrLarger() throws {
        let ecKey = Array(P384.Signing.PrivateKey().publicKey.derRepresentation)
        #expect(throws: CMSError(.invalidRecipientKey, "")) {
            try CMSEnvelopedData.encrypt([1], toRecipientPublicKey: ecKey, randomBytes: countingBytes(seed: 0))
        }
        #expect(throws: CMSError(.invalidRecipientKey, "")) {
            try CMSEnvelopedData.encrypt([1], toRecipientPublicKey: [0x30, 0x00], randomBytes: countingBytes(seed: 0))
        }
        let small = try RecipientFiles(bits: 1024)
        defer { small.remove() }
        #expect(throws: CMSError(.invalidRecipientKey, "")) {
            try CMSEnvelopedData.encrypt([1], toRecipientPublicKey: try small.spki(), randomBytes: countingBytes(seed: 0))
        }
    }
}
