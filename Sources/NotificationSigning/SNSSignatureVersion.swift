/// A topic's `SignatureVersion`: the hash SNS signs its messages' strings to sign with.
///
/// "SignatureVersion1 – Uses an SHA1 hash of the message. SignatureVersion2 – Uses an SHA256 hash
/// of the message." Either way the signature is RSA with PKCS#1 v1.5 padding ("a Base64-encoded
/// SHA1withRSA [or SHA256withRSA] signature"), and "By default, SignatureVersion is set to 1."
/// (Amazon SNS Developer Guide, "Verifying the signatures of Amazon SNS messages" and
/// "HTTP/HTTPS notification JSON format".)
public enum SNSSignatureVersion: String, Codable, CaseIterable, Sendable {
    /// SHA1withRSA.
    case v1 = "1"
    /// SHA256withRSA.
    case v2 = "2"
}
