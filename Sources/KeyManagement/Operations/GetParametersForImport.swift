import ServiceCalls

/// Returns a fresh RSA public key to wrap key material with and the import token that goes with
/// it, both valid for 24 hours, for a key of origin EXTERNAL.
public enum GetParametersForImport: KMSOperation {
    public static let name = "GetParametersForImport"

    public static func perform(_ input: GetParametersForImportRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> GetParametersForImportResponse {
        let key = try kms.authorizedKey(input.keyId, accepting: .keyOnly, for: "kms:GetParametersForImport", context: context)
        try kms.requireExternalOrigin(key)
        try key.state.require(.management, keyARN: key.arn)
        let parameters = try kms.importParameters(for: key, algorithm: input.wrappingAlgorithm,
                                                  wrappingKeySpec: input.wrappingKeySpec)
        return GetParametersForImportResponse(keyId: key.arn, importToken: parameters.token,
                                              publicKey: parameters.publicKey, parametersValidTo: parameters.validTo)
    }
}
