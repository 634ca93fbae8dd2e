"""Custom key stores: an account in Arca has none, and the operations answer as AWS does when the
store, CloudHSM cluster or VPC endpoint service named does not exist."""
import pytest

from helpers import assert_error, expect_error, make_client

CREDENTIAL = {"AccessKeyId": "ABCDEFGHIJKLMNOPQRST234567",
              "RawSecretAccessKey": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH="}


@pytest.fixture
def kms(server):
    return make_client(server.endpoint)


def test_describe_lists_no_stores_and_finds_none_by_id_or_name(kms):
    listed = kms.describe_custom_key_stores()
    assert listed["CustomKeyStores"] == [] and listed["Truncated"] is False
    for selector in ({"CustomKeyStoreId": "cks-1234567890abcdef0"}, {"CustomKeyStoreName": "ExampleKeyStore"}):
        assert_error(expect_error(kms.describe_custom_key_stores, **selector), "CustomKeyStoreNotFoundException")


@pytest.mark.parametrize("operation,extra", [
    ("connect_custom_key_store", {}), ("disconnect_custom_key_store", {}), ("delete_custom_key_store", {}),
    ("update_custom_key_store", {"NewCustomKeyStoreName": "renamed"}),
])
def test_every_operation_on_a_named_store_finds_none(kms, operation, extra):
    resp = expect_error(getattr(kms, operation), CustomKeyStoreId="cks-1234567890abcdef0", **extra)
    assert_error(resp, "CustomKeyStoreNotFoundException", "Custom key store cks-1234567890abcdef0 does not exist.")


def test_creating_a_store_finds_no_cluster_or_endpoint_service(kms):
    resp = expect_error(kms.create_custom_key_store, CustomKeyStoreName="ExampleKeyStore",
                        CloudHsmClusterId="cluster-234abcdefABC", TrustAnchorCertificate="-----BEGIN CERTIFICATE-----",
                        KeyStorePassword="kmsPswd1")
    assert_error(resp, "CloudHsmClusterNotFoundException")
    resp = expect_error(kms.create_custom_key_store, CustomKeyStoreName="ExampleXKS", CustomKeyStoreType="EXTERNAL_KEY_STORE",
                        XksProxyUriEndpoint="https://xks.example.com", XksProxyUriPath="/kms/xks/v1",
                        XksProxyVpcEndpointServiceName="com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
                        XksProxyConnectivity="VPC_ENDPOINT_SERVICE", XksProxyAuthenticationCredential=CREDENTIAL)
    assert_error(resp, "XksProxyVpcEndpointServiceNotFoundException")
    resp = expect_error(kms.create_key, CustomKeyStoreId="cks-1234567890abcdef0")
    assert_error(resp, "CustomKeyStoreNotFoundException")
