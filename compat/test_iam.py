"""IAM on the same endpoint (query protocol, XML): users, access keys, roles and inline policies, each
call itself authorized with iam:* actions, and every change in force on the next request."""
import base64
import json
import os
import uuid

import pytest

from helpers import (ALICE_ARN, ALICE_KEY, OTHER_ACCOUNT, OTHER_ROOT_KEY, assert_error, expect_error, make_client)

KMS_ALL = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}


@pytest.fixture
def iam(server):
    """IAM as the root of the second account."""
    return make_client(server.endpoint, service="iam", access_key=OTHER_ROOT_KEY[0], secret_key=OTHER_ROOT_KEY[1])


def unique(prefix="user"):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def clients_for(server, key, service="kms"):
    return make_client(server.endpoint, service=service, access_key=key["AccessKeyId"], secret_key=key["SecretAccessKey"])


def test_create_user_with_a_key_and_a_policy_then_use_kms(server, iam):
    name = unique()
    user = iam.create_user(UserName=name, Path="/dev/")["User"]
    assert user["Arn"] == f"arn:aws:iam::{OTHER_ACCOUNT}:user/dev/{name}"
    assert user["UserName"] == name and user["Path"] == "/dev/"
    assert user["UserId"].startswith("AIDA") and len(user["UserId"]) == 21
    assert iam.get_user(UserName=name)["User"] == user
    key = iam.create_access_key(UserName=name)["AccessKey"]
    assert key["AccessKeyId"].startswith("AKIA") and len(key["AccessKeyId"]) == 20
    assert key["Status"] == "Active" and len(key["SecretAccessKey"]) == 40
    kms = clients_for(server, key)
    denied = expect_error(kms.create_key)
    assert_error(denied, "AccessDeniedException",
                 f"User: {user['Arn']} is not authorized to perform: kms:CreateKey on resource: * "
                 "because no identity-based policy allows the kms:CreateKey action")
    iam.put_user_policy(UserName=name, PolicyName="kms-all", PolicyDocument=json.dumps(KMS_ALL))
    assert kms.create_key()["KeyMetadata"]["Arn"].startswith(f"arn:aws:kms:us-east-1:{OTHER_ACCOUNT}:key/")
    assert iam.list_user_policies(UserName=name)["PolicyNames"] == ["kms-all"]
    got = iam.get_user_policy(UserName=name, PolicyName="kms-all")
    assert got["PolicyDocument"] == KMS_ALL  # botocore URL-decodes and parses the document
    iam.delete_user_policy(UserName=name, PolicyName="kms-all")
    assert_error(expect_error(kms.create_key), "AccessDeniedException")
    whoami = clients_for(server, key, "sts").get_caller_identity()
    assert whoami["Arn"] == user["Arn"] and whoami["UserId"] == user["UserId"]


def test_inactive_and_deleted_keys_stop_authenticating(server, iam):
    name = unique()
    iam.create_user(UserName=name)
    key = iam.create_access_key(UserName=name)["AccessKey"]
    sts = clients_for(server, key, "sts")
    sts.get_caller_identity()
    iam.update_access_key(UserName=name, AccessKeyId=key["AccessKeyId"], Status="Inactive")
    listed = iam.list_access_keys(UserName=name)["AccessKeyMetadata"]
    assert [(k["AccessKeyId"], k["Status"]) for k in listed] == [(key["AccessKeyId"], "Inactive")]
    assert_error(expect_error(sts.get_caller_identity), "InvalidClientTokenId", status=403)
    iam.update_access_key(UserName=name, AccessKeyId=key["AccessKeyId"], Status="Active")
    sts.get_caller_identity()
    iam.delete_access_key(UserName=name, AccessKeyId=key["AccessKeyId"])
    assert_error(expect_error(clients_for(server, key).list_keys), "UnrecognizedClientException")
    resp = expect_error(iam.delete_access_key, UserName=name, AccessKeyId=key["AccessKeyId"])
    assert_error(resp, "NoSuchEntity", f"The Access Key with id {key['AccessKeyId']} cannot be found.", status=404)


def test_user_lifecycle_errors(iam):
    name = unique()
    iam.create_user(UserName=name)
    resp = expect_error(iam.create_user, UserName=name.upper())
    assert_error(resp, "EntityAlreadyExists", f"User with name {name.upper()} already exists.", status=409)
    iam.create_access_key(UserName=name)
    second = iam.create_access_key(UserName=name)["AccessKey"]
    resp = expect_error(iam.create_access_key, UserName=name)
    assert_error(resp, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2", status=409)
    iam.put_user_policy(UserName=name, PolicyName="p", PolicyDocument=json.dumps(KMS_ALL))
    resp = expect_error(iam.delete_user, UserName=name)
    assert_error(resp, "DeleteConflict", "Cannot delete entity, must delete policies first.", status=409)
    iam.delete_user_policy(UserName=name, PolicyName="p")
    resp = expect_error(iam.delete_user, UserName=name)
    assert_error(resp, "DeleteConflict", "Cannot delete entity, must delete access keys first.", status=409)
    for key in iam.list_access_keys(UserName=name)["AccessKeyMetadata"]:
        iam.delete_access_key(UserName=name, AccessKeyId=key["AccessKeyId"])
    iam.delete_user(UserName=name)
    resp = expect_error(iam.get_user, UserName=name)
    assert_error(resp, "NoSuchEntity", f"The user with name {name} cannot be found.", status=404)
    assert name not in [u["UserName"] for u in iam.list_users()["Users"]]
    assert second["AccessKeyId"]
    resp = expect_error(iam.get_user_policy, UserName="alice", PolicyName="none")
    assert_error(resp, "NoSuchEntity", "The user policy with name none cannot be found.", status=404)


def test_malformed_policy_documents_are_refused(iam):
    name = unique()
    iam.create_user(UserName=name)
    resp = expect_error(iam.put_user_policy, UserName=name, PolicyName="bad", PolicyDocument='{"Statement": [}')
    assert_error(resp, "MalformedPolicyDocument", status=400)
    with_principal = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
                                                              "Action": "kms:*", "Resource": "*"}]}
    resp = expect_error(iam.put_user_policy, UserName=name, PolicyName="bad", PolicyDocument=json.dumps(with_principal))
    assert_error(resp, "MalformedPolicyDocument", status=400)


def test_users_of_the_config_file_are_listed_but_read_only(iam):
    users = {u["UserName"]: u for u in iam.list_users()["Users"]}
    assert users["alice"]["Arn"] == ALICE_ARN
    keys = iam.list_access_keys(UserName="alice")["AccessKeyMetadata"]
    assert [(k["AccessKeyId"], k["Status"]) for k in keys] == [(ALICE_KEY[0], "Active")]
    for call, kwargs in ((iam.delete_user, {"UserName": "alice"}),
                         (iam.create_access_key, {"UserName": "alice"}),
                         (iam.put_user_policy, {"UserName": "alice", "PolicyName": "p", "PolicyDocument": json.dumps(KMS_ALL)})):
        assert_error(expect_error(call, **kwargs), "UnmodifiableEntity", status=400)


def test_iam_calls_are_authorized(server, iam):
    """Alice's IAM policy allows kms:* only; a user whose policy allows managing his own access
    keys may do that and nothing else."""
    alice = make_client(server.endpoint, service="iam", access_key=ALICE_KEY[0], secret_key=ALICE_KEY[1])
    target = f"arn:aws:iam::{OTHER_ACCOUNT}:user/someone"
    resp = expect_error(alice.create_user, UserName="someone")
    assert_error(resp, "AccessDenied",
                 f"User: {ALICE_ARN} is not authorized to perform: iam:CreateUser on resource: {target} "
                 "because no identity-based policy allows the iam:CreateUser action", status=403)
    name = unique()
    arn = iam.create_user(UserName=name)["User"]["Arn"]
    own_keys = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "arn:aws:iam::*:user/${aws:username}",
                                                        "Action": ["iam:CreateAccessKey", "iam:ListAccessKeys", "iam:GetUser"]}]}
    iam.put_user_policy(UserName=name, PolicyName="own-keys", PolicyDocument=json.dumps(own_keys))
    first = iam.create_access_key(UserName=name)["AccessKey"]
    self_service = clients_for(server, first, "iam")
    assert self_service.get_user()["User"]["Arn"] == arn
    second = self_service.create_access_key()["AccessKey"]
    assert second["UserName"] == name
    assert len(self_service.list_access_keys()["AccessKeyMetadata"]) == 2
    resp = expect_error(self_service.list_access_keys, UserName="alice")
    assert_error(resp, "AccessDenied", status=403)
    resp = expect_error(self_service.list_users)
    assert_error(resp, "AccessDenied", status=403)


def test_unsupported_parameters_and_actions(iam):
    resp = expect_error(iam.create_user, UserName=unique(), Tags=[{"Key": "team", "Value": "arca"}])
    assert_error(resp, "UnsupportedOperation")
    assert_error(expect_error(iam.list_instance_profiles), "UnsupportedOperation")


def test_cli_creates_a_user_and_uses_its_key(aws_cli, server):
    name = unique("cli")
    script = f"""
        export AWS_ACCESS_KEY_ID={OTHER_ROOT_KEY[0]} AWS_SECRET_ACCESS_KEY={OTHER_ROOT_KEY[1]}
        aws --endpoint-url "$ARCA_ENDPOINT" iam create-user --user-name {name} > /dev/null
        aws --endpoint-url "$ARCA_ENDPOINT" iam put-user-policy --user-name {name} --policy-name kms \\
            --policy-document '{json.dumps(KMS_ALL)}'
        key=$(aws --endpoint-url "$ARCA_ENDPOINT" iam create-access-key --user-name {name} --output json)
        export AWS_ACCESS_KEY_ID=$(echo "$key" | python3 -c 'import json,sys; print(json.load(sys.stdin)["AccessKey"]["AccessKeyId"])')
        export AWS_SECRET_ACCESS_KEY=$(echo "$key" | python3 -c 'import json,sys; print(json.load(sys.stdin)["AccessKey"]["SecretAccessKey"])')
        aws --endpoint-url "$ARCA_ENDPOINT" sts get-caller-identity --query Arn --output text
        aws --endpoint-url "$ARCA_ENDPOINT" kms create-key --query KeyMetadata.KeyManager --output text
    """
    out = aws_cli.shell(script).stdout.decode().split()
    assert out == [f"arn:aws:iam::{OTHER_ACCOUNT}:user/{name}", "CUSTOMER"]


def test_users_keys_policies_and_roles_survive_kill_9_with_secrets_wrapped(make_server):
    srv = make_server("iam-kill9", env={"ARCA_ROOT_KEY": base64.b64encode(os.urandom(32)).decode()})
    iam = make_client(srv.endpoint, service="iam", access_key=OTHER_ROOT_KEY[0], secret_key=OTHER_ROOT_KEY[1])
    iam.create_user(UserName="durable")
    iam.put_user_policy(UserName="durable", PolicyName="kms", PolicyDocument=json.dumps(KMS_ALL))
    key = iam.create_access_key(UserName="durable")["AccessKey"]
    role = iam.create_role(RoleName="durable-role", AssumeRolePolicyDocument=json.dumps(trust(ALICE_ARN)))["Role"]
    srv.kill()
    srv.start()
    iam = make_client(srv.endpoint, service="iam", access_key=OTHER_ROOT_KEY[0], secret_key=OTHER_ROOT_KEY[1])
    assert iam.get_role(RoleName="durable-role")["Role"]["RoleId"] == role["RoleId"]
    sts = make_client(srv.endpoint, service="sts", access_key=ALICE_KEY[0], secret_key=ALICE_KEY[1])
    assert sts.assume_role(RoleArn=role["Arn"], RoleSessionName="after")["AssumedRoleUser"]["Arn"].endswith("/after")
    kms = make_client(srv.endpoint, access_key=key["AccessKeyId"], secret_key=key["SecretAccessKey"])
    assert kms.create_key()["KeyMetadata"]["KeyState"] == "Enabled"
    raw = b"".join(p.read_bytes() for p in srv.data_dir.iterdir() if p.is_file())
    assert key["SecretAccessKey"].encode() not in raw


def trust(principal):
    return {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": principal},
                                                    "Action": "sts:AssumeRole"}]}


def test_create_role_assume_it_and_change_who_may(server, iam):
    """A role made with the API is assumable through STS as its trust policy says; its inline
    policy is what its sessions may do; UpdateAssumeRolePolicy changes who may assume it next."""
    name = unique("role")
    role = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust(ALICE_ARN)),
                           Description="made by the API", MaxSessionDuration=7200)["Role"]
    assert role["Arn"] == f"arn:aws:iam::{OTHER_ACCOUNT}:role/{name}"
    assert role["RoleId"].startswith("AROA") and role["MaxSessionDuration"] == 7200
    got = iam.get_role(RoleName=name)["Role"]
    assert got["AssumeRolePolicyDocument"] == trust(ALICE_ARN)  # URL-decoded and parsed by botocore
    assert got["Description"] == "made by the API"
    assert {"app", "ops", name} <= {r["RoleName"] for r in iam.list_roles()["Roles"]}
    iam.put_role_policy(RoleName=name, PolicyName="describe",
                        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
                            {"Effect": "Allow", "Action": "kms:ListKeys", "Resource": "*"}]}))
    assert iam.list_role_policies(RoleName=name)["PolicyNames"] == ["describe"]
    alice_sts = make_client(server.endpoint, service="sts", access_key=ALICE_KEY[0], secret_key=ALICE_KEY[1])
    creds = alice_sts.assume_role(RoleArn=role["Arn"], RoleSessionName="api", DurationSeconds=7200)["Credentials"]
    session_kms = make_client(server.endpoint, access_key=creds["AccessKeyId"], secret_key=creds["SecretAccessKey"],
                              session_token=creds["SessionToken"])
    session_kms.list_keys()
    assert_error(expect_error(session_kms.create_key), "AccessDeniedException")
    iam.delete_role_policy(RoleName=name, PolicyName="describe")
    assert_error(expect_error(session_kms.list_keys), "AccessDeniedException")
    iam.update_assume_role_policy(RoleName=name, PolicyDocument=json.dumps(trust(f"arn:aws:iam::{OTHER_ACCOUNT}:user/bob")))
    resp = expect_error(alice_sts.assume_role, RoleArn=role["Arn"], RoleSessionName="again")
    assert_error(resp, "AccessDenied", status=403)
    iam.delete_role(RoleName=name)
    assert_error(expect_error(iam.get_role, RoleName=name), "NoSuchEntity",
                 f"The role with name {name} cannot be found.", status=404)


def test_role_errors(iam):
    name = unique("role")
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust(ALICE_ARN)))
    resp = expect_error(iam.create_role, RoleName=name.upper(), AssumeRolePolicyDocument=json.dumps(trust(ALICE_ARN)))
    assert_error(resp, "EntityAlreadyExists", f"Role with name {name.upper()} already exists.", status=409)
    iam.put_role_policy(RoleName=name, PolicyName="p", PolicyDocument=json.dumps(KMS_ALL))
    resp = expect_error(iam.delete_role, RoleName=name)
    assert_error(resp, "DeleteConflict", "Cannot delete entity, must delete policies first.", status=409)
    resp = expect_error(iam.create_role, RoleName=unique("role"),
                        AssumeRolePolicyDocument=json.dumps(trust(f"arn:aws:iam::{OTHER_ACCOUNT}:user/nobody")))
    assert_error(resp, "MalformedPolicyDocument", "Invalid principal in policy", status=400)
    resp = expect_error(iam.get_role_policy, RoleName=name, PolicyName="none")
    assert_error(resp, "NoSuchEntity", "The role policy with name none cannot be found.", status=404)
    for call, kwargs in ((iam.delete_role, {"RoleName": "app"}),
                         (iam.put_role_policy, {"RoleName": "app", "PolicyName": "p", "PolicyDocument": json.dumps(KMS_ALL)}),
                         (iam.update_assume_role_policy, {"RoleName": "app", "PolicyDocument": json.dumps(trust(ALICE_ARN))})):
        assert_error(expect_error(call, **kwargs), "UnmodifiableEntity", status=400)
    declared = iam.get_role(RoleName="app")["Role"]
    assert declared["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {"AWS": ALICE_ARN}
