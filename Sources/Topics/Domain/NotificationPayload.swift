import Crypto
import Foundation

/// A message body as SNS stores it until it is delivered (the outbox) or read (the local inbox).
///
/// A message of an encrypted topic is stored sealed ("the message body is stored encrypted until
/// delivered"): AES-256-GCM under the publisher's data key from the KMS, the delivery's message id
/// and subscription bound as associated data, with that data key wrapped under SNS's own key
/// (derived from the root key), so a restart can open it without asking the KMS again:
///
///     [1][wrapped key length u16 BE][wrapped key: nonce 12, key 32, tag 16][nonce 12][ciphertext][tag 16]
///
/// A message of a topic without SSE is stored as it is: `[0][body]`.
public enum NotificationPayload {
    static func plain(_ body: String) -> [UInt8] { [0] + Array(body.utf8) }

    /// Sealed under a fresh data key: what SNS keeps of a message that no KMS key protects.
    public static func seal(_ body: String, wrappingKey: SymmetricKey, binding: String,
                            randomBytes: (Int) -> [UInt8]) throws -> [UInt8] {
        try sealed(body, dataKey: SymmetricKey(data: randomBytes(32)), wrappingKey: wrappingKey, binding: binding, randomBytes: randomBytes)
    }

    static func sealed(_ body: String, dataKey: SymmetricKey, wrappingKey: SymmetricKey, binding: String,
                       randomBytes: (Int) -> [UInt8]) throws -> [UInt8] {
        let wrapped = try AES.GCM.seal(dataKey.withUnsafeBytes { Array($0) }, using: wrappingKey,
                                       nonce: AES.GCM.Nonce(data: randomBytes(12)), authenticating: Array("sns-outbox-key".utf8))
        let sealed = try AES.GCM.seal(Array(body.utf8), using: dataKey, nonce: AES.GCM.Nonce(data: randomBytes(12)),
                                      authenticating: Array(binding.utf8))
        let wrappedBytes = Array(wrapped.combined!)
        return [1, UInt8(wrappedBytes.count >> 8), UInt8(wrappedBytes.count & 0xFF)] + wrappedBytes + Array(sealed.combined!)
    }

    /// The body; nil when the payload does not open (damaged, or sealed under another key).
    public static func open(_ payload: [UInt8], wrappingKey: SymmetricKey, binding: String) -> String? {
        guard let format = payload.first else { return nil }
        if format == 0 { return String(decoding: payload.dropFirst(), as: UTF8.self) }
        guard format == 1, payload.count > 3 else { return nil }
        let length = Int(payload[1]) << 8 | Int(payload[2])
        guard payload.count >= 3 + length + 28 else { return nil }
        do {
            let wrapped = try AES.GCM.SealedBox(combined: Array(payload[3..<(3 + length)]))
            let key = SymmetricKey(data: try AES.GCM.open(wrapped, using: wrappingKey, authenticating: Array("sns-outbox-key".utf8)))
            let sealed = try AES.GCM.SealedBox(combined: Array(payload[(3 + length)...]))
            return String(decoding: try AES.GCM.open(sealed, using: key, authenticating: Array(binding.utf8)), as: UTF8.self)
        } catch {
            return nil
        }
    }
}
