"""SQS messages through boto3 and the aws CLI: send, receive, delete, visibility, batches, FIFO,
dead-letter queues, long polling, purge, durability across kill -9, and server-side encryption
that really encrypts: SSE-SQS by default, SSE-KMS through Arca's KMS as the caller. Codes and
messages are the ones recorded from AWS (shared/reference/aws-recorded/sqs); botocore checks
every MD5 digest it is answered with."""
from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
import threading
import time
import uuid

import pytest

from helpers import DEFAULT_ACCOUNT, REGION, assert_error, clock, expect_error, make_client


def sqs_client(server, access_key="test", secret_key="test"):
    return make_client(server.endpoint, REGION, access_key, secret_key, service="sqs")


@pytest.fixture(scope="module")
def sqs(server):
    return sqs_client(server)


def unique(prefix="m"):
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def new_queue(sqs, suffix="", **attributes):
    return sqs.create_queue(QueueName=unique() + suffix, Attributes={k: str(v) for k, v in attributes.items()})["QueueUrl"]


def test_a_message_round_trip_with_attributes(sqs):
    url = new_queue(sqs)
    attributes = {"General": {"DataType": "String", "StringValue": "Kenobi"},
                  "Hello": {"DataType": "String", "StringValue": "There"},
                  "Help.Me": {"DataType": "String", "StringValue": "Me"}}
    sent = sqs.send_message(QueueUrl=url, MessageBody="msg", MessageAttributes=attributes)
    # The digests AWS answered for the same message (recorded).
    assert sent["MD5OfMessageBody"] == "6e2baaf3b97dbeef01c0043275f9a0e7"
    assert sent["MD5OfMessageAttributes"] == "4c360f3fdafd970e05fae2f149d997f5"
    got = sqs.receive_message(QueueUrl=url, MessageAttributeNames=["All"], AttributeNames=["All"])["Messages"]
    assert len(got) == 1 and got[0]["MessageId"] == sent["MessageId"] and got[0]["Body"] == "msg"
    assert got[0]["MessageAttributes"] == attributes
    assert got[0]["MD5OfMessageAttributes"] == "4c360f3fdafd970e05fae2f149d997f5"
    system = got[0]["Attributes"]
    assert set(system) == {"SenderId", "SentTimestamp", "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp"}
    assert system["SenderId"] == DEFAULT_ACCOUNT and system["ApproximateReceiveCount"] == "1"
    assert abs(int(system["SentTimestamp"]) / 1000 - time.time()) < 600
    sqs.delete_message(QueueUrl=url, ReceiptHandle=got[0]["ReceiptHandle"])
    assert "Messages" not in sqs.receive_message(QueueUrl=url)


def test_attribute_filters_on_receive(sqs):
    url = new_queue(sqs, VisibilityTimeout=0)
    sqs.send_message(QueueUrl=url, MessageBody="msg", MessageAttributes={
        "Hello": {"DataType": "String", "StringValue": "There"}, "Help.Me": {"DataType": "String", "StringValue": "Me"},
        "Other": {"DataType": "Number", "StringValue": "7"}})
    def received(**kwargs):
        return sqs.receive_message(QueueUrl=url, **kwargs)["Messages"][0]
    assert "MessageAttributes" not in received()
    assert set(received(MessageAttributeNames=[".*"])["MessageAttributes"]) == {"Hello", "Help.Me", "Other"}
    # "bar.*" names the attributes whose names start with "bar.".
    assert set(received(MessageAttributeNames=["Help.*"])["MessageAttributes"]) == {"Help.Me"}
    assert "MessageAttributes" not in received(MessageAttributeNames=["Hel.*"])
    assert "MessageAttributes" not in received(MessageAttributeNames=["Nope"])
    assert received(MessageSystemAttributeNames=["SenderId"])["Attributes"] == {"SenderId": DEFAULT_ACCOUNT}


def test_binary_attributes_and_the_trace_header(sqs):
    url = new_queue(sqs)
    value = b"traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01"
    trace = "Root=1-3152b799-8954dae64eda91bc9a23a7e8;Parent=7fa8c0f79203be72;Sampled=1"
    sqs.send_message(QueueUrl=url, MessageBody="test", MessageAttributes={"attr1": {"DataType": "Binary", "BinaryValue": value}},
                     MessageSystemAttributes={"AWSTraceHeader": {"DataType": "String", "StringValue": trace}})
    got = sqs.receive_message(QueueUrl=url, MessageAttributeNames=["All"], MessageSystemAttributeNames=["AWSTraceHeader"])["Messages"][0]
    # Recorded from AWS for the same binary attribute.
    assert got["MD5OfMessageAttributes"] == "8cbe4db156db8a94db8b801b7addb984"
    assert got["MessageAttributes"]["attr1"]["BinaryValue"] == value
    assert got["Attributes"] == {"AWSTraceHeader": trace}


def test_send_errors_are_aws_errors(sqs):
    url = new_queue(sqs, MaximumMessageSize=1024)
    # Recorded from AWS.
    err = assert_error(expect_error(sqs.send_message, QueueUrl=url, MessageBody=""), "MissingParameter",
                       "The request must contain the parameter MessageBody.")
    assert err["QueryErrorCode"] == "MissingRequiredParameterException"
    assert_error(expect_error(sqs.send_message, QueueUrl=url, MessageBody="a" * 1025), "InvalidParameterValue",
                 "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.")
    sqs.send_message(QueueUrl=url, MessageBody="a" * 1024)
    assert_error(expect_error(sqs.send_message, QueueUrl=url, MessageBody="x",
                              MessageAttributes={"ErrorDetails": {"DataType": "String", "StringValue": ""}}),
                 "InvalidParameterValue", "Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'.")
    assert_error(expect_error(sqs.send_message, QueueUrl=url, MessageBody="x", MessageGroupId="group 123"),
                 "InvalidParameterValue", "Value group 123 for parameter MessageGroupId is invalid. Reason: MessageGroupId can "
                 "only include alphanumeric and punctuation characters. 1 to 128 in length.")
    assert_error(expect_error(sqs.send_message, QueueUrl=url, MessageBody="bad \x00 byte"), "InvalidMessageContents")


def test_batch_rules(sqs):
    url = new_queue(sqs, MaximumMessageSize=1024)
    entries = [{"Id": str(i), "MessageBody": "x"} for i in range(20)]
    # Recorded from AWS.
    assert_error(expect_error(sqs.send_message_batch, QueueUrl=url, Entries=entries),
                 "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "Maximum number of entries per request are 10. You have sent 20.")
    assert_error(expect_error(sqs.send_message_batch, QueueUrl=url, Entries=[{"Id": "invalid:id", "MessageBody": "x"}]),
                 "AWS.SimpleQueueService.InvalidBatchEntryId",
                 "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.")
    assert_error(expect_error(sqs.send_message_batch, QueueUrl=url, Entries=[{"Id": "a", "MessageBody": "x"}] * 2),
                 "AWS.SimpleQueueService.BatchEntryIdsNotDistinct")
    assert_error(expect_error(sqs.send_message_batch, QueueUrl=url, Entries=[]), "AWS.SimpleQueueService.EmptyBatchRequest")
    big = new_queue(sqs)
    assert_error(expect_error(sqs.send_message_batch, QueueUrl=big, Entries=[
        {"Id": "1", "MessageBody": "a" * 524_288}, {"Id": "2", "MessageBody": "a" * 524_289}]),
        "AWS.SimpleQueueService.BatchRequestTooLong",
        "Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes.")
    # One entry too large fails alone (recorded from AWS).
    result = sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": "big", "MessageBody": "a" * 1025}, {"Id": "ok", "MessageBody": "b"}])
    assert [e["Id"] for e in result["Successful"]] == ["ok"]
    assert result["Failed"] == [{"Id": "big", "SenderFault": True, "Code": "InvalidParameterValue",
                                 "Message": "One or more parameters cannot be validated. Reason: Message must be shorter than 1024 bytes."}]
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    deleted = sqs.delete_message_batch(QueueUrl=url, Entries=[{"Id": "d", "ReceiptHandle": got[0]["ReceiptHandle"]},
                                                               {"Id": "bad", "ReceiptHandle": "not-a-handle"}])
    assert [e["Id"] for e in deleted["Successful"]] == ["d"]
    assert deleted["Failed"][0]["Id"] == "bad" and deleted["Failed"][0]["Code"] == "ReceiptHandleIsInvalid"
    assert_error(expect_error(sqs.change_message_visibility_batch, QueueUrl=url,
                              Entries=[{"Id": str(i), "ReceiptHandle": "h"} for i in range(20)]),
                 "AWS.SimpleQueueService.TooManyEntriesInBatchRequest")


def test_receive_parameters_are_checked(sqs):
    url = new_queue(sqs)
    # Recorded from AWS.
    assert_error(expect_error(sqs.receive_message, QueueUrl=url, MaxNumberOfMessages=11), "InvalidParameterValue",
                 "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.")
    assert_error(expect_error(sqs.receive_message, QueueUrl=url, WaitTimeSeconds=21), "InvalidParameterValue",
                 "Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.")


def test_the_in_flight_quota(make_server):
    """"If you reach this quota while using short polling, Amazon SQS returns the OverLimit error
    message. If you use long polling, Amazon SQS returns no error messages"; FIFO queues answer no
    error either. The quota (120,000 on AWS) is lowered to 3 here, as AWS Support would raise it."""
    from test_sqs_query import query_client
    srv = make_server("sqs-in-flight", config={"sqsInFlightLimit": 3})
    sqs = sqs_client(srv)
    url, fifo = new_queue(sqs), new_queue(sqs, ".fifo", FifoQueue="true", ContentBasedDeduplication="true")
    for body in "abcd":
        sqs.send_message(QueueUrl=url, MessageBody=body)
        sqs.send_message(QueueUrl=fifo, MessageBody=body, MessageGroupId=body)
    received = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    assert len(received) == 3
    # The wording AWS answers, as a client recorded it.
    message = ("Too many messages have been received without being deleted.\n"
               "Please delete your received messages or let them timeout before receiving more.")
    assert_error(expect_error(sqs.receive_message, QueueUrl=url), "OverLimit", message, status=403)
    assert_error(expect_error(query_client(srv).receive_message, QueueUrl=url), "OverLimit", message, status=403)
    assert "Messages" not in sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)
    assert len(sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=10)["Messages"]) == 3
    assert "Messages" not in sqs.receive_message(QueueUrl=fifo)
    # A deleted message frees its place.
    sqs.delete_message(QueueUrl=url, ReceiptHandle=received[0]["ReceiptHandle"])
    rest = set("abcd") - {m["Body"] for m in received}
    assert [m["Body"] for m in sqs.receive_message(QueueUrl=url)["Messages"]] == list(rest)


def test_fifo_order_groups_and_deduplication(sqs):
    url = new_queue(sqs, ".fifo", FifoQueue="true", ContentBasedDeduplication="true")
    first = sqs.send_message(QueueUrl=url, MessageBody="a1", MessageGroupId="a")
    for body, group in [("b1", "b"), ("a2", "a")]:
        sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId=group)
    again = sqs.send_message(QueueUrl=url, MessageBody="a1", MessageGroupId="a")
    assert again["MessageId"] == first["MessageId"] and again["SequenceNumber"] == first["SequenceNumber"]
    head = sqs.receive_message(QueueUrl=url)["Messages"]
    assert [m["Body"] for m in head] == ["a1"]
    assert [m["Body"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]] == ["b1"]
    sqs.delete_message(QueueUrl=url, ReceiptHandle=head[0]["ReceiptHandle"])
    rest = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["All"])["Messages"]
    assert [m["Body"] for m in rest] == ["a2"]
    assert rest[0]["Attributes"]["MessageGroupId"] == "a"
    assert rest[0]["Attributes"]["MessageDeduplicationId"] == hashlib.sha256(b"a2").hexdigest()
    # Recorded from AWS.
    plain = new_queue(sqs, ".fifo", FifoQueue="true")
    assert_error(expect_error(sqs.send_message, QueueUrl=plain, MessageBody="x"), "MissingParameter",
                 "The request must contain the parameter MessageGroupId.")
    assert_error(expect_error(sqs.send_message, QueueUrl=plain, MessageBody="x", MessageGroupId="g"), "InvalidParameterValue",
                 "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")
    assert_error(expect_error(sqs.send_message, QueueUrl=plain, MessageBody="x", MessageGroupId="g", MessageDeduplicationId="d",
                              DelaySeconds=2), "InvalidParameterValue",
                 "Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.")
    assert_error(expect_error(sqs.send_message_batch, QueueUrl=plain, Entries=[{"Id": "1", "MessageBody": "x", "MessageDeduplicationId": "d"}]),
                 "InvalidParameterValue", "The request must contain the parameter MessageGroupId.")


def test_visibility_delay_and_dead_letters_on_the_test_clock(clocked):
    sqs = sqs_client(clocked)
    dead = new_queue(sqs)
    dead_arn = sqs.get_queue_attributes(QueueUrl=dead, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    url = new_queue(sqs, VisibilityTimeout=60, RedrivePolicy=json.dumps({"deadLetterTargetArn": dead_arn, "maxReceiveCount": 2}))
    sqs.send_message(QueueUrl=url, MessageBody="later", DelaySeconds=50)
    sqs.send_message(QueueUrl=url, MessageBody="poison")
    counts = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"]
    def numbers(queue=url):
        attributes = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=counts)["Attributes"]
        return [int(attributes[name]) for name in counts]
    assert numbers() == [1, 0, 1]
    first = sqs.receive_message(QueueUrl=url)["Messages"]
    assert [m["Body"] for m in first] == ["poison"] and numbers() == [0, 1, 1]
    # Extended, then released at once.
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=first[0]["ReceiptHandle"], VisibilityTimeout=0)
    second = sqs.receive_message(QueueUrl=url)["Messages"]
    assert [m["Body"] for m in second] == ["poison"]
    clock(clocked, advance=61)
    # Received twice: the next receive moves it to the dead-letter queue; the delay has ended too.
    assert [m["Body"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]] == ["later"]
    moved = sqs.receive_message(QueueUrl=dead, AttributeNames=["All"])["Messages"]
    assert [m["Body"] for m in moved] == ["poison"]
    assert moved[0]["Attributes"]["DeadLetterQueueSourceArn"].endswith(url.rsplit("/", 1)[1])
    assert moved[0]["Attributes"]["ApproximateReceiveCount"] == "3"
    # A visibility change past 12 hours from the receive is refused.
    assert_error(expect_error(sqs.change_message_visibility, QueueUrl=dead, ReceiptHandle=moved[0]["ReceiptHandle"],
                              VisibilityTimeout=43_201), "InvalidParameterValue")


def test_purge_once_a_minute(clocked):
    sqs = sqs_client(clocked)
    url = new_queue(sqs)
    sqs.send_message(QueueUrl=url, MessageBody="gone")
    sqs.purge_queue(QueueUrl=url)
    name = url.rsplit("/", 1)[1]
    # Recorded from AWS.
    assert_error(expect_error(sqs.purge_queue, QueueUrl=url), "AWS.SimpleQueueService.PurgeQueueInProgress",
                 f"Only one PurgeQueue operation on {name} is allowed every 60 seconds.", status=403)
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    clock(clocked, advance=60)
    sqs.purge_queue(QueueUrl=url)


def test_a_long_poll_answers_when_a_message_arrives(server, sqs):
    url = new_queue(sqs)
    result = {}
    def poll():
        started = time.monotonic()
        result["messages"] = sqs_client(server).receive_message(QueueUrl=url, WaitTimeSeconds=10).get("Messages", [])
        result["seconds"] = time.monotonic() - started
    thread = threading.Thread(target=poll)
    thread.start()
    time.sleep(1)  # the poll is waiting on the server meanwhile
    sqs.send_message(QueueUrl=url, MessageBody="wake up")
    thread.join(timeout=15)
    assert [m["Body"] for m in result["messages"]] == ["wake up"]
    assert result["seconds"] < 5
    # An empty long poll waits its time and answers no messages (recorded: no Messages member).
    started = time.monotonic()
    assert "Messages" not in sqs.receive_message(QueueUrl=new_queue(sqs), WaitTimeSeconds=1)
    assert time.monotonic() - started >= 0.9


def test_the_aws_cli_sends_and_receives(aws_cli):
    name = unique("cli")
    out = aws_cli.shell(f"""
        url=$(aws --endpoint-url "$ARCA_ENDPOINT" sqs create-queue --queue-name {name} --query QueueUrl --output text)
        aws --endpoint-url "$ARCA_ENDPOINT" sqs send-message --queue-url "$url" --message-body '{{"id": 1}}' --query MD5OfMessageBody --output text
        aws --endpoint-url "$ARCA_ENDPOINT" sqs receive-message --queue-url "$url" --wait-time-seconds 1 --query 'Messages[0].Body' --output text
    """).stdout.decode().split()
    assert out[0] == hashlib.md5(b'{"id": 1}').hexdigest()
    assert json.loads(" ".join(out[1:])) == {"id": 1}


def stored_payloads(data_dir):
    """Every message payload in the database, decoded from its stored base64."""
    connection = sqlite3.connect(f"file:{data_dir / 'arca.sqlite'}?mode=ro", uri=True)
    try:
        return [base64.b64decode(row[0]) for row in connection.execute("SELECT payload FROM sqs_messages")]
    finally:
        connection.close()


def every_file(directory):
    return [path for path in directory.rglob("*") if path.is_file()]


def test_messages_survive_kill_9_and_bodies_are_never_on_disk(make_server):
    srv = make_server("sqs-durable")
    sqs = sqs_client(srv)
    sealed = sqs.create_queue(QueueName="sealed")["QueueUrl"]
    clear = sqs.create_queue(QueueName="clear", Attributes={"SqsManagedSseEnabled": "false"})["QueueUrl"]
    body, value = "top-secret-body-" + uuid.uuid4().hex, "top-secret-attribute-" + uuid.uuid4().hex
    attributes = {"secret": {"DataType": "String", "StringValue": value}}
    sqs.send_message(QueueUrl=sealed, MessageBody=body, MessageAttributes=attributes)
    sqs.send_message(QueueUrl=sealed, MessageBody=body + "-2")
    sqs.send_message(QueueUrl=clear, MessageBody="clear-body")
    received = sqs.receive_message(QueueUrl=sealed, VisibilityTimeout=600)["Messages"]
    srv.kill()
    # The detector works: the payload of the queue without SSE holds its body.
    payloads = stored_payloads(srv.data_dir)
    assert any(b"clear-body" in p for p in payloads)
    for needle in (body, value):
        for form in (needle.encode(), base64.b64encode(needle.encode()), needle.encode("utf-16-le")):
            assert not any(form in p for p in payloads)
            for path in every_file(srv.data_dir) + [srv.log_path]:
                assert form not in path.read_bytes(), f"{needle} in {path}"
    srv.start()
    sqs = sqs_client(srv)
    # The received message stays invisible after the restart; the other is there, whole.
    after = sqs.receive_message(QueueUrl=sealed, MaxNumberOfMessages=10, MessageAttributeNames=["All"])["Messages"]
    assert [m["Body"] for m in after] == [body + "-2"] and [m["Body"] for m in received] == [body]
    sqs.delete_message(QueueUrl=sealed, ReceiptHandle=received[0]["ReceiptHandle"])
    srv.kill()
    srv.start()
    sqs = sqs_client(srv)
    counts = sqs.get_queue_attributes(QueueUrl=sealed, AttributeNames=["All"])["Attributes"]
    assert (counts["ApproximateNumberOfMessages"], counts["ApproximateNumberOfMessagesNotVisible"]) == ("0", "1")


def test_sse_kms_walkthrough(clocked):
    """The issue's walkthrough: an SSE-KMS queue under an alias, SQS's KMS calls in the audit
    trail as the sender, invoked by SQS, and the send failing once the key is disabled and the
    reuse period has passed."""
    sqs = sqs_client(clocked)
    kms = make_client(clocked.endpoint, REGION, service="kms")
    trail = make_client(clocked.endpoint, REGION, service="cloudtrail")
    key = kms.create_key()["KeyMetadata"]["Arn"]
    alias = f"alias/{unique('orders')}"
    kms.create_alias(AliasName=alias, TargetKeyId=key)
    url = sqs.create_queue(QueueName=unique("orders"), Attributes={"KmsMasterKeyId": alias, "KmsDataKeyReusePeriodSeconds": "300"})["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sqs.send_message(QueueUrl=url, MessageBody='{"id": 1}')
    assert [m["Body"] for m in sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)["Messages"]] == ['{"id": 1}']
    records = [json.loads(e["CloudTrailEvent"]) for e in trail.lookup_events(
        LookupAttributes=[{"AttributeKey": "ResourceName", "AttributeValue": key}])["Events"]]
    calls = [r for r in records if r["requestParameters"] and r["requestParameters"].get("encryptionContext") == {"aws:sqs:arn": arn}]
    assert sorted(r["eventName"] for r in calls) == ["Decrypt", "Decrypt", "GenerateDataKey"]
    for record in calls:
        assert record["userIdentity"]["invokedBy"] == "sqs.amazonaws.com"
        assert record["sourceIPAddress"] == "sqs.amazonaws.com"
        assert record["userIdentity"]["arn"] == f"arn:aws:iam::{DEFAULT_ACCOUNT}:root"
    kms.disable_key(KeyId=key)
    # The cached data key serves until its reuse period ends.
    sqs.send_message(QueueUrl=url, MessageBody='{"id": 2}')
    clock(clocked, advance=301)
    err = assert_error(expect_error(sqs.send_message, QueueUrl=url, MessageBody='{"id": 3}'), "KMS.DisabledException")
    assert err["QueryErrorCode"] == "KmsDisabled"
    # alias/aws/sqs makes the AWS managed key on first use.
    managed = sqs.create_queue(QueueName=unique("managed"), Attributes={"KmsMasterKeyId": "alias/aws/sqs"})["QueueUrl"]
    sqs.send_message(QueueUrl=managed, MessageBody="x")
    assert kms.describe_key(KeyId="alias/aws/sqs")["KeyMetadata"]["KeyManager"] == "AWS"


def test_message_move_tasks_on_the_test_clock(clocked):
    """The recorded workflow: messages of a dead-letter queue go back to their source queue, at the
    task's rate on the server's clock; the errors AWS answers."""
    sqs = sqs_client(clocked)
    dead = new_queue(sqs)
    dead_arn = sqs.get_queue_attributes(QueueUrl=dead, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    source = new_queue(sqs, VisibilityTimeout=0, RedrivePolicy=json.dumps({"deadLetterTargetArn": dead_arn, "maxReceiveCount": 1}))
    source_arn = sqs.get_queue_attributes(QueueUrl=source, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    for body in ("one", "two", "three"):
        sqs.send_message(QueueUrl=source, MessageBody=body)
    sqs.receive_message(QueueUrl=source, MaxNumberOfMessages=10)
    assert "Messages" not in sqs.receive_message(QueueUrl=source, MaxNumberOfMessages=10)
    # Recorded from AWS.
    assert_error(expect_error(sqs.start_message_move_task, SourceArn=source_arn), "InvalidParameterValue",
                 "Source queue must be configured as a Dead Letter Queue.")
    assert_error(expect_error(sqs.start_message_move_task, SourceArn=dead_arn, DestinationArn=dead_arn + "-missing"),
                 "ResourceNotFoundException", "The resource that you specified for the DestinationArn parameter doesn't exist.",
                 status=404)
    handle = sqs.start_message_move_task(SourceArn=dead_arn, MaxNumberOfMessagesPerSecond=1)["TaskHandle"]
    assert_error(expect_error(sqs.start_message_move_task, SourceArn=dead_arn), "InvalidParameterValue",
                 "There is already a task running. Only one active task is allowed for a source queue arn at a given time.")
    listed = sqs.list_message_move_tasks(SourceArn=dead_arn)["Results"]
    assert len(listed) == 1 and listed[0]["TaskHandle"] == handle and listed[0]["Status"] == "RUNNING"
    assert listed[0]["MaxNumberOfMessagesPerSecond"] == 1 and listed[0]["SourceArn"] == dead_arn
    assert listed[0]["ApproximateNumberOfMessagesToMove"] == 3
    clock(clocked, advance=1.5)
    # One a second: 1.5 s of the test clock, plus the real time the server's clock also follows
    # (under a second here), moved one message, or two.
    moved = sqs.list_message_move_tasks(SourceArn=dead_arn)["Results"][0]["ApproximateNumberOfMessagesMoved"]
    assert moved in (1, 2)
    clock(clocked, advance=2)
    done = sqs.list_message_move_tasks(SourceArn=dead_arn, MaxResults=10)["Results"]
    assert done[0]["Status"] == "COMPLETED" and done[0]["ApproximateNumberOfMessagesMoved"] == 3 and "TaskHandle" not in done[0]
    back = sqs.receive_message(QueueUrl=source, MaxNumberOfMessages=10)["Messages"]
    assert sorted(m["Body"] for m in back) == ["one", "three", "two"]
    assert_error(expect_error(sqs.cancel_message_move_task, TaskHandle="not-a-handle"), "InvalidParameterValue",
                 "Value for parameter TaskHandle is invalid.")


def test_a_fifo_receive_attempt_outlives_kill_9(make_server):
    """"it is possible to retry the same action with an identical ReceiveRequestAttemptId to
    retrieve the same set of messages, even if their visibility timeout has not yet expired" — a
    retry after the server was killed too. A new attempt id finds the group held."""
    srv = make_server("sqs-receive-attempt")
    sqs = sqs_client(srv)
    fifo = new_queue(sqs, ".fifo", FifoQueue="true", ContentBasedDeduplication="true")
    for body in ("first", "second"):
        sqs.send_message(QueueUrl=fifo, MessageBody=body, MessageGroupId="g")
    taken = sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=1, ReceiveRequestAttemptId="try-1")["Messages"]
    srv.kill()
    srv.start()
    sqs = sqs_client(srv)
    again = sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=1, ReceiveRequestAttemptId="try-1")["Messages"]
    assert [(m["MessageId"], m["ReceiptHandle"], m["Body"]) for m in again] == \
        [(m["MessageId"], m["ReceiptHandle"], m["Body"]) for m in taken]
    assert "Messages" not in sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=1, ReceiveRequestAttemptId="try-2")
    sqs.delete_message(QueueUrl=fifo, ReceiptHandle=again[0]["ReceiptHandle"])
    assert [m["Body"] for m in sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=1)["Messages"]] == ["second"]
