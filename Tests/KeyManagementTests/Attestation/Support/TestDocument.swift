import Crypto
@testable import KeyManagement

/// Builds COSE_Sign1 attestation documents field by field, so each test changes one thing.
struct TestDocument {
    /// `{1: -35}`: alg ES384.
    var protectedHeader: CBORValue = .map([CBORMapEntry(key: .unsigned(1), value: .negative(34))])
    var unprotectedHeader: [CBORMapEntry] = []
    var moduleID = "i-0123456789abcdef0-enc0123456789abcdef"
    var timestampMilliseconds: UInt64 = 1_750_086_400_000
    var pcrs: [Int: [UInt8]] = [0: Array(repeating: 0xA0, count: 48), 1: Array(repeating: 0xA1, count: 48)]
    var certificate: [UInt8]
    var caBundle: [[UInt8]]
    var publicKey: CBORValue = .bytes(Array("enclave-public-key".utf8))
    var userData: CBORValue = .null
    /// A recognisable run of bytes that tests can find and flip inside the encoded document.
    var nonce: CBORValue = .bytes(TestDocument.nonceMarker)
    var extraPayloadFields: [CBORMapEntry] = []

    static let nonceMarker: [UInt8] = Array("nonce-0123456789-nonce".utf8)

    init(pki: TestPKI) throws {
        certificate = try TestPKI.der(pki.leaf)
        caBundle = try pki.caBundleDER
    }

    var payloadValue: CBORValue {
        .map([
            entry("module_id", .text(moduleID)),
            entry("digest", .text("SHA384")),
            entry("timestamp", .unsigned(timestampMilliseconds)),
            entry("pcrs", .map(pcrs.sorted { $0.key < $1.key }.map {
                CBORMapEntry(key: .unsigned(UInt64($0.key)), value: .bytes($0.value))
            })),
            entry("certificate", .bytes(certificate)),
            entry("cabundle", .array(caBundle.map(CBORValue.bytes))),
            entry("public_key", publicKey),
            entry("user_data", userData),
            entry("nonce", nonce),
        ] + extraPayloadFields)
    }

    var payloadBytes: [UInt8] { CBORWriter.encode(payloadValue) }

    var protectedHeaderBytes: [UInt8] { CBORWriter.encode(protectedHeader) }

    /// Signs with `key` (the leaf's key, normally) and encodes the untagged COSE_Sign1 array.
    func signed(with key: P384.Signing.PrivateKey, payload: [UInt8]? = nil) throws -> [UInt8] {
        let payload = payload ?? payloadBytes
        let toBeSigned = CBORWriter.encode(.array([
            .text("Signature1"), .bytes(protectedHeaderBytes), .bytes([]), .bytes(payload),
        ]))
        let signature = Array(try key.signature(for: toBeSigned).rawRepresentation)
        return Self.assemble(protected: protectedHeaderBytes, unprotected: unprotectedHeader, payload: payload, signature: signature)
    }

    static func assemble(
        protected: [UInt8], unprotected: [CBORMapEntry] = [], payload: [UInt8], signature: [UInt8]
    ) -> [UInt8] {
        CBORWriter.encode(.array([.bytes(protected), .map(unprotected), .bytes(payload), .bytes(signature)]))
    }
}

func entry(_ key: String, _ value: CBORValue) -> CBORMapEntry {
    CBORMapEntry(key: .text(key), value: value)
}

extension Array where Element == UInt8 {
    /// The index where `needle` first occurs.
    func firstIndex(of needle: [UInt8]) -> Int? {
        guard needle.count <= count else { return nil }
        return (0...(count - needle.count)).first { self[$0..<$0 + needle.count].elementsEqual(needle) }
    }

    /// A copy with the byte at `index` XORed with 0x01.
    func flippingBit(at index: Int) -> [UInt8] {
        var copy = self
        copy[index] ^= 0x01
        return copy
    }
}
