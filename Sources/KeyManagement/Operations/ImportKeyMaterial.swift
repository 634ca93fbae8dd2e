import Foundation
import ServiceCalls

/// Imports the key material of a key of origin EXTERNAL (a 256-bit key, an HMAC key, or an
/// asymmetric private key in PKCS #8), wrapped under the public key of a GetParametersForImport
/// response; the key becomes Enabled. Only the material first imported can
/// ever be imported again (`IncorrectKeyMaterialException`).
public enum ImportKeyMaterial: KMSOperation {
    public static let name = "ImportKeyMaterial"

    /// "The value of this parameter must be a timestamp between 10 minutes and 365 days in the
    /// future." (KMS API reference, ImportKeyMaterial, ValidTo)
    static let validToRange: ClosedRange<TimeInterval> = 600...(365 * 86_400)

    public static func perform(_ input: ImportKeyMaterialRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> ImportKeyMaterialResponse {
        let authorized = try kms.authorizedKey(input.keyId, accepting: .keyOnly, for: "kms:ImportKeyMaterial", context: context)
        try kms.requireExternalOrigin(authorized)
        if input.importType == .newKeyMaterial { throw KMSError.unsupported("Importing new key material for on-demand rotation") }
        let model = input.expirationModel ?? .keyMaterialExpires
        let now = kms.now
        switch (model, input.validTo) {
        case (.keyMaterialExpires, nil):
            throw KMSError(.validation, "A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES")
        case (.keyMaterialDoesNotExpire, .some):
            throw KMSError(.validation, "A validTo date must not be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE")
        case (.keyMaterialExpires, .some(let validTo)):
            guard validToRange.contains(validTo.timeIntervalSince(now)) else {
                throw KMSError(.validation, "The ValidTo date must be between 10 minutes and 365 days in the future.")
            }
        case (.keyMaterialDoesNotExpire, nil):
            break
        }
        try authorized.state.require(.management, keyARN: authorized.arn)
        let material = try kms.unwrapImportedMaterial(input, for: authorized)
        let fingerprint = kms.fingerprint(of: material)
        let key = try await kms.ring.write { state throws(KMSError) in
            guard var key = state.keys[authorized.id] else { throw KMSError.keyNotFound(authorized.arn) }
            try key.state.require(.management, keyARN: key.arn)
            if let previous = key.imported, previous.fingerprint != fingerprint {
                throw KMSError(.incorrectKeyMaterial,
                               "The key material is not the key material that was previously imported into \(key.arn).")
            }
            if let requested = input.keyMaterialId, requested != key.materialID(version: key.currentMaterialVersion) {
                throw KMSError(.incorrectKeyMaterial, "Key material \(requested) does not belong to \(key.arn).")
            }
            let wasMissing = key.imported?.present != true
            key.imported = ImportedKeyMaterial(fingerprint: fingerprint, expirationModel: model, validTo: input.validTo,
                                               present: true)
            if key.state == .pendingImport { key.state = .enabled }
            let newMaterial = wasMissing ? KeyMaterial(keyID: key.id, version: key.currentMaterialVersion, key: material) : nil
            return (key, [.putKey(key, newMaterial: newMaterial)])
        }
        return ImportKeyMaterialResponse(keyId: key.arn, keyMaterialId: key.metadata.currentKeyMaterialId)
    }
}
