"""Key lifecycles that really happen, proven on a server whose clock the tests move
(`arca serve --dev-clock`): scheduled deletion, cancellation, automatic and on-demand rotation.
No test sleeps: POST /_arca/clock advances the clock and applies what became due before it answers."""
import base64
import json
from datetime import datetime, timedelta, timezone

import pytest
import requests

from helpers import (ALICE_KEY, DISABLED_FMT, OTHER_ROOT_KEY, assert_error, clock, events_for, expect_error, make_client,
                     unique_alias)

DAY = 86_400


@pytest.fixture
def kms(clocked):
    return make_client(clocked.endpoint)


def test_the_clock_is_read_and_advanced_but_never_moved_back(clocked):
    before = clock(clocked)
    after = clock(clocked, advance=3600)
    assert timedelta(seconds=3600) <= after - before < timedelta(seconds=3660)
    for body in ({"advance": -1}, {"advance": "1"}, {"advance": True}, {}, [1]):
        resp = requests.post(clocked.endpoint + "/_arca/clock", json=body, timeout=10)
        assert resp.status_code == 400, body
    assert clock(clocked) >= after


def test_the_clock_refuses_to_move_past_its_latest_time_and_keys_keep_working(make_server):
    """An advance the clock cannot hold (1e19 seconds once crashed the next key operation) is a
    400 that leaves the clock where it was; up to 9990-01-01 every key operation still works."""
    srv = make_server("far-clock", extra_args=["--dev-clock"])
    kms = make_client(srv.endpoint)
    key = kms.create_key()["KeyMetadata"]
    kms.enable_key_rotation(KeyId=key["KeyId"], RotationPeriodInDays=2560)
    before = clock(srv)
    for body in ('{"advance": 1e19}', '{"advance": 1e308}', '{"advance": 1e400}', '{"advance": -1e19}'):
        resp = requests.post(srv.endpoint + "/_arca/clock", data=body, timeout=10)
        assert resp.status_code == 400, body
        assert resp.headers["Content-Type"] == "application/json" and "message" in resp.json(), resp.text
    assert timedelta(0) <= clock(srv) - before < timedelta(minutes=1)
    latest = datetime(9990, 1, 1, tzinfo=timezone.utc)
    near = clock(srv, advance=(latest - before).total_seconds() - 3600)
    assert latest - timedelta(hours=2) < near <= latest
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"far", EncryptionContext={"at": "9989"})["CiphertextBlob"]
    assert kms.decrypt(CiphertextBlob=blob, EncryptionContext={"at": "9989"})["Plaintext"] == b"far"
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"] == "Enabled"
    assert kms.create_key()["KeyMetadata"]["KeyState"] == "Enabled"
    assert requests.post(srv.endpoint + "/_arca/clock", json={"advance": 7200}, timeout=10).status_code == 400
    kms.schedule_key_deletion(KeyId=key["KeyId"], PendingWindowInDays=30)
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"] == "PendingDeletion"


def test_without_the_flag_there_is_no_clock(server):
    assert requests.get(server.endpoint + "/_arca/clock", timeout=10).status_code == 404
    assert requests.post(server.endpoint + "/_arca/clock", json={"advance": 1}, timeout=10).status_code == 404


def test_signatures_keep_real_time_while_the_clock_moves(clocked, kms):
    """Clients sign with their own clock: a week ahead, their requests are still accepted."""
    clock(clocked, advance=7 * DAY)
    assert kms.create_key()["KeyMetadata"]["KeyState"] == "Enabled"


def test_scheduled_deletion_deletes_the_key_its_aliases_and_grants_when_the_window_ends(clocked, kms):
    key = kms.create_key()["KeyMetadata"]
    alias = unique_alias("doomed")
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"gone soon")["CiphertextBlob"]
    now = clock(clocked)
    scheduled = kms.schedule_key_deletion(KeyId=key["KeyId"], PendingWindowInDays=7)
    assert scheduled["KeyId"] == key["Arn"] and scheduled["KeyState"] == "PendingDeletion"
    assert scheduled["PendingWindowInDays"] == 7
    assert timedelta(days=7) <= scheduled["DeletionDate"] - now < timedelta(days=7, minutes=1)
    described = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
    assert described["KeyState"] == "PendingDeletion" and described["Enabled"] is False
    assert described["DeletionDate"] == scheduled["DeletionDate"] and described["PendingDeletionWindowInDays"] == 7

    pending = f"{key['Arn']} is pending deletion."
    assert_error(expect_error(kms.encrypt, KeyId=key["KeyId"], Plaintext=b"x"), "KMSInvalidStateException", pending)
    assert_error(expect_error(kms.decrypt, CiphertextBlob=blob), "KMSInvalidStateException", pending)
    assert_error(expect_error(kms.enable_key, KeyId=key["KeyId"]), "KMSInvalidStateException", pending)
    assert_error(expect_error(kms.schedule_key_deletion, KeyId=key["KeyId"]), "KMSInvalidStateException", pending)
    kms.get_key_policy(KeyId=key["KeyId"], PolicyName="default")  # reads still work

    clock(clocked, advance=7 * DAY - 60)
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"] == "PendingDeletion"
    assert events_for(clocked, key["Arn"]) == []
    clock(clocked, advance=120)
    [event] = events_for(clocked, key["Arn"])
    assert event["detail-type"] == "KMS CMK Deletion" and event["detail"] == {"key-id": key["KeyId"]}
    assert (event["version"], event["source"], event["account"], event["region"]) == ("0", "aws.kms", "000000000000", "us-east-1")
    assert list(event) == ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"]
    assert datetime.strptime(event["time"], "%Y-%m-%dT%H:%M:%SZ")
    resp = expect_error(kms.describe_key, KeyId=key["KeyId"])
    assert_error(resp, "NotFoundException", f"Key '{key['Arn']}' does not exist")
    assert alias not in [a["AliasName"] for a in kms.list_aliases()["Aliases"]]
    assert key["KeyId"] not in [k["KeyId"] for k in kms.list_keys(Limit=1000)["Keys"]]
    assert_error(expect_error(kms.decrypt, CiphertextBlob=blob), "InvalidCiphertextException")
    # The alias name is free again.
    kms.create_alias(AliasName=alias, TargetKeyId=kms.create_key()["KeyMetadata"]["KeyId"])


def test_cancel_key_deletion_returns_the_key_disabled(clocked, kms):
    key = kms.create_key()["KeyMetadata"]
    resp = expect_error(kms.cancel_key_deletion, KeyId=key["KeyId"])
    assert_error(resp, "KMSInvalidStateException", f"{key['Arn']} is not pending deletion.")
    kms.schedule_key_deletion(KeyId=key["KeyId"])
    assert kms.cancel_key_deletion(KeyId=key["KeyId"])["KeyId"] == key["Arn"]
    described = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
    assert described["KeyState"] == "Disabled" and "DeletionDate" not in described
    clock(clocked, advance=31 * DAY)
    assert_error(expect_error(kms.encrypt, KeyId=key["KeyId"], Plaintext=b"x"), "DisabledException",
                 DISABLED_FMT.format(arn=key["Arn"]))
    kms.enable_key(KeyId=key["KeyId"])
    kms.encrypt(KeyId=key["KeyId"], Plaintext=b"back")


def test_pending_window_must_be_7_to_30_days(kms):
    key = kms.create_key()["KeyMetadata"]
    for days in (6, 31):
        assert_error(expect_error(kms.schedule_key_deletion, KeyId=key["KeyId"], PendingWindowInDays=days),
                     "ValidationException")
    assert kms.schedule_key_deletion(KeyId=key["KeyId"])["PendingWindowInDays"] == 30


def test_automatic_rotation_happens_on_schedule_and_old_ciphertexts_still_decrypt(clocked, kms):
    key = kms.create_key()["KeyMetadata"]
    first_material = key["CurrentKeyMaterialId"]
    old = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"year one", EncryptionContext={"y": "1"})["CiphertextBlob"]
    status = kms.get_key_rotation_status(KeyId=key["KeyId"])
    status.pop("ResponseMetadata")
    assert status == {"KeyId": key["Arn"], "KeyRotationEnabled": False}
    now = clock(clocked)
    kms.enable_key_rotation(KeyId=key["KeyId"])
    status = kms.get_key_rotation_status(KeyId=key["KeyId"])
    assert status["KeyRotationEnabled"] is True and status["RotationPeriodInDays"] == 365
    assert timedelta(days=365) <= status["NextRotationDate"] - now < timedelta(days=365, minutes=1)

    clock(clocked, advance=364 * DAY)
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["CurrentKeyMaterialId"] == first_material
    clock(clocked, advance=2 * DAY)
    second_material = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["CurrentKeyMaterialId"]
    assert second_material != first_material
    assert [e["detail-type"] for e in events_for(clocked, key["Arn"])] == ["KMS CMK Rotation"]
    rotations = kms.list_key_rotations(KeyId=key["KeyId"])["Rotations"]
    assert [(r["KeyId"], r["KeyMaterialId"], r["RotationType"]) for r in rotations] == [
        (key["Arn"], second_material, "AUTOMATIC")]
    next_date = kms.get_key_rotation_status(KeyId=key["KeyId"])["NextRotationDate"]
    assert timedelta(days=364) < next_date - rotations[0]["RotationDate"] <= timedelta(days=365)

    new = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"year two", EncryptionContext={"y": "2"})["CiphertextBlob"]
    assert kms.decrypt(CiphertextBlob=old, EncryptionContext={"y": "1"})["Plaintext"] == b"year one"
    assert kms.decrypt(CiphertextBlob=new, EncryptionContext={"y": "2"})["Plaintext"] == b"year two"
    kms.disable_key_rotation(KeyId=key["KeyId"])
    clock(clocked, advance=400 * DAY)
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["CurrentKeyMaterialId"] == second_material
    assert kms.get_key_rotation_status(KeyId=key["KeyId"])["KeyRotationEnabled"] is False


def test_rotation_period_bounds_and_changes(clocked, kms):
    key = kms.create_key()["KeyMetadata"]
    unchecked = make_client(clocked.endpoint, validate=False)
    for days in (89, 2561):
        assert_error(expect_error(unchecked.enable_key_rotation, KeyId=key["KeyId"], RotationPeriodInDays=days),
                     "ValidationException")
    now = clock(clocked)
    kms.enable_key_rotation(KeyId=key["KeyId"], RotationPeriodInDays=180)
    status = kms.get_key_rotation_status(KeyId=key["KeyId"])
    assert status["RotationPeriodInDays"] == 180
    assert timedelta(days=180) <= status["NextRotationDate"] - now < timedelta(days=180, minutes=1)
    kms.enable_key_rotation(KeyId=key["KeyId"], RotationPeriodInDays=90)
    status = kms.get_key_rotation_status(KeyId=key["KeyId"])
    assert timedelta(days=90) <= status["NextRotationDate"] - now < timedelta(days=90, minutes=1)


def test_on_demand_rotation_is_limited_and_leaves_the_schedule_alone(clocked, kms):
    key = kms.create_key()["KeyMetadata"]
    kms.enable_key_rotation(KeyId=key["KeyId"])
    scheduled = kms.get_key_rotation_status(KeyId=key["KeyId"])["NextRotationDate"]
    blobs = [kms.encrypt(KeyId=key["KeyId"], Plaintext=b"v0")["CiphertextBlob"]]
    materials = {key["CurrentKeyMaterialId"]}
    # "You can perform on-demand key rotation a maximum of 25 times per KMS key" (KMS API reference).
    for i in range(25):
        assert kms.rotate_key_on_demand(KeyId=key["KeyId"])["KeyId"] == key["Arn"]
        materials.add(kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["CurrentKeyMaterialId"])
        blobs.append(kms.encrypt(KeyId=key["KeyId"], Plaintext=f"v{i + 1}".encode())["CiphertextBlob"])
    assert len(materials) == 26
    resp = expect_error(kms.rotate_key_on_demand, KeyId=key["KeyId"])
    assert_error(resp, "LimitExceededException",
                 "The on-demand rotations limit has been reached for the given keyId. "
                 f"No more on-demand rotations can be performed for this key: {key['Arn']}")
    assert kms.get_key_rotation_status(KeyId=key["KeyId"])["NextRotationDate"] == scheduled
    for i, blob in enumerate(blobs):
        assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == f"v{i}".encode()
    rotations = kms.list_key_rotations(KeyId=key["KeyId"], Limit=4)
    assert len(rotations["Rotations"]) == 4 and rotations["Truncated"] is True
    assert {r["RotationType"] for r in rotations["Rotations"]} == {"ON_DEMAND"}


def test_rotation_needs_an_enabled_symmetric_key(kms):
    key = kms.create_key()["KeyMetadata"]
    kms.disable_key(KeyId=key["KeyId"])
    disabled = DISABLED_FMT.format(arn=key["Arn"])
    for call in (kms.enable_key_rotation, kms.disable_key_rotation, kms.rotate_key_on_demand):
        assert_error(expect_error(call, KeyId=key["KeyId"]), "DisabledException", disabled)
    assert kms.get_key_rotation_status(KeyId=key["KeyId"])["KeyRotationEnabled"] is False
    resp = expect_error(kms.rotate_key_on_demand, KeyId="00000000-0000-0000-0000-000000000000")
    assert_error(resp, "NotFoundException")


def test_deletion_and_rotation_survive_a_restart(make_server):
    srv = make_server("lifecycle-restart", extra_args=["--dev-clock"],
                      env={"ARCA_ROOT_KEY": base64.b64encode(b"k" * 32).decode()})
    kms = make_client(srv.endpoint)
    gone = kms.create_key()["KeyMetadata"]
    kms.schedule_key_deletion(KeyId=gone["KeyId"], PendingWindowInDays=7)
    clock(srv, advance=8 * DAY)
    doomed = kms.create_key()["KeyMetadata"]
    kms.schedule_key_deletion(KeyId=doomed["KeyId"], PendingWindowInDays=7)
    rotating = kms.create_key()["KeyMetadata"]
    kms.enable_key_rotation(KeyId=rotating["KeyId"], RotationPeriodInDays=90)
    kms.rotate_key_on_demand(KeyId=rotating["KeyId"])
    blob = kms.encrypt(KeyId=rotating["KeyId"], Plaintext=b"kept")["CiphertextBlob"]
    srv.kill()
    srv.start()
    kms = make_client(srv.endpoint)
    assert_error(expect_error(kms.describe_key, KeyId=gone["KeyId"]), "NotFoundException")
    assert kms.describe_key(KeyId=doomed["KeyId"])["KeyMetadata"]["KeyState"] == "PendingDeletion"
    assert kms.get_key_rotation_status(KeyId=rotating["KeyId"])["RotationPeriodInDays"] == 90
    assert len(kms.list_key_rotations(KeyId=rotating["KeyId"])["Rotations"]) == 1
    assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == b"kept"


def test_role_sessions_expire_by_the_clock(clocked):
    """Temporary credentials stop working once the (test) clock passes their expiration."""
    sts = make_client(clocked.endpoint, service="sts", access_key=ALICE_KEY[0], secret_key=ALICE_KEY[1])
    creds = sts.assume_role(RoleArn="arn:aws:iam::111111111111:role/app", RoleSessionName="short",
                            DurationSeconds=900)["Credentials"]
    session = make_client(clocked.endpoint, service="sts", access_key=creds["AccessKeyId"],
                          secret_key=creds["SecretAccessKey"], session_token=creds["SessionToken"])
    assert session.get_caller_identity()["Arn"].endswith(":assumed-role/app/short")
    clock(clocked, advance=901)
    assert_error(expect_error(session.get_caller_identity), "ExpiredToken", status=403)
    root = make_client(clocked.endpoint, service="sts", access_key=OTHER_ROOT_KEY[0], secret_key=OTHER_ROOT_KEY[1])
    assert root.get_caller_identity()["Account"] == "111111111111"
