import ArcaTestSupport
import Crypto
import Foundation
import Queues
import Testing

/// The stored form of a message: plain and sealed round trips, what a sealed payload hides, and
/// that a damaged or misused payload is an ``UnreadablePayload``, never a crash. The AES-GCM
/// layout is checked once against Python's `cryptography`.
@Suite struct MessagePayloadTests {
    static let queueARN = "arn:aws:sqs:us-east-1:111122223333:orders"
    static let messageID = "5fea7756-0ea4-451a-a703-a558b933e274"

    static let content = MessageContent(body: "héllo wörld 😀 <xml/> {\"json\": true}", attributes: [
        "Greeting": MessageAttributeValue(stringValue: "bonjour ☀️", dataType: "String"),
        "Count": MessageAttributeValue(stringValue: "42", dataType: "Number.int"),
        "Blob": MessageAttributeValue(binaryValue: Data([0, 1, 0xFE, 0xFF]), dataType: "Binary"),
    ])

    static func dataKey(seed: String = "payload-key", source: DataKeySource = .kms) -> DataKey {
        let random = SeededRandom(seed: seed)
        return DataKey(key: SymmetricKey(data: random.bytes(32)),
                       reference: DataKeyReference(source: source, queueARN: queueARN, encryptedKey: random.bytes(40)))
    }

    static func nonce(_ seed: String = "nonce") -> [UInt8] { SeededRandom(seed: seed).bytes(12) }

    static func sealed(_ content: MessageContent = content, key: DataKey = dataKey()) throws -> [UInt8] {
        try MessagePayload.sealed(content, messageID: messageID, dataKey: key, nonce: nonce())
    }

    static func contains(_ bytes: [UInt8], _ part: [UInt8]) -> Bool {
        guard !part.isEmpty, bytes.count >= part.count else { return false }
        return (0...(bytes.count - part.count)).contains { Array(bytes[$0..<($0 + part.count)]) == part }
    }

    // MARK: Round trips

    @Test func aPlainPayloadOpensToItsContent() throws {
        let payload = MessagePayload.plain(Self.content)
        #expect(payload.first == 0)
        #expect(try MessagePayload.open(payload, messageID: Self.messageID, key: nil) == Self.content)
        // A plain payload needs no key and is not bound to its message.
        #expect(try MessagePayload.open(payload, messageID: "another", key: Self.dataKey().key) == Self.content)
    }

    @Test func aPlainPayloadWithoutAttributesOpens() throws {
        let content = MessageContent(body: "x")
        #expect(try MessagePayload.open(MessagePayload.plain(content), messageID: Self.messageID, key: nil) == content)
    }

    @Test func aSealedPayloadOpensUnderItsKeyAsItsMessage() throws {
        let key = Self.dataKey()
        let payload = try Self.sealed(key: key)
        #expect(payload.first == 1)
        #expect(try MessagePayload.open(payload, messageID: Self.messageID, key: key.key) == Self.content)
    }

    @Test func aSealedPayloadHidesTheBodyAndTheAttributeValues() throws {
        let body = Array("the secret body 0123456789".utf8)
        let value = Array("attribute-secret".utf8)
        let content = MessageContent(body: String(decoding: body, as: UTF8.self),
                                     attributes: ["a": MessageAttributeValue(stringValue: String(decoding: value, as: UTF8.self), dataType: "String")])
        // The search finds them in the clear.
        #expect(Self.contains(MessagePayload.plain(content), body))
        #expect(Self.contains(MessagePayload.plain(content), value))
        let sealed = try Self.sealed(content)
        #expect(!Self.contains(sealed, body))
        #expect(!Self.contains(sealed, value))
    }

    // MARK: Data key reference

    @Test func aPlainPayloadNeedsNoDataKey() throws {
        #expect(try MessagePayload.dataKeyReference(of: MessagePayload.plain(Self.content)) == nil)
    }

    @Test(arguments: [DataKeySource.kms, .sqsManaged])
    func aSealedPayloadNamesItsDataKey(source: DataKeySource) throws {
        let key = Self.dataKey(source: source)
        let payload = try Self.sealed(key: key)
        #expect(try MessagePayload.dataKeyReference(of: payload) == key.reference)
        #expect(try MessagePayload.dataKeyReference(of: payload)?.source == source)
    }

    @Test func anUnknownVersionOrSourceHasNoReadableReference() throws {
        var payload = try Self.sealed()
        #expect(throws: UnreadablePayload.self) { try MessagePayload.dataKeyReference(of: []) }
        payload[0] = 2
        #expect(throws: UnreadablePayload.self) { try MessagePayload.dataKeyReference(of: payload) }
        payload[0] = 1
        payload[1] = 3
        #expect(throws: UnreadablePayload.self) { try MessagePayload.dataKeyReference(of: payload) }
        payload[1] = 0
        #expect(throws: UnreadablePayload.self) { try MessagePayload.dataKeyReference(of: payload) }
    }

    // MARK: What does not open

    @Test func aSealedPayloadDoesNotOpenWithoutItsKey() throws {
        let payload = try Self.sealed()
        #expect(throws: UnreadablePayload.self) { try MessagePayload.open(payload, messageID: Self.messageID, key: nil) }
        #expect(throws: UnreadablePayload.self) {
            try MessagePayload.open(payload, messageID: Self.messageID, key: Self.dataKey(seed: "another key").key)
        }
    }

    @Test func aSealedPayloadDoesNotOpenAsAnotherMessage() throws {
        let payload = try Self.sealed()
        for other in ["", "5fea7756-0ea4-451a-a703-a558b933e275", Self.messageID + " "] {
            #expect(throws: UnreadablePayload.self) { try MessagePayload.open(payload, messageID: other, key: Self.dataKey().key) }
        }
    }

    @Test func aSealedPayloadWithAnyByteFlippedDoesNotOpen() throws {
        let small = MessageContent(body: "hi", attributes: ["a": MessageAttributeValue(stringValue: "b", dataType: "String")])
        let payload = try Self.sealed(small)
        let key = Self.dataKey().key
        for position in payload.indices {
            for mask: UInt8 in [0x01, 0x80, 0xFF] {
                var damaged = payload
                damaged[position] ^= mask
                #expect(throws: UnreadablePayload.self, "byte \(position) ^ \(mask)") {
                    try MessagePayload.open(damaged, messageID: Self.messageID, key: key)
                }
            }
        }
    }

    @Test func aTruncatedSealedPayloadDoesNotOpen() throws {
        let payload = try Self.sealed()
        let key = Self.dataKey().key
        for count in 0..<payload.count {
            #expect(throws: UnreadablePayload.self, "first \(count) bytes") {
                try MessagePayload.open(Array(payload.prefix(count)), messageID: Self.messageID, key: key)
            }
        }
    }

    @Test func aTruncatedOrExtendedPlainPayloadDoesNotOpen() throws {
        let payload = MessagePayload.plain(Self.content)
        for count in 0..<payload.count {
            #expect(throws: UnreadablePayload.self, "first \(count) bytes") {
                try MessagePayload.open(Array(payload.prefix(count)), messageID: Self.messageID, key: nil)
            }
        }
        #expect(throws: UnreadablePayload.self) { try MessagePayload.open(payload + [0], messageID: Self.messageID, key: nil) }
    }

    @Test func aDamagedPlainPayloadNeverOpensAsTheOriginal() throws {
        // A plain payload has no integrity check: damage may decode, but never to the original
        // content, and never crashes.
        let payload = MessagePayload.plain(Self.content)
        for position in payload.indices {
            for mask: UInt8 in [0x01, 0x80, 0xFF] {
                var damaged = payload
                damaged[position] ^= mask
                #expect((try? MessagePayload.open(damaged, messageID: Self.messageID, key: nil)) != Self.content,
                        "byte \(position) ^ \(mask)")
            }
        }
    }

    @Test func aPlainPayloadWithAnInvalidValueKindDoesNotOpen() throws {
        // body "x", one attribute "a" of type "String", kind 3.
        let payload: [UInt8] = [0, 0, 0, 0, 1, 0x78, 1, 0, 1, 0x61, 0, 6] + Array("String".utf8) + [3, 0, 0, 0, 1, 0x79]
        #expect(throws: UnreadablePayload.self) { try MessagePayload.open(payload, messageID: Self.messageID, key: nil) }
        var valid = payload
        valid[18] = 1
        #expect(try MessagePayload.open(valid, messageID: Self.messageID, key: nil)
                == MessageContent(body: "x", attributes: ["a": MessageAttributeValue(stringValue: "y", dataType: "String")]))
    }

    @Test func aPlainPayloadWithInvalidUTF8DoesNotOpen() {
        // body of one byte 0xFF.
        #expect(throws: UnreadablePayload.self) {
            try MessagePayload.open([0, 0, 0, 0, 1, 0xFF, 0], messageID: Self.messageID, key: nil)
        }
    }

    // MARK: The layout, checked independently

    /// The content encoding of the doc comment, written out by hand for
    /// `{"héllo", a: String "x", b: Binary [0x00, 0xFF]}`.
    static let layoutContent = MessageContent(body: "héllo", attributes: [
        "b": MessageAttributeValue(binaryValue: Data([0x00, 0xFF]), dataType: "Binary"),
        "a": MessageAttributeValue(stringValue: "x", dataType: "String"),
    ])
    static let layoutContentBytes: [UInt8] =
        [0, 0, 0, 6, 0x68, 0xC3, 0xA9, 0x6C, 0x6C, 0x6F] // body
        + [2] // attributes
        + [0, 1, 0x61] + [0, 6] + Array("String".utf8) + [1] + [0, 0, 0, 1, 0x78]
        + [0, 1, 0x62] + [0, 6] + Array("Binary".utf8) + [2] + [0, 0, 0, 2, 0x00, 0xFF]

    @Test func aPlainPayloadIsTheVersionThenTheContent() {
        #expect(MessagePayload.plain(Self.layoutContent) == [0] + Self.layoutContentBytes)
    }

    static let pythonOpen = """
        import sys
        try:
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        except ImportError:
            print("python3 has no cryptography module"); sys.exit(3)
        key, nonce, sealed, aad = (bytes.fromhex(part) for part in sys.argv[1:5])
        try:
            print(AESGCM(key).decrypt(nonce, sealed, aad).hex())
        except Exception as error:
            print("decrypt failed: %r" % error); sys.exit(4)
        """

    /// Runs `pythonOpen`: exit status 0 and the plaintext in hex, 3 without `cryptography`, 4
    /// when the tag does not verify.
    static func openInPython(key: [UInt8], nonce: [UInt8], sealed: [UInt8], aad: [UInt8]) throws -> (status: Int32, output: String) {
        func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", pythonOpen, hex(key), hex(nonce), hex(sealed), hex(aad)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func aSealedPayloadOpensWithPythonsAESGCMFromItsDocumentedLayout() throws {
        let keyBytes = SeededRandom(seed: "python-key").bytes(32)
        let encryptedKey: [UInt8] = [0xE0, 0xE1, 0xE2]
        let arn = "arn:aws:sqs:eu-west-1:444455556666:q"
        let dataKey = DataKey(key: SymmetricKey(data: keyBytes),
                              reference: DataKeyReference(source: .sqsManaged, queueARN: arn, encryptedKey: encryptedKey))
        let nonce: [UInt8] = Array(0xA0...0xAB)
        let payload = try MessagePayload.sealed(Self.layoutContent, messageID: "m-1", dataKey: dataKey, nonce: nonce)

        // 0x01, source, UInt16 length + ARN, UInt16 length + encrypted key, nonce, ciphertext, tag.
        #expect(Array(payload[0..<2]) == [1, 1])
        #expect(Array(payload[2..<4]) == [0, UInt8(arn.utf8.count)])
        let arnEnd = 4 + arn.utf8.count
        #expect(Array(payload[4..<arnEnd]) == Array(arn.utf8))
        #expect(Array(payload[arnEnd..<(arnEnd + 2)]) == [0, 3])
        #expect(Array(payload[(arnEnd + 2)..<(arnEnd + 5)]) == encryptedKey)
        let nonceOffset = arnEnd + 5
        #expect(Array(payload[nonceOffset..<(nonceOffset + 12)]) == nonce)
        // The ciphertext is as long as the content; the tag is 16 bytes.
        #expect(payload.count == nonceOffset + 12 + Self.layoutContentBytes.count + 16)

        let header = Array(payload[..<nonceOffset])
        let sealed = Array(payload[(nonceOffset + 12)...])
        let opened = try Self.openInPython(key: keyBytes, nonce: nonce, sealed: sealed, aad: header + Array("m-1".utf8))
        guard opened.status == 0 else {
            Issue.record("python3 with the cryptography module is needed for this test: exit \(opened.status), \(opened.output)")
            return
        }
        #expect(opened.output == Self.layoutContentBytes.map { String(format: "%02x", $0) }.joined())

        // The message id is part of the associated data: without it, the tag does not verify.
        let unbound = try Self.openInPython(key: keyBytes, nonce: nonce, sealed: sealed, aad: header)
        #expect(unbound.status == 4, "\(unbound.output)")
    }
}
