"""AWS managed keys: `alias/aws/<service>` keys of the integrated services, created on first use
(DescribeKey of the predefined alias creates one, as on AWS), with a policy nobody can change and
yearly rotation."""
from helpers import (DEFAULT_ACCOUNT, assert_error, clock, events_for, expect_error, make_client)


def test_describing_the_predefined_alias_creates_the_key_once(kms_factory):
    kms = kms_factory(region="eu-west-1")
    key = kms.describe_key(KeyId="alias/aws/sqs")["KeyMetadata"]
    assert key["KeyManager"] == "AWS" and key["KeyState"] == "Enabled" and key["Origin"] == "AWS_KMS"
    assert key["Description"] == "Default key that protects my SQS messages when no other key is defined"
    assert kms.describe_key(KeyId="alias/aws/sqs")["KeyMetadata"]["KeyId"] == key["KeyId"]
    aliases = {a["AliasName"]: a for a in kms.list_aliases()["Aliases"]}
    assert aliases["alias/aws/sqs"]["TargetKeyId"] == key["KeyId"]
    assert key["KeyId"] in [k["KeyId"] for k in kms.list_keys(Limit=1000)["Keys"]]
    status = kms.get_key_rotation_status(KeyId=key["KeyId"])
    assert status["KeyRotationEnabled"] is True and status["RotationPeriodInDays"] == 365
    policy = kms.get_key_policy(KeyId=key["KeyId"], PolicyName="default")["Policy"]
    assert '"kms:ViaService" : "sqs.eu-west-1.amazonaws.com"' in policy
    assert_error(expect_error(kms.describe_key, KeyId="alias/aws/s3"), "NotFoundException")


def test_nobody_manages_or_uses_it_directly(kms_factory):
    kms = kms_factory(region="eu-west-2")
    key = kms.describe_key(KeyId="alias/aws/sns")["KeyMetadata"]
    assert key["Description"] == "Default key that protects my SNS data when no other key is defined"
    for call, kwargs in ((kms.encrypt, {"KeyId": "alias/aws/sns", "Plaintext": b"x"}),
                         (kms.put_key_policy, {"KeyId": key["KeyId"], "PolicyName": "default", "Policy": "{}"}),
                         (kms.disable_key, {"KeyId": key["KeyId"]}),
                         (kms.schedule_key_deletion, {"KeyId": key["KeyId"]}),
                         (kms.disable_key_rotation, {"KeyId": key["KeyId"]}),
                         (kms.rotate_key_on_demand, {"KeyId": key["KeyId"]}),
                         (kms.update_key_description, {"KeyId": key["KeyId"], "Description": "mine"})):
        assert_error(expect_error(call, **kwargs), "AccessDeniedException")
    for call, kwargs in ((kms.delete_alias, {"AliasName": "alias/aws/sns"}),
                         (kms.create_alias, {"AliasName": "alias/aws/mine", "TargetKeyId": key["KeyId"]})):
        assert_error(expect_error(call, **kwargs), "NotAuthorizedException")


def test_it_rotates_every_year(clocked):
    kms = make_client(clocked.endpoint, region="ap-south-1")
    key = kms.describe_key(KeyId="alias/aws/sqs")["KeyMetadata"]
    clock(clocked, advance=366 * 86_400)
    rotated = kms.describe_key(KeyId="alias/aws/sqs")["KeyMetadata"]
    assert rotated["CurrentKeyMaterialId"] != key["CurrentKeyMaterialId"]
    [event] = events_for(clocked, key["Arn"])
    assert event["detail-type"] == "KMS CMK Rotation" and event["account"] == DEFAULT_ACCOUNT
