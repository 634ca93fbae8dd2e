import Crypto
import Foundation
import _CryptoExtras

/// The import token of GetParametersForImport: which key, wrapping algorithm and wrapping key it
/// belongs to, until when, and the wrapping private key itself — sealed with AES-GCM under a key
/// derived from the root key. Nothing is stored: the token carries what ImportKeyMaterial needs,
/// and the private key exists unwrapped only in memory.
///
/// "The public key and import token from the same response must be used together … they are
/// valid for 24 hours" (KMS API reference, GetParametersForImport).
struct ImportToken {
    static let validity: TimeInterval = 24 * 3600
    static let formatVersion: UInt8 = 2
    static let associatedData = Array("arca-import-token-v2".utf8)

    var keyID: KeyID
    var algorithm: AlgorithmSpec
    var wrappingKeySpec: WrappingKeySpec
    var validTo: Date
    var privateKey: _RSA.Encryption.PrivateKey

    /// `[version][nonce 12][AES-GCM of: validTo ms u64 BE, algorithm u8, spec u8, private key DER][tag 16]`,
    /// authenticating the key's ``KeyID/storageID`` too, which names the copy of a multi-Region key.
    func seal(with key: SymmetricKey, nonce: [UInt8]) throws(KMSError) -> Data {
        var plaintext: [UInt8] = []
        // A date before 1970 or beyond what 64 bits of milliseconds hold seals as 0: long expired.
        let millis = UInt64(exactly: (validTo.timeIntervalSince1970 * 1000).rounded(.down)) ?? 0
        withUnsafeBytes(of: millis.bigEndian) { plaintext.append(contentsOf: $0) }
        plaintext.append(UInt8(AlgorithmSpec.allCases.firstIndex(of: algorithm)!))
        plaintext.append(UInt8(WrappingKeySpec.allCases.firstIndex(of: wrappingKeySpec)!))
        plaintext.append(contentsOf: privateKey.derRepresentation)
        do {
            let sealed = try AES.GCM.seal(plaintext, using: key, nonce: AES.GCM.Nonce(data: nonce),
                                          authenticating: Self.associatedData(for: keyID))
            return Data([Self.formatVersion]) + Data(nonce) + sealed.ciphertext + sealed.tag
        } catch {
            throw KMSError(.kmsInternal, "The import token could not be sealed.")
        }
    }

    /// Opens a token issued for `keyID`; anything that is not a token Arca sealed for that key is
    /// `InvalidImportTokenException`.
    static func open(_ token: Data, with key: SymmetricKey, for keyID: KeyID) throws(KMSError) -> ImportToken {
        let bytes = Array(token)
        guard bytes.count > 1 + 12 + 16 + 10, bytes[0] == formatVersion else { throw .invalidImportToken }
        let plaintext: [UInt8]
        do {
            let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: bytes[1..<13]), ciphertext: bytes[13..<(bytes.count - 16)],
                                            tag: bytes[(bytes.count - 16)...])
            plaintext = Array(try AES.GCM.open(box, using: key, authenticating: associatedData(for: keyID)))
        } catch {
            throw .invalidImportToken
        }
        guard plaintext.count > 10,
              Int(plaintext[8]) < AlgorithmSpec.allCases.count, Int(plaintext[9]) < WrappingKeySpec.allCases.count,
              let privateKey = try? _RSA.Encryption.PrivateKey(derRepresentation: plaintext[10...]) else {
            throw .invalidImportToken
        }
        let millis = plaintext[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return ImportToken(keyID: keyID,
                           algorithm: AlgorithmSpec.allCases[Int(plaintext[8])],
                           wrappingKeySpec: WrappingKeySpec.allCases[Int(plaintext[9])],
                           validTo: Date(timeIntervalSince1970: TimeInterval(millis) / 1000), privateKey: privateKey)
    }

    private static func associatedData(for keyID: KeyID) -> [UInt8] {
        associatedData + Array(keyID.storageID.utf8)
    }
}

extension KMSError {
    static let invalidImportToken = KMSError(.invalidImportToken, "The import token is invalid or does not belong to this KMS key.")
}
