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
        case .sm2: throw KMSError.unsupported("The SM2 wrapping key spec")
        }
        if algorithm == .sm2pke { throw KMSError.unsupported("The SM2PKE wrapping algorithm") }
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
    /// unwrap under the token's private key to 256 bits.
    func unwrapImportedMaterial(_ request: ImportKeyMaterialRequest, for key: KMSKey) throws(KMSError) -> SymmetricKey {
        let token = try ImportToken.open(request.importToken, with: importTokenKey)
        guard token.keyID == key.id else { throw .invalidImportToken }
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
        guard material.count == 32 else {
            throw KMSError(.incorrectKeyMaterial, "The key material of a SYMMETRIC_DEFAULT key must be 256 bits.")
        }
        return SymmetricKey(data: material)
    }

    /// The fingerprint that ties a key to its imported material.
    func fingerprint(of material: SymmetricKey) -> String {
        material.withUnsafeBytes { ImportedKeyMaterial.fingerprint(of: Array($0), key: materialFingerprintKey) }
    }
}
