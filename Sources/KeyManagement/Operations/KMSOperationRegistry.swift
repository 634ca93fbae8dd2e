/// The one table from operation name to operation: every KMS operation Arca implements.
///
/// Operations of the service model that are not listed here answer
/// `UnsupportedOperationException` and are marked as missing in the README's coverage table.
public enum KMSOperationRegistry {
    public static let operations: [any KMSOperation.Type] = [
        CreateAlias.self,
        CreateGrant.self,
        CreateKey.self,
        Decrypt.self,
        DeleteAlias.self,
        DescribeKey.self,
        DisableKey.self,
        EnableKey.self,
        Encrypt.self,
        GenerateDataKey.self,
        GenerateDataKeyWithoutPlaintext.self,
        GenerateRandom.self,
        GetKeyPolicy.self,
        ListGrants.self,
        ListAliases.self,
        ListKeyPolicies.self,
        ListKeys.self,
        ListResourceTags.self,
        ListRetirableGrants.self,
        PutKeyPolicy.self,
        ReEncrypt.self,
        RetireGrant.self,
        RevokeGrant.self,
        TagResource.self,
        UntagResource.self,
        UpdateAlias.self,
        UpdateKeyDescription.self,
    ]
}
