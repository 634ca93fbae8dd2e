"""SNS topics through boto3 and the aws CLI (the query protocol): creation and its idempotence,
names, attributes and their defaults, tags, permissions, data protection policies, deletion,
paging, access control, the audit trail and restarts. Codes and messages are the ones recorded
from AWS (shared/reference/aws-recorded/sns)."""
from __future__ import annotations

import json
import uuid

import pytest

from helpers import (ALICE_KEY, DEFAULT_ACCOUNT, OTHER_ACCOUNT, OTHER_ROOT_KEY, REGION, assert_error, expect_error,
                     make_client)


def sns_client(server, access_key="test", secret_key="test", region=REGION):
    return make_client(server.endpoint, region, access_key, secret_key, service="sns")


@pytest.fixture(scope="module")
def sns(server):
    return sns_client(server)


def unique(prefix="topic"):
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def arn(name, account=DEFAULT_ACCOUNT, region=REGION):
    return f"arn:aws:sns:{region}:{account}:{name}"


DEFAULT_ACTIONS = ["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission",
                   "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"]


def test_a_topic_and_its_default_attributes(sns):
    name = unique()
    topic = sns.create_topic(Name=name)["TopicArn"]
    assert topic == arn(name)
    attributes = sns.get_topic_attributes(TopicArn=topic)["Attributes"]
    # As recorded from AWS for a topic created without attributes.
    assert sorted(attributes) == ["DisplayName", "EffectiveDeliveryPolicy", "Owner", "Policy", "SubscriptionsConfirmed",
                                  "SubscriptionsDeleted", "SubscriptionsPending", "TopicArn"]
    assert attributes["DisplayName"] == "" and attributes["Owner"] == DEFAULT_ACCOUNT
    assert attributes["SubscriptionsConfirmed"] == attributes["SubscriptionsPending"] == "0"
    assert json.loads(attributes["Policy"]) == {
        "Version": "2008-10-17", "Id": "__default_policy_ID",
        "Statement": [{"Sid": "__default_statement_ID", "Effect": "Allow", "Principal": {"AWS": "*"},
                       "Action": DEFAULT_ACTIONS, "Resource": topic,
                       "Condition": {"StringEquals": {"AWS:SourceOwner": DEFAULT_ACCOUNT}}}]}
    assert json.loads(attributes["EffectiveDeliveryPolicy"]) == {"http": {
        "defaultHealthyRetryPolicy": {"minDelayTarget": 20, "maxDelayTarget": 20, "numRetries": 3, "numMaxDelayRetries": 0,
                                      "numNoDelayRetries": 0, "numMinDelayRetries": 0, "backoffFunction": "linear"},
        "disableSubscriptionOverrides": False, "defaultRequestPolicy": {"headerContentType": "text/plain; charset=UTF-8"}}}
    assert {"TopicArn": topic} in sns.list_topics()["Topics"]
    sns.delete_topic(TopicArn=topic)
    # Recorded from AWS: deleting again is no error; the topic is gone.
    sns.delete_topic(TopicArn=topic)
    assert_error(expect_error(sns.get_topic_attributes, TopicArn=topic), "NotFound", "Topic does not exist", status=404)


def test_create_topic_is_idempotent_and_checks_what_it_is_given(sns):
    name = unique()
    topic = sns.create_topic(Name=name, Attributes={"DisplayName": "Value1"}, Tags=[{"Key": "k1", "Value": "v1"}])["TopicArn"]
    assert sns.create_topic(Name=name)["TopicArn"] == topic
    assert sns.create_topic(Name=name, Attributes={"DisplayName": "Value1"})["TopicArn"] == topic
    # Recorded from AWS.
    assert_error(expect_error(sns.create_topic, Name=name, Attributes={"DisplayName": "Value2"}), "InvalidParameter",
                 "Invalid parameter: Attributes Reason: Topic already exists with different attributes")
    assert_error(expect_error(sns.create_topic, Name=name, Tags=[{"Key": "k1", "Value": "v1"}, {"Key": "k2", "Value": "v2"}]),
                 "InvalidParameter", "Invalid parameter: Tags Reason: Topic already exists with different tags")
    for bad, attributes in [("", {}), ("a" * 257, {}), ("x.fifo", {}), (unique(), {"FifoTopic": "true"}), ("a b", {})]:
        assert_error(expect_error(sns.create_topic, Name=bad, Attributes=attributes), "InvalidParameter",
                     "Invalid parameter: Topic Name")
    assert sns.create_topic(Name="a" * 256)["TopicArn"] == arn("a" * 256)


def test_fifo_topics(sns):
    name = unique() + ".fifo"
    topic = sns.create_topic(Name=name, Attributes={"FifoTopic": "true", "ContentBasedDeduplication": "true"})["TopicArn"]
    attributes = sns.get_topic_attributes(TopicArn=topic)["Attributes"]
    assert attributes["FifoTopic"] == "true" and attributes["ContentBasedDeduplication"] == "true"
    sns.set_topic_attributes(TopicArn=topic, AttributeName="ContentBasedDeduplication", AttributeValue="false")
    assert sns.get_topic_attributes(TopicArn=topic)["Attributes"]["ContentBasedDeduplication"] == "false"
    standard = sns.create_topic(Name=unique())["TopicArn"]
    assert_error(expect_error(sns.set_topic_attributes, TopicArn=standard, AttributeName="ContentBasedDeduplication",
                              AttributeValue="true"), "InvalidParameter")


def test_topic_arns_are_read_as_sns_reads_them(sns):
    # Recorded from AWS.
    assert_error(expect_error(sns.get_topic_attributes, TopicArn="not-an-arn"), "InvalidParameter",
                 "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1")
    topic = sns.create_topic(Name=unique())["TopicArn"]
    assert_error(expect_error(sns.get_topic_attributes, TopicArn=topic.replace(REGION, "eu-west-1")), "InvalidParameter",
                 "Invalid parameter: TopicArn")


def test_set_topic_attributes_and_the_delivery_policy(sns):
    topic = sns.create_topic(Name=unique())["TopicArn"]
    policy = {"http": {"defaultHealthyRetryPolicy": {"minDelayTarget": 5, "maxDelayTarget": 6, "numRetries": 1},
                       "disableSubscriptionOverrides": False}}
    sns.set_topic_attributes(TopicArn=topic, AttributeName="DeliveryPolicy", AttributeValue=json.dumps(policy))
    sns.set_topic_attributes(TopicArn=topic, AttributeName="DisplayName", AttributeValue="Shown")
    attributes = sns.get_topic_attributes(TopicArn=topic)["Attributes"]
    assert json.loads(attributes["DeliveryPolicy"]) == policy and attributes["DisplayName"] == "Shown"
    # Recorded from AWS: the given values over the defaults.
    assert json.loads(attributes["EffectiveDeliveryPolicy"])["http"]["defaultHealthyRetryPolicy"] == {
        "minDelayTarget": 5, "maxDelayTarget": 6, "numRetries": 1, "numMaxDelayRetries": 0, "numNoDelayRetries": 0,
        "numMinDelayRetries": 0, "backoffFunction": "linear"}
    assert_error(expect_error(sns.set_topic_attributes, TopicArn=topic, AttributeName="Unknown", AttributeValue="x"),
                 "InvalidParameter", "Invalid parameter: AttributeName")
    assert_error(expect_error(sns.set_topic_attributes, TopicArn=topic, AttributeName="Policy", AttributeValue="{"),
                 "InvalidParameter")


def test_tags(sns):
    topic = sns.create_topic(Name=unique(), Tags=[{"Key": "k1", "Value": "v1"}, {"Key": "k2", "Value": "v2"}])["TopicArn"]
    # As recorded from AWS.
    assert sns.list_tags_for_resource(ResourceArn=topic)["Tags"] == [{"Key": "k1", "Value": "v1"}, {"Key": "k2", "Value": "v2"}]
    sns.untag_resource(ResourceArn=topic, TagKeys=["k1"])
    sns.tag_resource(ResourceArn=topic, Tags=[{"Key": "k2", "Value": "v2b"}])
    assert sns.list_tags_for_resource(ResourceArn=topic)["Tags"] == [{"Key": "k2", "Value": "v2b"}]
    assert_error(expect_error(sns.tag_resource, ResourceArn=topic, Tags=[{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}]),
                 "InvalidParameter", "Invalid parameter: Duplicated keys are not allowed.")
    sns.delete_topic(TopicArn=topic)
    recreated = sns.create_topic(Name=topic.rsplit(":", 1)[1])["TopicArn"]
    assert sns.list_tags_for_resource(ResourceArn=recreated)["Tags"] == []


def test_permissions_and_another_account(server, sns):
    topic = sns.create_topic(Name=unique())["TopicArn"]
    other = sns_client(server, *OTHER_ROOT_KEY)
    assert_error(expect_error(other.get_topic_attributes, TopicArn=topic), "AuthorizationError", (
        f"User: arn:aws:iam::{OTHER_ACCOUNT}:root is not authorized to perform: SNS:GetTopicAttributes on resource: {topic} "
        "because no resource-based policy allows the SNS:GetTopicAttributes action"), status=403)
    sns.add_permission(TopicArn=topic, Label="readers", AWSAccountId=[OTHER_ACCOUNT], ActionName=["GetTopicAttributes"])
    policy = json.loads(sns.get_topic_attributes(TopicArn=topic)["Attributes"]["Policy"])
    # As recorded from AWS: after the default statement.
    assert policy["Statement"][1] == {"Sid": "readers", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"},
                                      "Action": "SNS:GetTopicAttributes", "Resource": topic}
    assert other.get_topic_attributes(TopicArn=topic)["Attributes"]["TopicArn"] == topic
    assert_error(expect_error(other.delete_topic, TopicArn=topic), "AuthorizationError", status=403)
    # Recorded from AWS.
    assert_error(expect_error(sns.add_permission, TopicArn=topic, Label="readers", AWSAccountId=[OTHER_ACCOUNT],
                              ActionName=["Publish"]), "InvalidParameter", "Invalid parameter: Statement already exists")
    assert_error(expect_error(sns.add_permission, TopicArn=topic, Label="other", AWSAccountId=[OTHER_ACCOUNT],
                              ActionName=["CreateTopic"]), "InvalidParameter",
                 "Invalid parameter: Policy statement action out of service scope!")
    assert_error(expect_error(sns.add_permission, TopicArn=arn(unique()), Label="x", AWSAccountId=[OTHER_ACCOUNT],
                              ActionName=["Publish"]), "NotFound", "Topic does not exist", status=404)
    sns.remove_permission(TopicArn=topic, Label="readers")
    assert_error(expect_error(other.get_topic_attributes, TopicArn=topic), "AuthorizationError", status=403)


def test_iam_users_need_sns_permissions(server):
    alice = sns_client(server, *ALICE_KEY)  # kms:* only
    name = unique()
    assert_error(expect_error(alice.create_topic, Name=name), "AuthorizationError", (
        f"User: arn:aws:iam::{OTHER_ACCOUNT}:user/alice is not authorized to perform: SNS:CreateTopic on resource: "
        f"{arn(name, OTHER_ACCOUNT)} because no identity-based policy allows the SNS:CreateTopic action"), status=403)


def test_data_protection_policies_are_stored(sns):
    topic = sns.create_topic(Name=unique())["TopicArn"]
    policy = {"Name": "data_protection_policy", "Description": "Test Policy", "Version": "2021-06-01", "Statement": [
        {"Sid": "test-statement", "DataDirection": "Inbound", "Principal": ["*"],
         "DataIdentifier": [f"arn:aws:dataprotection::aws:data-identifier/EmailAddress"], "Operation": {"Deny": {}}}]}
    sns.put_data_protection_policy(ResourceArn=topic, DataProtectionPolicy=json.dumps(policy))
    assert json.loads(sns.get_data_protection_policy(ResourceArn=topic)["DataProtectionPolicy"]) == policy


def test_list_topics_pages_by_hundreds(make_server):
    srv = make_server("sns-paging")
    sns = sns_client(srv)
    created = sorted(sns.create_topic(Name=f"t{index:03d}")["TopicArn"] for index in range(120))
    first = sns.list_topics()
    assert len(first["Topics"]) == 100 and "NextToken" in first
    second = sns.list_topics(NextToken=first["NextToken"])
    assert "NextToken" not in second
    assert [t["TopicArn"] for t in first["Topics"] + second["Topics"]] == created
    # botocore's paginator follows the tokens.
    pages = sns.get_paginator("list_topics").paginate()
    assert sum(len(page["Topics"]) for page in pages) == 120


def test_topics_survive_kill_9(make_server):
    srv = make_server("sns-durable")
    sns = sns_client(srv)
    topic = sns.create_topic(Name="kept.fifo", Attributes={"FifoTopic": "true", "DisplayName": "Kept"},
                             Tags=[{"Key": "k", "Value": "v"}])["TopicArn"]
    before = sns.get_topic_attributes(TopicArn=topic)["Attributes"]
    srv.kill()
    srv.start()
    sns = sns_client(srv)
    assert sns.get_topic_attributes(TopicArn=topic)["Attributes"] == before
    assert sns.list_tags_for_resource(ResourceArn=topic)["Tags"] == [{"Key": "k", "Value": "v"}]


def test_calls_are_in_the_audit_trail(server, sns):
    name = unique("audited")
    sns.create_topic(Name=name, Attributes={"DisplayName": "Audited"})
    trail = make_client(server.endpoint, service="cloudtrail")
    events = trail.lookup_events(LookupAttributes=[{"AttributeKey": "ResourceName", "AttributeValue": arn(name)}])["Events"]
    assert [e["EventName"] for e in events] == ["CreateTopic"]
    record = json.loads(events[0]["CloudTrailEvent"])
    assert record["eventSource"] == "sns.amazonaws.com"
    assert record["requestParameters"] == {"name": name, "attributes": {"DisplayName": "Audited"}}
    assert record["resources"] == [{"ARN": arn(name), "accountId": DEFAULT_ACCOUNT, "type": "AWS::SNS::Topic"}]


def test_the_aws_cli(aws_cli):
    name = unique("cli")
    out = aws_cli.shell(f"""
        topic=$(aws --endpoint-url "$ARCA_ENDPOINT" sns create-topic --name {name} --attributes DisplayName=Cli \
            --query TopicArn --output text)
        aws --endpoint-url "$ARCA_ENDPOINT" sns get-topic-attributes --topic-arn "$topic" --query Attributes.DisplayName --output text
        aws --endpoint-url "$ARCA_ENDPOINT" sns tag-resource --resource-arn "$topic" --tags Key=team,Value=a
        aws --endpoint-url "$ARCA_ENDPOINT" sns list-tags-for-resource --resource-arn "$topic" --query 'Tags[0].Value' --output text
        aws --endpoint-url "$ARCA_ENDPOINT" sns delete-topic --topic-arn "$topic"
        aws --endpoint-url "$ARCA_ENDPOINT" sns get-topic-attributes --topic-arn "$topic" 2>&1 || true
    """).stdout.decode()
    lines = out.strip().splitlines()
    assert lines[0] == "Cli" and lines[1] == "a"
    assert "NotFound" in out and "Topic does not exist" in out
