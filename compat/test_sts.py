"""STS on the same endpoint (query protocol, XML): GetCallerIdentity, and AssumeRole with the role's
trust policy enforced, temporary credentials that work with KMS as the assumed-role session, and
the errors AWS gives (IAM User Guide, "Roles"; STS API reference)."""
import base64
import json
import os
import sqlite3
from datetime import datetime, timezone

import pytest
from helpers import (ALICE_ARN, ALICE_KEY, APP_ROLE_ARN, BOB_ARN, BOB_KEY, CAROL_KEY, OPS_ROLE_ARN, OTHER_ACCOUNT,
                     OTHER_ROOT_KEY, assert_error, expect_error, make_client)


@pytest.fixture
def sts_factory(server):
    def _sts(key=("test", "test"), session_token=None, endpoint=None):
        return make_client(endpoint or server.endpoint, service="sts", access_key=key[0], secret_key=key[1],
                           session_token=session_token)
    return _sts


def session_clients(endpoint, credentials, service="kms"):
    return make_client(endpoint, service=service, access_key=credentials["AccessKeyId"],
                       secret_key=credentials["SecretAccessKey"], session_token=credentials["SessionToken"])


def test_get_caller_identity_for_root_user_and_the_default_account(sts_factory):
    assert {k: v for k, v in sts_factory().get_caller_identity().items() if k != "ResponseMetadata"} == {
        "UserId": "000000000000", "Account": "000000000000", "Arn": "arn:aws:iam::000000000000:root"}
    alice = sts_factory(ALICE_KEY).get_caller_identity()
    assert alice["Arn"] == ALICE_ARN and alice["Account"] == OTHER_ACCOUNT
    assert alice["UserId"].startswith("AIDA") and len(alice["UserId"]) == 21
    assert alice["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert alice["ResponseMetadata"]["RequestId"]


def test_assume_role_trusted_by_name_gives_working_session_credentials(server, sts_factory, other_root):
    """A trust policy naming the user lets her assume the role; the session acts with the role's
    IAM policy, as `arn:aws:sts::<account>:assumed-role/<role>/<session>`."""
    out = sts_factory(ALICE_KEY).assume_role(RoleArn=APP_ROLE_ARN, RoleSessionName="build-42", DurationSeconds=900)
    creds = out["Credentials"]
    assert creds["AccessKeyId"].startswith("ASIA") and len(creds["AccessKeyId"]) == 20
    assert creds["SecretAccessKey"] and creds["SessionToken"]
    assert out["AssumedRoleUser"]["Arn"] == f"arn:aws:sts::{OTHER_ACCOUNT}:assumed-role/app/build-42"
    assert out["AssumedRoleUser"]["AssumedRoleId"].startswith("AROA")
    assert out["AssumedRoleUser"]["AssumedRoleId"].endswith(":build-42")
    lifetime = (creds["Expiration"] - datetime.now(timezone.utc)).total_seconds()
    assert 850 < lifetime <= 901, lifetime
    whoami = session_clients(server.endpoint, creds, "sts").get_caller_identity()
    assert whoami["Arn"] == out["AssumedRoleUser"]["Arn"]
    assert whoami["UserId"] == out["AssumedRoleUser"]["AssumedRoleId"]

    key = other_root.create_key()["KeyMetadata"]
    kms = session_clients(server.endpoint, creds)
    blob = kms.encrypt(KeyId=key["Arn"], Plaintext=b"from a role")["CiphertextBlob"]
    assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == b"from a role"
    denied = expect_error(kms.disable_key, KeyId=key["Arn"])
    assert_error(denied, "AccessDeniedException",
                 f"User: {out['AssumedRoleUser']['Arn']} is not authorized to perform: kms:DisableKey on resource: "
                 f"{key['Arn']} because no identity-based policy allows the kms:DisableKey action")


def test_key_policy_naming_the_role_allows_its_sessions(server, sts_factory, other_root):
    """A key policy may name the role; every session of the role is then a key user
    (kms-developer-guide.md, "Example Policy Statement 3/4" name roles as principals)."""
    policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"}, "Action": "kms:*",
         "Resource": "*"},
        {"Effect": "Allow", "Principal": {"AWS": OPS_ROLE_ARN}, "Action": "kms:DescribeKey", "Resource": "*"}]}
    key = other_root.create_key(Policy=json.dumps(policy))["KeyMetadata"]
    creds = sts_factory(CAROL_KEY).assume_role(RoleArn=OPS_ROLE_ARN, RoleSessionName="oncall")["Credentials"]
    kms = session_clients(server.endpoint, creds)
    assert kms.describe_key(KeyId=key["Arn"])["KeyMetadata"]["KeyId"] == key["KeyId"]
    assert_error(expect_error(kms.encrypt, KeyId=key["Arn"], Plaintext=b"x"), "AccessDeniedException")


def test_trust_policy_naming_the_account_needs_an_iam_policy(sts_factory):
    """Carol's IAM policy allows sts:AssumeRole on `ops`; Alice (kms:* only) and Bob have none."""
    sts_factory(CAROL_KEY).assume_role(RoleArn=OPS_ROLE_ARN, RoleSessionName="ok")
    for key, arn in ((ALICE_KEY, ALICE_ARN), (BOB_KEY, BOB_ARN)):
        resp = expect_error(sts_factory(key).assume_role, RoleArn=OPS_ROLE_ARN, RoleSessionName="no")
        assert_error(resp, "AccessDenied",
                     f"User: {arn} is not authorized to perform: sts:AssumeRole on resource: {OPS_ROLE_ARN}", status=403)
        assert resp["Error"]["Type"] == "Sender"


def test_untrusted_callers_unknown_roles_and_root_are_refused(sts_factory):
    resp = expect_error(sts_factory(BOB_KEY).assume_role, RoleArn=APP_ROLE_ARN, RoleSessionName="xy")
    assert_error(resp, "AccessDenied", status=403)
    missing = f"arn:aws:iam::{OTHER_ACCOUNT}:role/none"
    resp = expect_error(sts_factory(ALICE_KEY).assume_role, RoleArn=missing, RoleSessionName="xy")
    assert_error(resp, "AccessDenied",
                 f"User: {ALICE_ARN} is not authorized to perform: sts:AssumeRole on resource: {missing}", status=403)
    resp = expect_error(sts_factory(OTHER_ROOT_KEY).assume_role, RoleArn=APP_ROLE_ARN, RoleSessionName="xy")
    assert_error(resp, "AccessDenied", "Roles may not be assumed by root accounts.", status=403)


def test_duration_limits_and_validation(sts_factory):
    alice = sts_factory(ALICE_KEY)
    assert alice.assume_role(RoleArn=APP_ROLE_ARN, RoleSessionName="long", DurationSeconds=7200)["Credentials"]
    resp = expect_error(alice.assume_role, RoleArn=APP_ROLE_ARN, RoleSessionName="xy", DurationSeconds=7201)
    assert_error(resp, "ValidationError",
                 "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
    raw = make_client(alice.meta.endpoint_url, service="sts", access_key=ALICE_KEY[0], secret_key=ALICE_KEY[1],
                      validate=False)
    resp = expect_error(raw.assume_role, RoleArn=APP_ROLE_ARN, RoleSessionName="xy", DurationSeconds=899)
    assert_error(resp, "ValidationError")
    assert "durationSeconds" in resp["Error"]["Message"]
    resp = expect_error(raw.assume_role, RoleArn=APP_ROLE_ARN, RoleSessionName="bad name!")
    assert_error(resp, "ValidationError")


def test_session_policies_are_refused_not_ignored(sts_factory):
    resp = expect_error(sts_factory(ALICE_KEY).assume_role, RoleArn=APP_ROLE_ARN, RoleSessionName="xy",
                        Policy=json.dumps({"Version": "2012-10-17", "Statement": [
                            {"Effect": "Allow", "Action": "kms:Encrypt", "Resource": "*"}]}))
    assert_error(resp, "UnsupportedOperation")


def test_session_token_must_match(server, sts_factory):
    creds = sts_factory(ALICE_KEY).assume_role(RoleArn=APP_ROLE_ARN, RoleSessionName="tok")["Credentials"]
    wrong = dict(creds, SessionToken=creds["SessionToken"][:-4] + "AAAA")
    resp = expect_error(session_clients(server.endpoint, wrong, "sts").get_caller_identity)
    assert_error(resp, "InvalidClientTokenId", "The security token included in the request is invalid.", status=403)
    resp = expect_error(session_clients(server.endpoint, wrong).list_keys)
    assert_error(resp, "UnrecognizedClientException", "The security token included in the request is invalid.")
    missing = make_client(server.endpoint, access_key=creds["AccessKeyId"], secret_key=creds["SecretAccessKey"])
    assert_error(expect_error(missing.list_keys), "UnrecognizedClientException")
    # Long-term credentials take no token.
    stray = make_client(server.endpoint, access_key=ALICE_KEY[0], secret_key=ALICE_KEY[1],
                        session_token=creds["SessionToken"])
    assert_error(expect_error(stray.list_keys), "UnrecognizedClientException")


def test_unknown_and_unsupported_actions(sts_factory):
    sts = sts_factory()
    resp = expect_error(sts.get_session_token)
    assert_error(resp, "UnsupportedOperation")
    resp = expect_error(sts.decode_authorization_message, EncodedMessage="x")
    assert_error(resp, "UnsupportedOperation")


def test_cli_assume_role_then_use_kms_as_the_role(aws_cli, server, other_root):
    """The scenario with the aws CLI alone: assume a role, export its credentials, use a key."""
    key = other_root.create_key()["KeyMetadata"]
    script = f"""
        export AWS_ACCESS_KEY_ID={ALICE_KEY[0]} AWS_SECRET_ACCESS_KEY={ALICE_KEY[1]}
        creds=$(aws --endpoint-url "$ARCA_ENDPOINT" sts assume-role --role-arn {APP_ROLE_ARN} \\
                --role-session-name cli --query Credentials --output json)
        export AWS_ACCESS_KEY_ID=$(echo "$creds" | python3 -c 'import json,sys; print(json.load(sys.stdin)["AccessKeyId"])')
        export AWS_SECRET_ACCESS_KEY=$(echo "$creds" | python3 -c 'import json,sys; print(json.load(sys.stdin)["SecretAccessKey"])')
        export AWS_SESSION_TOKEN=$(echo "$creds" | python3 -c 'import json,sys; print(json.load(sys.stdin)["SessionToken"])')
        aws --endpoint-url "$ARCA_ENDPOINT" sts get-caller-identity --query Arn --output text
        aws --endpoint-url "$ARCA_ENDPOINT" kms encrypt --key-id {key['Arn']} --plaintext hello --query KeyId --output text
    """
    out = aws_cli.shell(script).stdout.decode().split()
    assert out == [f"arn:aws:sts::{OTHER_ACCOUNT}:assumed-role/app/cli", key["Arn"]]


def test_sessions_survive_kill_9_with_their_secrets_wrapped(make_server):
    srv = make_server("sts-kill9", env={"ARCA_ROOT_KEY": base64.b64encode(os.urandom(32)).decode()})
    sts = make_client(srv.endpoint, service="sts", access_key=ALICE_KEY[0], secret_key=ALICE_KEY[1])
    creds = sts.assume_role(RoleArn=APP_ROLE_ARN, RoleSessionName="durable")["Credentials"]
    srv.kill()
    srv.start()
    whoami = session_clients(srv.endpoint, creds, "sts").get_caller_identity()
    assert whoami["Arn"] == f"arn:aws:sts::{OTHER_ACCOUNT}:assumed-role/app/durable"
    raw = b""
    for name in os.listdir(srv.data_dir):
        path = srv.data_dir / name
        if path.is_file():
            raw += path.read_bytes()
    assert creds["SecretAccessKey"].encode() not in raw
    assert creds["SessionToken"].encode() not in raw
    with sqlite3.connect(srv.data_dir / "arca.sqlite") as db:
        rows = db.execute("SELECT access_key_id, record FROM sts_sessions").fetchall()
    assert [r[0] for r in rows] == [creds["AccessKeyId"]]
    assert creds["SecretAccessKey"] not in rows[0][1]
