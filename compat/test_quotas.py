"""Resource quotas of the guide's Limits page, configurable per account: keys and aliases per
account and region, grants per key and per grantee (the test account has 2 keys, 1 alias, 3 grants
per key and 2 per grantee; others the reference's 1000, 1100, 2500 and 30)."""
from helpers import DEFAULT_ACCOUNT, QUOTA_ACCOUNT, QUOTA_ROOT_KEY, assert_error, expect_error, make_client


def test_keys_and_aliases_per_account_and_region(server):
    kms = make_client(server.endpoint, region="sa-east-1", access_key=QUOTA_ROOT_KEY[0], secret_key=QUOTA_ROOT_KEY[1])
    first = kms.create_key()["KeyMetadata"]["KeyId"]
    second = kms.create_key()["KeyMetadata"]["KeyId"]
    kms.schedule_key_deletion(KeyId=second)  # keys pending deletion still count
    resp = expect_error(kms.create_key)
    assert_error(resp, "LimitExceededException",
                 f"The request was rejected because the account {QUOTA_ACCOUNT} already has the maximum of 2 KMS keys in sa-east-1.")
    # AWS managed keys do not count.
    assert kms.describe_key(KeyId="alias/aws/sqs")["KeyMetadata"]["KeyManager"] == "AWS"
    kms.create_alias(AliasName="alias/only-one", TargetKeyId=first)
    resp = expect_error(kms.create_alias, AliasName="alias/one-too-many", TargetKeyId=first)
    assert_error(resp, "LimitExceededException")
    # Quotas are per region.
    elsewhere = make_client(server.endpoint, region="sa-east-2", access_key=QUOTA_ROOT_KEY[0], secret_key=QUOTA_ROOT_KEY[1])
    elsewhere.create_key()


def test_grants_per_key_and_per_grantee(server):
    kms = make_client(server.endpoint, region="ap-east-2", access_key=QUOTA_ROOT_KEY[0], secret_key=QUOTA_ROOT_KEY[1])
    key = kms.create_key()["KeyMetadata"]["Arn"]
    own, other = f"arn:aws:iam::{QUOTA_ACCOUNT}:root", f"arn:aws:iam::{DEFAULT_ACCOUNT}:root"
    first = kms.create_grant(KeyId=key, GranteePrincipal=own, Operations=["Encrypt"])["GrantId"]
    kms.create_grant(KeyId=key, GranteePrincipal=own, Operations=["Decrypt"])
    resp = expect_error(kms.create_grant, KeyId=key, GranteePrincipal=own, Operations=["Encrypt"])
    assert_error(resp, "LimitExceededException", f"{key} already has the maximum of 2 grants for grantee principal {own}.")
    kms.create_grant(KeyId=key, GranteePrincipal=other, Operations=["Encrypt"])
    resp = expect_error(kms.create_grant, KeyId=key, GranteePrincipal=other, Operations=["Decrypt"])
    assert_error(resp, "LimitExceededException", f"{key} already has the maximum of 3 grants.")
    # A revoked grant frees its place.
    kms.revoke_grant(KeyId=key, GrantId=first)
    kms.create_grant(KeyId=key, GranteePrincipal=other, Operations=["Decrypt"])
    assert len(kms.list_grants(KeyId=key)["Grants"]) == 3
