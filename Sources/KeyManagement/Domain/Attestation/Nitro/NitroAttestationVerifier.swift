import Crypto
import Foundation
import X509

/// Verifies AWS Nitro Enclaves attestation documents against one trusted root.
///
/// The checks follow AWS's "Verifying the root of trust" and RFC 9052, in order:
/// 1. the bytes parse as a COSE_Sign1 document with a well-formed payload;
/// 2. the protected header's `alg` is ES384 and it lists no critical headers;
/// 3. `cabundle[0]` is byte-for-byte the trusted root;
/// 4. `cabundle[0] → … → cabundle[n-1] → certificate` validates at `now` under RFC 5280, every
///    certificate carrying a P-384 key and an ecdsa-with-SHA384 signature;
/// 5. the COSE signature verifies with the leaf certificate's key.
struct NitroAttestationVerifier: Sendable {
    /// The root that `cabundle[0]` must equal.
    let trustAnchor: NitroTrustAnchor

    init(trustAnchor: NitroTrustAnchor) {
        self.trustAnchor = trustAnchor
    }

    /// RFC 9053 §2.1, Table 1: "ES384 | -35 | ECDSA w/ SHA-384".
    static let es384: Int64 = -35

    /// Verifies `bytes` and returns its fields.
    ///
    /// - Parameter now: The time at which every certificate in the chain must be valid. It comes
    ///   from the caller's clock so that tests can pin it.
    /// - Important: The document's own `timestamp` is returned, not checked: freshness and nonce
    ///   policies belong to the caller.
    func verify(_ bytes: [UInt8], now: Date) async throws(AttestationError) -> VerifiedNitroAttestation {
        let document = try NitroAttestationDocument(decoding: bytes)
        try Self.requireES384(document.envelope)
        try requireRootFirst(document.payload.caBundle)
        let chain = try NitroCertificateChain(payload: document.payload)
        try await chain.validate(trustAnchor: trustAnchor, now: now)
        try Self.verifySignature(of: document.envelope, with: chain.leaf)
        return VerifiedNitroAttestation(payload: document.payload, signingCertificate: chain.leaf)
    }

    /// RFC 9052 §3.1: "alg: This parameter is used to indicate the algorithm used for the security
    /// processing. This parameter MUST be authenticated where the ability to do so exists."
    static func requireES384(_ envelope: COSESign1) throws(AttestationError) {
        guard envelope.protectedAlgorithm == es384 else {
            throw AttestationError(.unsupportedAlgorithm, "protected header alg is not ES384 (-35)")
        }
        guard !envelope.hasCriticalHeaders else {
            throw AttestationError(.unsupportedAlgorithm, "protected header lists critical parameters")
        }
    }

    private func requireRootFirst(_ caBundle: [[UInt8]]) throws(AttestationError) {
        guard caBundle.first == trustAnchor.derEncoded else {
            throw AttestationError(.untrustedRoot, "cabundle[0] is not the trusted root certificate")
        }
    }

    /// RFC 9053 §2.1: the signature is "the concatenation of r and s", each as long as the key,
    /// so 96 bytes for P-384; the message digest is SHA-384 of the `Sig_structure`.
    static func verifySignature(of envelope: COSESign1, with leaf: Certificate) throws(AttestationError) {
        guard let key = P384.Signing.PublicKey(leaf.publicKey) else {
            throw AttestationError(.invalidCertificateChain, "the signing certificate's key is not P-384")
        }
        guard envelope.signature.count == 96,
            let signature = try? P384.Signing.ECDSASignature(rawRepresentation: envelope.signature),
            key.isValidSignature(signature, for: envelope.signatureStructure)
        else {
            throw AttestationError(.invalidSignature, "the COSE_Sign1 signature does not verify")
        }
    }
}
