/// An AWS Nitro Enclaves attestation document: a COSE_Sign1 message whose payload is a
/// ``NitroAttestationPayload``. Parsing it checks structure only; nothing in it is trusted until
/// ``NitroAttestationVerifier/verify(_:now:)`` succeeds.
struct NitroAttestationDocument: Sendable, Hashable {
    /// The envelope, with the exact bytes the signature covers.
    let envelope: COSESign1
    /// The decoded, unverified payload.
    let payload: NitroAttestationPayload

    /// The longest document accepted. Real documents are about 4.5 KiB.
    static let maximumLength = 16 * 1024

    /// The limits the envelope is decoded under: definite lengths only, shallow nesting.
    static let envelopeLimits = CBORReader.Limits(
        maximumInputLength: maximumLength,
        maximumDepth: 4,
        maximumContainerCount: 16,
        allowsIndefiniteLengthContainers: false
    )

    /// Parses `bytes` as a COSE_Sign1 attestation document.
    init(decoding bytes: [UInt8]) throws(AttestationError) {
        self.envelope = try COSESign1(decoding: bytes, limits: Self.envelopeLimits)
        self.payload = try NitroAttestationPayload(decoding: envelope.payload)
    }
}
