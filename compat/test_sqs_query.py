"""SQS over the query protocol, as SDKs from before SQS moved to AWS JSON speak it: a client built
from botocore 1.29.165's SQS model (compat/models/sqs, the last botocore release whose SQS model
speaks query), form POSTs to `/` or to a queue's URL, answered in XML. The same operations and
errors as over JSON; codes and messages as recorded from AWS."""
from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from urllib.parse import urlencode
from xml.etree import ElementTree

import botocore.loaders
import botocore.session
import pytest
from botocore.config import Config

from helpers import DEFAULT_ACCOUNT, REGION, assert_error, expect_error

MODELS = Path(__file__).resolve().parent / "models"
NAMESPACE = "{http://queue.amazonaws.com/doc/2012-11-05/}"


def query_client(server):
    session = botocore.session.get_session()
    # The vendored model comes first in the search path, so the client speaks query.
    session.register_component("data_loader", botocore.loaders.Loader(extra_search_paths=[str(MODELS)]))
    client = session.create_client("sqs", endpoint_url=server.endpoint, region_name=REGION, aws_access_key_id="test",
                                   aws_secret_access_key="test", config=Config(retries={"max_attempts": 1}))
    assert client.meta.service_model.protocol == "query"
    return client


@pytest.fixture(scope="module")
def sqs(server):
    return query_client(server)


def unique(prefix="query"):
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def test_queues_and_messages_over_query(sqs):
    name = unique()
    url = sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "45"}, tags={"team": "a"})["QueueUrl"]
    assert url.endswith(f"/{DEFAULT_ACCOUNT}/{name}")
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout", "QueueArn"])["Attributes"]
    assert attributes == {"VisibilityTimeout": "45", "QueueArn": f"arn:aws:sqs:{REGION}:{DEFAULT_ACCOUNT}:{name}"}
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"team": "a"}
    # TagQueue's map takes its query name from its shape (Tag.N.Key), not from the member.
    sqs.tag_queue(QueueUrl=url, Tags={"env": "dev", "team": "b"})
    sqs.untag_queue(QueueUrl=url, TagKeys=["env"])
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"team": "b"}
    assert url in sqs.list_queues(QueueNamePrefix=name)["QueueUrls"]
    # botocore checks the MD5 of the body and of the attributes on both answers.
    sent = sqs.send_message(QueueUrl=url, MessageBody="msg", MessageAttributes={
        "Hello": {"DataType": "String", "StringValue": "There"}, "Bin": {"DataType": "Binary", "BinaryValue": b"\x00\x01"}})
    batch = sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": "one", "MessageBody": "1"}, {"Id": "two", "MessageBody": "2"}])
    assert sorted(e["Id"] for e in batch["Successful"]) == ["one", "two"] and "Failed" not in batch
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["All"], MessageAttributeNames=["All"])["Messages"]
    assert sorted(m["Body"] for m in got) == ["1", "2", "msg"]
    first = next(m for m in got if m["MessageId"] == sent["MessageId"])
    assert first["MessageAttributes"]["Bin"]["BinaryValue"] == b"\x00\x01"
    assert first["Attributes"]["SenderId"] == DEFAULT_ACCOUNT
    deleted = sqs.delete_message_batch(QueueUrl=url, Entries=[{"Id": f"d{i}", "ReceiptHandle": m["ReceiptHandle"]}
                                                               for i, m in enumerate(got)])
    assert len(deleted["Successful"]) == 3
    sqs.delete_queue(QueueUrl=url)


def test_errors_over_query(sqs):
    # Recorded from AWS: over query, the unknown queue is worded for "this wsdl version".
    response = expect_error(sqs.get_queue_url, QueueName=unique("missing"))
    err = assert_error(response, "AWS.SimpleQueueService.NonExistentQueue",
                       "The specified queue does not exist for this wsdl version.")
    assert err["Type"] == "Sender"
    url = sqs.create_queue(QueueName=unique())["QueueUrl"]
    assert_error(expect_error(sqs.receive_message, QueueUrl=url, MaxNumberOfMessages=11), "InvalidParameterValue",
                 "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.")
    assert_error(expect_error(sqs.send_message, QueueUrl=url, MessageBody=""), "MissingParameter",
                 "The request must contain the parameter MessageBody.")


def test_a_form_posted_to_the_queue_url_names_the_queue(server, sqs, signed_request):
    name = unique()
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    path = f"/{DEFAULT_ACCOUNT}/{name}"
    form = urlencode({"Action": "SendMessage", "Version": "2012-11-05", "MessageBody": "by path"})
    raw = signed_request(None, form, service="sqs", content_type="application/x-www-form-urlencoded", path=path)
    assert raw.status_code == 200, raw.text
    assert raw.headers["Content-Type"].startswith("text/xml")
    root = ElementTree.fromstring(raw.content)
    assert root.tag == f"{NAMESPACE}SendMessageResponse"
    assert root.find(f"{NAMESPACE}SendMessageResult/{NAMESPACE}MD5OfMessageBody").text == hashlib.md5(b"by path").hexdigest()
    # AWS JSON to the queue URL works too (recorded from AWS).
    raw = signed_request("AmazonSQS.ReceiveMessage", {"QueueUrl": url}, service="sqs",
                         content_type="application/x-amz-json-1.0", path=path)
    assert raw.status_code == 200 and raw.json()["Messages"][0]["Body"] == "by path"
