"""Restarts, kill -9, and secrets that must never reach disk or logs. Each test owns its server."""
import base64
import json
import os
import stat
import uuid

import pytest

from helpers import key_arn, make_client

pytestmark = pytest.mark.slow


def client(srv, **kw):
    return make_client(srv.endpoint, **kw)


def _root_key_env():
    return {"ARCA_ROOT_KEY": base64.b64encode(os.urandom(32)).decode()}


def test_ciphertext_made_before_restart_decrypts_after(make_server):
    env = _root_key_env()
    srv = make_server("restart", env=env)
    kms = client(srv)
    key = kms.create_key(Description="survives restart")["KeyMetadata"]
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"before restart",
                       EncryptionContext={"phase": "1"})["CiphertextBlob"]
    dk = kms.generate_data_key(KeyId=key["KeyId"], KeySpec="AES_256")
    srv.restart()
    kms = client(srv)
    dec = kms.decrypt(CiphertextBlob=blob, EncryptionContext={"phase": "1"})
    assert dec["Plaintext"] == b"before restart"
    assert dec["KeyId"] == key["Arn"]
    assert kms.decrypt(CiphertextBlob=dk["CiphertextBlob"])["Plaintext"] == dk["Plaintext"]


def test_generated_root_key_file_is_private_and_reused_across_restarts(make_server):
    srv = make_server("genkey")
    path = srv.data_dir / "root.key"
    assert path.exists(), sorted(p.name for p in srv.data_dir.iterdir())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    first = path.read_bytes()
    kms = client(srv)
    key = kms.create_key()["KeyMetadata"]
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"root key reuse")["CiphertextBlob"]
    srv.restart()
    assert path.read_bytes() == first
    assert client(srv).decrypt(CiphertextBlob=blob)["Plaintext"] == b"root key reuse"


def test_acknowledged_writes_survive_kill_9(make_server):
    env = _root_key_env()
    srv = make_server("kill9", env=env)
    kms = client(srv)
    key = kms.create_key(Description="durable", Tags=[{"TagKey": "born", "TagValue": "tagged"}])["KeyMetadata"]
    alias = f"alias/durable-{uuid.uuid4().hex[:8]}"
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    kms.tag_resource(KeyId=key["KeyId"], Tags=[{"TagKey": "team", "TagValue": "arca"}])
    kms.update_key_description(KeyId=key["KeyId"], Description="durable v2")
    policy = {"Version": "2012-10-17", "Statement": [{
        "Sid": "durable", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::000000000000:root"},
        "Action": "kms:*", "Resource": "*"}]}
    kms.put_key_policy(KeyId=key["KeyId"], PolicyName="default", Policy=json.dumps(policy))
    disabled = kms.create_key()["KeyMetadata"]
    kms.disable_key(KeyId=disabled["KeyId"])
    blob = kms.encrypt(KeyId=alias, Plaintext=b"acknowledged")["CiphertextBlob"]
    srv.kill()
    srv.start()
    kms = client(srv)
    meta = kms.describe_key(KeyId=alias)["KeyMetadata"]
    assert meta["KeyId"] == key["KeyId"] and meta["Arn"] == key_arn(key["KeyId"])
    assert meta["Description"] == "durable v2"
    tags = sorted(kms.list_resource_tags(KeyId=key["KeyId"])["Tags"], key=lambda t: t["TagKey"])
    assert tags == [{"TagKey": "born", "TagValue": "tagged"}, {"TagKey": "team", "TagValue": "arca"}]
    assert json.loads(kms.get_key_policy(KeyId=key["KeyId"], PolicyName="default")["Policy"]) == policy
    assert kms.describe_key(KeyId=disabled["KeyId"])["KeyMetadata"]["KeyState"] == "Disabled"
    assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == b"acknowledged"
    ids = {k["KeyId"] for k in kms.list_keys()["Keys"]}
    assert {key["KeyId"], disabled["KeyId"]} <= ids


def test_create_key_immediately_followed_by_kill_9_survives(make_server):
    srv = make_server("kill9-fast", env=_root_key_env())
    kms = client(srv)
    key = kms.create_key()["KeyMetadata"]
    srv.kill()
    srv.start()
    assert client(srv).describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"] == "Enabled"


def _needles(secret: bytes) -> dict:
    out = {
        "raw": secret,
        "base64": base64.b64encode(secret),
        "hex": secret.hex().encode(),
        "HEX": secret.hex().upper().encode(),
        "urlsafe-b64": base64.urlsafe_b64encode(secret).rstrip(b"="),
    }
    return out


def _scan(srv, secrets: dict) -> list:
    leaks = []
    blobs = {str(p): p.read_bytes() for p in srv.data_dir.rglob("*") if p.is_file()}
    blobs["<server log>"] = srv.log_text()
    for name, secret in secrets.items():
        for enc, needle in _needles(secret).items():
            for where, data in blobs.items():
                if needle in data:
                    leaks.append((name, enc, where))
    return leaks


def test_plaintexts_and_data_keys_never_reach_data_dir_or_logs(make_server):
    env = _root_key_env()
    srv = make_server("leaks", env=env)
    kms = client(srv)
    key = kms.create_key(Description="leak check")["KeyMetadata"]
    alias = f"alias/leak-{uuid.uuid4().hex[:8]}"
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    secrets = {}
    marker = f"ARCA-SECRET-{uuid.uuid4().hex}".encode() + os.urandom(24)
    secrets["encrypt-plaintext"] = marker
    blob = kms.encrypt(KeyId=alias, Plaintext=marker, EncryptionContext={"leak": "check"})["CiphertextBlob"]
    assert kms.decrypt(CiphertextBlob=blob, EncryptionContext={"leak": "check"})["Plaintext"] == marker
    dk = kms.generate_data_key(KeyId=key["KeyId"], KeySpec="AES_256")
    secrets["data-key"] = dk["Plaintext"]
    dk2 = kms.generate_data_key(KeyId=key["KeyId"], NumberOfBytes=48)
    secrets["data-key-48"] = dk2["Plaintext"]
    wo = kms.generate_data_key_without_plaintext(KeyId=key["KeyId"], KeySpec="AES_256")
    secrets["data-key-without-plaintext"] = kms.decrypt(CiphertextBlob=wo["CiphertextBlob"])["Plaintext"]
    reenc = kms.re_encrypt(CiphertextBlob=blob, SourceEncryptionContext={"leak": "check"},
                           DestinationKeyId=key["KeyId"])
    assert kms.decrypt(CiphertextBlob=reenc["CiphertextBlob"])["Plaintext"] == marker
    secrets["root-key"] = base64.b64decode(env["ARCA_ROOT_KEY"])
    # Wrong-context decrypts and bad requests are the usual way plaintext ends up in an error log.
    kms.encrypt(KeyId=key["KeyId"], Plaintext=marker)
    try:
        kms.decrypt(CiphertextBlob=blob, EncryptionContext={"leak": "wrong"})
    except kms.exceptions.InvalidCiphertextException:
        pass
    leaks_running = _scan(srv, secrets)
    srv.stop()
    leaks_stopped = _scan(srv, secrets)
    assert not leaks_running and not leaks_stopped, {"running": leaks_running, "stopped": leaks_stopped}


def test_log_is_written(make_server):
    """Guard for the leak test: it only means something if the server logs requests somewhere."""
    srv = make_server("logs", env=_root_key_env())
    kms = client(srv)
    kms.create_key()
    srv.stop()
    assert srv.log_text().strip(), "server wrote nothing to stdout/stderr"


def _unwrap_backing_keys(srv, root_key: bytes):
    """Reads every wrapped backing key from the database and opens it with the root key.

    The storage format is AES-256-GCM `nonce(12) ‖ ciphertext ‖ tag(16)`, base64, bound to
    `arca:kms-key-material:<key ARN>:<version>`. Opening it proves the material is wrapped under
    the root key and gives the test the raw bytes it must never find anywhere else.
    """
    import sqlite3
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    db = sqlite3.connect(f"file:{srv.data_dir / 'arca.sqlite'}?mode=ro", uri=True)
    try:
        rows = db.execute(
            "SELECT m.key_id, m.version, m.wrapped, k.account, k.region FROM kms_key_materials m "
            "JOIN kms_keys k ON k.key_id = m.key_id").fetchall()
    finally:
        db.close()
    keys = []
    for key_id, version, wrapped, account, region in rows:
        blob = base64.b64decode(wrapped)
        binding = f"arca:kms-key-material:arn:aws:kms:{region}:{account}:key/{key_id}:{version}".encode()
        keys.append(AESGCM(root_key).decrypt(blob[:12], blob[12:], binding))
    return keys


def test_backing_keys_are_stored_wrapped_and_never_appear_raw_on_disk_or_in_logs(make_server):
    env = _root_key_env()
    srv = make_server("wrapped", env=env, extra_args=["--log-level", "trace"])
    kms = client(srv)
    for _ in range(3):
        key_id = kms.create_key()["KeyMetadata"]["KeyId"]
        kms.encrypt(KeyId=key_id, Plaintext=b"x")
        kms.generate_data_key(KeyId=key_id, KeySpec="AES_256")
    srv.kill()
    backing_keys = _unwrap_backing_keys(srv, base64.b64decode(env["ARCA_ROOT_KEY"]))
    assert len(backing_keys) == 3 and all(len(k) == 32 for k in backing_keys)
    secrets = {f"backing-key-{i}": k for i, k in enumerate(backing_keys)}
    assert not _scan(srv, secrets)
