import Crypto
import Foundation

/// The binary form of a symmetric ciphertext blob.
///
/// `[format u8][key id 16][backing key version u32 BE][nonce 12][ciphertext][tag 16]`, sealed
/// with AES-256-GCM. The associated data is the 21-byte header (format, key id, version) followed
/// by the canonical encryption context, so changing any header byte, any ciphertext byte or any
/// context pair makes opening fail.
///
/// The format byte says what the key id is: 1 a UUID, 2 the id of a multi-Region key, whose
/// ciphertexts open under its copy in whichever region decrypts them ("you can encrypt data in
/// one AWS Region and decrypt it in a different AWS Region", AWS KMS Developer Guide,
/// Multi-Region keys).
public struct CiphertextEnvelope: Sendable, Equatable {
    public static let formatVersion: UInt8 = 1
    public static let multiRegionFormatVersion: UInt8 = 2
    static let headerLength = 1 + 16 + 4
    static let nonceLength = 12
    static let tagLength = 16
    /// The shortest valid blob: a header, a nonce and a tag around an empty ciphertext.
    public static let minimumLength = headerLength + nonceLength + tagLength

    public var keyID: KeyID
    public var materialVersion: UInt32

    public init(keyID: KeyID, materialVersion: UInt32) {
        self.keyID = keyID
        self.materialVersion = materialVersion
    }

    /// Reads the header of a blob without opening it; checks lengths before slicing. A
    /// multi-Region key's id names its copy in `region`, the region the blob is opened in.
    public init(parsing blob: some Collection<UInt8>, region: String) throws(KMSError) {
        let bytes = Array(blob)
        guard bytes.count >= Self.minimumLength else { throw .invalidCiphertext }
        switch bytes[0] {
        case Self.formatVersion: self.keyID = KeyID(uuidBytes: bytes[1..<17])
        case Self.multiRegionFormatVersion: self.keyID = KeyID(multiRegionBytes: bytes[1..<17], region: region)
        default: throw .invalidCiphertext
        }
        self.materialVersion = UInt32(bytes[17]) << 24 | UInt32(bytes[18]) << 16 | UInt32(bytes[19]) << 8 | UInt32(bytes[20])
    }

    var header: [UInt8] {
        var out: [UInt8] = [keyID.isMultiRegion ? Self.multiRegionFormatVersion : Self.formatVersion]
        out.reserveCapacity(Self.headerLength)
        out.append(contentsOf: keyID.bytes)
        out.append(UInt8(materialVersion >> 24))
        out.append(UInt8((materialVersion >> 16) & 0xFF))
        out.append(UInt8((materialVersion >> 8) & 0xFF))
        out.append(UInt8(materialVersion & 0xFF))
        return out
    }

    /// Encrypts plaintext under the backing key with a caller-supplied random nonce.
    public func seal(_ plaintext: some DataProtocol, with key: SymmetricKey, nonce: [UInt8],
                     context: [String: String]?) throws(KMSError) -> Data {
        let header = self.header
        do {
            let sealed = try AES.GCM.seal(plaintext, using: key, nonce: AES.GCM.Nonce(data: nonce),
                                          authenticating: header + EncryptionContext.canonicalBytes(context))
            var out = Data(capacity: Self.minimumLength + plaintext.count)
            out.append(contentsOf: header)
            out.append(contentsOf: nonce)
            out.append(sealed.ciphertext)
            out.append(sealed.tag)
            return out
        } catch {
            throw KMSError(.kmsInternal, "The ciphertext could not be sealed.")
        }
    }

    /// Decrypts a blob whose header is `self`; any mismatch is `InvalidCiphertextException`.
    public func open(_ blob: some Collection<UInt8>, with key: SymmetricKey,
                     context: [String: String]?) throws(KMSError) -> Data {
        let bytes = Array(blob)
        guard bytes.count >= Self.minimumLength else { throw .invalidCiphertext }
        let nonceEnd = Self.headerLength + Self.nonceLength
        let tagStart = bytes.count - Self.tagLength
        do {
            let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: bytes[Self.headerLength..<nonceEnd]),
                                            ciphertext: bytes[nonceEnd..<tagStart], tag: bytes[tagStart...])
            return try AES.GCM.open(box, using: key,
                                    authenticating: Array(bytes[0..<Self.headerLength]) + EncryptionContext.canonicalBytes(context))
        } catch {
            throw .invalidCiphertext
        }
    }
}
