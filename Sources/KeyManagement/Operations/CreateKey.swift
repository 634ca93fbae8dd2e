import Foundation
import ServiceCalls

/// Creates a KMS key with fresh key material: symmetric, asymmetric (RSA, elliptic curves,
/// Ed25519, ML-DSA-65 and -87) or HMAC, of the usage its spec allows.
public enum CreateKey: KMSOperation {
    public static let name = "CreateKey"

    public static func perform(_ input: CreateKeyRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> CreateKeyResponse {
        try kms.authorizeByIdentity("kms:CreateKey", conditions: .creatingKey(input),
                                    context: context)
        if input.keySpec != nil, input.customerMasterKeySpec != nil {
            throw KMSError(.validation, "You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.")
        }
        let keySpec = input.keySpec ?? input.customerMasterKeySpec.flatMap { KeySpec(rawValue: $0.rawValue) } ?? .symmetricDefault
        if keySpec != .symmetricDefault, input.keyUsage == nil {
            throw KMSError(.validation, "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.")
        }
        let keyUsage = input.keyUsage ?? .encryptDecrypt
        guard keySpec.keyUsages.contains(keyUsage) else {
            throw KMSError(.validation, "KeyUsage \(keyUsage.rawValue) is not compatible with KeySpec \(keySpec.rawValue)")
        }
        guard keySpec.isSupported else { throw KMSError.chinaRegionsOnly("KeySpec \(keySpec.rawValue)", in: context.region) }
        if let customKeyStoreId = input.customKeyStoreId {
            throw KMSError(.customKeyStoreNotFound, "Custom key store \(customKeyStoreId) does not exist.")
        }
        if input.xksKeyId != nil {
            throw KMSError(.validation, "XksKeyId can be specified only for keys in an external key store.")
        }
        let origin = input.origin ?? .awsKms
        // "set this value to AWS_CLOUDHSM. You must also use the CustomKeyStoreId parameter to
        // identify the CloudHSM key store" (KMS API reference, CreateKey); with one, it was not found above.
        if origin == .awsCloudhsm || origin == .externalKeyStore {
            throw KMSError(.validation, "Origin \(origin.rawValue) requires a CustomKeyStoreId.")
        }
        let multiRegion = input.multiRegion == true
        let tags = input.tags ?? []
        try TagRules.validate(tags)
        let scope = context.scope
        let uuid = KeyID(kms.dependencies.uuid())!
        // "Multi-Region key IDs begin with mrk-" (KMS API reference, CreateKey, MultiRegion).
        let id = multiRegion ? KeyID(multiRegionBytes: uuid.bytes, region: scope.region) : uuid
        if let policy = input.policy {
            try kms.checkKeyPolicy(policy, keyARN: scope.keyARN(id),
                                   bypassLockoutCheck: input.bypassPolicyLockoutSafetyCheck ?? false, context: context)
        }
        let key = KMSKey(id: id, scope: scope, creationDate: kms.now, description: input.description ?? "",
                         keyUsage: keyUsage, keySpec: keySpec, origin: origin, keyManager: .customer,
                         // "A CMK with no key material is in the pending import state" (kms-developer-guide.md).
                         state: origin == .external ? .pendingImport : .enabled,
                         policy: input.policy ?? DefaultKeyPolicy.document(for: scope.account), tags: tags,
                         currentMaterialVersion: 1,
                         multiRegion: multiRegion ? MultiRegionCopies(primaryRegion: scope.region) : nil)
        let material = origin == .external ? nil : try await kms.newMaterial(for: keySpec, keyID: id)
        let quota = kms.resourceQuotas(scope.account).keys
        try await kms.ring.write { state throws(KMSError) in
            guard state.customerKeyCount(in: scope) < quota else {
                throw KMSError(.limitExceeded, "The request was rejected because the account \(scope.account) already has "
                               + "the maximum of \(quota) KMS keys in \(scope.region).")
            }
            return ((), [.putKey(key, newMaterial: material)])
        }
        context.notes.used(key.auditResource)
        return CreateKeyResponse(keyMetadata: key.metadata)
    }
}
