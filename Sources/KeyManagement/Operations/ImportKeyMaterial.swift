import Foundation
import ServiceCalls

/// Imports the key material of a key of origin EXTERNAL (a 256-bit key, an HMAC key, or an
/// asymmetric private key in PKCS #8), wrapped under the public key of a GetParametersForImport
/// response. The first material makes the key Enabled; a symmetric encryption key also takes new
/// material for its next on-demand rotation (`ImportType` NEW_KEY_MATERIAL), and any of its
/// materials can be imported again after it was deleted or expired (``KMSKey/importing(_:)``).
public enum ImportKeyMaterial: KMSOperation {
    public static let name = "ImportKeyMaterial"

    /// "The value of this parameter must be a timestamp between 10 minutes and 365 days in the
    /// future." (KMS API reference, ImportKeyMaterial, ValidTo)
    static let validToRange: ClosedRange<TimeInterval> = 600...(365 * 86_400)

    public static func perform(_ input: ImportKeyMaterialRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> ImportKeyMaterialResponse {
        let authorized = try kms.authorizedKey(input.keyId, accepting: .keyOnly, for: "kms:ImportKeyMaterial", context: context)
        try kms.requireExternalOrigin(authorized)
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
        let request = MaterialImport(fingerprint: kms.fingerprint(of: material.key), type: input.importType,
                                     keyMaterialId: input.keyMaterialId, description: input.keyMaterialDescription,
                                     expirationModel: model, validTo: input.validTo)
        let (key, version) = try await kms.ring.write { state throws(KMSError) in
            guard let key = state.keys[authorized.id] else { throw KMSError.keyNotFound(authorized.arn) }
            try key.state.require(.management, keyARN: key.arn)
            let outcome = try key.importing(request)
            let version = outcome.material.version
            var changes: [KMSChange] = [
                .putKey(outcome.key, newMaterial: outcome.storesMaterial ? material.material(of: key.id, version: version) : nil),
            ]
            if outcome.isNew { changes += state.sharingNewMaterial(outcome.material, of: outcome.key) }
            return ((outcome.key, version), changes)
        }
        // "Identifies the imported key material", for the symmetric encryption keys that have several.
        let materialID = key.keySpec == .symmetricDefault ? key.materialID(version: version) : nil
        return ImportKeyMaterialResponse(keyId: key.arn, keyMaterialId: materialID)
    }
}
