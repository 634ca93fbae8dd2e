import Crypto
import Foundation
import _CryptoExtras

extension KeyManagementService {
    /// Refuses import operations on keys whose material KMS generated.
    func requireExternalOrigin(_ key: KMSKey) throws(KMSError) {
        guard key.origin == .external else {
            throw KMSError(.unsupportedOperation, "\(key.arn) origin is \(key.origin.rawValue) which is not valid for this operation.")
        }
    }

    /// A new RSA wrapping key pair and the sealed import token that carries its private half.
    func importParameters(for key: KMSKey, algorithm: AlgorithmSpec,
                          wrappingKeySpec: WrappingKeySpec) throws(KMSError) -> (token: Data, publicKey: Data, validTo: Date) {
        let size: _RSA.Signing.KeySize
        switch wrappingKeySpec {
        case .rsa2048: size = .bits2048
        case .rsa3072: size = .bits3072
        case .rsa4096: size = .bits4096
        case .sm2: throw KMSError.chinaRegionsOnly("WrappingKeySpec SM2", in: key.scope.region)
        }
        if algorithm == .sm2pke { throw KMSError.chinaRegionsOnly("WrappingAlgorithm SM2PKE", in: key.scope.region) }
        let privateKey: _RSA.Encryption.PrivateKey
        do {
            privateKey = try _RSA.Encryption.PrivateKey(keySize: size)
        } catch {
            throw KMSError(.kmsInternal, "The wrapping key could not be generated.")
        }
        let validTo = now.addingTimeInterval(ImportToken.validity)
        let token = ImportToken(keyID: key.id, algorithm: algorithm, wrappingKeySpec: wrappingKeySpec,
                                validTo: validTo, privateKey: privateKey)
        return (try token.seal(with: importTokenKey, nonce: dependencies.randomBytes(12)),
                privateKey.publicKey.derRepresentation, validTo)
    }

    /// The key material an ImportKeyMaterial request carries, checked against its token and key:
    /// the token must be one Arca issued for this key and not have expired, and the material must
    /// unwrap under the token's private key to material of the key's spec
    /// (``importedMaterial(_:for:)``).
    func unwrapImportedMaterial(_ request: ImportKeyMaterialRequest, for key: KMSKey) throws(KMSError) -> ImportedSecret {
        let token = try ImportToken.open(request.importToken, with: importTokenKey, for: key.id)
        guard now <= token.validTo else {
            throw KMSError(.expiredImportToken, "The import token expired; call GetParametersForImport for a new one.")
        }
        var material: [UInt8]
        do {
            material = try ImportKeyUnwrap.unwrap(Array(request.encryptedKeyMaterial), algorithm: token.algorithm,
                                                  privateKey: token.privateKey)
        } catch {
            throw .invalidCiphertext
        }
        defer { material.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) } }
        return try importedMaterial(material, for: key)
    }

    /// Checks unwrapped material against the key's spec, as "Requirements for imported key
    /// material" (AWS KMS Developer Guide) puts it: 256 bits for a symmetric encryption key; for an
    /// HMAC key, at least the spec's length and at most the hash's block size (HMAC_224 and
    /// HMAC_256 28 or 32 to 64 bytes, HMAC_384 and HMAC_512 48 or 64 to 128 bytes); for an
    /// asymmetric key, its private key in DER-encoded PKCS #8, kept in the form Arca writes, so
    /// a reimport of the same key in another encoding is still the same material.
    func importedMaterial(_ material: [UInt8], for key: KMSKey) throws(KMSError) -> ImportedSecret {
        let spec = key.keySpec
        if spec.isAsymmetric {
            guard let privateKey = try? AsymmetricPrivateKey(spec: spec, pkcs8DER: material) else {
                throw KMSError(.incorrectKeyMaterial, "The key material is not a DER-encoded PKCS #8 private key of key spec \(spec.rawValue).")
            }
            return ImportedSecret(key: SymmetricKey(data: privateKey.pkcs8DER), privateKey: privateKey)
        }
        if let shortest = spec.hmacKeyByteCount {
            let longest = shortest <= 32 ? 64 : 128
            guard (shortest...longest).contains(material.count) else {
                throw KMSError(.incorrectKeyMaterial,
                               "The key material of an \(spec.rawValue) key must be \(shortest) to \(longest) bytes long.")
            }
            return ImportedSecret(key: SymmetricKey(data: material))
        }
        guard material.count == 32 else {
            throw KMSError(.incorrectKeyMaterial, "The key material of a SYMMETRIC_DEFAULT key must be 256 bits.")
        }
        return ImportedSecret(key: SymmetricKey(data: material))
    }

    /// Unwrapped material as a key stores it, with an asymmetric key's private key already parsed.
    struct ImportedSecret {
        var key: SymmetricKey
        var privateKey: AsymmetricPrivateKey?

        func material(of keyID: KeyID, version: UInt32) -> KeyMaterial {
            var material = KeyMaterial(keyID: keyID, version: version, key: key)
            material.privateKey = privateKey
            return material
        }
    }

    /// The fingerprint that ties a key to its imported material.
    func fingerprint(of material: SymmetricKey) -> String {
        material.withUnsafeBytes { ImportedKeyMaterial.fingerprint(of: Array($0), key: materialFingerprintKey) }
    }
}
