@_spi(FixedExpiryValidationTime) import X509
import Crypto
import Foundation

/// The certificates of an attestation document, leaf first, ready for path validation.
struct NitroCertificateChain: Sendable {
    /// The document's `certificate`, whose key signs the COSE message.
    let leaf: Certificate
    /// The document's `cabundle`, root first, as AWS orders it: "[ROOT_CERT, INTERM_1, INTERM_2, ...]".
    let caBundle: [Certificate]

    /// Parses the payload's DER certificates.
    init(payload: NitroAttestationPayload) throws(AttestationError) {
        self.leaf = try Self.parse(payload.certificate)
        var bundle: [Certificate] = []
        for der in payload.caBundle { bundle.append(try Self.parse(der)) }
        self.caBundle = bundle
    }

    /// The expected validated path, leaf to root.
    var expectedPath: [Certificate] { [leaf] + caBundle.reversed() }

    /// Validates the chain with swift-certificates' `Verifier` under RFC 5280 at `now`.
    ///
    /// `Verifier` builds a path on its own; the path it finds must then be exactly the bundle's
    /// order, so a bundle that skips, repeats or reorders certificates is rejected even when some
    /// other path through the same certificates would validate.
    func validate(trustAnchor: NitroTrustAnchor, now: Date) async throws(AttestationError) {
        try requireP384Everywhere()
        try requireKeyUsage()
        var verifier = Verifier(rootCertificates: CertificateStore([trustAnchor.certificate])) {
            RFC5280Policy(fixedExpiryValidationTime: now)
        }
        let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore(caBundle.dropFirst()))
        guard case .validCertificate(let path) = result else {
            throw AttestationError(.invalidCertificateChain, "the certificate chain does not validate at the given time")
        }
        guard Array(path) == expectedPath else {
            throw AttestationError(.invalidCertificateChain, "the validated path is not the cabundle order")
        }
    }

    /// Nitro's PKI is ECDSA P-384 with SHA-384 throughout; anything else is not AWS's.
    private func requireP384Everywhere() throws(AttestationError) {
        for certificate in expectedPath {
            guard certificate.signatureAlgorithm == .ecdsaWithSHA384,
                P384.Signing.PublicKey(certificate.publicKey) != nil
            else {
                throw AttestationError(.invalidCertificateChain, "a certificate is not ECDSA P-384 with SHA-384")
            }
        }
    }

    /// swift-certificates' RFC 5280 policy deliberately does not police key usage, so it is done
    /// here. RFC 5280 §4.2.1.3: "The keyCertSign bit is asserted when the subject public key is
    /// used for verifying signatures on public key certificates"; the leaf signs the document, so
    /// it needs digitalSignature. An absent extension places no restriction.
    private func requireKeyUsage() throws(AttestationError) {
        guard Self.keyUsage(of: leaf, allows: \.digitalSignature),
            caBundle.allSatisfy({ Self.keyUsage(of: $0, allows: \.keyCertSign) })
        else {
            throw AttestationError(.invalidCertificateChain, "a certificate's key usage forbids its role in the chain")
        }
    }

    private static func keyUsage(of certificate: Certificate, allows bit: KeyPath<KeyUsage, Bool>) -> Bool {
        do {
            guard let usage = try certificate.extensions.keyUsage else { return true }
            return usage[keyPath: bit]
        } catch {
            return false
        }
    }

    private static func parse(_ der: [UInt8]) throws(AttestationError) -> Certificate {
        do {
            return try Certificate(derEncoded: der)
        } catch {
            throw AttestationError(.invalidCertificateChain, "a certificate is not DER X.509")
        }
    }
}
