/// Why an attestation document was rejected.
typealias AttestationError = CodedError<AttestationFailure>

/// The checks an attestation document can fail.
enum AttestationFailure: String, Sendable, Hashable, CaseIterable {
    /// The bytes are not well-formed CBOR of the accepted subset (RFC 8949).
    case malformedCBOR
    /// The CBOR is well formed but is not a COSE_Sign1 structure (RFC 9052 §4.2).
    case malformedCOSE
    /// The COSE payload is not a valid Nitro Enclaves attestation document payload.
    case malformedPayload
    /// The protected header names an algorithm other than ES384, or critical headers.
    case unsupportedAlgorithm
    /// The trust anchor handed to the verifier could not be parsed.
    case invalidTrustAnchor
    /// `cabundle[0]` is not byte-for-byte the trusted root certificate.
    case untrustedRoot
    /// The certificate chain does not validate at the given time.
    case invalidCertificateChain
    /// The COSE signature does not verify with the leaf certificate's key.
    case invalidSignature
}
