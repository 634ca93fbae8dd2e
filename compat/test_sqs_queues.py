"""SQS queue management through boto3 and the aws CLI: AWS JSON 1.0 with query-compatible errors,
the attributes and their ranges, FIFO-only attributes, idempotent creation, the 60-second name
rule, paging, tags, access control, the audit trail and restarts. Codes and messages are the
ones recorded from AWS (shared/reference/aws-recorded/sqs)."""
from __future__ import annotations

import json
import uuid

import pytest
from botocore.exceptions import ClientError

from helpers import (ALICE_KEY, BOB_KEY, DEFAULT_ACCOUNT, OTHER_ACCOUNT, OTHER_ROOT_KEY, REGION, assert_error, clock,
                     expect_error, make_client)


def sqs_client(server, access_key="test", secret_key="test", region=REGION):
    return make_client(server.endpoint, region, access_key, secret_key, service="sqs")


@pytest.fixture(scope="module")
def sqs(server):
    return sqs_client(server)


def unique(prefix="q"):
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def queue_url(server, name, account=DEFAULT_ACCOUNT):
    return f"{server.endpoint}/{account}/{name}"


def test_a_new_queue_has_the_documented_attributes(server, sqs):
    name = unique()
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    # The URL names the host the client used, then the account and the queue.
    assert url == queue_url(server, name)
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    created = attributes.pop("CreatedTimestamp")
    assert attributes.pop("LastModifiedTimestamp") == created and created.isdigit()
    # The attributes AWS reports for a fresh standard queue (recorded), with Arca's ARN.
    assert attributes == {
        "ApproximateNumberOfMessages": "0", "ApproximateNumberOfMessagesDelayed": "0",
        "ApproximateNumberOfMessagesNotVisible": "0", "DelaySeconds": "0", "MaximumMessageSize": "1048576",
        "MessageRetentionPeriod": "345600", "QueueArn": f"arn:aws:sqs:{REGION}:{DEFAULT_ACCOUNT}:{name}",
        "ReceiveMessageWaitTimeSeconds": "0", "SqsManagedSseEnabled": "true", "VisibilityTimeout": "30",
    }
    assert sqs.get_queue_url(QueueName=name)["QueueUrl"] == url
    # Only the attributes asked for; none when none are named.
    assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout", "Policy"])["Attributes"] \
        == {"VisibilityTimeout": "30"}
    assert "Attributes" not in sqs.get_queue_attributes(QueueUrl=url)


def test_errors_carry_the_query_code_and_the_modelled_exception(server, sqs, signed_request):
    response = expect_error(sqs.get_queue_url, QueueName=unique("missing"))
    err = assert_error(response, "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.")
    assert err["QueryErrorCode"] == "QueueDoesNotExist" and err["Type"] == "Sender"
    with pytest.raises(sqs.exceptions.QueueDoesNotExist):
        sqs.get_queue_attributes(QueueUrl=queue_url(server, unique("missing")))
    # The wire: AWS JSON 1.0, `__type`, and the x-amzn-query-error header botocore reads the code from.
    raw = signed_request("AmazonSQS.GetQueueUrl", {"QueueName": unique("missing")}, service="sqs",
                         content_type="application/x-amz-json-1.0")
    assert raw.status_code == 400
    assert raw.headers["Content-Type"] == "application/x-amz-json-1.0"
    assert raw.headers["x-amzn-query-error"] == "AWS.SimpleQueueService.NonExistentQueue;Sender"
    assert raw.json()["__type"].rsplit("#", 1)[-1] == "QueueDoesNotExist"
    # A missing member is SQS's MissingParameter, as recorded from AWS, not a ValidationException.
    raw = signed_request("AmazonSQS.GetQueueUrl", {}, service="sqs", content_type="application/x-amz-json-1.0")
    assert raw.status_code == 400
    assert raw.headers["x-amzn-query-error"] == "MissingParameter;Sender"
    assert raw.json()["message"] == "The request must contain the parameter QueueName."


def test_create_is_idempotent_only_for_the_same_attributes(sqs):
    name = unique()
    url = sqs.create_queue(QueueName=name, Attributes={"DelaySeconds": "5"})["QueueUrl"]
    assert sqs.create_queue(QueueName=name, Attributes={"DelaySeconds": "5"})["QueueUrl"] == url
    assert sqs.create_queue(QueueName=name)["QueueUrl"] == url
    response = expect_error(sqs.create_queue, QueueName=name, Attributes={"DelaySeconds": "6"})
    err = assert_error(response, "QueueAlreadyExists",
                       "A queue already exists with the same name and a different value for attribute DelaySeconds")
    assert err["QueryErrorCode"] == "QueueNameExists"


@pytest.mark.parametrize("attribute,low,high", [
    ("DelaySeconds", 0, 900), ("MaximumMessageSize", 1024, 1048576), ("MessageRetentionPeriod", 60, 1209600),
    ("ReceiveMessageWaitTimeSeconds", 0, 20), ("VisibilityTimeout", 0, 43200), ("KmsDataKeyReusePeriodSeconds", 60, 86400),
])
def test_attribute_ranges(sqs, attribute, low, high):
    # KmsDataKeyReusePeriodSeconds shows only with a KMS key.
    extra = {"KmsMasterKeyId": "alias/ranges"} if attribute == "KmsDataKeyReusePeriodSeconds" else {}
    url = sqs.create_queue(QueueName=unique(), Attributes={attribute: str(low), **extra})["QueueUrl"]
    assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=[attribute])["Attributes"][attribute] == str(low)
    sqs.set_queue_attributes(QueueUrl=url, Attributes={attribute: str(high)})
    assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=[attribute])["Attributes"][attribute] == str(high)
    for bad in (low - 1, high + 1):
        response = expect_error(sqs.set_queue_attributes, QueueUrl=url, Attributes={attribute: str(bad)})
        assert_error(response, "InvalidAttributeValue", f"Invalid value for the parameter {attribute}.")
        response = expect_error(sqs.create_queue, QueueName=unique(), Attributes={attribute: str(bad)})
        assert_error(response, "InvalidAttributeValue", f"Invalid value for the parameter {attribute}.")


def test_unknown_and_fifo_only_attributes(sqs):
    url = sqs.create_queue(QueueName=unique())["QueueUrl"]
    for call in (lambda: sqs.set_queue_attributes(QueueUrl=url, Attributes={"Foo": "1"}),
                 lambda: sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Foo"])):
        with pytest.raises(ClientError) as info:
            call()
        assert_error(info.value.response, "InvalidAttributeName", "Unknown Attribute Foo.")
    # Recorded from AWS for standard queues.
    assert_error(expect_error(sqs.create_queue, QueueName=unique(), Attributes={"FifoQueue": "false"}),
                 "InvalidAttributeName", "Unknown Attribute FifoQueue.")
    assert_error(expect_error(sqs.set_queue_attributes, QueueUrl=url, Attributes={"ContentBasedDeduplication": "true"}),
                 "InvalidAttributeName", "Unknown Attribute ContentBasedDeduplication.")
    assert_error(expect_error(sqs.create_queue, QueueName=unique(), Attributes={"DeduplicationScope": "queue"}),
                 "InvalidAttributeName", "You can specify the DeduplicationScope only when FifoQueue is set to true.")


def test_fifo_queues(sqs):
    name = unique() + ".fifo"
    url = sqs.create_queue(QueueName=name, Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"})["QueueUrl"]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert (attributes["FifoQueue"], attributes["ContentBasedDeduplication"], attributes["DeduplicationScope"],
            attributes["FifoThroughputLimit"]) == ("true", "true", "queue", "perQueue")
    assert_error(expect_error(sqs.set_queue_attributes, QueueUrl=url, Attributes={"FifoQueue": "true"}),
                 "InvalidAttributeValue", "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.")
    assert_error(expect_error(sqs.create_queue, QueueName=unique(), Attributes={"FifoQueue": "true"}), "InvalidParameterValue",
                 "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, "
                 "must end with .fifo suffix and be 1 to 80 in length")
    assert_error(expect_error(sqs.create_queue, QueueName=unique() + ".fifo"), "InvalidParameterValue",
                 "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length")


def test_sse_kms_and_sse_sqs_are_exclusive(sqs):
    url = sqs.create_queue(QueueName=unique(), Attributes={"KmsMasterKeyId": "alias/orders",
                                                           "KmsDataKeyReusePeriodSeconds": "6000"})["QueueUrl"]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    # Recorded from AWS: SSE-KMS turns SSE-SQS off.
    assert (attributes["KmsMasterKeyId"], attributes["KmsDataKeyReusePeriodSeconds"], attributes["SqsManagedSseEnabled"]) \
        == ("alias/orders", "6000", "false")
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"SqsManagedSseEnabled": "true"})
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert "KmsMasterKeyId" not in attributes and attributes["SqsManagedSseEnabled"] == "true"


def test_redrive_policies(sqs):
    dlq = sqs.create_queue(QueueName=unique("dlq"))["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    url = sqs.create_queue(QueueName=unique(), Attributes={
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "4"})})["QueueUrl"]
    policy = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["RedrivePolicy"])["Attributes"]["RedrivePolicy"]
    assert json.loads(policy) == {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 4}
    missing = json.dumps({"deadLetterTargetArn": dlq_arn + "-missing", "maxReceiveCount": 4})
    response = expect_error(sqs.set_queue_attributes, QueueUrl=url, Attributes={"RedrivePolicy": missing})
    assert_error(response, "InvalidParameterValue")
    assert response["Error"]["Message"].endswith("Reason: Dead letter target does not exist.")
    zero = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 0})
    assert_error(expect_error(sqs.set_queue_attributes, QueueUrl=url, Attributes={"RedrivePolicy": zero}),
                 "InvalidParameterValue", f"Value {zero} for parameter RedrivePolicy is invalid. Reason: Invalid value for "
                 "maxReceiveCount: 0, valid values are from 1 to 1000 both inclusive.")


def test_dead_letter_source_queues(sqs):
    dlq = sqs.create_queue(QueueName=unique("dlq"))["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    prefix = unique("src")
    sources = [sqs.create_queue(QueueName=f"{prefix}-{i}", Attributes={
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 2})})["QueueUrl"] for i in range(3)]
    assert sqs.list_dead_letter_source_queues(QueueUrl=dlq)["queueUrls"] == sources
    first = sqs.list_dead_letter_source_queues(QueueUrl=dlq, MaxResults=2)
    assert first["queueUrls"] == sources[:2]
    rest = sqs.list_dead_letter_source_queues(QueueUrl=dlq, MaxResults=2, NextToken=first["NextToken"])
    assert rest["queueUrls"] == sources[2:] and "NextToken" not in rest
    assert sqs.list_dead_letter_source_queues(QueueUrl=sources[0])["queueUrls"] == []


def test_permissions_lifecycle(server, sqs):
    """AddPermission writes the policy AWS writes (recorded), the other account may then do what it
    was granted and no more, and RemovePermission takes it back."""
    name = unique("perm")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = f"arn:aws:sqs:{REGION}:{DEFAULT_ACCOUNT}:{name}"
    other = sqs_client(server, *OTHER_ROOT_KEY)
    assert_error(expect_error(other.get_queue_attributes, QueueUrl=url, AttributeNames=["All"]), "AccessDenied", status=403)
    sqs.add_permission(QueueUrl=url, Label="crossaccountpermission", AWSAccountIds=[OTHER_ACCOUNT],
                       Actions=["GetQueueAttributes"])
    policy = json.loads(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"])["Attributes"]["Policy"])
    assert policy == {"Version": "2008-10-17", "Id": f"{arn}/SQSDefaultPolicy", "Statement": [{
        "Sid": "crossaccountpermission", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"},
        "Action": "SQS:GetQueueAttributes", "Resource": arn}]}
    assert other.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"] == {"QueueArn": arn}
    assert_error(expect_error(other.set_queue_attributes, QueueUrl=url, Attributes={"DelaySeconds": "1"}),
                 "AccessDenied", status=403)
    assert_error(expect_error(sqs.add_permission, QueueUrl=url, Label="crossaccountpermission",
                              AWSAccountIds=[OTHER_ACCOUNT], Actions=["SendMessage"]),
                 "InvalidParameterValue", "Value crossaccountpermission for parameter Label is invalid. Reason: Already exists.")
    assert_error(expect_error(sqs.add_permission, QueueUrl=url, Label="owner", AWSAccountIds=[OTHER_ACCOUNT],
                              Actions=["DeleteQueue"]),
                 "InvalidParameterValue", "Value SQS:DeleteQueue for parameter ActionName is invalid. "
                 "Reason: Only the queue owner is allowed to invoke this action.")
    # The other account may not grant itself more.
    assert_error(expect_error(other.add_permission, QueueUrl=url, Label="mine", AWSAccountIds=[OTHER_ACCOUNT],
                              Actions=["SendMessage"]), "AccessDenied", status=403)
    # Even a grant of everything reaches another account only for the grantable actions: the
    # owner's (delete, attributes, permissions, tags) stay the owner's.
    sqs.add_permission(QueueUrl=url, Label="everything", AWSAccountIds=[OTHER_ACCOUNT], Actions=["*"])
    assert other.get_queue_url(QueueName=name, QueueOwnerAWSAccountId=DEFAULT_ACCOUNT)["QueueUrl"] == url
    for call in (lambda: other.delete_queue(QueueUrl=url),
                 lambda: other.set_queue_attributes(QueueUrl=url, Attributes={"Policy": ""}),
                 lambda: other.add_permission(QueueUrl=url, Label="more", AWSAccountIds=["999999999999"], Actions=["SendMessage"]),
                 lambda: other.tag_queue(QueueUrl=url, Tags={"k": "v"})):
        with pytest.raises(ClientError) as info:
            call()
        assert_error(info.value.response, "AccessDenied", status=403)
    sqs.remove_permission(QueueUrl=url, Label="everything")
    sqs.remove_permission(QueueUrl=url, Label="crossaccountpermission")
    assert "Attributes" not in sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"])
    assert_error(expect_error(other.get_queue_attributes, QueueUrl=url, AttributeNames=["All"]), "AccessDenied", status=403)
    assert_error(expect_error(sqs.remove_permission, QueueUrl=url, Label="crossaccountpermission"),
                 "InvalidParameterValue", "Value crossaccountpermission for parameter Label is invalid. Reason: can't find label.")


def test_list_queues_by_prefix_and_page(sqs):
    prefix = unique("list")
    names = sorted(f"{prefix}-{i}" for i in range(5))
    for name in names:
        sqs.create_queue(QueueName=name)
    listed = sqs.list_queues(QueueNamePrefix=prefix)
    assert [url.rsplit("/", 1)[1] for url in listed["QueueUrls"]] == names and "NextToken" not in listed
    seen, token = [], None
    while True:
        page = sqs.list_queues(QueueNamePrefix=prefix, MaxResults=2, **({"NextToken": token} if token else {}))
        seen += [url.rsplit("/", 1)[1] for url in page.get("QueueUrls", [])]
        token = page.get("NextToken")
        if not token:
            break
    assert seen == names
    assert "QueueUrls" not in sqs.list_queues(QueueNamePrefix=unique("none"))
    assert_error(expect_error(sqs.list_queues, MaxResults=1001), "InvalidParameterValue")
    # The paginator botocore ships walks the same pages.
    paged = [url for page in sqs.get_paginator("list_queues").paginate(QueueNamePrefix=prefix, PaginationConfig={"PageSize": 2})
             for url in page.get("QueueUrls", [])]
    assert [url.rsplit("/", 1)[1] for url in paged] == names


def test_tags(sqs):
    url = sqs.create_queue(QueueName=unique(), tags={"team": "a"})["QueueUrl"]
    sqs.tag_queue(QueueUrl=url, Tags={"team": "b", "cost": ""})
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"team": "b", "cost": ""}
    sqs.untag_queue(QueueUrl=url, TagKeys=["cost", "absent"])
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"team": "b"}
    sqs.untag_queue(QueueUrl=url, TagKeys=["team"])
    assert "Tags" not in sqs.list_queue_tags(QueueUrl=url)


def test_deleted_names_wait_sixty_seconds(clocked):
    sqs = sqs_client(clocked)
    name = unique()
    url = sqs.create_queue(QueueName=name, Attributes={"DelaySeconds": "3"})["QueueUrl"]
    sqs.delete_queue(QueueUrl=url)
    with pytest.raises(sqs.exceptions.QueueDoesNotExist):
        sqs.get_queue_url(QueueName=name)
    assert_error(expect_error(sqs.create_queue, QueueName=name), "AWS.SimpleQueueService.QueueDeletedRecently")
    clock(clocked, advance=61)
    sqs.create_queue(QueueName=name)
    # Another queue under the old name: none of the old one's settings.
    assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["DelaySeconds"])["Attributes"] == {"DelaySeconds": "0"}


def test_who_may_do_what(server, sqs):
    bob = sqs_client(server, *BOB_KEY)
    response = expect_error(bob.create_queue, QueueName=unique())
    assert_error(response, "AccessDenied", status=403)
    assert "because no identity-based policy allows the sqs:CreateQueue action" in response["Error"]["Message"]
    # Another account's root reaches a queue only through its queue policy.
    other = sqs_client(server, *OTHER_ROOT_KEY)
    name = unique("shared")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    assert_error(expect_error(other.get_queue_url, QueueName=name, QueueOwnerAWSAccountId=DEFAULT_ACCOUNT),
                 "AccessDenied", status=403)
    policy = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": OTHER_ACCOUNT}, "Action": "sqs:GetQueueUrl",
        "Resource": f"arn:aws:sqs:{REGION}:{DEFAULT_ACCOUNT}:{name}"}]})
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": policy})
    assert other.get_queue_url(QueueName=name, QueueOwnerAWSAccountId=DEFAULT_ACCOUNT)["QueueUrl"] == url
    assert_error(expect_error(other.get_queue_attributes, QueueUrl=url, AttributeNames=["All"]), "AccessDenied", status=403)
    # Alice (of the other account) has an IAM policy for KMS only: a queue policy naming her
    # account still needs her own IAM allow; naming her directly does not either, across accounts.
    alice = sqs_client(server, *ALICE_KEY)
    assert_error(expect_error(alice.get_queue_url, QueueName=name, QueueOwnerAWSAccountId=DEFAULT_ACCOUNT),
                 "AccessDenied", status=403)
    direct = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:user/alice"}, "Action": "sqs:GetQueueUrl",
        "Resource": f"arn:aws:sqs:{REGION}:{DEFAULT_ACCOUNT}:{name}"}]})
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": direct})
    response = expect_error(alice.get_queue_url, QueueName=name, QueueOwnerAWSAccountId=DEFAULT_ACCOUNT)
    assert_error(response, "AccessDenied", status=403)
    assert "because no identity-based policy allows the sqs:GetQueueUrl action" in response["Error"]["Message"]
    assert_error(expect_error(sqs.set_queue_attributes, QueueUrl=url, Attributes={"Policy": "{"}),
                 "InvalidAttributeValue", "Invalid value for the parameter Policy.")


def test_calls_are_in_the_audit_trail(server, sqs):
    name = unique("audited")
    sqs.create_queue(QueueName=name, Attributes={"DelaySeconds": "2"})
    trail = make_client(server.endpoint, service="cloudtrail")
    events = trail.lookup_events(LookupAttributes=[{"AttributeKey": "ResourceName",
                                                    "AttributeValue": f"arn:aws:sqs:{REGION}:{DEFAULT_ACCOUNT}:{name}"}])["Events"]
    assert [e["EventName"] for e in events] == ["CreateQueue"]
    record = json.loads(events[0]["CloudTrailEvent"])
    assert record["eventSource"] == "sqs.amazonaws.com"
    assert record["requestParameters"] == {"queueName": name, "attributes": {"DelaySeconds": "2"}}
    assert record["resources"] == [{"ARN": f"arn:aws:sqs:{REGION}:{DEFAULT_ACCOUNT}:{name}", "accountId": DEFAULT_ACCOUNT,
                                    "type": "AWS::SQS::Queue"}]


def test_the_aws_cli(aws_cli):
    name = unique("cli")
    out = aws_cli.shell(f"""
        aws --endpoint-url "$ARCA_ENDPOINT" sqs create-queue --queue-name {name} --attributes VisibilityTimeout=45 >/dev/null
        url=$(aws --endpoint-url "$ARCA_ENDPOINT" sqs get-queue-url --queue-name {name} --query QueueUrl --output text)
        aws --endpoint-url "$ARCA_ENDPOINT" sqs get-queue-attributes --queue-url "$url" --attribute-names VisibilityTimeout \
            --query Attributes.VisibilityTimeout --output text
        aws --endpoint-url "$ARCA_ENDPOINT" sqs delete-queue --queue-url "$url"
        aws --endpoint-url "$ARCA_ENDPOINT" sqs get-queue-url --queue-name {name} 2>&1 || true
    """).stdout.decode()
    lines = out.strip().splitlines()
    assert lines[0] == "45"
    assert "AWS.SimpleQueueService.NonExistentQueue" in out


def test_queues_survive_a_restart(make_server):
    srv = make_server("sqs-restart")
    sqs = sqs_client(srv)
    url = sqs.create_queue(QueueName="kept.fifo", Attributes={"FifoQueue": "true", "DelaySeconds": "9"},
                           tags={"k": "v"})["QueueUrl"]
    before = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    srv.kill()
    srv.start()
    sqs = sqs_client(srv)
    url = sqs.get_queue_url(QueueName="kept.fifo")["QueueUrl"]
    assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"] == before
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"k": "v"}
