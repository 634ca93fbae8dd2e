"""SNS delivering to HTTP endpoints, against a server this test runs: the SubscriptionConfirmation
with its SubscribeURL (served by Arca, unsigned, as on AWS), notifications with SNS's headers and
signature (checked here with Python's `cryptography`), retries by the delivery policy on the test
clock, the UnsubscribeURL, and a Publish that was answered delivered after `kill -9`."""
from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from helpers import REGION, clock, make_client


class Endpoint:
    """An HTTP endpoint on a free port: records every POST, answers the statuses queued (200 once
    they run out)."""

    def __init__(self):
        self.posts = []
        self.answers = []
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                endpoint.posts.append({"headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
                self.send_response(endpoint.answers.pop(0) if endpoint.answers else 200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count, timeout=10):
        deadline = time.monotonic() + timeout
        while len(self.posts) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(self.posts) >= count, self.posts
        return self.posts[count - 1]

    def close(self):
        self.server.shutdown()
        # Refuse connections from now on, rather than accept them unanswered.
        self.server.server_close()


@pytest.fixture
def endpoint():
    e = Endpoint()
    yield e
    e.close()


def verify(message):
    keys = {"Notification": ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]}.get(
        message["Type"], ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"])
    text = "".join(f"{k}\n{message[k]}\n" for k in keys if k in message).encode()
    certificate = x509.load_pem_x509_certificate(requests.get(message["SigningCertURL"], timeout=10).content)
    digest = {"1": hashes.SHA1(), "2": hashes.SHA256()}[message["SignatureVersion"]]
    certificate.public_key().verify(base64.b64decode(message["Signature"]), text, padding.PKCS1v15(), digest)


def test_confirm_notify_and_unsubscribe(clocked, endpoint):
    sns = make_client(clocked.endpoint, REGION, service="sns")
    topic = sns.create_topic(Name=f"hooks-{uuid.uuid4().hex[:8]}")["TopicArn"]
    assert sns.subscribe(TopicArn=topic, Protocol="http", Endpoint=endpoint.url)["SubscriptionArn"] == "pending confirmation"
    confirmation = endpoint.wait_for(1)
    assert confirmation["headers"]["x-amz-sns-message-type"] == "SubscriptionConfirmation"
    message = json.loads(confirmation["body"])
    verify(message)
    # The SubscribeURL confirms, unsigned.
    answer = requests.get(message["SubscribeURL"], timeout=10)
    assert answer.status_code == 200 and "<SubscriptionArn>" in answer.text
    subscription = answer.text.split("<SubscriptionArn>")[1].split("</SubscriptionArn>")[0]
    assert sns.get_subscription_attributes(SubscriptionArn=subscription)["Attributes"]["PendingConfirmation"] == "false"
    published = sns.publish(TopicArn=topic, Message="hello", Subject="greeting")
    post = endpoint.wait_for(2)
    assert post["headers"]["x-amz-sns-message-type"] == "Notification"
    assert post["headers"]["x-amz-sns-message-id"] == published["MessageId"]
    assert post["headers"]["x-amz-sns-subscription-arn"] == subscription
    assert post["headers"]["content-type"] == "text/plain; charset=UTF-8"
    notification = json.loads(post["body"])
    assert notification["Message"] == "hello" and notification["Subject"] == "greeting"
    verify(notification)
    # The UnsubscribeURL ends the subscription.
    assert requests.get(notification["UnsubscribeURL"], timeout=10).status_code == 200
    assert sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"] == []


def test_failures_are_retried_on_the_test_clock(clocked, endpoint):
    sns = make_client(clocked.endpoint, REGION, service="sns")
    topic = sns.create_topic(Name=f"retries-{uuid.uuid4().hex[:8]}")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="http", Endpoint=endpoint.url)
    token = json.loads(endpoint.wait_for(1)["body"])["Token"]
    sns.confirm_subscription(TopicArn=topic, Token=token)
    endpoint.answers = [503]
    sns.publish(TopicArn=topic, Message="eventually")
    endpoint.wait_for(2)
    time.sleep(1.5)
    assert len(endpoint.posts) == 2  # the retry waits 20 seconds of the server's clock
    clock(clocked, advance=20)
    assert json.loads(endpoint.wait_for(3)["body"])["Message"] == "eventually"


def test_an_answered_publish_is_delivered_after_kill_9(make_server, endpoint):
    srv = make_server("sns-http-durable")
    sns = make_client(srv.endpoint, REGION, service="sns")
    topic = sns.create_topic(Name="durable-hooks")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="http", Endpoint=endpoint.url, Attributes={"RawMessageDelivery": "true"})
    token = json.loads(endpoint.wait_for(1)["body"])["Token"]
    sns.confirm_subscription(TopicArn=topic, Token=token)
    endpoint.answers = [503] * 50  # down for now
    for index in range(5):
        sns.publish(TopicArn=topic, Message=f"m{index}")
    srv.kill()
    endpoint.answers = []
    srv.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        delivered = {p["body"] for p in endpoint.posts[1:] if p["headers"].get("x-amz-sns-rawdelivery") == "true"}
        if {f"m{index}" for index in range(5)} <= delivered:
            break
        time.sleep(0.2)
    # Retries wait 20 s each by default; the restart finds them due by then at the latest.
    assert {f"m{index}" for index in range(5)} <= delivered


def test_links_use_the_configured_public_url(make_server, endpoint):
    srv = make_server("sns-public-url", config={"snsPublicURL": "http://arca.example:4566"})
    sns = make_client(srv.endpoint, REGION, service="sns")
    topic = sns.create_topic(Name="linked")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="http", Endpoint=endpoint.url)
    confirmation = json.loads(endpoint.wait_for(1)["body"])
    assert confirmation["SubscribeURL"].startswith("http://arca.example:4566/?Action=ConfirmSubscription&")
    assert confirmation["SigningCertURL"].startswith("http://arca.example:4566/SimpleNotificationService-")
    # Recorded from AWS: the link answers a topic it cannot read "Invalid parameter: Topic".
    answer = requests.get(srv.endpoint + "/?Action=ConfirmSubscription&TopicArn=not-an-arn&Token=" + "0" * 32, timeout=10)
    assert answer.status_code == 400 and "<Message>Invalid parameter: Topic</Message>" in answer.text
