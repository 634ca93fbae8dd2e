/// An error of the attestation and CMS code: a code that says which check failed, and a message.
///
/// Modelled on swift-certificates' error structs: equality and hashing compare ``code`` only, so
/// tests can assert the reason without depending on the wording of ``message``.
///
/// - Important: Messages name the failed check, never the document's, key's or plaintext's
///   bytes, so they are safe to log and to return to a caller.
struct CodedError<Reason: RawRepresentable & Hashable & Sendable>: Error, Sendable, Hashable, CustomStringConvertible
    where Reason.RawValue == String {
    typealias Code = Reason

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
