import Foundation
import X509

/// The fields of an attestation document whose signature and certificate chain have verified.
///
/// ``NitroAttestationVerifier`` creates these once every check has passed.
///
/// - Important: Construct one nowhere else: code that receives a value relies on it meaning
///   "verified against the trust anchor".
struct VerifiedNitroAttestation: Sendable, Hashable {
    /// The issuing Nitro hypervisor module, e.g. `i-0123…-enc0123…`.
    let moduleID: String
    /// When the document was created, in milliseconds since the UNIX epoch, as signed.
    let timestampMilliseconds: UInt64
    /// The PCR measurements by index (SHA-384, 48 bytes each in practice).
    let pcrs: [Int: [UInt8]]
    /// The enclave's DER public key (SubjectPublicKeyInfo), if it supplied one.
    let publicKey: [UInt8]?
    /// Additional signed data chosen by the enclave.
    let userData: [UInt8]?
    /// The nonce chosen by the enclave.
    let nonce: [UInt8]?
    /// The leaf certificate whose key signed the document.
    let signingCertificate: Certificate

    /// ``timestampMilliseconds`` as a `Date`.
    var timestamp: Date {
        Date(timeIntervalSince1970: TimeInterval(timestampMilliseconds) / 1000)
    }

    init(payload: NitroAttestationPayload, signingCertificate: Certificate) {
        self.moduleID = payload.moduleID
        self.timestampMilliseconds = payload.timestampMilliseconds
        self.pcrs = payload.pcrs
        self.publicKey = payload.publicKey
        self.userData = payload.userData
        self.nonce = payload.nonce
        self.signingCertificate = signingCertificate
    }
}
