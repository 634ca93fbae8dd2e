"""Structured logs: one JSON object per line on standard error, each call with its request id (the
response's x-amzn-RequestId), never a secret; calls refused before authentication, which no audit
trail can hold, are logged at notice."""
import base64
import json
import uuid

from botocore.exceptions import ClientError

from helpers import ALICE_ARN, ALICE_KEY, OTHER_ACCOUNT, OTHER_ROOT_KEY, make_client


def log_lines(server):
    lines = [line for line in server.log_text().decode().splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]
    for record in records:
        assert {"time", "level", "logger", "message"} <= record.keys(), record
    return records


def test_every_call_is_a_json_line_with_its_request_id_and_no_secret(make_server):
    server = make_server("logs", extra_args=["--log-level", "debug"])
    owner = make_client(server.endpoint, access_key=OTHER_ROOT_KEY[0], secret_key=OTHER_ROOT_KEY[1])
    key = owner.create_key()["KeyMetadata"]["Arn"]
    alice = make_client(server.endpoint, access_key=ALICE_KEY[0], secret_key=ALICE_KEY[1])
    secret = f"launch codes {uuid.uuid4()}".encode()
    encrypted = alice.encrypt(KeyId=key, Plaintext=secret, EncryptionContext={"purpose": "logs"})
    alice.decrypt(CiphertextBlob=encrypted["CiphertextBlob"], EncryptionContext={"purpose": "logs"})
    data_key = alice.generate_data_key(KeyId=key, KeySpec="AES_256")
    impostor = make_client(server.endpoint, access_key=ALICE_KEY[0], secret_key="not-alices-secret", retries=0)
    try:
        impostor.list_keys()
        raise AssertionError("a wrong secret was accepted")
    except ClientError as error:
        refused = error.response
    server.stop()

    records = log_lines(server)
    by_request = {r["requestId"]: r for r in records if "requestId" in r}
    line = by_request[encrypted["ResponseMetadata"]["RequestId"]]
    assert line["level"] == "debug" and line["message"] == "request"
    assert (line["service"], line["operation"], line["outcome"], line["status"]) == ("kms", "Encrypt", "Success", 200)
    assert (line["principal"], line["accountId"], line["accessKeyId"]) == (ALICE_ARN, OTHER_ACCOUNT, ALICE_KEY[0])
    assert line["durationMs"] >= 0 and line["sourceIp"] == "127.0.0.1"
    denied = by_request[refused["ResponseMetadata"]["RequestId"]]
    assert denied["level"] == "notice" and denied["message"] == "request refused"
    assert (denied["outcome"], denied["status"]) == (refused["Error"]["Code"], 400)
    assert "principal" not in denied

    text = server.log_text().decode()
    root_key = (server.data_dir / "root.key").read_text().strip()
    for forbidden in [secret.decode(), base64.b64encode(secret).decode(),
                      base64.b64encode(encrypted["CiphertextBlob"]).decode(),
                      base64.b64encode(data_key["Plaintext"]).decode(), data_key["Plaintext"].hex(),
                      ALICE_KEY[1], "not-alices-secret", OTHER_ROOT_KEY[1], root_key]:
        assert forbidden not in text


def test_info_is_the_default_level_and_text_the_alternative_format(make_server):
    quiet = make_server("quiet")
    make_client(quiet.endpoint).list_keys()
    quiet.stop()
    records = log_lines(quiet)
    assert not [r for r in records if r["message"] == "request"]
    assert any(r["level"] == "info" and r["message"].startswith("Arca listening on") for r in records)

    plain = make_server("plain", extra_args=["--log-format", "text"])
    plain.stop()
    first = plain.log_text().decode().splitlines()[0]
    assert not first.startswith("{") and "info" in first


def test_a_clean_shutdown_logs_no_error(make_server):
    server = make_server("clean-stop")
    kms = make_client(server.endpoint)
    key = kms.create_key()["KeyMetadata"]["KeyId"]
    for _ in range(20):
        kms.encrypt(KeyId=key, Plaintext=b"busy until the end")
    make_client(server.endpoint, service="cloudtrail").lookup_events(MaxResults=1)
    server.stop()  # SIGTERM
    assert server.proc.returncode == 0, server.log_tail()
    records = log_lines(server)
    assert [r for r in records if r["level"] in ("error", "critical")] == []
    assert (server.data_dir / "audit").is_dir()  # the shutdown sealed and digested
