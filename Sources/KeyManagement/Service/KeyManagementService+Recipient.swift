import AWSWire
import Foundation
import ServiceCalls

/// A caller inside an AWS Nitro enclave, proven by the attestation document of its `Recipient`.
///
/// "AWS KMS relies on the digital signature for the attestation document to prove that the public
/// key in the request came from a valid source. You cannot supply your own certificate to
/// digitally sign the attestation document." Then, "instead of returning plaintext data in the
/// response, these APIs encrypt the plaintext with the public key from the attestation document
/// and return ciphertext that can be decrypted only by the corresponding private key" (AWS KMS
/// Developer Guide, Cryptographic attestation support in AWS KMS).
struct AttestedRecipient: Sendable {
    let attestation: VerifiedNitroAttestation
    /// The enclave's public key (SubjectPublicKeyInfo) from the document.
    let publicKey: [UInt8]

    /// `CiphertextForRecipient`: `plaintext` in a CMS EnvelopedData (RFC 5652) to the enclave's
    /// key, RSAES-OAEP with SHA-256 ("The only valid encryption algorithm is RSAES_OAEP_SHA_256").
    func seal(_ plaintext: some Collection<UInt8>, randomBytes: (Int) -> [UInt8]) throws(KMSError) -> Data {
        do {
            return Data(try CMSEnvelopedData.encrypt(Array(plaintext), toRecipientPublicKey: publicKey,
                                                     randomBytes: randomBytes))
        } catch {
            throw KMSError(.kmsInternal, "The response could not be encrypted to the attested public key.")
        }
    }
}

extension KMSConditions {
    /// The condition keys of an attested request: `kms:RecipientAttestation:ImageSha384` (the
    /// enclave image's measurement, PCR0) and `kms:RecipientAttestation:PCR<n>` for each PCR of the
    /// document, in lowercase hex (AWS KMS condition keys for AWS Nitro Enclaves).
    func attested(by recipient: AttestedRecipient?) -> KMSConditions {
        guard let recipient else { return self }
        var conditions = self
        for (index, value) in recipient.attestation.pcrs {
            conditions = conditions.setting("kms:RecipientAttestation:PCR\(index)", Hex.lowercase(value))
        }
        if let image = recipient.attestation.pcrs[0] {
            conditions = conditions.setting("kms:RecipientAttestation:ImageSha384", Hex.lowercase(image))
        }
        return conditions
    }
}

extension KeyManagementService {
    /// Verifies a `Recipient`'s attestation document against the AWS Nitro Enclaves root: its
    /// COSE signature, its certificate chain at the current time, and that it carries the
    /// enclave's public key. A document no enclave signed (which is any a caller outside an
    /// enclave can send) is refused with `ValidationException`.
    ///
    /// The call's audit record names the enclave as CloudTrail does for attested requests:
    /// `additionalEventData.recipient` with the document's module id and image digest (PCR0).
    func attestedRecipient(_ recipient: RecipientInfo?, context: CallContext) async throws(KMSError) -> AttestedRecipient? {
        guard let recipient else { return nil }
        guard let document = recipient.attestationDocument else {
            throw KMSError(.validation, "The Recipient parameter requires an AttestationDocument.")
        }
        let verified: VerifiedNitroAttestation
        do {
            verified = try await attestationVerifier.verify(Array(document), now: now)
        } catch {
            throw KMSError(.validation, "The attestation document is not valid: \(error.message)")
        }
        guard let publicKey = verified.publicKey, (try? RecipientPublicKey(subjectPublicKeyInfo: publicKey)) != nil else {
            throw KMSError(.validation, "The attestation document has no RSA public key to encrypt the response to.")
        }
        var enclave: [String: JSONValue] = ["attestationDocumentModuleId": .string(verified.moduleID)]
        if let image = verified.pcrs[0] { enclave["attestationDocumentEnclaveImageDigest"] = .string(Hex.lowercase(image)) }
        context.notes.noteAdditionalEventData(.object(["recipient": .object(enclave)]))
        return AttestedRecipient(attestation: verified, publicKey: publicKey)
    }
}
