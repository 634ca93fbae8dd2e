"""SNS delivering into SQS queues, as on AWS: in-process, as the service principal
`sns.amazonaws.com` with `aws:SourceArn` = the topic and `aws:SourceAccount` = its account, so
the queue policy decides, and for an SSE-KMS queue the key policy decides SQS's KMS calls (the
reference's statement for event sources, with its confused-deputy condition). Notifications are
the envelope AWS delivers, signed; the signature is checked here with Python's `cryptography`
against the certificate Arca serves at `SigningCertURL`, from a string to sign built here from the
documented layout, never by Arca. Refused deliveries go to the subscription's dead-letter queue,
are counted by topic, subscription and reason, and are logged with the error code."""
from __future__ import annotations

import base64
import hashlib
import json
import re
import uuid
from urllib.parse import urlparse

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from helpers import DEFAULT_ACCOUNT, OTHER_ACCOUNT, OTHER_ROOT_KEY, REGION, assert_error, expect_error, make_client


def client(server, service, access_key="test", secret_key="test"):
    return make_client(server.endpoint, REGION, access_key, secret_key, service=service)


@pytest.fixture(scope="module")
def sns(server):
    return client(server, "sns")


@pytest.fixture(scope="module")
def sqs(server):
    return client(server, "sqs")


def unique(prefix="sns"):
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def queue(sqs, name=None, policy_for_topic=None, **attributes):
    """A queue, and its ARN; with a policy that lets `sns.amazonaws.com` send for `policy_for_topic`."""
    name = name or unique("q")
    url = sqs.create_queue(QueueName=name, Attributes={k: str(v) for k, v in attributes.items()})["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    if policy_for_topic:
        sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": sns_may_send(arn, policy_for_topic)})
    return url, arn


def sns_may_send(queue_arn, topic_arn):
    """The queue policy AWS documents for an SNS subscription ("Sending Amazon SNS messages to an
    Amazon SQS queue"): the service principal, with the topic as `aws:SourceArn`."""
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": queue_arn,
        "Condition": {"ArnEquals": {"aws:SourceArn": topic_arn}}}]})


def receive(sqs, url, **kwargs):
    return sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1, MaxNumberOfMessages=10, **kwargs).get("Messages", [])


def string_to_sign(message):
    """The documented layout ("Verifying the signatures of Amazon SNS messages"): for a
    notification, Message, MessageId, Subject (if present), Timestamp, TopicArn and Type, each name
    and value followed by a newline."""
    keys = ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
    return "".join(f"{k}\n{message[k]}\n" for k in keys if k in message).encode()


def verify_signature(message):
    pem = requests.get(message["SigningCertURL"], timeout=10)
    assert pem.status_code == 200
    certificate = x509.load_pem_x509_certificate(pem.content)
    digest = {"1": hashes.SHA1(), "2": hashes.SHA256()}[message["SignatureVersion"]]
    certificate.public_key().verify(base64.b64decode(message["Signature"]), string_to_sign(message), padding.PKCS1v15(), digest)


def metrics(server):
    return requests.get(server.endpoint + "/_arca/metrics", timeout=10).text


def test_a_notification_reaches_a_queue_signed(server, sns, sqs):
    topic = sns.create_topic(Name=unique("topic"))["TopicArn"]
    url, arn = queue(sqs, policy_for_topic=topic)
    subscription = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)["SubscriptionArn"]
    published = sns.publish(TopicArn=topic, Message="This is a test message", Subject="greeting",
                            MessageAttributes={"attr1": {"DataType": "Number", "StringValue": "99.12"}})
    [received] = receive(sqs, url)
    body = json.loads(received["Body"])
    assert list(body) == ["Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion", "Signature",
                          "SigningCertURL", "UnsubscribeURL", "MessageAttributes"]
    assert body["Type"] == "Notification" and body["MessageId"] == published["MessageId"]
    assert body["TopicArn"] == topic and body["Message"] == "This is a test message" and body["Subject"] == "greeting"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", body["Timestamp"])
    assert body["MessageAttributes"] == {"attr1": {"Type": "Number", "Value": "99.12"}}
    assert body["UnsubscribeURL"].endswith(f"/?Action=Unsubscribe&SubscriptionArn={subscription}")
    verify_signature(body)
    # A changed field no longer verifies.
    with pytest.raises(Exception):
        verify_signature({**body, "Message": "This is another message"})
    # SignatureVersion 2 signs with SHA-256.
    sns.set_topic_attributes(TopicArn=topic, AttributeName="SignatureVersion", AttributeValue="2")
    sns.publish(TopicArn=topic, Message="second")
    [second] = receive(sqs, url)
    second_body = json.loads(second["Body"])
    assert second_body["SignatureVersion"] == "2"
    verify_signature(second_body)


def test_raw_delivery_and_filter_policies(server, sns, sqs):
    topic = sns.create_topic(Name=unique("topic"))["TopicArn"]
    url, arn = queue(sqs, policy_for_topic=topic)
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn, Attributes={
        "RawMessageDelivery": "true", "FilterPolicy": json.dumps({"type": ["created"], "price": [{"numeric": [">", 0, "<=", 100]}]})})
    sns.publish(TopicArn=topic, Message="skipped", MessageAttributes={"type": {"DataType": "String", "StringValue": "deleted"},
                                                                      "price": {"DataType": "Number", "StringValue": "5"}})
    sns.publish(TopicArn=topic, Message="kept", MessageAttributes={"type": {"DataType": "String", "StringValue": "created"},
                                                                   "price": {"DataType": "Number", "StringValue": "99.12"}})
    [received] = receive(sqs, url, MessageAttributeNames=["All"])
    # Raw: the message itself, and its attributes as SQS message attributes (botocore checks their MD5).
    assert received["Body"] == "kept"
    assert received["MessageAttributes"] == {"type": {"DataType": "String", "StringValue": "created"},
                                             "price": {"DataType": "Number", "StringValue": "99.12"}}


def test_a_filter_policy_on_the_message_body(server, sns, sqs):
    topic = sns.create_topic(Name=unique("topic"))["TopicArn"]
    url, arn = queue(sqs, policy_for_topic=topic)
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn, Attributes={
        "RawMessageDelivery": "true", "FilterPolicyScope": "MessageBody",
        "FilterPolicy": json.dumps({"order": {"status": [{"prefix": "ship"}]}})})
    for status in ["shipped", "cancelled"]:
        sns.publish(TopicArn=topic, Message=json.dumps({"order": {"status": status}}))
    assert [json.loads(m["Body"])["order"]["status"] for m in receive(sqs, url)] == ["shipped"]


def test_without_the_queue_policy_nothing_arrives_and_the_refusal_is_visible(server, sns, sqs):
    topic = sns.create_topic(Name=unique("topic"))["TopicArn"]
    url, arn = queue(sqs)
    dead_url, dead_arn = queue(sqs, policy_for_topic=topic)
    subscription = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)["SubscriptionArn"]
    # Publish succeeds, as on AWS; the delivery does not.
    sns.publish(TopicArn=topic, Message="lost")
    assert receive(sqs, url) == []
    text = metrics(server)
    assert (f'arca_sns_deliveries_total{{topic="{topic}",subscription="{subscription}",outcome="failed",reason="AccessDenied"}} 1'
            in text), text[-2000:]
    assert "SNS delivery refused and not delivered" in server.log_tail(20000)
    # With a dead-letter queue the message is kept there.
    sns.set_subscription_attributes(SubscriptionArn=subscription, AttributeName="RedrivePolicy",
                                    AttributeValue=json.dumps({"deadLetterTargetArn": dead_arn}))
    sns.publish(TopicArn=topic, Message="kept")
    assert [json.loads(m["Body"])["Message"] for m in receive(sqs, dead_url)] == ["kept"]
    assert f'subscription="{subscription}",outcome="dead_lettered",reason="AccessDenied"}} 1' in metrics(server)
    # The documented queue policy lets it through.
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": sns_may_send(arn, topic)})
    sns.publish(TopicArn=topic, Message="delivered")
    assert [json.loads(m["Body"])["Message"] for m in receive(sqs, url)] == ["delivered"]


def test_a_queue_policy_for_another_topic_refuses_the_delivery(server, sns, sqs):
    """The confused deputy: the policy names `sns.amazonaws.com`, but for another topic."""
    topic = sns.create_topic(Name=unique("topic"))["TopicArn"]
    other = sns.create_topic(Name=unique("other"))["TopicArn"]
    url, arn = queue(sqs, policy_for_topic=other)
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)
    sns.publish(TopicArn=topic, Message="refused")
    assert receive(sqs, url) == []
    sns.subscribe(TopicArn=other, Protocol="sqs", Endpoint=arn)
    sns.publish(TopicArn=other, Message="allowed")
    assert [json.loads(m["Body"])["Message"] for m in receive(sqs, url)] == ["allowed"]


def key_policy(statements):
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{DEFAULT_ACCOUNT}:root"},
         "Action": "kms:*", "Resource": "*"}] + statements})


def test_an_encrypted_queue_needs_the_key_policy_for_sns(server, sns, sqs):
    """The reference's statement for event sources ("Configure KMS permissions for AWS services"),
    with its confused-deputy condition: SQS's KMS calls for the delivery are made as
    `sns.amazonaws.com`, so the key policy decides; without the statement nothing arrives."""
    kms = client(server, "kms")
    topic = sns.create_topic(Name=unique("topic"))["TopicArn"]
    key = kms.create_key(Policy=key_policy([]))["KeyMetadata"]["Arn"]
    url, arn = queue(sqs, policy_for_topic=topic, KmsMasterKeyId=key)
    subscription = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)["SubscriptionArn"]
    sns.publish(TopicArn=topic, Message="refused by the key policy")
    assert receive(sqs, url) == []
    assert f'subscription="{subscription}",outcome="failed",reason="KMS.AccessDeniedException"}} 1' in metrics(server)
    # A statement for another topic does not help (confused deputy).
    other = sns.create_topic(Name=unique("other"))["TopicArn"]
    statement = {"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": ["kms:GenerateDataKey", "kms:Decrypt"],
                 "Resource": "*", "Condition": {"ArnEquals": {"aws:SourceArn": [other]}}}
    kms.put_key_policy(KeyId=key, PolicyName="default", Policy=key_policy([statement]))
    sns.publish(TopicArn=topic, Message="refused again")
    assert receive(sqs, url) == []
    statement["Condition"]["ArnEquals"]["aws:SourceArn"] = [topic]
    kms.put_key_policy(KeyId=key, PolicyName="default", Policy=key_policy([statement]))
    sns.publish(TopicArn=topic, Message="delivered encrypted")
    assert [json.loads(m["Body"])["Message"] for m in receive(sqs, url)] == ["delivered encrypted"]
    # SQS's KMS call for the delivery is in the audit trail as the service principal.
    trail = client(server, "cloudtrail")
    records = [json.loads(e["CloudTrailEvent"]) for e in trail.lookup_events(
        LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "GenerateDataKey"}])["Events"]]
    mine = [r for r in records if (r.get("requestParameters") or {}).get("encryptionContext") == {"aws:sqs:arn": arn}
            and r.get("errorCode") is None]
    assert mine and mine[0]["userIdentity"]["type"] == "AWSService" and mine[0]["userIdentity"]["invokedBy"] == "sns.amazonaws.com"


def test_fifo_topic_to_fifo_queue(server, sns, sqs):
    topic = sns.create_topic(Name=unique("topic") + ".fifo", Attributes={"FifoTopic": "true"})["TopicArn"]
    url, arn = queue(sqs, unique("q") + ".fifo", policy_for_topic=topic, FifoQueue="true")
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)
    first = sns.publish(TopicArn=topic, Message="Test", MessageGroupId="message-group-id-1",
                        MessageDeduplicationId="message-deduplication-id-1")
    sns.publish(TopicArn=topic, Message="Test", MessageGroupId="message-group-id-1",
                MessageDeduplicationId="message-deduplication-id-1")
    [received] = receive(sqs, url, AttributeNames=["All"])
    # As recorded from AWS: group and deduplication ids passed on, the body unsigned with its sequence number.
    assert received["Attributes"]["MessageGroupId"] == "message-group-id-1"
    assert received["Attributes"]["MessageDeduplicationId"] == "message-deduplication-id-1"
    body = json.loads(received["Body"])
    assert list(body) == ["Type", "MessageId", "SequenceNumber", "TopicArn", "Message", "Timestamp", "UnsubscribeURL"]
    assert body["SequenceNumber"] == first["SequenceNumber"] and len(first["SequenceNumber"]) == 20
    assert_error(expect_error(sns.publish, TopicArn=topic, Message="x"), "InvalidParameter",
                 "Invalid parameter: The MessageGroupId parameter is required for FIFO topics")


def test_subscription_operations(server, sns, sqs):
    topic = sns.create_topic(Name=unique("topic"))["TopicArn"]
    _, arn = queue(sqs)
    subscription = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn, Attributes={"RawMessageDelivery": "true"})["SubscriptionArn"]
    attributes = sns.get_subscription_attributes(SubscriptionArn=subscription)["Attributes"]
    # As recorded from AWS.
    assert attributes == {"ConfirmationWasAuthenticated": "true", "Endpoint": arn, "Owner": DEFAULT_ACCOUNT,
                          "PendingConfirmation": "false", "Protocol": "sqs", "RawMessageDelivery": "true",
                          "SubscriptionArn": subscription, "SubscriptionPrincipal": f"arn:aws:iam::{DEFAULT_ACCOUNT}:root",
                          "TopicArn": topic}
    assert sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"] == [
        {"SubscriptionArn": subscription, "Owner": DEFAULT_ACCOUNT, "Protocol": "sqs", "Endpoint": arn, "TopicArn": topic}]
    assert subscription in [s["SubscriptionArn"] for s in sns.get_paginator("list_subscriptions").paginate().build_full_result()["Subscriptions"]]
    assert_error(expect_error(sns.subscribe, TopicArn=topic, Protocol="test-protocol", Endpoint=arn), "InvalidParameter",
                 "Invalid parameter: Amazon SNS does not support this protocol string: test-protocol")
    assert_error(expect_error(sns.set_subscription_attributes, SubscriptionArn=subscription, AttributeName="RawMessageDelivery",
                              AttributeValue="test-ValUe"), "InvalidParameter",
                 "Invalid parameter: RawMessageDelivery: Invalid value [test-ValUe]. Must be true or false.")
    assert_error(expect_error(sns.set_subscription_attributes, SubscriptionArn=subscription, AttributeName="FilterPolicy",
                              AttributeValue="{invalid"), "InvalidParameter")
    sns.unsubscribe(SubscriptionArn=subscription)
    sns.unsubscribe(SubscriptionArn=subscription)
    assert_error(expect_error(sns.get_subscription_attributes, SubscriptionArn=subscription), "NotFound",
                 "Subscription does not exist", status=404)
    assert_error(expect_error(sns.confirm_subscription, TopicArn=topic, Token="0" * 64), "InvalidParameter", "Invalid parameter: Token")


def test_another_accounts_queue_confirms_the_subscription(server, sns):
    """"Sending Amazon SNS messages to an Amazon SQS queue in a different account": the topic
    owner subscribes the queue; SNS sends it a SubscriptionConfirmation; its owner confirms with
    the token; then notifications arrive."""
    topic = sns.create_topic(Name=unique("topic"))["TopicArn"]
    theirs = make_client(server.endpoint, REGION, *OTHER_ROOT_KEY, service="sqs")
    url, arn = queue(theirs, policy_for_topic=topic)
    assert sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)["SubscriptionArn"] == "pending confirmation"
    [request] = receive(theirs, url)
    confirmation = json.loads(request["Body"])
    assert confirmation["Type"] == "SubscriptionConfirmation" and confirmation["TopicArn"] == topic
    keys = ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"]
    certificate = x509.load_pem_x509_certificate(requests.get(confirmation["SigningCertURL"], timeout=10).content)
    certificate.public_key().verify(base64.b64decode(confirmation["Signature"]),
                                    "".join(f"{k}\n{confirmation[k]}\n" for k in keys).encode(), padding.PKCS1v15(), hashes.SHA1())
    sns.publish(TopicArn=topic, Message="before")
    theirs_sns = make_client(server.endpoint, REGION, *OTHER_ROOT_KEY, service="sns")
    subscription = theirs_sns.confirm_subscription(TopicArn=topic, Token=confirmation["Token"])["SubscriptionArn"]
    assert subscription.startswith(topic + ":")
    sns.publish(TopicArn=topic, Message="after")
    assert [json.loads(m["Body"])["Message"] for m in receive(theirs, url)] == ["after"]


def test_publish_batch(server, sns, sqs):
    topic = sns.create_topic(Name=unique("topic"))["TopicArn"]
    url, arn = queue(sqs, policy_for_topic=topic)
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn, Attributes={"RawMessageDelivery": "true"})
    result = sns.publish_batch(TopicArn=topic, PublishBatchRequestEntries=[
        {"Id": "one", "Message": "1"}, {"Id": "two", "Message": ""}])
    assert [e["Id"] for e in result["Successful"]] == ["one"]
    assert result["Failed"] == [{"Id": "two", "Code": "InvalidParameter", "Message": "Invalid parameter: Empty message",
                                 "SenderFault": True}]
    assert [m["Body"] for m in receive(sqs, url)] == ["1"]
    # Recorded from AWS.
    assert_error(expect_error(sns.publish_batch, TopicArn=topic, PublishBatchRequestEntries=[
        {"Id": f"m{i}", "Message": "x"} for i in range(11)]), "TooManyEntriesInBatchRequest",
        "The batch request contains more entries than permissible.")


def test_publish_checks(sns):
    topic = sns.create_topic(Name=unique("topic"))["TopicArn"]
    # Recorded from AWS.
    assert_error(expect_error(sns.publish, TopicArn=topic, Message=""), "InvalidParameter", "Invalid parameter: Empty message")
    assert_error(expect_error(sns.publish, TopicArn=topic, Message="x" * 262145), "InvalidParameter",
                 "Invalid parameter: Message too long")
    assert_error(expect_error(sns.publish, TopicArn=topic, Message="m", MessageAttributes={
        "attr1": {"DataType": "String", "BinaryValue": b"\x01"}}), "ParameterValueInvalid",
        "The message attribute 'attr1' with type 'String' must use field 'String'.")
    assert_error(expect_error(sns.publish, TopicArn=f"arn:aws:sns:{REGION}:{DEFAULT_ACCOUNT}:{unique('missing')}", Message="m"),
                 "NotFound", "Topic does not exist", status=404)
    other = client_for_other(sns)
    assert_error(expect_error(other.publish, TopicArn=topic, Message="m"), "AuthorizationError", status=403)


def client_for_other(sns):
    return make_client(sns.meta.endpoint_url, REGION, *OTHER_ROOT_KEY, service="sns")


def test_an_answered_publish_survives_kill_9(make_server):
    srv = make_server("sns-durable-delivery")
    sns, sqs = client(srv, "sns"), client(srv, "sqs")
    topic = sns.create_topic(Name="durable")["TopicArn"]
    url, arn = queue(sqs, "durable-queue", policy_for_topic=topic)
    subscription = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)["SubscriptionArn"]
    sns.publish(TopicArn=topic, Message="signed")
    [signed] = receive(sqs, url)
    sqs.delete_message(QueueUrl=url, ReceiptHandle=signed["ReceiptHandle"])
    certificate_path = urlparse(json.loads(signed["Body"])["SigningCertURL"]).path
    certificate = requests.get(srv.endpoint + certificate_path, timeout=10).text
    sns.set_subscription_attributes(SubscriptionArn=subscription, AttributeName="RawMessageDelivery", AttributeValue="true")
    for index in range(20):
        sns.publish(TopicArn=topic, Message=f"m{index}")
    srv.kill()
    srv.start()
    sqs = client(srv, "sqs")
    bodies = []
    while True:
        page = receive(sqs, url)
        if not page:
            break
        bodies += [m["Body"] for m in page]
        for m in page:
            sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
    assert sorted(bodies) == sorted(f"m{index}" for index in range(20))
    # The signing key and its certificate are the same after the restart.
    assert requests.get(srv.endpoint + certificate_path, timeout=10).text == certificate


def test_a_fifo_topics_deduplication_outlives_kill_9(make_server):
    """"any messages published with the same message deduplication ID are accepted successfully but
    aren't delivered during the 5-minute deduplication interval" — across a kill -9 too. The
    subscribed queue is a standard one, which would keep a duplicate."""
    srv = make_server("sns-fifo-dedup-durable")
    sns, sqs = client(srv, "sns"), client(srv, "sqs")
    topic = sns.create_topic(Name="orders.fifo", Attributes={"FifoTopic": "true"})["TopicArn"]
    url, arn = queue(sqs, "orders-standard", policy_for_topic=topic)
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn, Attributes={"RawMessageDelivery": "true"})
    first = sns.publish(TopicArn=topic, Message="once", MessageGroupId="g", MessageDeduplicationId="order-1")
    srv.kill()
    srv.start()
    sns, sqs = client(srv, "sns"), client(srv, "sqs")
    again = sns.publish(TopicArn=topic, Message="once", MessageGroupId="g", MessageDeduplicationId="order-1")
    assert (again["MessageId"], again["SequenceNumber"]) == (first["MessageId"], first["SequenceNumber"])
    assert [m["Body"] for m in receive(sqs, url)] == ["once"]
