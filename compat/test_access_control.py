"""Key policies and IAM policies decide access as AWS evaluates them (kms-developer-guide.md,
"Determining Access"): the key policy is the root of trust, IAM policies count only where the key
policy names the account, and an explicit deny wins."""
import json

from helpers import ALICE_ARN, BOB_ARN, DEFAULT_ACCOUNT, OTHER_ACCOUNT, assert_error, expect_error


def policy(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


ROOT_STATEMENT = {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
                  "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"}, "Action": "kms:*", "Resource": "*"}


def test_iam_user_with_an_iam_policy_uses_a_key_whose_policy_names_the_account(other_root, alice):
    key = other_root.create_key()["KeyMetadata"]
    blob = alice.encrypt(KeyId=key["Arn"], Plaintext=b"allowed")["CiphertextBlob"]
    assert alice.decrypt(CiphertextBlob=blob)["Plaintext"] == b"allowed"


def test_iam_user_without_an_iam_policy_is_denied_even_by_the_default_key_policy(other_root, bob):
    key = other_root.create_key()["KeyMetadata"]
    resp = expect_error(bob.encrypt, KeyId=key["Arn"], Plaintext=b"x")
    assert_error(resp, "AccessDeniedException",
                 f"User: {BOB_ARN} is not authorized to perform: kms:Encrypt on resource: {key['Arn']} "
                 "because no identity-based policy allows the kms:Encrypt action")


def test_iam_user_without_an_iam_policy_cannot_create_keys(bob):
    resp = expect_error(bob.create_key)
    assert_error(resp, "AccessDeniedException")
    assert "kms:CreateKey" in resp["Error"]["Message"]


def test_key_policy_naming_a_user_allows_exactly_the_listed_actions(other_root, bob):
    key_policy = policy(ROOT_STATEMENT, {"Sid": "Key user", "Effect": "Allow", "Principal": {"AWS": BOB_ARN},
                                         "Action": ["kms:Encrypt", "kms:DescribeKey"], "Resource": "*"})
    key = other_root.create_key(Policy=key_policy)["KeyMetadata"]
    blob = bob.encrypt(KeyId=key["Arn"], Plaintext=b"by key policy")["CiphertextBlob"]
    assert bob.describe_key(KeyId=key["Arn"])["KeyMetadata"]["KeyId"] == key["KeyId"]
    resp = expect_error(bob.decrypt, CiphertextBlob=blob)
    assert_error(resp, "AccessDeniedException")
    assert other_root.decrypt(CiphertextBlob=blob)["Plaintext"] == b"by key policy"


def test_explicit_deny_in_the_key_policy_beats_an_iam_allow(other_root, alice):
    key_policy = policy(ROOT_STATEMENT, {"Sid": "No decrypt for alice", "Effect": "Deny",
                                         "Principal": {"AWS": ALICE_ARN}, "Action": "kms:Decrypt", "Resource": "*"})
    key = other_root.create_key(Policy=key_policy)["KeyMetadata"]
    blob = alice.encrypt(KeyId=key["Arn"], Plaintext=b"x")["CiphertextBlob"]
    resp = expect_error(alice.decrypt, CiphertextBlob=blob)
    assert_error(resp, "AccessDeniedException",
                 f"User: {ALICE_ARN} is not authorized to perform: kms:Decrypt on resource: {key['Arn']} "
                 "with an explicit deny in a resource-based policy")


def test_encryption_context_condition_in_the_key_policy(other_root, bob):
    key_policy = policy(ROOT_STATEMENT, {
        "Effect": "Allow", "Principal": {"AWS": BOB_ARN}, "Action": "kms:Encrypt", "Resource": "*",
        "Condition": {"StringEquals": {"kms:EncryptionContext:Department": "Finance"}}})
    key = other_root.create_key(Policy=key_policy)["KeyMetadata"]
    bob.encrypt(KeyId=key["Arn"], Plaintext=b"x", EncryptionContext={"Department": "Finance"})
    for context in ({"Department": "IT"}, {}):
        resp = expect_error(bob.encrypt, KeyId=key["Arn"], Plaintext=b"x", EncryptionContext=context)
        assert_error(resp, "AccessDeniedException")


def test_context_keys_differing_only_in_case_allow_only_what_every_reading_allows(other_root, bob):
    """`kms:EncryptionContext:tenant` names `tenant` and `Tenant` alike; with both in the context, the
    condition must hold whichever value is read, in either order of the pairs on the wire."""
    key_policy = policy(ROOT_STATEMENT, {
        "Effect": "Allow", "Principal": {"AWS": BOB_ARN}, "Action": "kms:Encrypt", "Resource": "*",
        "Condition": {"StringEquals": {"kms:EncryptionContext:tenant": "alice"}}})
    key = other_root.create_key(Policy=key_policy)["KeyMetadata"]
    for context in ({"tenant": "bob", "Tenant": "alice"}, {"Tenant": "alice", "tenant": "bob"}):
        for _ in range(10):
            resp = expect_error(bob.encrypt, KeyId=key["Arn"], Plaintext=b"x", EncryptionContext=context)
            # The key policy's statement for bob does not apply, so only an IAM policy could allow.
            assert_error(resp, "AccessDeniedException",
                         f"User: {BOB_ARN} is not authorized to perform: kms:Encrypt on resource: {key['Arn']} "
                         "because no identity-based policy allows the kms:Encrypt action")
    for context in ({"tenant": "alice"}, {"Tenant": "alice"}, {"tenant": "alice", "TENANT": "alice"}):
        bob.encrypt(KeyId=key["Arn"], Plaintext=b"x", EncryptionContext=context)


def test_context_keys_differing_only_in_case_meet_a_deny_for_either_value(other_root, bob):
    key_policy = policy(ROOT_STATEMENT,
                        {"Effect": "Allow", "Principal": {"AWS": BOB_ARN}, "Action": "kms:Encrypt", "Resource": "*"},
                        {"Effect": "Deny", "Principal": {"AWS": BOB_ARN}, "Action": "kms:Encrypt", "Resource": "*",
                         "Condition": {"StringEquals": {"kms:EncryptionContext:Tenant": "alice"}}})
    key = other_root.create_key(Policy=key_policy)["KeyMetadata"]
    for context in ({"tenant": "bob", "Tenant": "alice"}, {"tenant": "alice", "Tenant": "bob"}):
        resp = expect_error(bob.encrypt, KeyId=key["Arn"], Plaintext=b"x", EncryptionContext=context)
        assert_error(resp, "AccessDeniedException",
                     f"User: {BOB_ARN} is not authorized to perform: kms:Encrypt on resource: {key['Arn']} "
                     "with an explicit deny in a resource-based policy")
    bob.encrypt(KeyId=key["Arn"], Plaintext=b"x", EncryptionContext={"tenant": "bob", "Tenant": "carol"})


def test_other_account_needs_the_key_policy_to_name_it(kms, other_root):
    closed = kms.create_key()["KeyMetadata"]
    resp = expect_error(other_root.encrypt, KeyId=closed["Arn"], Plaintext=b"x")
    assert_error(resp, "AccessDeniedException")
    shared_policy = policy(
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{DEFAULT_ACCOUNT}:root"}, "Action": "kms:*", "Resource": "*"},
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"},
         "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*"})
    shared = kms.create_key(Policy=shared_policy)["KeyMetadata"]
    blob = other_root.encrypt(KeyId=shared["Arn"], Plaintext=b"cross-account")["CiphertextBlob"]
    assert other_root.decrypt(CiphertextBlob=blob)["Plaintext"] == b"cross-account"
    assert_error(expect_error(other_root.describe_key, KeyId=shared["Arn"]), "AccessDeniedException")


def test_cross_account_user_needs_both_the_key_policy_and_an_iam_policy(kms, alice, bob):
    shared_policy = policy(
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{DEFAULT_ACCOUNT}:root"}, "Action": "kms:*", "Resource": "*"},
        {"Effect": "Allow", "Principal": {"AWS": OTHER_ACCOUNT}, "Action": "kms:Encrypt", "Resource": "*"})
    shared = kms.create_key(Policy=shared_policy)["KeyMetadata"]
    alice.encrypt(KeyId=shared["Arn"], Plaintext=b"x")
    assert_error(expect_error(bob.encrypt, KeyId=shared["Arn"], Plaintext=b"x"), "AccessDeniedException")


def test_key_policy_without_the_account_locks_out_its_iam_users(other_root, alice):
    key_policy = policy({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"},
                         "Action": "kms:*", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalType": "Account"}}})
    key = other_root.create_key(Policy=key_policy)["KeyMetadata"]
    other_root.encrypt(KeyId=key["Arn"], Plaintext=b"root only")
    assert_error(expect_error(alice.encrypt, KeyId=key["Arn"], Plaintext=b"x"), "AccessDeniedException")


def test_policy_that_would_lock_out_the_caller_needs_the_bypass_flag(other_root):
    only_bob = policy({"Effect": "Allow", "Principal": {"AWS": BOB_ARN}, "Action": "kms:*", "Resource": "*"})
    resp = expect_error(other_root.create_key, Policy=only_bob)
    assert_error(resp, "MalformedPolicyDocumentException",
                 "The new key policy will not allow you to update the key policy in the future.")
    key = other_root.create_key(Policy=only_bob, BypassPolicyLockoutSafetyCheck=True)["KeyMetadata"]
    assert_error(expect_error(other_root.get_key_policy, KeyId=key["KeyId"], PolicyName="default"), "AccessDeniedException")


def test_key_policy_may_name_only_principals_that_exist(other_root):
    ghost = policy(ROOT_STATEMENT, {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:user/ghost"},
                                    "Action": "kms:Encrypt", "Resource": "*"})
    resp = expect_error(other_root.create_key, Policy=ghost)
    assert_error(resp, "MalformedPolicyDocumentException", "Policy contains a statement with one or more invalid principals.")
    unknown_account = policy(ROOT_STATEMENT, {"Effect": "Allow", "Principal": {"AWS": "222233334444"},
                                              "Action": "kms:Encrypt", "Resource": "*"})
    assert_error(expect_error(other_root.create_key, Policy=unknown_account), "MalformedPolicyDocumentException")


def test_source_ip_condition_sees_the_callers_address(other_root, bob):
    key_policy = policy(ROOT_STATEMENT,
                        {"Effect": "Allow", "Principal": {"AWS": BOB_ARN}, "Action": "kms:Encrypt", "Resource": "*",
                         "Condition": {"IpAddress": {"aws:SourceIp": "127.0.0.0/8"}}},
                        {"Effect": "Allow", "Principal": {"AWS": BOB_ARN}, "Action": "kms:GenerateDataKey", "Resource": "*",
                         "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}})
    key = other_root.create_key(Policy=key_policy)["KeyMetadata"]
    bob.encrypt(KeyId=key["Arn"], Plaintext=b"from loopback")
    assert_error(expect_error(bob.generate_data_key, KeyId=key["Arn"], KeySpec="AES_256"), "AccessDeniedException")


def test_resource_aliases_condition_follows_the_keys_aliases(other_root, bob):
    key_policy = policy(ROOT_STATEMENT, {
        "Effect": "Allow", "Principal": {"AWS": BOB_ARN}, "Action": "kms:Encrypt", "Resource": "*",
        "Condition": {"ForAnyValue:StringLike": {"kms:ResourceAliases": "alias/finance-*"}}})
    key = other_root.create_key(Policy=key_policy)["KeyMetadata"]
    assert_error(expect_error(bob.encrypt, KeyId=key["Arn"], Plaintext=b"x"), "AccessDeniedException")
    other_root.create_alias(AliasName="alias/finance-ledger", TargetKeyId=key["KeyId"])
    bob.encrypt(KeyId=key["Arn"], Plaintext=b"x")
    other_root.delete_alias(AliasName="alias/finance-ledger")
    assert_error(expect_error(bob.encrypt, KeyId=key["Arn"], Plaintext=b"x"), "AccessDeniedException")


def test_key_policy_can_forbid_bypassing_the_lockout_check(other_root, alice):
    # The guide's kms:BypassPolicyLockoutSafetyCheck example, as a key policy statement for Alice.
    deny_bypass = {"Effect": "Deny", "Principal": {"AWS": ALICE_ARN}, "Action": "kms:PutKeyPolicy", "Resource": "*",
                   "Condition": {"Bool": {"kms:BypassPolicyLockoutSafetyCheck": "true"}}}
    key = other_root.create_key(Policy=policy(ROOT_STATEMENT, deny_bypass))["KeyMetadata"]
    resp = expect_error(alice.put_key_policy, KeyId=key["KeyId"], PolicyName="default",
                        BypassPolicyLockoutSafetyCheck=True, Policy=policy(ROOT_STATEMENT))
    assert_error(resp, "AccessDeniedException",
                 f"User: {ALICE_ARN} is not authorized to perform: kms:PutKeyPolicy on resource: {key['Arn']} "
                 "with an explicit deny in a resource-based policy")
    alice.put_key_policy(KeyId=key["KeyId"], PolicyName="default", Policy=policy(ROOT_STATEMENT))


def test_group_membership_gives_a_user_the_groups_managed_policy(kms_factory, other_root):
    """Dave has no policy of his own; his group `key-users` has the customer managed policy
    `use-keys` (Encrypt, Decrypt, DescribeKey), which the default key policy lets count."""
    from helpers import DAVE_ARN, DAVE_KEY
    dave = kms_factory(access_key=DAVE_KEY[0], secret_key=DAVE_KEY[1])
    key = other_root.create_key()["KeyMetadata"]
    blob = dave.encrypt(KeyId=key["Arn"], Plaintext=b"via group")["CiphertextBlob"]
    assert dave.decrypt(CiphertextBlob=blob)["Plaintext"] == b"via group"
    resp = expect_error(dave.disable_key, KeyId=key["Arn"])
    assert_error(resp, "AccessDeniedException",
                 f"User: {DAVE_ARN} is not authorized to perform: kms:DisableKey on resource: {key['Arn']} "
                 "because no identity-based policy allows the kms:DisableKey action")


def test_a_group_is_not_a_principal_in_a_key_policy(other_root):
    """Groups hold policies but are not principals: "You cannot identify a user group as a
    principal in a policy" (IAM User Guide, IAM user groups)."""
    group_policy = policy(ROOT_STATEMENT, {"Effect": "Allow", "Resource": "*", "Action": "kms:Encrypt",
                                           "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:group/key-users"}})
    resp = expect_error(other_root.create_key, Policy=group_policy)
    assert_error(resp, "MalformedPolicyDocumentException")


def test_a_key_policy_granting_another_account_everything_lets_it_use_the_key_but_not_manage_it(other_root, kms):
    """"Cross-account use: No. You cannot perform this operation on a KMS key in a different AWS
    account" (KMS API reference, EnableKey, PutKeyPolicy, ScheduleKeyDeletion, TagResource, …)."""
    shared = policy(ROOT_STATEMENT, {"Sid": "Everything for the default account", "Effect": "Allow",
                                     "Principal": {"AWS": f"arn:aws:iam::{DEFAULT_ACCOUNT}:root"},
                                     "Action": "kms:*", "Resource": "*"})
    key = other_root.create_key(Policy=shared)["KeyMetadata"]
    blob = kms.encrypt(KeyId=key["Arn"], Plaintext=b"shared")["CiphertextBlob"]
    assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == b"shared"
    assert kms.describe_key(KeyId=key["Arn"])["KeyMetadata"]["KeyId"] == key["KeyId"]
    for call, extra in [(kms.get_key_policy, {"PolicyName": "default"}), (kms.disable_key, {}),
                        (kms.schedule_key_deletion, {"PendingWindowInDays": 7}),
                        (kms.tag_resource, {"Tags": [{"TagKey": "owner", "TagValue": "me"}]}),
                        (kms.put_key_policy, {"PolicyName": "default", "Policy": shared}),
                        (kms.update_key_description, {"Description": "mine now"}), (kms.list_resource_tags, {}),
                        (kms.enable_key_rotation, {}), (kms.list_key_rotations, {})]:
        assert_error(expect_error(call, KeyId=key["Arn"], **extra), "NotFoundException",
                     f"Key '{key['Arn']}' does not exist")
    assert other_root.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"] == "Enabled"
