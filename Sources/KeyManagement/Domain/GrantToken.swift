import Crypto
import Foundation

/// A grant token: a signed reference to one grant, returned by CreateGrant.
///
/// "A grant token is not a secret. The grant token contains information about who the grant is
/// for" (kms-developer-guide.md, Grant Tokens); the API reference calls it a "signed and encrypted
/// string value that contains all of the information needed to create the grant". Arca's grants
/// take effect at once, so a token confers nothing by itself: it must only be one Arca issued
/// (else `InvalidGrantTokenException`), and RetireGrant can name a grant by it.
///
/// Layout, base64: `version(1) | grant id(32) | key ARN length(2, big-endian) | key ARN |
/// nonce(16) | HMAC-SHA256(32)` over everything before the tag. The nonce makes "the returned
/// grant token … unique with every CreateGrant request, even when a duplicate GrantId is
/// returned" (KMS API reference, CreateGrant).
public struct GrantToken: Sendable, Equatable {
    static let version: UInt8 = 1
    static let nonceLength = 16
    static let tagLength = 32

    public var grantID: GrantID
    public var keyARN: String

    public init(grantID: GrantID, keyARN: String) {
        self.grantID = grantID
        self.keyARN = keyARN
    }

    /// The token text, signed with `signingKey`.
    public func encoded(signingKey: SymmetricKey, nonce: [UInt8]) -> String {
        precondition(nonce.count == Self.nonceLength, "a grant token nonce is 16 bytes")
        let arn = Array(keyARN.utf8)
        var bytes: [UInt8] = [Self.version]
        bytes += grantID.bytes
        bytes += [UInt8(arn.count >> 8), UInt8(arn.count & 0xFF)]
        bytes += arn
        bytes += nonce
        bytes += HMAC<SHA256>.authenticationCode(for: bytes, using: signingKey)
        return Data(bytes).base64EncodedString()
    }

    /// Reads a token Arca signed with `signingKey`; `nil` for anything else, including a token
    /// whose signature does not verify (checked in constant time).
    public init?(_ text: String, signingKey: SymmetricKey) {
        guard let data = Data(base64Encoded: text) else { return nil }
        let bytes = [UInt8](data)
        let fixed = 1 + 32 + 2 + Self.nonceLength + Self.tagLength
        guard bytes.count > fixed, bytes[0] == Self.version else { return nil }
        let arnLength = Int(bytes[33]) << 8 | Int(bytes[34])
        guard bytes.count == fixed + arnLength else { return nil }
        let signed = bytes[..<(bytes.count - Self.tagLength)]
        let tag = bytes[(bytes.count - Self.tagLength)...]
        guard HMAC<SHA256>.isValidAuthenticationCode(tag, authenticating: signed, using: signingKey),
              let arn = String(validating: bytes[35..<(35 + arnLength)], as: UTF8.self) else { return nil }
        self.grantID = GrantID(bytes: Array(bytes[1..<33]))
        self.keyARN = arn
    }
}
