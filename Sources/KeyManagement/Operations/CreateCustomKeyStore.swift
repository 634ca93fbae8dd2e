import ServiceCalls

/// CreateCustomKeyStore answers as AWS does where the backing resource does not exist: an AWS
/// CloudHSM key store needs "an active CloudHSM cluster" (`CloudHsmClusterNotFoundException`
/// when none has that id), an external key store with VPC endpoint service connectivity needs
/// that service (`XksProxyVpcEndpointServiceNotFoundException`). An external key store with a
/// public endpoint would have Arca call the proxy, which it does not do:
/// `UnsupportedOperationException`.
public enum CreateCustomKeyStore: KMSOperation {
    public static let name = "CreateCustomKeyStore"

    public static func perform(_ input: CreateCustomKeyStoreRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> CreateCustomKeyStoreResponse {
        try kms.authorizeByIdentity("kms:CreateCustomKeyStore", context: context)
        switch input.customKeyStoreType ?? .awsCloudhsm {
        case .awsCloudhsm:
            guard let cluster = input.cloudHsmClusterId, input.trustAnchorCertificate != nil, input.keyStorePassword != nil else {
                throw KMSError(.validation, "An AWS_CLOUDHSM custom key store requires CloudHsmClusterId, "
                               + "TrustAnchorCertificate and KeyStorePassword.")
            }
            throw KMSError(.cloudHsmClusterNotFound, "AWS CloudHSM cluster \(cluster) was not found.")
        case .externalKeyStore:
            guard input.xksProxyUriEndpoint != nil, input.xksProxyUriPath != nil,
                  input.xksProxyAuthenticationCredential != nil, let connectivity = input.xksProxyConnectivity else {
                throw KMSError(.validation, "An EXTERNAL_KEY_STORE custom key store requires XksProxyUriEndpoint, "
                               + "XksProxyUriPath, XksProxyAuthenticationCredential and XksProxyConnectivity.")
            }
            switch connectivity {
            case .vpcEndpointService:
                guard let service = input.xksProxyVpcEndpointServiceName else {
                    throw KMSError(.validation, "XksProxyVpcEndpointServiceName is required for VPC_ENDPOINT_SERVICE connectivity.")
                }
                throw KMSError(.xksProxyVpcEndpointServiceNotFound, "VPC endpoint service \(service) was not found.")
            case .publicEndpoint:
                throw KMSError.unsupported("An external key store with a public endpoint")
            }
        }
    }
}
