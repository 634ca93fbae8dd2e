"""The audit trail: every call becomes a CloudTrail record with the fields of the guide's examples,
queryable with LookupEvents (boto3 and `aws cloudtrail lookup-events`), never holding a secret, and
sealed into CloudTrail-layout gzip log files."""
import base64
import gzip
import hashlib
import json
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from helpers import (ALICE_ARN, ALICE_KEY, BOB_KEY, DEFAULT_ACCOUNT, OTHER_ACCOUNT, OTHER_ROOT_KEY, REGION, assert_error,
                     expect_error, make_client)


@pytest.fixture
def trail(server):
    return make_client(server.endpoint, service="cloudtrail")


def lookup(trail, key, value, **kwargs):
    events = trail.lookup_events(LookupAttributes=[{"AttributeKey": key, "AttributeValue": value}], **kwargs)["Events"]
    return [(e, json.loads(e["CloudTrailEvent"])) for e in events]


def test_who_used_this_key_when_and_with_which_context(kms, trail):
    key = kms.create_key(Description="audited")["KeyMetadata"]
    secret = f"top secret {uuid.uuid4()}".encode()
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=secret, EncryptionContext={"app": "demo", "Department": "Finance"})["CiphertextBlob"]
    assert_error(expect_error(kms.decrypt, CiphertextBlob=blob, EncryptionContext={"app": "other"}),
                 "InvalidCiphertextException")
    events = lookup(trail, "ResourceName", key["Arn"])
    assert [e["EventName"] for e, _ in events] == ["Decrypt", "Encrypt", "CreateKey"]
    decrypt, encrypt, create = (record for _, record in events)

    assert encrypt["eventVersion"] == "1.08" and encrypt["eventType"] == "AwsApiCall"
    assert encrypt["userIdentity"] == {"type": "Root", "principalId": DEFAULT_ACCOUNT,
                                       "arn": f"arn:aws:iam::{DEFAULT_ACCOUNT}:root", "accountId": DEFAULT_ACCOUNT,
                                       "accessKeyId": "test"}
    assert (encrypt["eventSource"], encrypt["awsRegion"], encrypt["sourceIPAddress"]) == ("kms.amazonaws.com", REGION, "127.0.0.1")
    assert "Boto3" in encrypt["userAgent"] or "botocore" in encrypt["userAgent"]
    assert encrypt["requestParameters"] == {"keyId": key["KeyId"], "encryptionContext": {"app": "demo", "Department": "Finance"}}
    assert encrypt["responseElements"] is None and encrypt["readOnly"] is True
    assert encrypt["resources"] == [{"accountId": DEFAULT_ACCOUNT, "type": "AWS::KMS::Key", "ARN": key["Arn"]}]
    assert encrypt["recipientAccountId"] == DEFAULT_ACCOUNT
    datetime.strptime(encrypt["eventTime"], "%Y-%m-%dT%H:%M:%SZ")
    assert len(encrypt["eventID"]) == 36 and encrypt["requestID"]

    assert decrypt["errorCode"] == "InvalidCiphertextException"
    assert decrypt["requestParameters"] == {"encryptionContext": {"app": "other"}}
    assert create["readOnly"] is False and create["requestParameters"]["description"] == "audited"
    assert create["responseElements"]["keyMetadata"]["keyId"] == key["KeyId"]
    text = json.dumps([record for _, record in events])
    assert secret.decode() not in text and base64.b64encode(secret).decode() not in text
    assert base64.b64encode(blob).decode() not in text


def test_authorization_failures_and_other_accounts_are_recorded(server, kms, trail):
    owner = make_client(server.endpoint, access_key=OTHER_ROOT_KEY[0], secret_key=OTHER_ROOT_KEY[1])
    owner_trail = make_client(server.endpoint, service="cloudtrail", access_key=OTHER_ROOT_KEY[0],
                              secret_key=OTHER_ROOT_KEY[1])
    policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"}, "Action": "kms:*", "Resource": "*"},
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{DEFAULT_ACCOUNT}:root"}, "Action": "kms:Encrypt",
         "Resource": "*"}]}
    key = owner.create_key(Policy=json.dumps(policy))["KeyMetadata"]
    kms.encrypt(KeyId=key["Arn"], Plaintext=b"cross-account")
    bob = make_client(server.endpoint, access_key=BOB_KEY[0], secret_key=BOB_KEY[1])
    assert_error(expect_error(bob.describe_key, KeyId=key["KeyId"]), "AccessDeniedException")

    owner_events = lookup(owner_trail, "ResourceName", key["Arn"])
    assert [e["EventName"] for e, _ in owner_events] == ["DescribeKey", "Encrypt", "CreateKey"]
    denied, cross, _ = (record for _, record in owner_events)
    assert denied["errorCode"] == "AccessDeniedException" and "kms:DescribeKey" in denied["errorMessage"]
    assert denied["userIdentity"]["type"] == "IAMUser" and denied["userIdentity"]["userName"] == "bob"
    assert cross["userIdentity"]["accountId"] == DEFAULT_ACCOUNT and cross["recipientAccountId"] == OTHER_ACCOUNT
    # The caller's own trail has the same call.
    [(_, mine)] = lookup(trail, "EventId", cross["eventID"])
    assert mine["recipientAccountId"] == DEFAULT_ACCOUNT and mine["requestID"] == cross["requestID"]


def test_iam_and_sts_calls_are_recorded_without_their_secrets(server):
    iam = make_client(server.endpoint, service="iam", access_key=OTHER_ROOT_KEY[0], secret_key=OTHER_ROOT_KEY[1])
    owner_trail = make_client(server.endpoint, service="cloudtrail", access_key=OTHER_ROOT_KEY[0],
                              secret_key=OTHER_ROOT_KEY[1])
    name = f"audited-{uuid.uuid4().hex[:8]}"
    iam.create_user(UserName=name)
    key = iam.create_access_key(UserName=name)["AccessKey"]
    sts = make_client(server.endpoint, service="sts", access_key=ALICE_KEY[0], secret_key=ALICE_KEY[1])
    creds = sts.assume_role(RoleArn=f"arn:aws:iam::{OTHER_ACCOUNT}:role/app", RoleSessionName=name)["Credentials"]

    [(event, record)] = lookup(owner_trail, "AccessKeyId", OTHER_ROOT_KEY[0], MaxResults=1)
    assert event["EventName"] == "CreateAccessKey" and record["eventSource"] == "iam.amazonaws.com"
    assert record["requestParameters"] == {"userName": name}
    assert record["responseElements"]["accessKey"]["accessKeyId"] == key["AccessKeyId"]
    assert key["SecretAccessKey"] not in event["CloudTrailEvent"]
    [(event, record)] = lookup(owner_trail, "Username", "alice", MaxResults=1)
    assert event["EventName"] == "AssumeRole" and record["userIdentity"]["arn"] == ALICE_ARN
    assert record["responseElements"]["credentials"]["accessKeyId"] == creds["AccessKeyId"]
    assert creds["SecretAccessKey"] not in event["CloudTrailEvent"] and creds["SessionToken"] not in event["CloudTrailEvent"]

    role = make_client(server.endpoint, service="sts", access_key=creds["AccessKeyId"],
                       secret_key=creds["SecretAccessKey"], session_token=creds["SessionToken"])
    role.get_caller_identity()
    [(_, record)] = lookup(owner_trail, "AccessKeyId", creds["AccessKeyId"])
    identity = record["userIdentity"]
    assert identity["type"] == "AssumedRole" and identity["arn"].endswith(f":assumed-role/app/{name}")
    assert identity["sessionContext"]["sessionIssuer"]["arn"] == f"arn:aws:iam::{OTHER_ACCOUNT}:role/app"
    assert identity["sessionContext"]["sessionIssuer"]["type"] == "Role"


def test_lookup_attributes_time_range_and_paging(kms, trail):
    key = kms.create_key()["KeyMetadata"]
    for _ in range(5):
        kms.describe_key(KeyId=key["KeyId"])
    events = lookup(trail, "ResourceName", key["Arn"])
    event_id = events[0][0]["EventId"]
    assert [e["EventId"] for e, _ in lookup(trail, "EventId", event_id)] == [event_id]
    assert {e["EventName"] for e, _ in lookup(trail, "EventName", "DescribeKey", MaxResults=50)} == {"DescribeKey"}
    assert {e["ReadOnly"] for e, _ in lookup(trail, "ReadOnly", "false", MaxResults=20)} == {"false"}
    assert {e["EventSource"] for e, _ in lookup(trail, "EventSource", "kms.amazonaws.com", MaxResults=5)} == {"kms.amazonaws.com"}
    assert {e["Username"] for e, _ in lookup(trail, "Username", "root", MaxResults=5)} == {"root"}
    assert lookup(trail, "ResourceType", "AWS::KMS::Key", MaxResults=1)[0][0]["Resources"][0]["ResourceType"] == "AWS::KMS::Key"

    pages, token = [], None
    while True:
        kwargs = {"NextToken": token} if token else {}
        page = trail.lookup_events(LookupAttributes=[{"AttributeKey": "ResourceName", "AttributeValue": key["Arn"]}],
                                   MaxResults=2, **kwargs)
        pages.append([e["EventId"] for e in page["Events"]])
        token = page.get("NextToken")
        if not token:
            break
    assert [len(p) for p in pages] == [2, 2, 2]
    assert sum(pages, []) == [e["EventId"] for e, _ in events]

    future = datetime.now(timezone.utc) + timedelta(days=1)
    assert trail.lookup_events(StartTime=future)["Events"] == []
    resp = expect_error(trail.lookup_events, StartTime=future, EndTime=future - timedelta(hours=1))
    assert_error(resp, "InvalidTimeRangeException")
    resp = expect_error(trail.lookup_events, LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "A"},
                                                               {"AttributeKey": "EventName", "AttributeValue": "B"}])
    assert_error(resp, "InvalidLookupAttributesException")
    assert_error(expect_error(trail.lookup_events, NextToken="not-a-token"), "InvalidNextTokenException")


def test_lookup_events_is_authorized_and_scoped_to_the_account(server):
    bob_trail = make_client(server.endpoint, service="cloudtrail", access_key=BOB_KEY[0], secret_key=BOB_KEY[1])
    assert_error(expect_error(bob_trail.lookup_events), "AccessDeniedException")
    alice_kms = make_client(server.endpoint, access_key=ALICE_KEY[0], secret_key=ALICE_KEY[1])
    arn = alice_kms.create_key()["KeyMetadata"]["Arn"]
    trail = make_client(server.endpoint, service="cloudtrail")  # another account's root
    assert trail.lookup_events(LookupAttributes=[{"AttributeKey": "ResourceName", "AttributeValue": arn}])["Events"] == []


def test_the_cli_answers_who_used_a_key(aws_cli, kms):
    key = kms.create_key()["KeyMetadata"]
    kms.generate_data_key(KeyId=key["KeyId"], KeySpec="AES_256", EncryptionContext={"tenant": "acme"})
    proc = aws_cli.shell(f"""
        aws --endpoint-url "$ARCA_ENDPOINT" cloudtrail lookup-events \\
            --lookup-attributes AttributeKey=ResourceName,AttributeValue={key['Arn']} \\
            --query 'Events[0].CloudTrailEvent' --output text
    """)
    record = json.loads(proc.stdout)
    assert record["eventName"] == "GenerateDataKey"
    assert record["requestParameters"] == {"keyId": key["KeyId"], "keySpec": "AES_256", "encryptionContext": {"tenant": "acme"}}


def test_records_are_sealed_into_cloudtrail_log_files_and_survive_kill_9(make_server):
    srv = make_server("audit-files")
    kms = make_client(srv.endpoint)
    key = kms.create_key()["KeyMetadata"]
    kms.encrypt(KeyId=key["KeyId"], Plaintext=b"sealed away")
    trail = make_client(srv.endpoint, service="cloudtrail")
    assert len(lookup(trail, "ResourceName", key["Arn"])) == 2  # LookupEvents makes them durable first
    srv.kill()
    srv.start()
    kms = make_client(srv.endpoint)
    kms.describe_key(KeyId=key["KeyId"])
    srv.stop()  # a graceful stop flushes and seals
    files = sorted((srv.data_dir / "audit" / "AWSLogs" / DEFAULT_ACCOUNT / "CloudTrail" / REGION).rglob("*.json.gz"))
    assert files
    today = datetime.now(timezone.utc)
    for path in files:
        assert path.name.startswith(f"{DEFAULT_ACCOUNT}_CloudTrail_{REGION}_") and path.name.endswith(".json.gz")
        assert path.parent.relative_to(path.parents[3]).as_posix() == today.strftime("%Y/%m/%d")
    records = [r for path in files for r in json.loads(gzip.decompress(path.read_bytes()))["Records"]]
    names = [r["eventName"] for r in records if r.get("resources") == [{"accountId": DEFAULT_ACCOUNT,
                                                                        "type": "AWS::KMS::Key", "ARN": key["Arn"]}]]
    assert sorted(names) == ["CreateKey", "DescribeKey", "Encrypt"]
    raw = b"".join(p.read_bytes() for p in srv.data_dir.rglob("*") if p.is_file())
    assert b"sealed away" not in raw and base64.b64encode(b"sealed away") not in raw


def test_answered_calls_are_journaled_before_the_answer_and_stored_after_kill_9(make_server):
    srv = make_server("audit-journal")
    kms = make_client(srv.endpoint)
    key = kms.create_key()["KeyMetadata"]
    for _ in range(20):
        kms.encrypt(KeyId=key["KeyId"], Plaintext=b"journaled")
    srv.kill()  # no LookupEvents first: the records are only in the journal
    journal = srv.data_dir / "audit-journal"
    assert journal.stat().st_mode & 0o777 == 0o600
    srv.start()
    trail = make_client(srv.endpoint, service="cloudtrail")
    names = [record["eventName"] for _, record in lookup(trail, "ResourceName", key["Arn"])]
    assert sorted(names) == ["CreateKey"] + ["Encrypt"] * 20
    # A journal deleted while the server is stopped is started afresh; nothing stored is lost.
    srv.stop()
    journal.unlink()
    srv.start()
    kms = make_client(srv.endpoint)
    kms.describe_key(KeyId=key["KeyId"])
    trail = make_client(srv.endpoint, service="cloudtrail")
    names = [record["eventName"] for _, record in lookup(trail, "ResourceName", key["Arn"])]
    assert sorted(names) == ["CreateKey", "DescribeKey"] + ["Encrypt"] * 20


def _verify(arca_bin, data_dir, root_key=None, *args):
    import os
    import subprocess
    env = dict(os.environ)
    env.pop("ARCA_ROOT_KEY", None)
    if root_key:
        env["ARCA_ROOT_KEY"] = root_key
    proc = subprocess.run([str(arca_bin), "audit", "verify", "--data-dir", str(data_dir), *args], capture_output=True,
                          env=env, timeout=60)
    return proc.returncode, proc.stdout.decode() + proc.stderr.decode()


def test_audit_verify_passes_untouched_logs_and_names_each_tampered_file(make_server, arca_bin):
    import hashlib
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    root_key = base64.b64encode(b"v" * 32).decode()
    srv = make_server("audit-verify", env={"ARCA_ROOT_KEY": root_key})
    kms = make_client(srv.endpoint)
    for _ in range(3):
        kms.create_key()
    public_key = make_client(srv.endpoint, service="cloudtrail").list_public_keys()["PublicKeyList"][0]
    srv.stop()  # a graceful stop seals the log files and writes their digest

    code, out = _verify(arca_bin, srv.data_dir, root_key)
    assert code == 0, out
    assert out.strip().endswith("digests are valid.")
    audit = srv.data_dir / "audit"
    [digest] = sorted(audit.rglob("*CloudTrail-Digest*.json.gz"))
    document = json.loads(gzip.decompress(digest.read_bytes()))
    assert document["digestPublicKeyFingerprint"] == public_key["Fingerprint"]
    assert document["digestSignatureAlgorithm"] == "SHA256withECDSA" and document["logFiles"]
    # Anyone holding the public key can check the digest's signature.
    signing_string = "\n".join([document["digestEndTime"], digest.relative_to(audit).as_posix(),
                                hashlib.sha256(digest.read_bytes()).hexdigest(), "null"])
    serialization.load_der_public_key(public_key["Value"]).verify(
        bytes.fromhex(digest.with_name(digest.name + ".sig").read_text()), signing_string.encode(), ec.ECDSA(hashes.SHA256()))

    [log] = [p for p in audit.rglob("*.json.gz") if "CloudTrail-Digest" not in p.as_posix()][:1]
    relative = log.relative_to(audit).as_posix()
    records = json.loads(gzip.decompress(log.read_bytes()))
    records["Records"][0]["sourceIPAddress"] = "203.0.113.9"
    log.write_bytes(gzip.compress(json.dumps(records).encode()))
    inserted = log.with_name(log.name.replace(".json.gz", "-extra.json.gz"))
    inserted.write_bytes(log.read_bytes())
    code, out = _verify(arca_bin, srv.data_dir, root_key)
    assert code == 1
    assert f"MODIFIED {relative}" in out
    assert f"INSERTED {inserted.relative_to(audit).as_posix()}" in out
    log.unlink()
    code, out = _verify(arca_bin, srv.data_dir, root_key)
    assert code == 1 and f"DELETED {relative}" in out


def test_get_key_last_usage_comes_from_the_trail(kms):
    key = kms.create_key()["KeyMetadata"]
    unused = kms.get_key_last_usage(KeyId=key["KeyId"])
    assert unused["KeyId"] == key["KeyId"] and "KeyLastUsage" not in unused
    assert unused["TrackingStartDate"] == unused["KeyCreationDate"] == key["CreationDate"]
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"used")["CiphertextBlob"]
    encrypted = kms.get_key_last_usage(KeyId=key["KeyId"])["KeyLastUsage"]
    assert encrypted["Operation"] == "Encrypt"
    kms.decrypt(CiphertextBlob=blob)
    kms.describe_key(KeyId=key["KeyId"])  # not cryptographic
    assert_error(expect_error(kms.decrypt, CiphertextBlob=blob, EncryptionContext={"x": "y"}), "InvalidCiphertextException")
    last = kms.get_key_last_usage(KeyId=key["Arn"])["KeyLastUsage"]
    assert last["Operation"] == "Decrypt" and last["Timestamp"] >= encrypted["Timestamp"]
    trail = make_client(kms.meta.endpoint_url, service="cloudtrail")
    [(event, record)] = lookup(trail, "EventId", last["CloudTrailEventId"])
    assert event["EventName"] == "Decrypt" and "errorCode" not in record
    assert record["requestID"] == last["KmsRequestId"]


def _digests(audit):
    return sorted(audit.rglob("*CloudTrail-Digest*.json.gz"), key=lambda p: p.name)


def _two_digested_sessions(make_server, name):
    """A server stopped twice, so the trail has two digests chained, the second listing its own log files."""
    root_key = base64.b64encode(uuid.uuid4().bytes * 2).decode()
    srv = make_server(name, env={"ARCA_ROOT_KEY": root_key})
    kms = make_client(srv.endpoint)
    first_key = kms.create_key()["KeyMetadata"]
    srv.stop()
    srv.start()
    kms = make_client(srv.endpoint)
    second_key = kms.create_key()["KeyMetadata"]
    kms.describe_key(KeyId=second_key["KeyId"])
    public_keys = make_client(srv.endpoint, service="cloudtrail").list_public_keys()["PublicKeyList"]
    srv.stop()
    return srv, root_key, public_keys, first_key, second_key


def test_audit_verify_fails_when_the_audit_directory_is_deleted(make_server, arca_bin):
    import shutil
    srv, root_key, _, _, _ = _two_digested_sessions(make_server, "verify-rmdir")
    audit = srv.data_dir / "audit"
    digests = [p.relative_to(audit).as_posix() for p in _digests(audit)]
    assert len(digests) == 2
    shutil.rmtree(audit)
    code, out = _verify(arca_bin, srv.data_dir, root_key)
    assert code == 1, out
    for digest in digests:
        assert f"DELETED {digest}" in out
    assert f"MISSING RECORDS {DEFAULT_ACCOUNT}/{REGION}: " in out


def test_audit_verify_fails_when_the_newest_digest_and_its_log_files_are_removed(make_server, arca_bin):
    srv, root_key, _, _, second_key = _two_digested_sessions(make_server, "verify-truncate")
    audit = srv.data_dir / "audit"
    newest = _digests(audit)[-1]
    listed = [entry["s3Object"] for entry in json.loads(gzip.decompress(newest.read_bytes()))["logFiles"]]
    assert listed
    events = [r for path in listed for r in json.loads(gzip.decompress((audit / path).read_bytes()))["Records"]]
    describe = next(r["eventID"] for r in events if r["eventName"] == "DescribeKey"
                    and r["requestParameters"]["keyId"] == second_key["KeyId"])
    for path in listed:
        (audit / path).unlink()
    newest.unlink()
    newest.with_name(newest.name + ".sig").unlink()
    code, out = _verify(arca_bin, srv.data_dir, root_key)
    assert code == 1, out
    assert f"DELETED {newest.relative_to(audit).as_posix()}" in out
    for path in listed:
        assert f"DELETED {path}" in out
    assert "MISSING RECORDS" in out and describe in out


def test_audit_verify_with_a_pinned_key(make_server, arca_bin, tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    srv, root_key, public_keys, _, _ = _two_digested_sessions(make_server, "verify-pinned")
    [key] = public_keys
    assert key["ValidityStartTime"] and "ValidityEndTime" not in key
    # The fingerprint logged at start-up is the one list-public-keys returns and the digests name.
    started = [json.loads(line) for line in srv.log_text().decode().splitlines() if "publicKeyFingerprint" in line]
    assert started and {line["publicKeyFingerprint"] for line in started} == {key["Fingerprint"]}
    assert started[0]["level"] == "info" and key["Fingerprint"] in started[0]["message"]
    audit = srv.data_dir / "audit"
    assert {json.loads(gzip.decompress(p.read_bytes()))["digestPublicKeyFingerprint"] for p in _digests(audit)} == {key["Fingerprint"]}

    pem = tmp_path / "digest-key.pem"
    pem.write_bytes(serialization.load_der_public_key(key["Value"]).public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    for pin in (["--public-key", str(pem)], ["--public-key-fingerprint", key["Fingerprint"]]):
        code, out = _verify(arca_bin, srv.data_dir, None, *pin)  # no root key needed
        assert code == 0, out
        assert out.strip().endswith("digests are valid.")

    wrong = tmp_path / "wrong.pem"
    wrong.write_bytes(ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    code, out = _verify(arca_bin, srv.data_dir, root_key, "--public-key", str(wrong))
    assert code == 1, out
    assert f"which is not a trusted key" in out and key["Fingerprint"] in out
    code, out = _verify(arca_bin, srv.data_dir, root_key, "--public-key-fingerprint", "ab" * 32)
    assert code == 1 and "no public key with fingerprint" in out

    # A digest re-signed by someone else's key fails a pinned verify.
    forged_key = ec.generate_private_key(ec.SECP256R1())
    digest = _digests(audit)[0]
    document = json.loads(gzip.decompress(digest.read_bytes()))
    document["digestPublicKeyFingerprint"] = hashlib.sha256(forged_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)).hexdigest()
    digest.write_bytes(gzip.compress(json.dumps(document).encode()))
    code, out = _verify(arca_bin, srv.data_dir, None, "--public-key-fingerprint", key["Fingerprint"])
    assert code == 1 and f"INVALID DIGEST {digest.relative_to(audit).as_posix()}" in out


def test_signing_mac_and_key_pair_records_hold_no_message_signature_mac_or_private_key(kms, trail):
    """Issue 14, audit: records of Sign, Verify, GenerateMac, VerifyMac, GenerateDataKeyPair and
    DeriveSharedSecret name the key and the algorithm, never the message, the signature, the MAC,
    the shared secret or a private key."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    signing = kms.create_key(KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY")["KeyMetadata"]
    mac_key = kms.create_key(KeySpec="HMAC_256", KeyUsage="GENERATE_VERIFY_MAC")["KeyMetadata"]
    agreement = kms.create_key(KeySpec="ECC_NIST_P384", KeyUsage="KEY_AGREEMENT")["KeyMetadata"]
    symmetric = kms.create_key()["KeyMetadata"]
    message = f"signed secret {uuid.uuid4()}".encode()
    signature = kms.sign(KeyId=signing["KeyId"], Message=message, SigningAlgorithm="ECDSA_SHA_256")["Signature"]
    kms.verify(KeyId=signing["KeyId"], Message=message, Signature=signature, SigningAlgorithm="ECDSA_SHA_256")
    mac = kms.generate_mac(KeyId=mac_key["KeyId"], Message=message, MacAlgorithm="HMAC_SHA_256")["Mac"]
    kms.verify_mac(KeyId=mac_key["KeyId"], Message=message, Mac=mac, MacAlgorithm="HMAC_SHA_256")
    pair = kms.generate_data_key_pair(KeyId=symmetric["KeyId"], KeyPairSpec="ECC_NIST_P256")
    peer = ec.generate_private_key(ec.SECP384R1()).public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    secret = kms.derive_shared_secret(KeyId=agreement["KeyId"], KeyAgreementAlgorithm="ECDH", PublicKey=peer)["SharedSecret"]

    records = {}
    for key in (signing, mac_key, agreement, symmetric):
        for event, record in lookup(trail, "ResourceName", key["Arn"]):
            records.setdefault(event["EventName"], record)
    assert records["Sign"]["requestParameters"] == {"keyId": signing["KeyId"], "signingAlgorithm": "ECDSA_SHA_256"}
    assert records["Verify"]["requestParameters"]["signingAlgorithm"] == "ECDSA_SHA_256"
    assert records["GenerateMac"]["requestParameters"] == {"keyId": mac_key["KeyId"], "macAlgorithm": "HMAC_SHA_256"}
    assert records["GenerateDataKeyPair"]["requestParameters"]["keyPairSpec"] == "ECC_NIST_P256"
    assert records["DeriveSharedSecret"]["requestParameters"]["keyAgreementAlgorithm"] == "ECDH"
    text = json.dumps(list(records.values()))
    for value in (message, signature, mac, pair["PrivateKeyPlaintext"], pair["PrivateKeyCiphertextBlob"], secret):
        assert base64.b64encode(value).decode() not in text
    assert message.decode() not in text
