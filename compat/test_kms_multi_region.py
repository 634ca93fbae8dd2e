"""Multi-Region keys with boto3 clients in two regions: an mrk- key replicated from us-east-1 to
us-west-2, ciphertexts that cross regions, each copy its own key, rotation from the primary,
UpdatePrimaryRegion, and the deletion of a primary that still has replicas.

Sources: the responses recorded from AWS (test_kms.snapshot.json: test_create_multi_region_key,
test_replicate_key, test_replicate_replica_key_should_fail) and the KMS API reference.
"""
import json
import re

import pytest

from helpers import assert_error, clock, expect_error, make_client

EAST, WEST = "us-east-1", "us-west-2"


@pytest.fixture
def east(clocked):
    return make_client(clocked.endpoint, EAST)


@pytest.fixture
def west(clocked):
    return make_client(clocked.endpoint, WEST)


def replicated(clocked, east, west):
    """A primary in us-east-1 and its replica in us-west-2, finished creating."""
    primary = east.create_key(MultiRegion=True, Description="primary")["KeyMetadata"]
    response = east.replicate_key(KeyId=primary["KeyId"], ReplicaRegion=WEST, Description="replica")
    # Recorded: the replica starts Creating, not yet enabled, with the default key policy.
    assert response["ReplicaKeyMetadata"]["KeyState"] == "Creating" and response["ReplicaKeyMetadata"]["Enabled"] is False
    statement = json.loads(response["ReplicaPolicy"])["Statement"][0]
    assert statement["Sid"] == "Enable IAM User Permissions" and statement["Action"] == "kms:*"
    clock(clocked, advance=1)   # the lifecycle service finishes the creation
    assert west.describe_key(KeyId=primary["KeyId"])["KeyMetadata"]["KeyState"] == "Enabled"
    return primary


def test_create_multi_region_key_is_its_own_primary(east, west):
    key = east.create_key(MultiRegion=True)["KeyMetadata"]
    assert re.fullmatch(r"mrk-[0-9a-f]{32}", key["KeyId"])
    assert key["MultiRegion"] is True
    # Recorded (test_create_multi_region_key): PRIMARY, itself as PrimaryKey, no replicas.
    assert key["MultiRegionConfiguration"] == {"MultiRegionKeyType": "PRIMARY",
                                               "PrimaryKey": {"Arn": key["Arn"], "Region": EAST}, "ReplicaKeys": []}
    assert "MultiRegionConfiguration" not in east.create_key()["KeyMetadata"]
    # Recorded (test_replicate_key): another region does not know the id until it is replicated.
    west_arn = key["Arn"].replace(EAST, WEST)
    assert_error(expect_error(west.describe_key, KeyId=key["KeyId"]), "NotFoundException", f"Key '{west_arn}' does not exist")


def test_a_replica_decrypts_what_the_primary_encrypted(clocked, east, west):
    primary = replicated(clocked, east, west)
    replica = west.describe_key(KeyId=primary["KeyId"])["KeyMetadata"]
    west_arn = primary["Arn"].replace(EAST, WEST)
    assert replica["Arn"] == west_arn and replica["Description"] == "replica"
    config = {"PrimaryKey": {"Arn": primary["Arn"], "Region": EAST}, "ReplicaKeys": [{"Arn": west_arn, "Region": WEST}]}
    assert replica["MultiRegionConfiguration"] == {"MultiRegionKeyType": "REPLICA", **config}
    assert east.describe_key(KeyId=primary["KeyId"])["KeyMetadata"]["MultiRegionConfiguration"] == {"MultiRegionKeyType": "PRIMARY", **config}
    blob = east.encrypt(KeyId=primary["KeyId"], Plaintext=b"across regions", EncryptionContext={"k": "v"})["CiphertextBlob"]
    opened = west.decrypt(CiphertextBlob=blob, EncryptionContext={"k": "v"})
    assert opened["Plaintext"] == b"across regions" and opened["KeyId"] == west_arn
    back = west.encrypt(KeyId=west_arn, Plaintext=b"and back")["CiphertextBlob"]
    assert east.decrypt(CiphertextBlob=back)["Plaintext"] == b"and back"
    # A single-Region key's ciphertext is of its region only.
    single = east.create_key()["KeyMetadata"]
    local = east.encrypt(KeyId=single["KeyId"], Plaintext=b"here")["CiphertextBlob"]
    assert_error(expect_error(west.decrypt, CiphertextBlob=local), "InvalidCiphertextException")


def test_replicating_a_replica_is_refused_as_recorded(clocked, east, west):
    primary = replicated(clocked, east, west)
    west_arn = primary["Arn"].replace(EAST, WEST)
    resp = expect_error(west.replicate_key, KeyId=primary["KeyId"], ReplicaRegion="eu-west-1")
    assert_error(resp, "UnsupportedOperationException", f"{west_arn} is not a multi-region primary key.")
    assert_error(expect_error(east.replicate_key, KeyId=primary["KeyId"], ReplicaRegion=WEST), "AlreadyExistsException")
    single = east.create_key()["KeyMetadata"]
    assert_error(expect_error(east.replicate_key, KeyId=single["KeyId"], ReplicaRegion=WEST), "UnsupportedOperationException")


def test_each_copy_has_its_own_policy_and_state(clocked, east, west):
    primary = replicated(clocked, east, west)
    west.disable_key(KeyId=primary["KeyId"])
    assert east.describe_key(KeyId=primary["KeyId"])["KeyMetadata"]["KeyState"] == "Enabled"
    assert_error(expect_error(west.encrypt, KeyId=primary["KeyId"], Plaintext=b"x"), "DisabledException")
    policy = east.get_key_policy(KeyId=primary["KeyId"], PolicyName="default")["Policy"]
    west.put_key_policy(KeyId=primary["KeyId"], PolicyName="default", Policy=policy.replace("Enable IAM User Permissions", "West only"))
    assert "West only" not in east.get_key_policy(KeyId=primary["KeyId"], PolicyName="default")["Policy"]
    west.create_alias(AliasName="alias/mrk-west", TargetKeyId=primary["KeyId"])
    assert_error(expect_error(east.describe_key, KeyId="alias/mrk-west"), "NotFoundException")


def test_rotation_on_the_primary_reaches_the_replica(clocked, east, west):
    primary = replicated(clocked, east, west)
    assert_error(expect_error(west.rotate_key_on_demand, KeyId=primary["KeyId"]), "UnsupportedOperationException")
    assert_error(expect_error(west.enable_key_rotation, KeyId=primary["KeyId"]), "UnsupportedOperationException")
    east.rotate_key_on_demand(KeyId=primary["KeyId"])
    east_material = east.describe_key(KeyId=primary["KeyId"])["KeyMetadata"]["CurrentKeyMaterialId"]
    assert east_material != primary["CurrentKeyMaterialId"]
    assert west.describe_key(KeyId=primary["KeyId"])["KeyMetadata"]["CurrentKeyMaterialId"] == east_material
    blob = west.encrypt(KeyId=primary["KeyId"], Plaintext=b"new material")["CiphertextBlob"]
    assert east.decrypt(CiphertextBlob=blob)["KeyMaterialId"] == east_material


def test_update_primary_region_swaps_the_roles(clocked, east, west):
    primary = replicated(clocked, east, west)
    east.enable_key_rotation(KeyId=primary["KeyId"], RotationPeriodInDays=180)
    east.update_primary_region(KeyId=primary["KeyId"], PrimaryRegion=WEST)
    west_key = west.describe_key(KeyId=primary["KeyId"])["KeyMetadata"]
    east_key = east.describe_key(KeyId=primary["KeyId"])["KeyMetadata"]
    assert west_key["MultiRegionConfiguration"]["MultiRegionKeyType"] == "PRIMARY"
    assert east_key["MultiRegionConfiguration"]["MultiRegionKeyType"] == "REPLICA"
    assert east_key["MultiRegionConfiguration"]["PrimaryKey"] == {"Arn": west_key["Arn"], "Region": WEST}
    status = east.get_key_rotation_status(KeyId=primary["KeyId"])
    assert status["KeyRotationEnabled"] is True and status["RotationPeriodInDays"] == 180
    assert_error(expect_error(east.disable_key_rotation, KeyId=primary["KeyId"]), "UnsupportedOperationException")
    west.disable_key_rotation(KeyId=primary["KeyId"])
    assert_error(expect_error(east.update_primary_region, KeyId=primary["KeyId"], PrimaryRegion=WEST),
                 "UnsupportedOperationException", f"{primary['Arn']} is not a multi-region primary key.")


def test_a_primary_with_replicas_waits_for_their_deletion(clocked, east, west):
    primary = replicated(clocked, east, west)
    scheduled = east.schedule_key_deletion(KeyId=primary["KeyId"], PendingWindowInDays=7)
    assert scheduled["KeyState"] == "PendingReplicaDeletion" and "DeletionDate" not in scheduled
    west.schedule_key_deletion(KeyId=primary["KeyId"], PendingWindowInDays=7)
    clock(clocked, advance=7 * 86_400 + 60)
    assert_error(expect_error(west.describe_key, KeyId=primary["KeyId"]), "NotFoundException")
    waiting = east.describe_key(KeyId=primary["KeyId"])["KeyMetadata"]
    assert waiting["KeyState"] == "PendingDeletion" and waiting["MultiRegionConfiguration"]["ReplicaKeys"] == []
    clock(clocked, advance=7 * 86_400 + 60)
    assert_error(expect_error(east.describe_key, KeyId=primary["KeyId"]), "NotFoundException")


def test_multi_region_condition_keys(clocked, east, west):
    """kms:MultiRegion and kms:MultiRegionKeyType reach key policies: a replica whose policy lets
    the account use only PRIMARY keys refuses Encrypt, while its primary allows it."""
    primary = replicated(clocked, east, west)
    policy = east.get_key_policy(KeyId=primary["KeyId"], PolicyName="default")["Policy"]
    document = json.loads(policy)
    document["Statement"].append({"Sid": "Only primaries encrypt", "Effect": "Deny", "Principal": {"AWS": "*"},
                                  "Action": "kms:Encrypt", "Resource": "*",
                                  "Condition": {"StringEquals": {"kms:MultiRegionKeyType": "REPLICA"}}})
    for client in (east, west):
        client.put_key_policy(KeyId=primary["KeyId"], PolicyName="default", Policy=json.dumps(document))
    east.encrypt(KeyId=primary["KeyId"], Plaintext=b"primary")
    assert_error(expect_error(west.encrypt, KeyId=primary["KeyId"], Plaintext=b"replica"), "AccessDeniedException")


def test_replicas_survive_a_restart(make_server):
    srv = make_server("mrk-restart")
    east, west = make_client(srv.endpoint, EAST), make_client(srv.endpoint, WEST)
    primary = east.create_key(MultiRegion=True)["KeyMetadata"]
    east.replicate_key(KeyId=primary["KeyId"], ReplicaRegion=WEST)
    blob = east.encrypt(KeyId=primary["KeyId"], Plaintext=b"durable")["CiphertextBlob"]
    srv.kill()
    srv.start()
    east, west = make_client(srv.endpoint, EAST), make_client(srv.endpoint, WEST)
    assert west.decrypt(CiphertextBlob=blob)["Plaintext"] == b"durable"
    assert [k["Region"] for k in east.describe_key(KeyId=primary["KeyId"])["KeyMetadata"]["MultiRegionConfiguration"]["ReplicaKeys"]] == [WEST]


def test_key_states_of_replicate_key_and_update_primary_region(clocked, east, west):
    """As the key state table has them: both work on Enabled and Disabled keys; a key pending
    deletion refuses them with KMSInvalidStateException "<arn> is pending deletion."."""
    primary = replicated(clocked, east, west)
    east.disable_key(KeyId=primary["KeyId"])
    east.replicate_key(KeyId=primary["KeyId"], ReplicaRegion="eu-west-1")
    clock(clocked, advance=1)
    east.update_primary_region(KeyId=primary["KeyId"], PrimaryRegion=WEST)
    west.update_primary_region(KeyId=primary["KeyId"], PrimaryRegion=EAST)
    east.schedule_key_deletion(KeyId=primary["KeyId"])
    message = f"{primary['Arn']} is pending deletion."
    assert_error(expect_error(east.replicate_key, KeyId=primary["KeyId"], ReplicaRegion="ap-southeast-1"),
                 "KMSInvalidStateException", message)
    assert_error(expect_error(east.update_primary_region, KeyId=primary["KeyId"], PrimaryRegion=WEST),
                 "KMSInvalidStateException", message)


def test_another_account_cannot_replicate_or_move_a_key_its_policy_lets_it_use(clocked, east, west):
    """ReplicateKey and UpdatePrimaryRegion: "Cross-account use: No" (KMS API reference). A key
    policy granting another account kms:* lets it use the key, never copy it or move its primary."""
    from helpers import OTHER_ACCOUNT, OTHER_ROOT_KEY
    primary = replicated(clocked, east, west)
    document = json.loads(east.get_key_policy(KeyId=primary["KeyId"], PolicyName="default")["Policy"])
    document["Statement"].append({"Sid": "Other account", "Effect": "Allow",
                                  "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"},
                                  "Action": "kms:*", "Resource": "*"})
    east.put_key_policy(KeyId=primary["KeyId"], PolicyName="default", Policy=json.dumps(document))
    other = make_client(clocked.endpoint, EAST, *OTHER_ROOT_KEY)
    other.encrypt(KeyId=primary["Arn"], Plaintext=b"allowed")
    assert_error(expect_error(other.replicate_key, KeyId=primary["Arn"], ReplicaRegion="eu-west-1"), "NotFoundException")
    assert_error(expect_error(other.update_primary_region, KeyId=primary["Arn"], PrimaryRegion=WEST), "NotFoundException")
    regions = east.describe_key(KeyId=primary["KeyId"])["KeyMetadata"]["MultiRegionConfiguration"]
    assert regions["PrimaryKey"]["Region"] == EAST and [r["Region"] for r in regions["ReplicaKeys"]] == [WEST]
