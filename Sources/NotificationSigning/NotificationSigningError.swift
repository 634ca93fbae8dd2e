/// Why a string to sign could not be built, or a signing key could not be made, loaded or used.
///
/// Equality compares only ``code``: the message is for people, the code for programs. Messages
/// name fields and types, never a field's value or any key material.
public struct NotificationSigningError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// `Type` is absent or not one of ``SNSMessageType``.
        case unknownMessageType
        /// A field the message's type signs is absent.
        case missingField
        /// A signed field is present but empty, which the AWS SDKs' verifiers disagree on.
        case emptyField
        /// A field another type signs is present, so some verifiers would sign it and others not.
        case unexpectedField
        /// The stored private key or certificate does not load, or they do not belong together.
        case invalidKey
        /// Generating the key or certificate, or signing, failed in the cryptographic library.
        case cryptographicFailure
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    init(_ code: Code, _ message: String) {
        self.init(code: code, message: message)
    }

    public var description: String { "\(code.rawValue): \(message)" }

    public static func == (lhs: NotificationSigningError, rhs: NotificationSigningError) -> Bool {
        lhs.code == rhs.code
    }
}
