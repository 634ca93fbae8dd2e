"""Small helpers shared by the compat tests (imported by conftest and the test modules)."""
from __future__ import annotations

import json
import re
import uuid
from datetime import datetime, timezone

import boto3
import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError

DEFAULT_ACCOUNT = "000000000000"
OTHER_ACCOUNT = "111111111111"
REGION = "us-east-1"
OTHER_ROOT_KEY = ("AKIAOTHERACCOUNT111", "other-secret")
QUOTA_ACCOUNT = "222222222222"
QUOTA_ROOT_KEY = ("AKIAQUOTAACCOUNT222", "quota-secret")
ALICE_KEY = ("AKIAALICE", "alice-secret")
BOB_KEY = ("AKIABOB", "bob-secret")
ALICE_ARN = f"arn:aws:iam::{OTHER_ACCOUNT}:user/alice"
BOB_ARN = f"arn:aws:iam::{OTHER_ACCOUNT}:user/bob"
DAVE_KEY = ("AKIADAVE", "dave-secret")
DAVE_ARN = f"arn:aws:iam::{OTHER_ACCOUNT}:user/dave"
# Dave has no policy of his own: the group key-users gives him the managed policy use-keys.
USE_KEYS_POLICY = ('{"Version":"2012-10-17","Statement":[{"Effect":"Allow",'
                   '"Action":["kms:Encrypt","kms:Decrypt","kms:DescribeKey"],"Resource":"*"}]}')
CAROL_KEY = ("AKIACAROL", "carol-secret")
CAROL_ARN = f"arn:aws:iam::{OTHER_ACCOUNT}:user/carol"
# Roles of the second account: `app` trusts Alice by name; `ops` trusts the account, so only a
# caller whose IAM policy allows sts:AssumeRole on it (Carol) may assume it.
APP_ROLE_ARN = f"arn:aws:iam::{OTHER_ACCOUNT}:role/app"
OPS_ROLE_ARN = f"arn:aws:iam::{OTHER_ACCOUNT}:role/ops"
APP_ROLE_POLICY = ('{"Version":"2012-10-17","Statement":[{"Effect":"Allow",'
                   '"Action":["kms:Encrypt","kms:Decrypt","kms:DescribeKey"],"Resource":"*"}]}')
CAROL_POLICY = ('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",'
                f'"Resource":"{OPS_ROLE_ARN}"}}]}}')
# Alice's IAM policy allows every KMS action; Bob has no IAM policy at all.
ALICE_POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}'

DISABLED_FMT = "{arn} is disabled."
INCORRECT_KEY_MSG = (
    "The key ID in the request does not identify a CMK that can perform this operation."
)
DRY_RUN_MSG = "The request would have succeeded, but the DryRun option is set."
ALIAS_PREFIX_MSG = (
    'Alias must start with the prefix "alias/". '
    "Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html"
)
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def key_arn(key_id: str, region: str = REGION, account: str = DEFAULT_ACCOUNT) -> str:
    return f"arn:aws:kms:{region}:{account}:key/{key_id}"


def alias_arn(alias_name: str, region: str = REGION, account: str = DEFAULT_ACCOUNT) -> str:
    return f"arn:aws:kms:{region}:{account}:{alias_name}"


def unique_alias(prefix: str = "compat") -> str:
    return f"alias/{prefix}-{uuid.uuid4().hex[:12]}"


def expect_error(fn, *args, **kwargs) -> dict:
    """Call fn and require a botocore ClientError; return the error response dict."""
    with pytest.raises(ClientError) as excinfo:
        fn(*args, **kwargs)
    return excinfo.value.response


def assert_error(response: dict, code: str, message: str | None = None, status: int | None = 400):
    err = response.get("Error", {})
    assert err.get("Code") == code, f"expected {code}, got {err!r}"
    if message is not None:
        assert err.get("Message") == message, f"message mismatch for {code}: {err.get('Message')!r}"
    if status is not None:
        assert response["ResponseMetadata"]["HTTPStatusCode"] == status
    return err


ACCESS_DENIED_REASONS = {
    # Why a request was refused, in AWS's wording (IAM User Guide, "Troubleshoot access denied").
    "no-identity-policy": "because no identity-based policy allows the {action} action",
    "no-resource-policy": "because no resource-based policy allows the {action} action",
    "identity-deny": "with an explicit deny in an identity-based policy",
    "resource-deny": "with an explicit deny in a resource-based policy",
}


def access_denied_message(caller_arn: str, action: str, resource: str, reason: str) -> str:
    """The AccessDeniedException message AWS gives; `reason` is a key of ACCESS_DENIED_REASONS."""
    return (f"User: {caller_arn} is not authorized to perform: {action} on resource: {resource} "
            + ACCESS_DENIED_REASONS[reason].format(action=action))


def assert_access_denied(response: dict, caller_arn: str, action: str, resource: str, reason: str):
    return assert_error(response, "AccessDeniedException",
                        access_denied_message(caller_arn, action, resource, reason))


def assert_enum_error(message: str, value: str, member: str, allowed: set[str]):
    """AWS renders enum violations with a set whose order is not the model's: compare as a set."""
    prefix = (
        f"1 validation error detected: Value '{value}' at '{member}' failed to satisfy "
        "constraint: Member must satisfy enum value set: ["
    )
    assert message.startswith(prefix), message
    assert message.endswith("]"), message
    listed = {v.strip() for v in message[len(prefix):-1].split(",")}
    assert listed == allowed, f"enum set differs: {listed ^ allowed}"


def json_error_code(body: bytes) -> tuple[str | None, str | None]:
    """Parse an AWS JSON 1.1 error body the way botocore does (prefix up to '#' dropped)."""
    doc = json.loads(body or b"{}")
    code = doc.get("__type") or doc.get("code")
    if code and "#" in code:
        code = code.rsplit("#", 1)[1]
    if code and ":" in code:
        code = code.split(":", 1)[0]
    message = doc.get("message", doc.get("Message"))
    return code, message


def make_client(endpoint: str, region=REGION, access_key="test", secret_key="test",
                validate=True, service="kms", session_token=None, retries=None):
    """A boto3 client for Arca; by default botocore retries a failed call once, `retries=0` never."""
    return boto3.session.Session().client(
        service,
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=access_key,
        aws_secret_access_key=secret_key,
        aws_session_token=session_token,
        config=Config(parameter_validation=validate, retries={"max_attempts": 1 if retries is None else retries, "mode": "standard"},
                      connect_timeout=5, read_timeout=30),
    )


# The test clock of `arca serve --dev-clock` and the events of `--events-file` (see the `clocked` fixture).

def events_for(server, key_arn):
    """The lifecycle events the server wrote for one key, in order."""
    if not server.events_path.exists():
        return []
    events = [json.loads(line) for line in server.events_path.read_text().splitlines()]
    return [e for e in events if e["resources"] == [key_arn]]


def clock(server, advance=None):
    """The server's clock as a UTC datetime, after moving it `advance` seconds forward."""
    if advance is None:
        resp = requests.get(server.endpoint + "/_arca/clock", timeout=10)
    else:
        resp = requests.post(server.endpoint + "/_arca/clock", json={"advance": advance}, timeout=30)
    assert resp.status_code == 200, resp.text
    return datetime.fromtimestamp(resp.json()["now"], tz=timezone.utc)


def user_with_policy(server, policy, service, prefix="user"):
    """A new IAM user of the default account with `policy` as its only inline policy: its name
    and a `service` client signed with its access key."""
    import json
    import uuid
    iam = make_client(server.endpoint, REGION, service="iam")
    name = f"{prefix}-{uuid.uuid4().hex[:10]}"
    iam.create_user(UserName=name)
    iam.put_user_policy(UserName=name, PolicyName="inline", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return name, make_client(server.endpoint, REGION, key["AccessKeyId"], key["SecretAccessKey"], service=service)
