"""Resource quotas of the guide's Limits page, configurable per account: keys and aliases per
account and region (the test account has 2 keys and 1 alias; others the reference's 1000 and 1100)."""
from helpers import QUOTA_ACCOUNT, QUOTA_ROOT_KEY, assert_error, expect_error, make_client


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
