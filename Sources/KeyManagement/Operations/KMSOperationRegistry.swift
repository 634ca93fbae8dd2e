import ServiceCalls

/// The one table from operation name to operation: every KMS operation Arca implements.
///
/// Operations of the service model that are not listed here answer
/// `UnsupportedOperationException` and are marked as missing in the README's coverage table.
public enum KMSOperationRegistry {
    public static let operations: [any ServiceOperation<KeyManagementService>.Type] = [
        CancelKeyDeletion.self,
        CreateAlias.self,
        CreateGrant.self,
        CreateKey.self,
        Decrypt.self,
        DeleteAlias.self,
        DeleteImportedKeyMaterial.self,
        DeriveSharedSecret.self,
        DescribeKey.self,
        DisableKey.self,
        DisableKeyRotation.self,
        EnableKey.self,
        EnableKeyRotation.self,
        Encrypt.self,
        GenerateDataKey.self,
        GenerateDataKeyWithoutPlaintext.self,
        GenerateMac.self,
        GenerateRandom.self,
        GetKeyLastUsage.self,
        GetKeyPolicy.self,
        GetKeyRotationStatus.self,
        GetParametersForImport.self,
        GetPublicKey.self,
        ImportKeyMaterial.self,
        ListAliases.self,
        ListGrants.self,
        ListKeyPolicies.self,
        ListKeyRotations.self,
        ListKeys.self,
        ListResourceTags.self,
        ListRetirableGrants.self,
        PutKeyPolicy.self,
        ReEncrypt.self,
        RetireGrant.self,
        RevokeGrant.self,
        RotateKeyOnDemand.self,
        ScheduleKeyDeletion.self,
        Sign.self,
        TagResource.self,
        UntagResource.self,
        UpdateAlias.self,
        UpdateKeyDescription.self,
        Verify.self,
        VerifyMac.self,
    ]
}
