import ArcaTestSupport
import Testing
@testable import KeyManagement

/// An account in Arca has no custom key stores: the operations answer as AWS does when the store,
/// cluster or endpoint service named does not exist, after IAM authorization.
@Suite struct CustomKeyStoreTests {
    static let allowDescribe = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:DescribeCustomKeyStores","Resource":"*"}]}"#

    @Test func thereAreNoStoresToDescribe() async throws {
        let harness = try await KMSTestHarness()
        let listed = try await harness.call(DescribeCustomKeyStores.self, DescribeCustomKeyStoresRequest())
        #expect(listed.customKeyStores == [] && listed.truncated == false && listed.nextMarker == nil)
        await expectKMSError(.customKeyStoreNotFound, message: "Custom key store cks-1234567890abcdef0 does not exist.") {
            try await harness.call(DescribeCustomKeyStores.self, DescribeCustomKeyStoresRequest(customKeyStoreId: "cks-1234567890abcdef0"))
        }
        await expectKMSError(.customKeyStoreNotFound) {
            try await harness.call(DescribeCustomKeyStores.self, DescribeCustomKeyStoresRequest(customKeyStoreName: "hsm"))
        }
        await expectKMSError(.invalidMarker) {
            try await harness.call(DescribeCustomKeyStores.self, DescribeCustomKeyStoresRequest(marker: "bm90LWEtbWFya2Vy"))
        }
    }

    @Test func everyStoreNamedIsNotFound() async throws {
        let harness = try await KMSTestHarness()
        let id = "cks-1234567890abcdef0"
        await expectKMSError(.customKeyStoreNotFound) {
            try await harness.call(ConnectCustomKeyStore.self, ConnectCustomKeyStoreRequest(customKeyStoreId: id))
        }
        await expectKMSError(.customKeyStoreNotFound) {
            try await harness.call(DisconnectCustomKeyStore.self, DisconnectCustomKeyStoreRequest(customKeyStoreId: id))
        }
        await expectKMSError(.customKeyStoreNotFound) {
            try await harness.call(DeleteCustomKeyStore.self, DeleteCustomKeyStoreRequest(customKeyStoreId: id))
        }
        await expectKMSError(.customKeyStoreNotFound) {
            try await harness.call(UpdateCustomKeyStore.self, UpdateCustomKeyStoreRequest(customKeyStoreId: id, newCustomKeyStoreName: "x"))
        }
    }

    @Test func creatingAStoreNeedsAClusterOrEndpointServiceThatDoesNotExist() async throws {
        let harness = try await KMSTestHarness()
        await expectKMSError(.cloudHsmClusterNotFound) {
            try await harness.call(CreateCustomKeyStore.self, CreateCustomKeyStoreRequest(
                customKeyStoreName: "hsm", cloudHsmClusterId: "cluster-2a23b4cdefg", trustAnchorCertificate: "cert",
                keyStorePassword: "kmsPswd1"))
        }
        await expectKMSError(.validation) {
            try await harness.call(CreateCustomKeyStore.self, CreateCustomKeyStoreRequest(customKeyStoreName: "hsm"))
        }
        let credential = XksProxyAuthenticationCredentialType(accessKeyId: "ABCDEFGHIJKLMNOPQRST234567",
                                                              rawSecretAccessKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH=")
        await expectKMSError(.xksProxyVpcEndpointServiceNotFound) {
            try await harness.call(CreateCustomKeyStore.self, CreateCustomKeyStoreRequest(
                customKeyStoreName: "xks", customKeyStoreType: .externalKeyStore,
                xksProxyUriEndpoint: "https://xks.example.com", xksProxyUriPath: "/kms/xks/v1",
                xksProxyVpcEndpointServiceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
                xksProxyAuthenticationCredential: credential, xksProxyConnectivity: .vpcEndpointService))
        }
        await expectKMSError(.unsupportedOperation) {
            try await harness.call(CreateCustomKeyStore.self, CreateCustomKeyStoreRequest(
                customKeyStoreName: "xks", customKeyStoreType: .externalKeyStore,
                xksProxyUriEndpoint: "https://xks.example.com", xksProxyUriPath: "/kms/xks/v1",
                xksProxyAuthenticationCredential: credential, xksProxyConnectivity: .publicEndpoint))
        }
    }

    @Test func theOperationsNeedTheirIAMPermissionFirst() async throws {
        let harness = try await KMSTestHarness()
        let nobody = try KMSTestHarness.user("nobody")
        await expectKMSError(.accessDenied) {
            try await harness.call(DescribeCustomKeyStores.self, DescribeCustomKeyStoresRequest(), as: nobody)
        }
        await expectKMSError(.accessDenied) {
            try await harness.call(ConnectCustomKeyStore.self, ConnectCustomKeyStoreRequest(customKeyStoreId: "cks-1"), as: nobody)
        }
        let reader = try KMSTestHarness.user("reader", policies: [Self.allowDescribe])
        #expect(try await harness.call(DescribeCustomKeyStores.self, DescribeCustomKeyStoresRequest(), as: reader).customKeyStores == [])
        await expectKMSError(.accessDenied) {
            try await harness.call(DeleteCustomKeyStore.self, DeleteCustomKeyStoreRequest(customKeyStoreId: "cks-1"), as: reader)
        }
    }
}
