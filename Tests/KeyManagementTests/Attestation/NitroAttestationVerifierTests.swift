import Crypto
import Foundation
import Testing
import X509
@testable import KeyManagement

@Suite("NitroAttestationVerifier with a test PKI")
struct NitroAttestationVerifierTests {
    let pki: TestPKI
    let document: TestDocument
    let verifier: NitroAttestationVerifier

    init() throws {
        pki = try TestPKI()
        document = try TestDocument(pki: pki)
        verifier = NitroAttestationVerifier(trustAnchor: try pki.anchor)
    }

    func expectRejection(
        _ code: AttestationError.Code,
        _ bytes: [UInt8],
        by verifier: NitroAttestationVerifier? = nil,
        now: Date = TestPKI.now,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        do {
            _ = try await (verifier ?? self.verifier).verify(bytes, now: now)
            Issue.record("verification succeeded; expected \(code)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        }
    }

    // MARK: - Positive path

    @Test func verifySucceedsAndExposesTheSignedFields() async throws {
        let bytes = try document.signed(with: pki.leafKey)
        let verified = try await verifier.verify(bytes, now: TestPKI.now)
        #expect(verified.moduleID == document.moduleID)
        #expect(verified.timestampMilliseconds == document.timestampMilliseconds)
        #expect(verified.timestamp == Date(timeIntervalSince1970: 1_750_086_400))
        #expect(verified.pcrs == document.pcrs)
        #expect(verified.publicKey == Array("enclave-public-key".utf8))
        #expect(verified.userData == nil)
        #expect(verified.nonce == TestDocument.nonceMarker)
        #expect(verified.signingCertificate == pki.leaf)
    }

    @Test func verifyAcceptsTheTaggedForm() async throws {
        let untagged = try document.signed(with: pki.leafKey)
        var tagged: [UInt8] = [0xD2]  // tag 18
        tagged += untagged
        _ = try await verifier.verify(tagged, now: TestPKI.now)
    }

    @Test func verifyAcceptsAnIndefiniteLengthPayloadMapAsAWSNowEncodesIt() async throws {
        var payload = document.payloadBytes
        #expect(payload[0] == 0xA9)  // map(9)
        payload[0] = 0xBF
        payload.append(0xFF)
        _ = try await verifier.verify(try document.signed(with: pki.leafKey, payload: payload), now: TestPKI.now)
    }

    @Test func verifyIgnoresUnknownPayloadFields() async throws {
        var document = self.document
        document.extraPayloadFields = [entry("future_field", .bytes([1, 2, 3]))]
        _ = try await verifier.verify(try document.signed(with: pki.leafKey), now: TestPKI.now)
    }

    // MARK: - Tampering

    @Test func verifyFailsWhenAPayloadByteChanges() async throws {
        let bytes = try document.signed(with: pki.leafKey)
        let index = try #require(bytes.firstIndex(of: TestDocument.nonceMarker))
        await expectRejection(.invalidSignature, bytes.flippingBit(at: index + 3))
    }

    @Test func verifyFailsWhenASignatureByteChanges() async throws {
        let bytes = try document.signed(with: pki.leafKey)
        await expectRejection(.invalidSignature, bytes.flippingBit(at: bytes.count - 1))
        await expectRejection(.invalidSignature, bytes.flippingBit(at: bytes.count - 96))
    }

    @Test func verifyFailsWhenSignedByAKeyOtherThanTheLeaf() async throws {
        await expectRejection(.invalidSignature, try document.signed(with: P384.Signing.PrivateKey()))
    }

    @Test func verifyFailsWhenTheSignatureIsNot96Bytes() async throws {
        let good = try document.signed(with: pki.leafKey)
        let parsed = try COSESign1(decoding: good)
        let short = TestDocument.assemble(
            protected: parsed.protectedHeaderBytes, payload: parsed.payload, signature: Array(parsed.signature.dropLast()))
        await expectRejection(.invalidSignature, short)
    }

    @Test func verifyFailsAgainstADifferentRoot() async throws {
        let otherPKI = try TestPKI()
        let otherVerifier = NitroAttestationVerifier(trustAnchor: try otherPKI.anchor)
        await expectRejection(.untrustedRoot, try document.signed(with: pki.leafKey), by: otherVerifier)
    }

    @Test func verifyFailsAgainstTheAWSRootForATestDocument() async throws {
        let aws = NitroAttestationVerifier(trustAnchor: try NitroTrustAnchor.awsNitroEnclavesRootG1())
        await expectRejection(.untrustedRoot, try document.signed(with: pki.leafKey), by: aws)
    }

    @Test func verifyFailsWhenTheLeafHasExpiredAtNow() async throws {
        let pki = try TestPKI(leafNotAfter: TestPKI.notBefore.addingTimeInterval(3_600))
        let document = try TestDocument(pki: pki)
        let verifier = NitroAttestationVerifier(trustAnchor: try pki.anchor)
        let bytes = try document.signed(with: pki.leafKey)
        _ = try await verifier.verify(bytes, now: TestPKI.notBefore.addingTimeInterval(60))
        await expectRejection(.invalidCertificateChain, bytes, by: verifier, now: TestPKI.now)
    }

    @Test func verifyFailsBeforeTheCertificatesAreValid() async throws {
        await expectRejection(
            .invalidCertificateChain, try document.signed(with: pki.leafKey), now: TestPKI.notBefore.addingTimeInterval(-60))
    }

    @Test func verifyFailsWhenAlgIsNotES384() async throws {
        var document = self.document
        document.protectedHeader = .map([CBORMapEntry(key: .unsigned(1), value: .negative(6))])  // -7, ES256
        await expectRejection(.unsupportedAlgorithm, try document.signed(with: pki.leafKey))
    }

    @Test func verifyFailsWhenAlgIsOnlyInTheUnprotectedHeader() async throws {
        var document = self.document
        document.protectedHeader = .map([])
        document.unprotectedHeader = [CBORMapEntry(key: .unsigned(1), value: .negative(34))]
        await expectRejection(.unsupportedAlgorithm, try document.signed(with: pki.leafKey))
    }

    @Test func verifyFailsWhenTheProtectedHeaderListsCriticalParameters() async throws {
        var document = self.document
        document.protectedHeader = .map([
            CBORMapEntry(key: .unsigned(1), value: .negative(34)),
            CBORMapEntry(key: .unsigned(2), value: .array([.unsigned(99)])),
        ])
        await expectRejection(.unsupportedAlgorithm, try document.signed(with: pki.leafKey))
    }

    @Test func verifyFailsOnTruncatedCBOR() async throws {
        let bytes = try document.signed(with: pki.leafKey)
        for cut in [1, 50, bytes.count / 2, bytes.count - 1] {
            await expectRejection(.malformedCBOR, Array(bytes.prefix(cut)))
        }
        await expectRejection(.malformedCBOR, [])
    }

    @Test func verifyFailsOnTrailingBytes() async throws {
        await expectRejection(.malformedCBOR, try document.signed(with: pki.leafKey) + [0x00])
    }

    @Test func verifyFailsOnAnIndefiniteLengthEnvelope() async throws {
        var bytes = try document.signed(with: pki.leafKey)
        #expect(bytes[0] == 0x84)
        bytes[0] = 0x9F
        bytes.append(0xFF)
        await expectRejection(.malformedCBOR, bytes)
    }

    @Test func verifyFailsOnAnIndefiniteLengthByteStringInThePayload() async throws {
        var document = self.document
        document.nonce = .null
        var payload = document.payloadBytes
        // Replace the final `null` nonce with an indefinite byte string of two chunks.
        #expect(payload.last == 0xF6)
        payload.removeLast()
        payload += [0x5F, 0x41, 0x01, 0x41, 0x02, 0xFF]
        await expectRejection(.malformedCBOR, try document.signed(with: pki.leafKey, payload: payload))
    }

    @Test func verifyFailsWhenCABundleDoesNotStartAtTheRoot() async throws {
        var document = self.document
        document.caBundle = [try TestPKI.der(pki.intermediate)]
        await expectRejection(.untrustedRoot, try document.signed(with: pki.leafKey))
        document.caBundle = [try TestPKI.der(pki.intermediate), try TestPKI.der(pki.root)]
        await expectRejection(.untrustedRoot, try document.signed(with: pki.leafKey))
    }

    @Test func verifyFailsWhenTheIntermediateIsMissing() async throws {
        var document = self.document
        document.caBundle = [try TestPKI.der(pki.root)]
        await expectRejection(.invalidCertificateChain, try document.signed(with: pki.leafKey))
    }

    @Test func verifyFailsWhenTheValidPathSkipsPartOfTheBundle() async throws {
        // The leaf is signed by the root itself; a path exists but is not the bundle's order.
        var document = self.document
        let leaf = try TestPKI.leafCertificate(
            key: pki.leafKey.publicKey, issuer: pki.root.subject, issuerKey: pki.rootKey)
        document.certificate = try TestPKI.der(leaf)
        await expectRejection(.invalidCertificateChain, try document.signed(with: pki.leafKey))
    }

    @Test func verifyFailsWhenTheLeafIsSignedByAnImpostorIntermediate() async throws {
        var document = self.document
        let impostorKey = P384.Signing.PrivateKey()
        let leaf = try TestPKI.leafCertificate(
            key: pki.leafKey.publicKey, issuer: pki.intermediate.subject, issuerKey: impostorKey)
        document.certificate = try TestPKI.der(leaf)
        await expectRejection(.invalidCertificateChain, try document.signed(with: pki.leafKey))
    }

    @Test func verifyFailsWhenTheLeafKeyIsNotP384() async throws {
        var document = self.document
        let p256Key = P256.Signing.PrivateKey()
        let leaf = try TestPKI.leafCertificate(
            key: Certificate.PublicKey(p256Key.publicKey), issuer: pki.intermediate.subject,
            issuerKey: pki.intermediateKey)
        document.certificate = try TestPKI.der(leaf)
        await expectRejection(.invalidCertificateChain, try document.signed(with: pki.leafKey))
    }

    @Test func verifyFailsWhenTheLeafKeyUsageForbidsSigning() async throws {
        var document = self.document
        let leaf = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(pki.leafKey.publicKey),
            notValidBefore: TestPKI.notBefore, notValidAfter: TestPKI.notAfter,
            issuer: pki.intermediate.subject, subject: pki.leaf.subject, signatureAlgorithm: .ecdsaWithSHA384,
            extensions: try Certificate.Extensions { Critical(KeyUsage(keyEncipherment: true)) },
            issuerPrivateKey: Certificate.PrivateKey(pki.intermediateKey))
        document.certificate = try TestPKI.der(leaf)
        await expectRejection(.invalidCertificateChain, try document.signed(with: pki.leafKey))
    }

    @Test func verifyFailsWhenACertificateIsNotDER() async throws {
        var document = self.document
        document.certificate = [0x30, 0x03, 0x02, 0x01, 0x00]
        await expectRejection(.invalidCertificateChain, try document.signed(with: pki.leafKey))
    }

    // MARK: - Payload rules

    @Test func verifyFailsWhenTheDigestIsNotSHA384() async throws {
        let payload = CBORWriter.encode(document.payloadValue).replacing(Array("SHA384".utf8), with: Array("SHA256".utf8))
        await expectRejection(.malformedPayload, try document.signed(with: pki.leafKey, payload: payload))
    }

    @Test func verifyFailsOnAPCROfTheWrongLength() async throws {
        var document = self.document
        document.pcrs = [0: Array(repeating: 0, count: 47)]
        await expectRejection(.malformedPayload, try document.signed(with: pki.leafKey))
    }

    @Test func verifyFailsOnAPCRIndexAbove31() async throws {
        var document = self.document
        document.pcrs = [32: Array(repeating: 0, count: 48)]
        await expectRejection(.malformedPayload, try document.signed(with: pki.leafKey))
    }

    @Test func verifyFailsWhenARequiredFieldIsMissing() async throws {
        guard case .map(let entries) = document.payloadValue else { Issue.record("not a map"); return }
        for field in ["module_id", "digest", "timestamp", "pcrs", "certificate", "cabundle"] {
            let payload = CBORWriter.encode(.map(entries.filter { $0.key != .text(field) }))
            await expectRejection(.malformedPayload, try document.signed(with: pki.leafKey, payload: payload))
        }
    }

    @Test func verifyFailsWhenAPayloadKeyIsDuplicated() async throws {
        var document = self.document
        document.extraPayloadFields = [entry("nonce", .bytes([1]))]
        await expectRejection(.malformedCBOR, try document.signed(with: pki.leafKey))
    }

    @Test func verifyFailsWhenTheEnvelopeIsNotFourItems() async throws {
        let good = try COSESign1(decoding: try document.signed(with: pki.leafKey))
        let three = CBORWriter.encode(.array([.bytes(good.protectedHeaderBytes), .map([]), .bytes(good.payload)]))
        await expectRejection(.malformedCOSE, three)
        await expectRejection(.malformedCOSE, [0xD3] + (try document.signed(with: pki.leafKey)))  // tag 19
    }
}
