import Crypto
import SwiftASN1
import _CryptoExtras

/// Builds the CMS EnvelopedData (RFC 5652 §6) that AWS KMS returns as `CiphertextForRecipient`:
/// the plaintext under a fresh AES-256-CBC key, that key wrapped with RSAES-OAEP (SHA-256,
/// MGF1-SHA-256) to the enclave's public key, for one `KeyTransRecipientInfo`.
///
/// An enclave opens it with, for example, `openssl cms -decrypt -inform DER -inkey key.pem`.
enum CMSEnvelopedData {
    /// The AES-256 key length in bytes.
    static let contentKeyLength = 32
    /// RFC 3565 §4.1: "AES-IV ::= OCTET STRING (SIZE(16))".
    static let ivLength = 16

    /// Encrypts `plaintext` to the RSA key in `recipientPublicKey` and returns the DER of a
    /// `ContentInfo` holding the `EnvelopedData`.
    ///
    /// - Parameters:
    ///   - recipientPublicKey: A DER SubjectPublicKeyInfo with an RSA key of at least 2048 bits.
    ///   - randomBytes: Returns that many cryptographically random bytes; it supplies the content
    ///     key and IV, so tests can make them deterministic.
    /// - Important: The RSAES-OAEP seed comes from BoringSSL's own generator, not `randomBytes`,
    ///   so the `encryptedKey` differs between runs even when `randomBytes` does not.
    static func encrypt(
        _ plaintext: [UInt8],
        toRecipientPublicKey recipientPublicKey: [UInt8],
        randomBytes: (Int) -> [UInt8]
    ) throws(CMSError) -> [UInt8] {
        let recipient = try RecipientPublicKey(subjectPublicKeyInfo: recipientPublicKey)
        let contentKey = try draw(contentKeyLength, from: randomBytes)
        let iv = try draw(ivLength, from: randomBytes)
        let encryptedContent = try encryptContent(plaintext, key: contentKey, iv: iv)
        let encryptedKey = try wrap(contentKey, to: recipient)
        let envelope = Envelope(
            subjectKeyIdentifier: recipient.subjectKeyIdentifier,
            encryptedKey: encryptedKey,
            iv: iv,
            encryptedContent: encryptedContent
        )
        do {
            var serializer = DER.Serializer()
            try serializer.serialize(ContentInfo(envelope: envelope))
            return serializer.serializedBytes
        } catch {
            throw CMSError(.encryptionFailed, "the EnvelopedData could not be DER-encoded")
        }
    }

    private static func draw(_ count: Int, from randomBytes: (Int) -> [UInt8]) throws(CMSError) -> [UInt8] {
        let bytes = randomBytes(count)
        guard bytes.count == count else {
            throw CMSError(.randomSourceFailed, "the random source returned \(bytes.count) bytes, not \(count)")
        }
        return bytes
    }

    /// AES-256-CBC with PKCS #7 padding (RFC 5652 §6.3: "the content MUST be padded").
    private static func encryptContent(_ plaintext: [UInt8], key: [UInt8], iv: [UInt8]) throws(CMSError) -> [UInt8] {
        do {
            let cbcIV = try AES._CBC.IV(ivBytes: iv)
            return Array(try AES._CBC.encrypt(plaintext, using: SymmetricKey(data: key), iv: cbcIV))
        } catch {
            throw CMSError(.encryptionFailed, "AES-256-CBC encryption failed")
        }
    }

    /// RSAES-OAEP with SHA-256 and MGF1-SHA-256 and an empty label.
    private static func wrap(_ contentKey: [UInt8], to recipient: RecipientPublicKey) throws(CMSError) -> [UInt8] {
        do {
            return Array(try recipient.rsaKey.encrypt(contentKey, padding: .PKCS1_OAEP_SHA256))
        } catch {
            throw CMSError(.encryptionFailed, "RSAES-OAEP encryption failed")
        }
    }
}
