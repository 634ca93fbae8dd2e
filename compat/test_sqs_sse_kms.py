"""SSE-KMS as the reference documents it (shared/reference/sqs-key-management.md): the two IAM
policy examples work as printed (adapted to Arca's account, region, key and queue) and fail
without their KMS statement; the KMS calls SQS makes follow the data key reuse period per
principal, counted in the audit trail per principal and in /_arca/metrics per queue, and their
number matches the formula R = B / D * (2 * P + C)."""
from __future__ import annotations

import json
import re
import uuid

import pytest
import requests

import helpers
from helpers import DEFAULT_ACCOUNT, REGION, assert_error, clock, expect_error, make_client


def unique(prefix="sse"):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def user_with_policy(server, policy):
    """A new IAM user with `policy` as its only policy, and its SQS client."""
    return helpers.user_with_policy(server, policy, "sqs")


def producer_policy(key_arn, queue, with_kms=True):
    """"Allow a User to Send Single or Batched Messages to a Queue with SSE", as printed."""
    statements = [{"Effect": "Allow", "Action": ["kms:GenerateDataKey", "kms:Decrypt"], "Resource": key_arn}] if with_kms else []
    statements.append({"Effect": "Allow", "Action": ["sqs:SendMessage", "sqs:SendMessageBatch"],
                       "Resource": f"arn:aws:sqs:*:{DEFAULT_ACCOUNT}:{queue}"})
    return {"Version": "2012-10-17", "Statement": statements}


def consumer_policy(key_arn, queue, with_kms=True):
    """"Allow a User to Receive Messages from a Queue with SSE", as printed."""
    statements = [{"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": key_arn}] if with_kms else []
    statements.append({"Effect": "Allow", "Action": ["sqs:ReceiveMessage"], "Resource": f"arn:aws:sqs:*:{DEFAULT_ACCOUNT}:{queue}"})
    return {"Version": "2012-10-17", "Statement": statements}


def encrypted_queue(server, reuse_period=300):
    kms = make_client(server.endpoint, REGION, service="kms")
    key_arn = kms.create_key()["KeyMetadata"]["Arn"]
    name = unique("MyQueue")
    sqs = make_client(server.endpoint, REGION, service="sqs")
    url = sqs.create_queue(QueueName=name, Attributes={"KmsMasterKeyId": key_arn,
                                                       "KmsDataKeyReusePeriodSeconds": str(reuse_period)})["QueueUrl"]
    return key_arn, name, url


def test_the_reference_permission_examples_work_as_printed(server):
    key_arn, name, url = encrypted_queue(server)
    _, producer = user_with_policy(server, producer_policy(key_arn, name))
    _, consumer = user_with_policy(server, consumer_policy(key_arn, name))
    producer.send_message(QueueUrl=url, MessageBody="order 1")
    producer.send_message_batch(QueueUrl=url, Entries=[{"Id": "b", "MessageBody": "order 2"}])
    got = consumer.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    assert sorted(m["Body"] for m in got) == ["order 1", "order 2"]
    # Each policy grants its own side only.
    assert_error(expect_error(producer.receive_message, QueueUrl=url), "AccessDenied", status=403)
    assert_error(expect_error(consumer.send_message, QueueUrl=url, MessageBody="x"), "AccessDenied", status=403)
    # Without the KMS statement, SQS's KMS call as the user is refused, and SQS says so.
    _, bare_producer = user_with_policy(server, producer_policy(key_arn, name, with_kms=False))
    err = assert_error(expect_error(bare_producer.send_message, QueueUrl=url, MessageBody="x"), "KMS.AccessDeniedException")
    assert err["QueryErrorCode"] == "KmsAccessDenied"
    producer.send_message(QueueUrl=url, MessageBody="order 3")
    _, bare_consumer = user_with_policy(server, consumer_policy(key_arn, name, with_kms=False))
    assert_error(expect_error(bare_consumer.receive_message, QueueUrl=url), "KMS.AccessDeniedException")
    # What the refused receive took is visible again at once, not held for a visibility timeout.
    assert [m["Body"] for m in consumer.receive_message(QueueUrl=url)["Messages"]] == ["order 3"]


def kms_calls_in_trail(server, key_arn, queue_arn):
    """SQS's KMS calls for `queue_arn`, from the audit trail: (user name, event name) pairs."""
    trail = make_client(server.endpoint, REGION, service="cloudtrail")
    calls = []
    for page in trail.get_paginator("lookup_events").paginate(
            LookupAttributes=[{"AttributeKey": "ResourceName", "AttributeValue": key_arn}]):
        for event in page["Events"]:
            record = json.loads(event["CloudTrailEvent"])
            context = (record.get("requestParameters") or {}).get("encryptionContext")
            if context == {"aws:sqs:arn": queue_arn}:
                assert record["userIdentity"]["invokedBy"] == "sqs.amazonaws.com"
                calls.append((record["userIdentity"]["userName"], record["eventName"]))
    return calls


def metric_total(server, queue_arn):
    text = requests.get(server.endpoint + "/_arca/metrics", timeout=10).text
    pattern = re.compile(r'^arca_sqs_kms_requests_total\{queue="' + re.escape(queue_arn) + r'",operation="(\w+)",outcome="Success"\} (\d+)$', re.M)
    return {operation: int(count) for operation, count in pattern.findall(text)}


@pytest.mark.parametrize("producers", [1, 2])
def test_kms_calls_follow_the_cost_formula(clocked, producers):
    """Ten reuse periods of 60 s. One producer and one consumer make exactly 10 * (2*1 + 1) = 30 KMS
    calls, as the formula says. With two producers the consumer opens each producer's data key,
    so the real count is 10 * (2*2 + 2) = 60, above the formula's 10 * (2*2 + 1) = 50: "actual
    costs might be higher" (the reference)."""
    key_arn, name, url = encrypted_queue(clocked, reuse_period=60)
    queue_arn = f"arn:aws:sqs:{REGION}:{DEFAULT_ACCOUNT}:{name}"
    senders = [user_with_policy(clocked, producer_policy(key_arn, name)) for _ in range(producers)]
    consumer_name, consumer = user_with_policy(clocked, consumer_policy(key_arn, name) | {
        "Statement": consumer_policy(key_arn, name)["Statement"] + [
            {"Effect": "Allow", "Action": "sqs:DeleteMessage", "Resource": f"arn:aws:sqs:*:{DEFAULT_ACCOUNT}:{name}"}]})
    for period in range(10):
        for _, producer in senders:
            producer.send_message(QueueUrl=url, MessageBody=f"period {period}")
        received = []
        while len(received) < producers:
            received += consumer.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
        for message in received:
            consumer.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        clock(clocked, advance=60)
    calls = kms_calls_in_trail(clocked, key_arn, queue_arn)
    for producer_name, _ in senders:
        assert calls.count((producer_name, "GenerateDataKey")) == 10
        assert calls.count((producer_name, "Decrypt")) == 10
    assert calls.count((consumer_name, "Decrypt")) == 10 * producers
    assert len(calls) == {1: 30, 2: 60}[producers]
    assert metric_total(clocked, queue_arn) == {"GenerateDataKey": 10 * producers, "Decrypt": 20 * producers}
