"""Email, email-json and SMS: Arca sends no mail and no SMS; what SNS would send is kept in a
local inbox, read at `GET /_arca/sns/messages` (clients on this machine only) and never stored in
plaintext."""
from __future__ import annotations

import json
import uuid

import requests

from helpers import REGION, assert_error, expect_error, make_client


def inbox(server, endpoint):
    answer = requests.get(server.endpoint + "/_arca/sns/messages", params={"endpoint": endpoint}, timeout=10)
    assert answer.status_code == 200
    return answer.json()["messages"]


def test_email_and_sms_land_in_the_local_inbox(server):
    sns = make_client(server.endpoint, REGION, service="sns")
    topic = sns.create_topic(Name=f"inbox-{uuid.uuid4().hex[:8]}")["TopicArn"]
    address = f"{uuid.uuid4().hex[:8]}@example.com"
    assert sns.subscribe(TopicArn=topic, Protocol="email", Endpoint=address)["SubscriptionArn"] == "pending confirmation"
    [request] = inbox(server, address)
    assert request["type"] == "SubscriptionConfirmation" and request["subject"] == "AWS Notification - Subscription Confirmation"
    confirmation = json.loads(request["body"])
    # Following the link in the mail confirms, as on AWS.
    assert requests.get(confirmation["SubscribeURL"], timeout=10).status_code == 200
    number = "+1555" + str(uuid.uuid4().int)[:7]
    sns.subscribe(TopicArn=topic, Protocol="sms", Endpoint=number)
    sns.publish(TopicArn=topic, Message="the report", Subject="Daily")
    notification = inbox(server, address)[-1]
    assert notification["type"] == "Notification" and notification["body"] == "the report" and notification["subject"] == "Daily"
    assert notification["topicArn"] == topic
    assert [m["body"] for m in inbox(server, number)] == ["the report"]
    # Publish to a phone number.
    direct = "+1555" + str(uuid.uuid4().int)[:7]
    assert sns.publish(PhoneNumber=direct, Message="direct")["MessageId"]
    assert [m["body"] for m in inbox(server, direct)] == ["direct"]
    # Recorded from AWS.
    assert_error(expect_error(sns.subscribe, TopicArn=topic, Protocol="sms", Endpoint="+15--551234567"), "InvalidParameter",
                 "Invalid SMS endpoint: +15--551234567")
    assert_error(expect_error(sns.publish, PhoneNumber="NAA+15551234567", Message="x"), "InvalidParameter",
                 "Invalid parameter: PhoneNumber Reason: NAA+15551234567 is not valid to publish to")
    assert requests.delete(server.endpoint + "/_arca/sns/messages", params={"endpoint": direct}, timeout=10).status_code == 204
    assert inbox(server, direct) == []


def test_the_inbox_is_sealed_on_disk(make_server):
    srv = make_server("sns-inbox-sealed")
    sns = make_client(srv.endpoint, REGION, service="sns")
    topic = sns.create_topic(Name="sealed")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="sms", Endpoint="+15551230000")
    sns.publish(TopicArn=topic, Message="inbox-body-7f3a9c")
    srv.kill()
    needle = b"inbox-body-7f3a9c"
    for path in srv.data_dir.rglob("*"):
        if path.is_file():
            assert needle not in path.read_bytes(), path
    srv.start()
    assert [m["body"] for m in inbox(srv, "+15551230000")] == ["inbox-body-7f3a9c"]
