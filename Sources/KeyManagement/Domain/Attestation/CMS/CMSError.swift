/// Why a plaintext could not be encrypted to a recipient as CMS EnvelopedData.
///
/// Equality compares ``code`` only. Messages never include key or plaintext bytes.
struct CMSError: Error, Sendable, Hashable, CustomStringConvertible {
    enum Code: String, Sendable, Hashable, CaseIterable {
        /// The recipient key is not a DER SubjectPublicKeyInfo holding an RSA key of 2048 bits or more.
        case invalidRecipientKey
        /// The injected random source returned the wrong number of bytes.
        case randomSourceFailed
        /// A cryptographic primitive failed.
        case encryptionFailed
    }

    var code: Code
    var message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { "\(code.rawValue): \(message)" }

    static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }

    func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
