"""Mobile push: platform applications and endpoints as recorded from AWS; what SNS would push
lands in the local inbox."""
from __future__ import annotations

import json
import uuid

import requests

from helpers import REGION, assert_error, expect_error, make_client


def test_platform_applications_and_endpoints(server):
    sns = make_client(server.endpoint, REGION, service="sns")
    name = f"app-{uuid.uuid4().hex[:8]}"
    app = sns.create_platform_application(Name=name, Platform="ADM", Attributes={
        "PlatformCredential": "secret", "PlatformPrincipal": "client-id"})["PlatformApplicationArn"]
    assert app.endswith(f":app/ADM/{name}")
    # As recorded: the credentials are never answered.
    assert sns.get_platform_application_attributes(PlatformApplicationArn=app)["Attributes"] == {"Enabled": "true"}
    sns.set_platform_application_attributes(PlatformApplicationArn=app, Attributes={"SuccessFeedbackSampleRate": "50"})
    assert sns.get_platform_application_attributes(PlatformApplicationArn=app)["Attributes"] == {
        "Enabled": "true", "SuccessFeedbackSampleRate": "50"}
    assert {"PlatformApplicationArn": app, "Attributes": {"Enabled": "true", "SuccessFeedbackSampleRate": "50"}} in \
        sns.list_platform_applications()["PlatformApplications"]
    endpoint = sns.create_platform_endpoint(PlatformApplicationArn=app, Token="token_1")["EndpointArn"]
    assert sns.create_platform_endpoint(PlatformApplicationArn=app, Token="token_1")["EndpointArn"] == endpoint
    assert sns.get_endpoint_attributes(EndpointArn=endpoint)["Attributes"] == {"Enabled": "true", "Token": "token_1"}
    # Recorded from AWS.
    assert_error(expect_error(sns.create_platform_endpoint, PlatformApplicationArn=app, Token="token_1", CustomUserData="x"),
                 "InvalidParameter",
                 f"Invalid parameter: Token Reason: Endpoint {endpoint} already exists with the same Token, but different attributes.")
    assert_error(expect_error(sns.set_endpoint_attributes, EndpointArn=endpoint, Attributes={"InvalidKey": "x"}), "InvalidParameter",
                 "Invalid parameter: Attributes Reason: Invalid attribute name: InvalidKey")
    assert_error(expect_error(sns.set_endpoint_attributes, EndpointArn=endpoint, Attributes={"CustomUserData": "x" * 2049}),
                 "InvalidParameter",
                 "Invalid parameter: Attributes Reason: Invalid value for attribute: CustomUserData: must be at most 2048 bytes long in UTF-8 encoding")
    assert_error(expect_error(sns.get_endpoint_attributes, EndpointArn=endpoint.rsplit("/", 1)[0]), "InvalidParameter",
                 "Invalid parameter: EndpointArn Reason: Wrong number of slashes in relative portion of the ARN.")
    credentials = {"PlatformCredential": "secret", "PlatformPrincipal": "client-id"}
    assert_error(expect_error(sns.create_platform_application, Name="x", Platform="AAA", Attributes=credentials), "InvalidParameter",
                 "Invalid parameter: Platform Reason: AAA is not supported")
    assert_error(expect_error(sns.create_platform_application, Name="@name", Platform="ADM", Attributes=credentials), "InvalidParameter",
                 "Invalid parameter: @name Reason: must contain only characters 'a'-'z', 'A'-'Z', '0'-'9', '_', '-', and '.'")
    assert_error(expect_error(sns.create_platform_application, Name="y", Platform="ADM", Attributes={"PlatformPrincipal": "p"}),
                 "InvalidParameter", "Invalid parameter: Attributes Reason: PlatformPrincipal attribute provided without PlatformCredential")
    # Recorded from AWS: no attributes at all is the model's validation error.
    assert_error(expect_error(sns.create_platform_application, Name="z", Platform="ADM", Attributes={}), "ValidationError",
                 "1 validation error detected: Value null at 'attributes' failed to satisfy constraint: Member must not be null")
    # Pushes land in the local inbox: direct, and through a topic.
    sns.publish(TargetArn=endpoint, Message=json.dumps({"default": "plain", "ADM": "for adm"}), MessageStructure="json")
    topic = sns.create_topic(Name=f"push-{uuid.uuid4().hex[:8]}")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="application", Endpoint=endpoint)
    sns.publish(TopicArn=topic, Message="through the topic")
    pushed = requests.get(server.endpoint + "/_arca/sns/messages", params={"endpoint": endpoint}, timeout=10).json()["messages"]
    assert [m["body"] for m in pushed] == ["for adm", "through the topic"]
    sns.set_endpoint_attributes(EndpointArn=endpoint, Attributes={"Enabled": "false"})
    assert_error(expect_error(sns.publish, TargetArn=endpoint, Message="x"), "EndpointDisabled")
    sns.delete_endpoint(EndpointArn=endpoint)
    assert_error(expect_error(sns.publish, TargetArn=endpoint, Message="x"), "InvalidParameter",
                 "Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified")
    sns.delete_platform_application(PlatformApplicationArn=app)
    assert_error(expect_error(sns.list_endpoints_by_platform_application, PlatformApplicationArn=app), "NotFound",
                 "PlatformApplication does not exist", status=404)
