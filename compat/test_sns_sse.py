"""SSE on topics as the reference documents it (shared/reference/sns-key-management.txt): on
Publish, SNS gets a data key from Arca's KMS as the publisher (`kms:ViaService =
sns.<region>.amazonaws.com`, encryption context `{"aws:sns:topicArn": <topic>}`), verifies it with
Decrypt, and reuses it for 5 minutes per publisher; the reference's publisher policy works as
printed and fails without its KMS statement; KMS failures reach the publisher as the reference's
errors; the number of KMS calls follows R = B / D * (2 * P) on the test clock."""
from __future__ import annotations

import json
import re
import uuid

import pytest
import requests

from helpers import DEFAULT_ACCOUNT, REGION, assert_error, clock, expect_error, make_client, user_with_policy


def unique(prefix="sse"):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def publisher_policy(key_arn, topic_name, with_kms=True):
    """The reference's publisher policy, as printed (adapted to Arca's account and the key)."""
    statements = [{"Effect": "Allow", "Action": ["kms:GenerateDataKey*", "kms:Decrypt"], "Resource": key_arn}] if with_kms else []
    statements.append({"Effect": "Allow", "Action": ["sns:Publish"], "Resource": f"arn:aws:sns:*:{DEFAULT_ACCOUNT}:{topic_name}"})
    return {"Statement": statements}


def publisher(server, policy):
    """A new IAM user with `policy` as its only policy, and its SNS client."""
    return user_with_policy(server, policy, "sns", prefix="publisher")


def encrypted_topic(server, key_id=None):
    kms = make_client(server.endpoint, REGION, service="kms")
    key_arn = key_id or kms.create_key()["KeyMetadata"]["Arn"]
    name = unique("MyTopic")
    sns = make_client(server.endpoint, REGION, service="sns")
    topic = sns.create_topic(Name=name, Attributes={"KmsMasterKeyId": key_arn})["TopicArn"]
    return key_arn, name, topic


def kms_calls(server, key_arn, topic_arn):
    """SNS's KMS calls for `topic_arn`, from the audit trail: (user name, event name) pairs."""
    trail = make_client(server.endpoint, REGION, service="cloudtrail")
    calls = []
    for page in trail.get_paginator("lookup_events").paginate(
            LookupAttributes=[{"AttributeKey": "ResourceName", "AttributeValue": key_arn}]):
        for event in page["Events"]:
            record = json.loads(event["CloudTrailEvent"])
            if (record.get("requestParameters") or {}).get("encryptionContext") == {"aws:sns:topicArn": topic_arn}:
                assert record["userIdentity"]["invokedBy"] == "sns.amazonaws.com"
                assert record["sourceIPAddress"] == "sns.amazonaws.com"
                calls.append((record["userIdentity"].get("userName"), record["eventName"]))
    return calls


def test_the_reference_publisher_policy_works_as_printed(server):
    key_arn, name, topic = encrypted_topic(server)
    _, allowed = publisher(server, publisher_policy(key_arn, name))
    assert allowed.publish(TopicArn=topic, Message="order 1")["MessageId"]
    _, bare = publisher(server, publisher_policy(key_arn, name, with_kms=False))
    assert_error(expect_error(bare.publish, TopicArn=topic, Message="order 2"), "KMSAccessDenied",
                 "The ciphertext references a key that doesn't exist or that you don't have access to.")


def test_kms_errors_reach_the_publisher(clocked):
    kms = make_client(clocked.endpoint, REGION, service="kms")
    sns = make_client(clocked.endpoint, REGION, service="sns")
    key_arn, _, topic = encrypted_topic(clocked)
    sns.publish(TopicArn=topic, Message="first")
    kms.disable_key(KeyId=key_arn)
    # "Amazon SNS reuses a data key for up to 5 minutes": the cached key serves until then.
    sns.publish(TopicArn=topic, Message="cached")
    clock(clocked, advance=301)
    assert_error(expect_error(sns.publish, TopicArn=topic, Message="refused"), "KMSDisabled",
                 "The request was rejected because the specified KMS isn't enabled.")
    kms.enable_key(KeyId=key_arn)
    kms.schedule_key_deletion(KeyId=key_arn, PendingWindowInDays=7)
    assert_error(expect_error(sns.publish, TopicArn=topic, Message="pending deletion"), "KMSInvalidState")
    missing = sns.create_topic(Name=unique("missing"), Attributes={"KmsMasterKeyId": "alias/does-not-exist"})["TopicArn"]
    assert_error(expect_error(sns.publish, TopicArn=missing, Message="x"), "KMSNotFound",
                 "The request was rejected because the specified entity or resource can't be found.")
    # alias/aws/sns makes the AWS managed key on first use.
    managed = sns.create_topic(Name=unique("managed"), Attributes={"KmsMasterKeyId": "alias/aws/sns"})["TopicArn"]
    sns.publish(TopicArn=managed, Message="x")
    assert kms.describe_key(KeyId="alias/aws/sns")["KeyMetadata"]["KeyManager"] == "AWS"


@pytest.mark.parametrize("publishers", [1, 3])
def test_kms_calls_follow_the_cost_formula(clocked, publishers):
    """R = B / D * (2 * P): over B = 3,000 s with D = 300 s, each of P publishers costs one
    GenerateDataKey and one Decrypt per period — 20 * P calls, publishing twice a period."""
    key_arn, name, topic = encrypted_topic(clocked)
    senders = [publisher(clocked, publisher_policy(key_arn, name)) for _ in range(publishers)]
    for period in range(10):
        for _, sender in senders:
            sender.publish(TopicArn=topic, Message=f"period {period}")
            sender.publish(TopicArn=topic, Message=f"period {period}, again")
        clock(clocked, advance=300)
    calls = kms_calls(clocked, key_arn, topic)
    assert len(calls) == 3_000 // 300 * (2 * publishers)
    for sender_name, _ in senders:
        assert calls.count((sender_name, "GenerateDataKey")) == 10 and calls.count((sender_name, "Decrypt")) == 10
    text = requests.get(clocked.endpoint + "/_arca/metrics", timeout=10).text
    counted = dict(re.findall(r'^arca_sns_kms_requests_total\{topic="' + re.escape(topic)
                              + r'",operation="(\w+)",outcome="Success"\} (\d+)$', text, re.M))
    assert counted == {"GenerateDataKey": str(10 * publishers), "Decrypt": str(10 * publishers)}


def test_a_publisher_allowed_by_the_keys_alias(server):
    """The reference's alias note: with `kms:ResourceAliases` in the publisher's policy, the
    topic's key must have the alias — the KMS decides SNS's calls with the key's aliases."""
    kms = make_client(server.endpoint, REGION, service="kms")
    key_arn, name, topic = encrypted_topic(server)
    alias = f"alias/{unique('orders')}"
    policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["kms:GenerateDataKey*", "kms:Decrypt"], "Resource": "*",
         "Condition": {"ForAnyValue:StringEquals": {"kms:ResourceAliases": alias}}},
        {"Effect": "Allow", "Action": ["sns:Publish"], "Resource": f"arn:aws:sns:*:{DEFAULT_ACCOUNT}:{name}"}]}
    _, sender = publisher(server, policy)
    assert_error(expect_error(sender.publish, TopicArn=topic, Message="no alias yet"), "KMSAccessDenied")
    kms.create_alias(AliasName=alias, TargetKeyId=key_arn)
    assert sender.publish(TopicArn=topic, Message="through the alias")["MessageId"]
