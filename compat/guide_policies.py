"""What the tests of the KMS Developer Guide's example policies share: the server, its callers,
the keys, the substitutions, and the operations they check (test_guide_key_policies.py,
test_guide_iam_policies.py, test_guide_condition_keys.py; the policies themselves, as printed, are
in guide_policy_texts.py). Each example runs against Arca with callers it must allow and callers
it must refuse.

Condition keys the guide predates (kms:EncryptionAlgorithm, kms:KeySpec, kms:KeyUsage,
kms:KeyOrigin, kms:RequestAlias, kms:ResourceAliases) use the examples of the current AWS KMS
Developer Guide page "AWS KMS condition keys" (conditions-kms.md); the IP example is the IAM User
Guide's "AWS: Denies Access to AWS Based on the Source IP", which the guide points to.

Substitutions. The server declares the guide's own accounts (111122223333 and 444455556666),
users (KMSAdminUser, KMSUser, ExampleUser, ...) and roles (KMSAdminRole, KMSRole), and the guide's
region, us-west-2, so the account ids, principals and regions are used as printed. Everything
else is replaced explicitly where the policy is built (`guide_document` / `guide_statement`
refuse a substitution whose printed text is absent):
- key ids printed in ARNs become the ids of keys the fixture creates;
- role principals the examples put in a key policy (RoleForExampleApp, developer) become users
  of the same name, since roles cannot be assumed yet;
- printing accidents are repaired: "kms>Delete*" for "kms:Delete*", a line break inside a Sid,
  and the guide's "ReEncrypt*" without its "kms:" prefix (the current guide prints
  "kms:ReEncrypt*");
- where a condition value cannot exist in Arca (the AWS_CLOUDHSM origin) or the caller must
  pass, the value is swapped for one that can (AWS_KMS, 127.0.0.0/8), next to a caller who gets
  the policy exactly as printed;
- a kms:GrantIsForAWSResource condition, which no direct call satisfies (the key "is set to true
  when one of the following integrated services is used to create the grant", and Arca has none
  yet), is removed, next to a caller who gets the policy exactly as printed and is refused.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field

import pytest
import yaml

from conftest import ArcaServer
from guide_policy_texts import (ACCOUNT_IAM_POLICY, ACCOUNT_REGION_IAM_POLICY, ALL_ALIASES_STATEMENT,
                                BYPASS_IAM_POLICY, CROSS_ACCOUNT_IAM_POLICY, DENY_DISABLE_DELETE_IAM_POLICY,
                                EXAMPLE_KEY_POLICY, KEY_ORIGIN_STATEMENT, KEY_SPEC_CREATE_STATEMENT,
                                KEY_SPEC_RESOURCE_STATEMENT, KEY_USAGE_CREATE_STATEMENT,
                                KEY_USAGE_RESOURCE_STATEMENT, KEY_USERS_STATEMENT, READ_ONLY_IAM_POLICY,
                                RESOURCE_ALIASES_STATEMENT, ROOT_STATEMENT, SOURCE_IP_IAM_POLICY,
                                SPECIFIC_KEYS_IAM_POLICY, SYMMETRIC_ALGORITHM_STATEMENT)
from helpers import assert_access_denied, expect_error, make_client

ACCOUNT = "111122223333"           # the guide's account that owns the CMKs
EXTERNAL = "444455556666"          # the guide's external account
REGION = "us-west-2"               # the guide's region, US West (Oregon)
OTHER_REGION = "us-east-1"
ALLOWED = "allowed"                # otherwise an expectation is a key of helpers.ACCESS_DENIED_REASONS
NO_IAM, NO_KEY_POLICY = "no-identity-policy", "no-resource-policy"
IAM_DENY, KEY_POLICY_DENY = "identity-deny", "resource-deny"


# ---------------------------------------------------------------------------------------------
# Substitutions.

def _substitute(text: str, substitutions) -> str:
    for printed, ours in substitutions:
        assert printed in text, f"substitution {printed!r} does not occur in the printed policy"
        text = text.replace(printed, ours)
    return text


def guide_document(text: str, *substitutions: tuple[str, str]) -> str:
    """A complete policy as printed, with the (printed, ours) substitutions applied; valid JSON."""
    text = _substitute(text, substitutions).strip()
    json.loads(text)
    return text


def guide_statement(text: str, *substitutions: tuple[str, str]) -> dict:
    """A policy statement as printed, with the (printed, ours) substitutions applied."""
    return json.loads(_substitute(text, substitutions))


def policy(*statements) -> str:
    """Wraps statements the guide prints on their own into a policy document."""
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def root_statement(account=ACCOUNT) -> dict:
    return guide_statement(ROOT_STATEMENT, *([("111122223333", account)] if account != ACCOUNT else []))


def attachment_statement() -> dict:
    """The default key policy's "Allow attachment of persistent resources" statement, taken from
    the Example Key Policy (the Default Key Policy prints it garbled across a page break)."""
    doc = json.loads(guide_document(EXAMPLE_KEY_POLICY, ("kms>Delete*", "kms:Delete*")))
    return next(s for s in doc["Statement"] if s["Sid"] == "Allow attachment of persistent resources")


def without_grant_is_for_aws_resource(statement: dict) -> dict:
    """A copy of the statement without its condition, which must be exactly a Bool
    kms:GrantIsForAWSResource one (no direct call satisfies it)."""
    copy = json.loads(json.dumps(statement))
    condition = copy.pop("Condition")
    assert list(condition) == ["Bool"] and list(condition["Bool"]) == ["kms:GrantIsForAWSResource"], condition
    return copy


def cross_account_iam_policy(key_id: str, *, grant_condition=True) -> str:
    """The guide's IAM policy for a CMK in account 444455556666, for the key `key_id`; without
    the kms:GrantIsForAWSResource condition of its CreateGrant statement if `grant_condition` is
    false."""
    text = guide_document(CROSS_ACCOUNT_IAM_POLICY, ("1a2b3c4d-5e6f-1a2b-3c4d-5e6f1a2b3c4d", key_id))
    if grant_condition:
        return text
    doc = json.loads(text)
    doc["Statement"] = [without_grant_is_for_aws_resource(s) if s["Action"] == "kms:CreateGrant" else s
                        for s in doc["Statement"]]
    return json.dumps(doc)


ALLOW_ALL_KMS = policy({"Effect": "Allow", "Action": "kms:*", "Resource": "*"})
AS_USER_EXAMPLE_APP = ("role/RoleForExampleApp", "user/ExampleApp")   # roles cannot be assumed yet
LOOPBACK_APPROVED = ("192.0.2.0/24", "127.0.0.0/8")                   # the tests call from 127.0.0.1


# ---------------------------------------------------------------------------------------------
# Identities: every principal the policies name, and every caller.

# Inline IAM policies per user; `None` marks the ones that name keys created by the fixture.
ACCOUNT_USERS: dict[str, list[tuple[str, str]] | None] = {
    # Key administrators may manage aliases only with an IAM policy for the alias resource too
    # ("CreateAlias ... requires access to two resources, an alias and a CMK": IAM policy for the
    # alias, key policy for the CMK).
    "KMSAdminUser": [("alias-admin", policy({"Effect": "Allow",
                                             "Action": ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"],
                                             "Resource": f"arn:aws:kms:*:{ACCOUNT}:alias/*"}))],
    "KMSUser": [],
    # "Understanding Policy Evaluation": Alice has no IAM policy, Bob's allows all AWS KMS actions
    # for all CMKs, Charlie's denies them.
    "Alice": [],
    "Bob": [("allow-kms", ALLOW_ALL_KMS)],
    "Charlie": [("deny-kms", policy({"Effect": "Deny", "Action": "kms:*", "Resource": "*"}))],
    "ReadOnlyUser": [("read-only", guide_document(READ_ONLY_IAM_POLICY))],
    "AccountUser": [("account", guide_document(ACCOUNT_IAM_POLICY))],
    "RegionUser": [("account-and-region", guide_document(ACCOUNT_REGION_IAM_POLICY))],
    "SpecificKeysUser": None,
    "CrossAccountUser": None,
    # The cross-account policy with no kms:GrantIsForAWSResource condition on its CreateGrant.
    "CrossAccountGrantUser": None,
    # The grantee of the grants the tests create: with no policy of its own, only a grant lets it
    # use a key.
    "Grantee": [],
    # "... even when another IAM policy or a key policy allows these permissions"
    "NoDisableUser": [("allow-kms", ALLOW_ALL_KMS), ("deny-disable-delete", guide_document(DENY_DISABLE_DELETE_IAM_POLICY))],
    "IpRestrictedUser": [("allow-kms", ALLOW_ALL_KMS), ("source-ip", guide_document(SOURCE_IP_IAM_POLICY))],
    "IpApprovedUser": [("allow-kms", ALLOW_ALL_KMS),
                       ("source-ip", guide_document(SOURCE_IP_IAM_POLICY, LOOPBACK_APPROVED))],
    "NoBypassUser": [("allow-kms", ALLOW_ALL_KMS), ("no-bypass", guide_document(BYPASS_IAM_POLICY))],
    "ExampleApp": [],
    "ExampleUser": [],
    "SymmetricOnlyUser": [("allow-kms", ALLOW_ALL_KMS),
                          ("symmetric-only", policy(guide_statement(SYMMETRIC_ALGORITHM_STATEMENT)))],
    "KeySpecUser": [("key-spec", policy(guide_statement(KEY_SPEC_CREATE_STATEMENT),
                                        guide_statement(KEY_SPEC_RESOURCE_STATEMENT)))],
    # "you can use the kms:KeySpec condition key to allow users to use the CreateKey operation
    # only when the value of the KeySpec parameter is SYMMETRIC_DEFAULT" (printed in prose only)
    "SymmetricCreatorUser": [("symmetric-creator", policy({
        "Effect": "Allow", "Action": "kms:CreateKey", "Resource": "*",
        "Condition": {"StringEquals": {"kms:KeySpec": "SYMMETRIC_DEFAULT"}}}))],
    "KeyUsageUser": [("key-usage", policy(guide_statement(KEY_USAGE_CREATE_STATEMENT),
                                          guide_statement(KEY_USAGE_RESOURCE_STATEMENT)))],
    "CloudHsmOriginUser": [("key-origin", policy(guide_statement(KEY_ORIGIN_STATEMENT)))],
    "KmsOriginUser": [("key-origin", policy(guide_statement(KEY_ORIGIN_STATEMENT, ('"AWS_CLOUDHSM"', '"AWS_KMS"'))))],
    "developer": [],
    "FinanceUser": [("resource-aliases", policy(guide_statement(RESOURCE_ALIASES_STATEMENT)))],
    "AliasTestUser": [("all-aliases-test", policy(guide_statement(ALL_ALIASES_STATEMENT)))],
}
ACCOUNT_ROLES = ["KMSAdminRole", "KMSRole"]
EXTERNAL_USERS = {"ExternalUser": [("allow-kms", ALLOW_ALL_KMS)], "ExternalUserNoPolicy": []}


@dataclass(frozen=True)
class Identity:
    account: str
    user: str | None    # None: the account's root user

    @property
    def arn(self) -> str:
        return f"arn:aws:iam::{self.account}:{'root' if self.user is None else 'user/' + self.user}"

    @property
    def access_key(self) -> tuple[str, str]:
        name = self.user or "root"
        return f"AKIA{self.account[:6]}{name.upper()}", f"{name}-{self.account}-secret"


def who(name: str) -> Identity:
    """"root", "external-root", or a user name of either account."""
    if name == "root":
        return Identity(ACCOUNT, None)
    if name == "external-root":
        return Identity(EXTERNAL, None)
    return Identity(EXTERNAL if name in EXTERNAL_USERS else ACCOUNT, name)


def _user(name, account, policies):
    ident = Identity(account, name)
    entry = {"name": name, "accessKeys": [dict(zip(("accessKeyId", "secretAccessKey"), ident.access_key))]}
    if policies:
        entry["policies"] = [{"name": n, "document": d} for n, d in policies]
    return entry


def _config(late_policies: dict[str, list[tuple[str, str]]]) -> dict:
    def root_keys(account):
        return [dict(zip(("accessKeyId", "secretAccessKey"), Identity(account, None).access_key))]

    users = [_user(name, ACCOUNT, late_policies.get(name) if policies is None else policies)
             for name, policies in ACCOUNT_USERS.items()]
    return {
        "accounts": [
            {"id": ACCOUNT, "rootAccessKeys": root_keys(ACCOUNT), "users": users,
             "roles": [{"name": r} for r in ACCOUNT_ROLES]},
            {"id": EXTERNAL, "rootAccessKeys": root_keys(EXTERNAL),
             "users": [_user(n, EXTERNAL, p) for n, p in EXTERNAL_USERS.items()]},
        ],
        # The guide's tests create keys and aliases faster than AWS's 5 a second.
        "requestQuotas": "off",
    }


@dataclass
class Guide:
    """The server, its callers and the keys shared by the tests."""
    server: ArcaServer
    keys: dict[str, str] = field(default_factory=dict)       # name -> key ARN
    _clients: dict = field(default_factory=dict)

    def client(self, caller: str | Identity, region: str = REGION):
        ident = who(caller) if isinstance(caller, str) else caller
        if (ident, region) not in self._clients:
            self._clients[ident, region] = make_client(self.server.endpoint, region, *ident.access_key)
        return self._clients[ident, region]

    def root_of(self, key_arn: str):
        """The owning account's root user, in the key's region."""
        _, _, _, region, account, _ = key_arn.split(":", 5)
        return self.client(Identity(account, None), region)

    def create_key(self, key_policy: str | None = None, *, owner="root", region=REGION, bypass=False) -> str:
        kwargs = {} if key_policy is None else {"Policy": key_policy}
        if bypass:
            kwargs["BypassPolicyLockoutSafetyCheck"] = True
        return self.client(owner, region).create_key(Description="guide example", **kwargs)["KeyMetadata"]["Arn"]


@pytest.fixture(scope="session")
def guide(arca_bin, tmp_path_factory) -> Guide:
    """One server for the three guide modules (conftest.py loads this module as a plugin, so the
    fixture is defined once). The IAM policies that name specific keys ("Allow a User to Encrypt
    and Decrypt with Specific CMKs", the cross-account policy) can only be written once those keys
    exist, so the server starts, the keys are created, and it restarts with them."""
    base = tmp_path_factory.mktemp("guide-policies")
    config_path = base / "arca.yaml"
    config_path.write_text(yaml.safe_dump(_config({}), sort_keys=False))
    srv = ArcaServer(arca_bin, base / "data", base / "server.log", config_path=config_path).start()
    try:
        g = Guide(srv)
        g.keys["specific-1"] = g.create_key()
        g.keys["specific-2"] = g.create_key()
        # "you first add the external account (root user) to the CMK's key policy": the key
        # users statement, with account 111122223333 as the only key user.
        key_users = ('"arn:aws:iam::111122223333:user/KMSUser",\n    "arn:aws:iam::111122223333:role/KMSRole",\n'
                     '    "arn:aws:iam::444455556666:root"', '"arn:aws:iam::111122223333:root"')
        g.keys["external-shared"] = g.create_key(
            policy(root_statement(EXTERNAL), guide_statement(KEY_USERS_STATEMENT, key_users)), owner="external-root")
        g.keys["external-unshared"] = g.create_key(owner="external-root")
        # The same, made a key user in the console's default view, which "modifies the Principal
        # element in two statements": the attachment statement too, here without its condition so
        # that the IAM policy's CreateGrant statement decides.
        attachment = {**without_grant_is_for_aws_resource(attachment_statement()),
                      "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}}
        g.keys["external-grants"] = g.create_key(
            policy(root_statement(EXTERNAL), guide_statement(KEY_USERS_STATEMENT, key_users), attachment),
            owner="external-root")

        def key_id(name):
            return g.keys[name].rsplit("/", 1)[1]

        late = {
            "SpecificKeysUser": [("specific-cmks", guide_document(
                SPECIFIC_KEYS_IAM_POLICY,
                ("1234abcd-12ab-34cd-56ef-1234567890ab", key_id("specific-1")),
                ("0987dcba-09fe-87dc-65ba-ab0987654321", key_id("specific-2"))))],
            # The guide's policy for keys whose policy names this account, and for one whose
            # policy does not ("Neither step by itself is sufficient").
            "CrossAccountUser": [(f"use-{name}", cross_account_iam_policy(key_id(name)))
                                 for name in ("external-shared", "external-unshared", "external-grants")],
            "CrossAccountGrantUser": [("use-external-grants", cross_account_iam_policy(
                key_id("external-grants"), grant_condition=False))],
        }
        config_path.write_text(yaml.safe_dump(_config(late), sort_keys=False))
        srv.restart()
        g._clients.clear()
        # Keys with default key policies, in the guide's region and in another one.
        g.keys["default"] = g.create_key()
        g.keys["default-other-region"] = g.create_key(region=OTHER_REGION)
        yield g
    finally:
        srv.stop()


# ---------------------------------------------------------------------------------------------
# Operations on a key, each checking its own result when allowed.

PLAINTEXT = b"guide example"


def _encrypt(c, k, root):
    assert c.encrypt(KeyId=k, Plaintext=PLAINTEXT)["KeyId"] == k


def _decrypt(c, k, root):
    blob = root.encrypt(KeyId=k, Plaintext=PLAINTEXT)["CiphertextBlob"]
    resp = c.decrypt(CiphertextBlob=blob)
    assert (resp["KeyId"], resp["Plaintext"]) == (k, PLAINTEXT)


def _reencrypt(c, k, root):
    blob = root.encrypt(KeyId=k, Plaintext=PLAINTEXT)["CiphertextBlob"]
    resp = c.re_encrypt(CiphertextBlob=blob, DestinationKeyId=k)
    assert (resp["SourceKeyId"], resp["KeyId"]) == (k, k)


def _generate_data_key(c, k, root):
    resp = c.generate_data_key(KeyId=k, KeySpec="AES_256")
    assert (resp["KeyId"], len(resp["Plaintext"])) == (k, 32)


def _generate_data_key_without_plaintext(c, k, root):
    resp = c.generate_data_key_without_plaintext(KeyId=k, KeySpec="AES_256")
    assert resp["KeyId"] == k and "Plaintext" not in resp


def _describe_key(c, k, root):
    assert c.describe_key(KeyId=k)["KeyMetadata"]["Arn"] == k


def _get_key_policy(c, k, root):
    assert json.loads(c.get_key_policy(KeyId=k, PolicyName="default")["Policy"])["Statement"]


def _list_key_policies(c, k, root):
    assert c.list_key_policies(KeyId=k)["PolicyNames"] == ["default"]


def _list_resource_tags(c, k, root):
    assert isinstance(c.list_resource_tags(KeyId=k)["Tags"], list)


def _put_key_policy(c, k, root):
    current = root.get_key_policy(KeyId=k, PolicyName="default")["Policy"]
    c.put_key_policy(KeyId=k, PolicyName="default", Policy=current)
    assert root.get_key_policy(KeyId=k, PolicyName="default")["Policy"] == current


def _update_key_description(c, k, root):
    description = f"updated {uuid.uuid4().hex[:8]}"
    c.update_key_description(KeyId=k, Description=description)
    assert root.describe_key(KeyId=k)["KeyMetadata"]["Description"] == description


def _tag_resource(c, k, root):
    c.tag_resource(KeyId=k, Tags=[{"TagKey": "guide", "TagValue": "example"}])
    assert {"TagKey": "guide", "TagValue": "example"} in root.list_resource_tags(KeyId=k)["Tags"]


def _untag_resource(c, k, root):
    root.tag_resource(KeyId=k, Tags=[{"TagKey": "guide", "TagValue": "example"}])
    c.untag_resource(KeyId=k, TagKeys=["guide"])
    assert all(t["TagKey"] != "guide" for t in root.list_resource_tags(KeyId=k)["Tags"])


def _disable_key(c, k, root):
    c.disable_key(KeyId=k)
    try:
        assert root.describe_key(KeyId=k)["KeyMetadata"]["KeyState"] == "Disabled"
    finally:
        root.enable_key(KeyId=k)


def _enable_key(c, k, root):
    c.enable_key(KeyId=k)
    assert root.describe_key(KeyId=k)["KeyMetadata"]["KeyState"] == "Enabled"


def _create_and_delete_alias(c, k, root):
    name = f"alias/guide-{uuid.uuid4().hex[:12]}"
    c.create_alias(AliasName=name, TargetKeyId=k)
    assert any(a["AliasName"] == name for a in root.list_aliases(KeyId=k)["Aliases"])
    c.delete_alias(AliasName=name)
    assert all(a["AliasName"] != name for a in root.list_aliases(KeyId=k)["Aliases"])


# op -> (the action AWS names when it refuses the operation, the call)
KEY_OPS = {
    "Encrypt": ("kms:Encrypt", _encrypt),
    "Decrypt": ("kms:Decrypt", _decrypt),
    "ReEncrypt": ("kms:ReEncryptFrom", _reencrypt),
    "GenerateDataKey": ("kms:GenerateDataKey", _generate_data_key),
    "GenerateDataKeyWithoutPlaintext": ("kms:GenerateDataKeyWithoutPlaintext", _generate_data_key_without_plaintext),
    "DescribeKey": ("kms:DescribeKey", _describe_key),
    "GetKeyPolicy": ("kms:GetKeyPolicy", _get_key_policy),
    "ListKeyPolicies": ("kms:ListKeyPolicies", _list_key_policies),
    "ListResourceTags": ("kms:ListResourceTags", _list_resource_tags),
    "PutKeyPolicy": ("kms:PutKeyPolicy", _put_key_policy),
    "UpdateKeyDescription": ("kms:UpdateKeyDescription", _update_key_description),
    "TagResource": ("kms:TagResource", _tag_resource),
    "UntagResource": ("kms:UntagResource", _untag_resource),
    "DisableKey": ("kms:DisableKey", _disable_key),
    "EnableKey": ("kms:EnableKey", _enable_key),
    "CreateAlias+DeleteAlias": ("kms:CreateAlias", _create_and_delete_alias),
}


def list_keys_includes_default(g):
    def call(client):
        listed = {k["KeyArn"] for k in client.list_keys(Limit=1000)["Keys"]}
        assert g.keys["default"] in listed
    return call


def create_new_key(client, **kwargs):
    arn = client.create_key(**kwargs)["KeyMetadata"]["Arn"]
    assert arn.startswith(f"arn:aws:kms:{REGION}:{ACCOUNT}:key/")


def check_key_op(g: Guide, caller: str, op: str, key_arn: str, expected: str):
    """Runs `op` on the key as `caller` and checks the decision (and, if refused, AWS's message)."""
    action, call = KEY_OPS[op]
    region = key_arn.split(":")[3]
    if expected == ALLOWED:
        call(g.client(caller, region), key_arn, g.root_of(key_arn))
    else:
        resp = expect_error(call, g.client(caller, region), key_arn, g.root_of(key_arn))
        assert_access_denied(resp, who(caller).arn, action, key_arn, expected)


def check(g: Guide, caller: str, expected: str, action: str, resource: str, call):
    """Like check_key_op for a call that is not one of KEY_OPS; `call(client)` checks its result."""
    client = g.client(caller)
    if expected == ALLOWED:
        call(client)
    else:
        assert_access_denied(expect_error(call, client), who(caller).arn, action, resource, expected)


def cases(*rows):
    """pytest params from (caller, op, expected[, key]) rows, with readable ids."""
    return [pytest.param(*row, id="-".join(str(x) for x in row)) for row in rows]


# ---------------------------------------------------------------------------------------------
# Grants: their grantee has no policy, so what it can do, a grant allows.

GRANTEE = "Grantee"


def grantee_encrypts(g: Guide, key_arn: str, context: dict | None = None):
    """The grantee uses its grant: "the principal identified in the grant can execute the permitted
    operations, subject to the defined constraints" (Using Grants)."""
    kwargs = {} if context is None else {"EncryptionContext": context}
    assert g.client(GRANTEE).encrypt(KeyId=key_arn, Plaintext=PLAINTEXT, **kwargs)["KeyId"] == key_arn


def create_grant_call(g: Guide, key_arn: str, operations=("Encrypt",), constraints: dict | None = None):
    """For `check`: creates a grant for the grantee, then, if it allows Encrypt, the grantee
    encrypts (under the constraint's encryption context, if any)."""
    kwargs = {} if constraints is None else {"Constraints": constraints}

    def call(client):
        resp = client.create_grant(KeyId=key_arn, GranteePrincipal=who(GRANTEE).arn, Operations=list(operations),
                                   **kwargs)
        assert resp["GrantId"] and resp["GrantToken"]
        if "Encrypt" in operations:
            grantee_encrypts(g, key_arn, next(iter(constraints.values())) if constraints else None)
    return call


def _owners_grant(g: Guide, key_arn: str) -> str:
    root = g.root_of(key_arn)
    return root.create_grant(KeyId=key_arn, GranteePrincipal=who(GRANTEE).arn, Operations=["Encrypt"])["GrantId"]


def list_grants_call(g: Guide, key_arn: str):
    """For `check`: the key's owner creates a grant, which the caller's ListGrants must list."""
    def call(client):
        grant_id = _owners_grant(g, key_arn)
        assert grant_id in [grant["GrantId"] for grant in client.list_grants(KeyId=key_arn)["Grants"]]
    return call


def revoke_grant_call(g: Guide, key_arn: str):
    """For `check`: the key's owner creates a grant, which the caller revokes."""
    def call(client):
        grant_id = _owners_grant(g, key_arn)
        client.revoke_grant(KeyId=key_arn, GrantId=grant_id)
        assert grant_id not in [grant["GrantId"] for grant in g.root_of(key_arn).list_grants(KeyId=key_arn)["Grants"]]
    return call


GRANT_CALLS = {"CreateGrant": create_grant_call, "ListGrants": list_grants_call, "RevokeGrant": revoke_grant_call}
