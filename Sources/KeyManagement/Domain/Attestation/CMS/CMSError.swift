/// Why a plaintext could not be encrypted to a recipient as CMS EnvelopedData.
typealias CMSError = CodedError<CMSFailure>

/// The steps encrypting to a recipient can fail at.
enum CMSFailure: String, Sendable, Hashable, CaseIterable {
    /// The recipient key is not a DER SubjectPublicKeyInfo holding an RSA key of 2048 bits or more.
    case invalidRecipientKey
    /// The injected random source returned the wrong number of bytes.
    case randomSourceFailed
    /// A cryptographic primitive failed.
    case encryptionFailed
}
