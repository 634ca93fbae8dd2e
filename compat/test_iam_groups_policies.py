"""IAM groups and customer managed policies on the same endpoint: a user gets the policies of its
groups and the managed policies attached to it, its groups or its role, and every change is in
force on the next request."""
import base64
import json
import os
import uuid

import pytest

from helpers import (DAVE_ARN, OTHER_ACCOUNT, OTHER_ROOT_KEY, assert_error, expect_error, make_client)

KMS_ALL = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}
LIST_KEYS = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:ListKeys", "Resource": "*"}]}
CREATE_KEY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:CreateKey", "Resource": "*"}]}


@pytest.fixture
def iam(server):
    """IAM as the root of the second account."""
    return make_client(server.endpoint, service="iam", access_key=OTHER_ROOT_KEY[0], secret_key=OTHER_ROOT_KEY[1])


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def user_with_key(server, iam):
    """A fresh user with no policies, its ARN and a KMS client signed with its key."""
    name = unique("user")
    arn = iam.create_user(UserName=name)["User"]["Arn"]
    key = iam.create_access_key(UserName=name)["AccessKey"]
    kms = make_client(server.endpoint, access_key=key["AccessKeyId"], secret_key=key["SecretAccessKey"])
    return name, arn, kms


def test_group_membership_and_group_policies_apply_on_the_next_request(server, iam):
    name, arn, kms = user_with_key(server, iam)
    group = unique("group")
    created = iam.create_group(GroupName=group, Path="/teams/")["Group"]
    assert created["Arn"] == f"arn:aws:iam::{OTHER_ACCOUNT}:group/teams/{group}"
    assert created["GroupId"].startswith("AGPA") and len(created["GroupId"]) == 21
    iam.put_group_policy(GroupName=group, PolicyName="list", PolicyDocument=json.dumps(LIST_KEYS))
    assert_error(expect_error(kms.list_keys), "AccessDeniedException")
    iam.add_user_to_group(GroupName=group, UserName=name)
    iam.add_user_to_group(GroupName=group, UserName=name)  # again: no change
    kms.list_keys()
    got = iam.get_group(GroupName=group)
    assert got["Group"] == created
    assert [u["Arn"] for u in got["Users"]] == [arn]
    assert [g["GroupName"] for g in iam.list_groups_for_user(UserName=name)["Groups"]] == [group]
    assert iam.list_group_policies(GroupName=group)["PolicyNames"] == ["list"]
    assert iam.get_group_policy(GroupName=group, PolicyName="list")["PolicyDocument"] == LIST_KEYS
    assert group in [g["GroupName"] for g in iam.list_groups(PathPrefix="/teams/")["Groups"]]
    iam.remove_user_from_group(GroupName=group, UserName=name)
    assert_error(expect_error(kms.list_keys), "AccessDeniedException")
    iam.add_user_to_group(GroupName=group, UserName=name)
    kms.list_keys()
    iam.delete_group_policy(GroupName=group, PolicyName="list")
    assert_error(expect_error(kms.list_keys), "AccessDeniedException")


def test_group_errors(iam):
    name = unique("user")
    iam.create_user(UserName=name)
    group = unique("group")
    iam.create_group(GroupName=group)
    resp = expect_error(iam.create_group, GroupName=group.upper())
    assert_error(resp, "EntityAlreadyExists", f"Group with name {group.upper()} already exists.", status=409)
    resp = expect_error(iam.get_group, GroupName="no-such-group")
    assert_error(resp, "NoSuchEntity", "The group with name no-such-group cannot be found.", status=404)
    resp = expect_error(iam.add_user_to_group, GroupName=group, UserName="no-such-user")
    assert_error(resp, "NoSuchEntity", "The user with name no-such-user cannot be found.", status=404)
    resp = expect_error(iam.remove_user_from_group, GroupName=group, UserName=name)
    assert_error(resp, "NoSuchEntity", status=404)
    iam.add_user_to_group(GroupName=group, UserName=name)
    resp = expect_error(iam.delete_user, UserName=name)
    assert_error(resp, "DeleteConflict", "Cannot delete entity, must remove user from all groups first.", status=409)
    resp = expect_error(iam.delete_group, GroupName=group)
    assert_error(resp, "DeleteConflict", "Cannot delete entity, must remove users from group first.", status=409)
    iam.remove_user_from_group(GroupName=group, UserName=name)
    iam.put_group_policy(GroupName=group, PolicyName="p", PolicyDocument=json.dumps(KMS_ALL))
    resp = expect_error(iam.delete_group, GroupName=group)
    assert_error(resp, "DeleteConflict", "Cannot delete entity, must delete policies first.", status=409)
    resp = expect_error(iam.get_group_policy, GroupName=group, PolicyName="none")
    assert_error(resp, "NoSuchEntity", "The group policy with name none cannot be found.", status=404)
    iam.delete_group_policy(GroupName=group, PolicyName="p")
    iam.delete_group(GroupName=group)
    assert_error(expect_error(iam.get_group, GroupName=group), "NoSuchEntity", status=404)
    iam.delete_user(UserName=name)


def test_a_user_can_be_in_ten_groups(iam):
    name = unique("user")
    iam.create_user(UserName=name)
    groups = [unique("g") for _ in range(11)]
    for group in groups:
        iam.create_group(GroupName=group)
    for group in groups[:10]:
        iam.add_user_to_group(GroupName=group, UserName=name)
    resp = expect_error(iam.add_user_to_group, GroupName=groups[10], UserName=name)
    assert_error(resp, "LimitExceeded", "Cannot exceed quota for GroupsPerUser: 10", status=409)


def test_groups_of_the_config_file_are_listed_but_read_only(iam):
    declared = iam.get_group(GroupName="key-users")
    assert declared["Group"]["Arn"] == f"arn:aws:iam::{OTHER_ACCOUNT}:group/key-users"
    assert [u["Arn"] for u in declared["Users"]] == [DAVE_ARN]
    assert [g["GroupName"] for g in iam.list_groups_for_user(UserName="dave")["Groups"]] == ["key-users"]
    use_keys = f"arn:aws:iam::{OTHER_ACCOUNT}:policy/kms/use-keys"
    attached = iam.list_attached_group_policies(GroupName="key-users")["AttachedPolicies"]
    assert attached == [{"PolicyName": "use-keys", "PolicyArn": use_keys}]
    policy = iam.get_policy(PolicyArn=use_keys)["Policy"]
    assert policy["AttachmentCount"] == 1 and policy["DefaultVersionId"] == "v1"
    name = unique("user")
    iam.create_user(UserName=name)
    for call, kwargs in ((iam.delete_group, {"GroupName": "key-users"}),
                         (iam.add_user_to_group, {"GroupName": "key-users", "UserName": name}),
                         (iam.put_group_policy, {"GroupName": "key-users", "PolicyName": "p",
                                                 "PolicyDocument": json.dumps(KMS_ALL)}),
                         (iam.detach_group_policy, {"GroupName": "key-users", "PolicyArn": use_keys}),
                         (iam.add_user_to_group, {"GroupName": unique_group(iam), "UserName": "dave"}),
                         (iam.attach_user_policy, {"UserName": "dave", "PolicyArn": use_keys}),
                         (iam.create_policy_version, {"PolicyArn": use_keys, "PolicyDocument": json.dumps(KMS_ALL)}),
                         (iam.delete_policy, {"PolicyArn": use_keys})):
        assert_error(expect_error(call, **kwargs), "UnmodifiableEntity", status=400)
    # A policy of the config file can still be attached to what the API created.
    iam.attach_user_policy(UserName=name, PolicyArn=use_keys)
    assert iam.get_policy(PolicyArn=use_keys)["Policy"]["AttachmentCount"] == 2
    iam.detach_user_policy(UserName=name, PolicyArn=use_keys)


def unique_group(iam):
    group = unique("group")
    iam.create_group(GroupName=group)
    return group


def test_managed_policy_attached_to_a_user_a_group_and_a_role(server, iam):
    name, arn, kms = user_with_key(server, iam)
    policy = iam.create_policy(PolicyName=unique("list-keys"), Path="/kms/", Description="list keys",
                               PolicyDocument=json.dumps(LIST_KEYS))["Policy"]
    assert policy["Arn"] == f"arn:aws:iam::{OTHER_ACCOUNT}:policy/kms/{policy['PolicyName']}"
    assert policy["PolicyId"].startswith("ANPA") and policy["DefaultVersionId"] == "v1"
    assert policy["AttachmentCount"] == 0 and policy["IsAttachable"] is True
    assert iam.get_policy(PolicyArn=policy["Arn"])["Policy"]["Description"] == "list keys"
    assert_error(expect_error(kms.list_keys), "AccessDeniedException")
    iam.attach_user_policy(UserName=name, PolicyArn=policy["Arn"])
    kms.list_keys()
    assert iam.list_attached_user_policies(UserName=name)["AttachedPolicies"] == [
        {"PolicyName": policy["PolicyName"], "PolicyArn": policy["Arn"]}]
    iam.detach_user_policy(UserName=name, PolicyArn=policy["Arn"])
    assert_error(expect_error(kms.list_keys), "AccessDeniedException")
    resp = expect_error(iam.detach_user_policy, UserName=name, PolicyArn=policy["Arn"])
    assert_error(resp, "NoSuchEntity", f"Policy {policy['Arn']} was not found.", status=404)

    group = unique_group(iam)
    iam.add_user_to_group(GroupName=group, UserName=name)
    iam.attach_group_policy(GroupName=group, PolicyArn=policy["Arn"])
    kms.list_keys()
    role = unique("role")
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": arn}, "Action": "sts:AssumeRole"}]}))
    iam.attach_role_policy(RoleName=role, PolicyArn=policy["Arn"])
    assert iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"][0]["PolicyArn"] == policy["Arn"]
    entities = iam.list_entities_for_policy(PolicyArn=policy["Arn"])
    assert [g["GroupName"] for g in entities["PolicyGroups"]] == [group]
    assert [r["RoleName"] for r in entities["PolicyRoles"]] == [role]
    assert entities["PolicyUsers"] == []
    assert iam.list_entities_for_policy(PolicyArn=policy["Arn"], EntityFilter="Role")["PolicyGroups"] == []
    assert iam.get_policy(PolicyArn=policy["Arn"])["Policy"]["AttachmentCount"] == 2
    attached = [p["PolicyName"] for p in iam.list_policies(Scope="Local", OnlyAttached=True)["Policies"]]
    assert policy["PolicyName"] in attached

    resp = expect_error(iam.delete_policy, PolicyArn=policy["Arn"])
    assert_error(resp, "DeleteConflict", "Cannot delete a policy attached to entities.", status=409)
    resp = expect_error(iam.delete_role, RoleName=role)
    assert_error(resp, "DeleteConflict", "Cannot delete entity, must detach all policies first.", status=409)
    resp = expect_error(iam.delete_group, GroupName=group)
    assert_error(resp, "DeleteConflict", "Cannot delete entity, must remove users from group first.", status=409)
    iam.detach_role_policy(RoleName=role, PolicyArn=policy["Arn"])
    iam.detach_group_policy(GroupName=group, PolicyArn=policy["Arn"])
    assert_error(expect_error(kms.list_keys), "AccessDeniedException")
    iam.delete_policy(PolicyArn=policy["Arn"])
    resp = expect_error(iam.get_policy, PolicyArn=policy["Arn"])
    assert_error(resp, "NoSuchEntity", f"Policy {policy['Arn']} does not exist or is not attachable.", status=404)


def test_a_role_session_gets_the_roles_managed_policies(server, iam):
    name, arn, _ = user_with_key(server, iam)
    key = iam.create_access_key(UserName=name)["AccessKey"]
    iam.put_user_policy(UserName=name, PolicyName="assume", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}))
    role = unique("role")
    role_arn = iam.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": arn}, "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
    sts = make_client(server.endpoint, service="sts", access_key=key["AccessKeyId"], secret_key=key["SecretAccessKey"])
    creds = sts.assume_role(RoleArn=role_arn, RoleSessionName="session")["Credentials"]
    kms = make_client(server.endpoint, access_key=creds["AccessKeyId"], secret_key=creds["SecretAccessKey"],
                      session_token=creds["SessionToken"])
    assert_error(expect_error(kms.list_keys), "AccessDeniedException")
    policy = iam.create_policy(PolicyName=unique("p"), PolicyDocument=json.dumps(LIST_KEYS))["Policy"]["Arn"]
    iam.attach_role_policy(RoleName=role, PolicyArn=policy)
    kms.list_keys()


def test_policy_versions_decide_what_is_in_force(server, iam):
    name, _, kms = user_with_key(server, iam)
    arn = iam.create_policy(PolicyName=unique("versioned"), PolicyDocument=json.dumps(LIST_KEYS))["Policy"]["Arn"]
    iam.attach_user_policy(UserName=name, PolicyArn=arn)
    kms.list_keys()
    v2 = iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(CREATE_KEY))["PolicyVersion"]
    assert v2["VersionId"] == "v2" and v2["IsDefaultVersion"] is False
    kms.list_keys()  # v1 is still the default
    iam.set_default_policy_version(PolicyArn=arn, VersionId="v2")
    assert_error(expect_error(kms.list_keys), "AccessDeniedException")
    kms.create_key()
    got = iam.get_policy_version(PolicyArn=arn, VersionId="v2")["PolicyVersion"]
    assert got["Document"] == CREATE_KEY and got["IsDefaultVersion"] is True
    assert iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"] == "v2"
    versions = iam.list_policy_versions(PolicyArn=arn)["Versions"]
    assert [(v["VersionId"], v["IsDefaultVersion"]) for v in versions] == [("v2", True), ("v1", False)]
    resp = expect_error(iam.delete_policy_version, PolicyArn=arn, VersionId="v2")
    assert_error(resp, "DeleteConflict", "Cannot delete the default version of a policy.", status=409)
    for document in (KMS_ALL, KMS_ALL, KMS_ALL):
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(document))
    resp = expect_error(iam.create_policy_version, PolicyArn=arn, PolicyDocument=json.dumps(KMS_ALL))
    assert_error(resp, "LimitExceeded", status=409)
    iam.delete_policy_version(PolicyArn=arn, VersionId="v1")
    v6 = iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(LIST_KEYS), SetAsDefault=True)["PolicyVersion"]
    assert v6["VersionId"] == "v6" and v6["IsDefaultVersion"] is True
    kms.list_keys()
    resp = expect_error(iam.get_policy_version, PolicyArn=arn, VersionId="v1")
    assert_error(resp, "NoSuchEntity", status=404)
    iam.detach_user_policy(UserName=name, PolicyArn=arn)
    resp = expect_error(iam.delete_policy, PolicyArn=arn)
    assert_error(resp, "DeleteConflict", status=409)
    for version in ("v2", "v3", "v4", "v5"):
        iam.delete_policy_version(PolicyArn=arn, VersionId=version)
    iam.delete_policy(PolicyArn=arn)


def test_managed_policy_errors(iam):
    name = unique("p")
    arn = iam.create_policy(PolicyName=name, PolicyDocument=json.dumps(KMS_ALL))["Policy"]["Arn"]
    resp = expect_error(iam.create_policy, PolicyName=name.upper(), PolicyDocument=json.dumps(KMS_ALL))
    assert_error(resp, "EntityAlreadyExists",
                 f"A policy called {name.upper()} already exists. Duplicate names are not allowed.", status=409)
    resp = expect_error(iam.create_policy, PolicyName=unique("p"), PolicyDocument='{"Statement": [')
    assert_error(resp, "MalformedPolicyDocument", status=400)
    big = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:ListKeys",
                                                   "Resource": [f"arn:aws:kms:*:*:key/{'x' * 100}-{i}" for i in range(60)]}]}
    resp = expect_error(iam.create_policy, PolicyName=unique("p"), PolicyDocument=json.dumps(big))
    assert_error(resp, "LimitExceeded", "Cannot exceed quota for PolicySize: 6144", status=409)
    resp = expect_error(iam.get_policy, PolicyArn="this-is-not-a-policy-arn")
    assert_error(resp, "InvalidInput", "ARN this-is-not-a-policy-arn is not valid.", status=400)
    aws_managed = "arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser"
    user = unique("user")
    iam.create_user(UserName=user)
    resp = expect_error(iam.attach_user_policy, UserName=user, PolicyArn=aws_managed)
    assert_error(resp, "NoSuchEntity", f"Policy {aws_managed} does not exist or is not attachable.", status=404)
    policies = [iam.create_policy(PolicyName=unique("p"), PolicyDocument=json.dumps(LIST_KEYS))["Policy"]["Arn"]
                for _ in range(10)]
    for policy in policies:
        iam.attach_user_policy(UserName=user, PolicyArn=policy)
    iam.attach_user_policy(UserName=user, PolicyArn=policies[0])  # again: no change
    resp = expect_error(iam.attach_user_policy, UserName=user, PolicyArn=arn)
    assert_error(resp, "LimitExceeded", "Cannot exceed quota for PoliciesPerUser: 10", status=409)
    resp = expect_error(iam.delete_user, UserName=user)
    assert_error(resp, "DeleteConflict", "Cannot delete entity, must detach all policies first.", status=409)
    assert iam.list_policies(Scope="AWS")["Policies"] == []


def test_attaching_is_authorized_with_the_policy_arn_condition(server, iam):
    """iam:PolicyARN limits which policies a delegated administrator may attach."""
    allowed = iam.create_policy(PolicyName=unique("allowed"), PolicyDocument=json.dumps(LIST_KEYS))["Policy"]["Arn"]
    other = iam.create_policy(PolicyName=unique("other"), PolicyDocument=json.dumps(KMS_ALL))["Policy"]["Arn"]
    admin = unique("admin")
    admin_arn = iam.create_user(UserName=admin)["User"]["Arn"]
    iam.put_user_policy(UserName=admin, PolicyName="delegate", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Action": "iam:AttachUserPolicy", "Resource": "*",
            "Condition": {"ArnEquals": {"iam:PolicyARN": allowed}}}]}))
    key = iam.create_access_key(UserName=admin)["AccessKey"]
    delegated = make_client(server.endpoint, service="iam", access_key=key["AccessKeyId"], secret_key=key["SecretAccessKey"])
    target = unique("user")
    target_arn = iam.create_user(UserName=target)["User"]["Arn"]
    delegated.attach_user_policy(UserName=target, PolicyArn=allowed)
    resp = expect_error(delegated.attach_user_policy, UserName=target, PolicyArn=other)
    assert_error(resp, "AccessDenied",
                 f"User: {admin_arn} is not authorized to perform: iam:AttachUserPolicy on resource: {target_arn} "
                 "because no identity-based policy allows the iam:AttachUserPolicy action", status=403)


def test_cli_builds_a_group_with_a_managed_policy(aws_cli, server):
    user, group, policy = unique("cli"), unique("cli-group"), unique("cli-policy")
    script = f"""
        export AWS_ACCESS_KEY_ID={OTHER_ROOT_KEY[0]} AWS_SECRET_ACCESS_KEY={OTHER_ROOT_KEY[1]}
        iam() {{ aws --endpoint-url "$ARCA_ENDPOINT" iam "$@"; }}
        iam create-user --user-name {user} > /dev/null
        iam create-group --group-name {group} > /dev/null
        iam add-user-to-group --group-name {group} --user-name {user}
        arn=$(iam create-policy --policy-name {policy} --policy-document '{json.dumps(KMS_ALL)}' \\
              --query Policy.Arn --output text)
        iam attach-group-policy --group-name {group} --policy-arn "$arn"
        key=$(iam create-access-key --user-name {user} --output json)
        export AWS_ACCESS_KEY_ID=$(echo "$key" | python3 -c 'import json,sys; print(json.load(sys.stdin)["AccessKey"]["AccessKeyId"])')
        export AWS_SECRET_ACCESS_KEY=$(echo "$key" | python3 -c 'import json,sys; print(json.load(sys.stdin)["AccessKey"]["SecretAccessKey"])')
        aws --endpoint-url "$ARCA_ENDPOINT" kms create-key --query KeyMetadata.KeyManager --output text
    """
    assert aws_cli.shell(script).stdout.decode().split() == ["CUSTOMER"]


def test_groups_and_managed_policies_survive_kill_9(make_server):
    srv = make_server("iam-groups-kill9", env={"ARCA_ROOT_KEY": base64.b64encode(os.urandom(32)).decode()})
    iam = make_client(srv.endpoint, service="iam", access_key=OTHER_ROOT_KEY[0], secret_key=OTHER_ROOT_KEY[1])
    name, _, _ = user_with_key(srv, iam)
    key = iam.create_access_key(UserName=name)["AccessKey"]
    iam.create_group(GroupName="durable-group")
    iam.add_user_to_group(GroupName="durable-group", UserName=name)
    arn = iam.create_policy(PolicyName="durable-policy", PolicyDocument=json.dumps(LIST_KEYS))["Policy"]["Arn"]
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(KMS_ALL), SetAsDefault=True)
    iam.attach_group_policy(GroupName="durable-group", PolicyArn=arn)
    srv.kill()
    srv.start()
    iam = make_client(srv.endpoint, service="iam", access_key=OTHER_ROOT_KEY[0], secret_key=OTHER_ROOT_KEY[1])
    assert iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"] == "v2"
    assert [u["UserName"] for u in iam.get_group(GroupName="durable-group")["Users"]] == [name]
    kms = make_client(srv.endpoint, access_key=key["AccessKeyId"], secret_key=key["SecretAccessKey"])
    assert kms.create_key()["KeyMetadata"]["KeyState"] == "Enabled"
