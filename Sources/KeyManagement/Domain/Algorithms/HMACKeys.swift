import AWSWire
import Crypto
import Foundation

/// The MACs of HMAC KMS keys (HMAC_224/256/384/512; the key is the spec's bit size / 8 bytes).
///
/// HMAC_SHA_224 runs swift-crypto's HMAC over ``SHA224``.
public enum HMACKeys {
    /// The HMAC (RFC 2104) of `message` under `key`, as GenerateMac returns it.
    public static func mac(_ message: Data, key: SymmetricKey, algorithm: MacAlgorithmSpec) -> Data {
        switch algorithm {
        case .hmacSha224: Data(HMAC<SHA224>.authenticationCode(for: message, using: key))
        case .hmacSha256: Data(HMAC<SHA256>.authenticationCode(for: message, using: key))
        case .hmacSha384: Data(HMAC<SHA384>.authenticationCode(for: message, using: key))
        case .hmacSha512: Data(HMAC<SHA512>.authenticationCode(for: message, using: key))
        }
    }

    /// Whether `mac` is the full MAC of `message`, compared in constant time so timing reveals
    /// nothing of how much of a forged MAC was right. A truncated MAC is not valid.
    public static func isValid(_ mac: Data, for message: Data, key: SymmetricKey, algorithm: MacAlgorithmSpec) -> Bool {
        ConstantTime.equal(Array(self.mac(message, key: key, algorithm: algorithm)), mac)
    }
}
