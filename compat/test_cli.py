"""The README walkthrough, driven by the real `aws` CLI.

It runs in its own region so `alias/demo` cannot collide with anything else in the session."""
import base64
import json
import os

import pytest

REGION = "ap-southeast-2"


@pytest.fixture(scope="module")
def demo_key(aws_cli):
    created = aws_cli("create-key", "--description", "demo key", region=REGION)
    meta = created["KeyMetadata"]
    assert meta["KeySpec"] == "SYMMETRIC_DEFAULT"
    assert meta["Arn"].startswith(f"arn:aws:kms:{REGION}:000000000000:key/")
    aws_cli("create-alias", "--alias-name", "alias/demo", "--target-key-id", meta["KeyId"], region=REGION)
    return meta


def test_cli_create_key_and_alias_describe(aws_cli, demo_key):
    described = aws_cli("describe-key", "--key-id", "alias/demo", region=REGION)["KeyMetadata"]
    assert described["KeyId"] == demo_key["KeyId"]
    assert described["Description"] == "demo key"
    aliases = aws_cli("list-aliases", "--key-id", demo_key["KeyId"], region=REGION)["Aliases"]
    assert [a["AliasName"] for a in aliases] == ["alias/demo"]


def test_cli_encrypt_file_and_decrypt_back_with_context(aws_cli, demo_key, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"hello from the arca README\n" + os.urandom(32))
    aws_cli.shell(
        "aws --endpoint-url \"$ARCA_ENDPOINT\" kms encrypt --key-id alias/demo "
        "--plaintext fileb://secret.txt --encryption-context app=demo "
        "--output text --query CiphertextBlob | base64 -d > secret.enc\n"
        "aws --endpoint-url \"$ARCA_ENDPOINT\" kms decrypt --ciphertext-blob fileb://secret.enc "
        "--encryption-context app=demo --output text --query Plaintext | base64 -d > secret.out\n",
        region=REGION, cwd=tmp_path)
    enc = (tmp_path / "secret.enc").read_bytes()
    assert enc and secret.read_bytes() not in enc
    assert (tmp_path / "secret.out").read_bytes() == secret.read_bytes()


def test_cli_decrypt_reports_key_arn_and_algorithm(aws_cli, demo_key, tmp_path):
    (tmp_path / "p.bin").write_bytes(b"\x00\x01binary\xff")
    enc = aws_cli("encrypt", "--key-id", "alias/demo", "--plaintext", "fileb://p.bin",
                  "--encryption-context", "app=demo", region=REGION, cwd=tmp_path)
    assert enc["KeyId"] == demo_key["Arn"]
    (tmp_path / "c.bin").write_bytes(base64.b64decode(enc["CiphertextBlob"]))
    dec = aws_cli("decrypt", "--ciphertext-blob", "fileb://c.bin", "--encryption-context", "app=demo",
                  region=REGION, cwd=tmp_path)
    assert dec["KeyId"] == demo_key["Arn"]
    assert dec["EncryptionAlgorithm"] == "SYMMETRIC_DEFAULT"
    assert base64.b64decode(dec["Plaintext"]) == b"\x00\x01binary\xff"


def test_cli_decrypt_with_wrong_context_fails_with_invalid_ciphertext(aws_cli, demo_key, tmp_path):
    (tmp_path / "p.txt").write_bytes(b"context matters")
    enc = aws_cli("encrypt", "--key-id", "alias/demo", "--plaintext", "fileb://p.txt",
                  "--encryption-context", "app=demo", region=REGION, cwd=tmp_path)
    (tmp_path / "c.bin").write_bytes(base64.b64decode(enc["CiphertextBlob"]))
    proc = aws_cli("decrypt", "--ciphertext-blob", "fileb://c.bin", "--encryption-context", "app=other",
                   region=REGION, cwd=tmp_path, check=False)
    assert proc.returncode != 0
    assert b"InvalidCiphertextException" in proc.stderr


def test_cli_generate_data_key(aws_cli, demo_key):
    out = aws_cli("generate-data-key", "--key-id", "alias/demo", "--key-spec", "AES_256", region=REGION)
    assert len(base64.b64decode(out["Plaintext"])) == 32
    assert out["KeyId"] == demo_key["Arn"]


def test_cli_tags_and_policy(aws_cli, demo_key):
    aws_cli("tag-resource", "--key-id", demo_key["KeyId"], "--tags", "TagKey=team,TagValue=arca",
            region=REGION)
    tags = aws_cli("list-resource-tags", "--key-id", demo_key["KeyId"], region=REGION)["Tags"]
    assert tags == [{"TagKey": "team", "TagValue": "arca"}]
    policy = aws_cli("get-key-policy", "--key-id", demo_key["KeyId"], "--policy-name", "default",
                     region=REGION)["Policy"]
    assert json.loads(policy)["Statement"]


def test_cli_unknown_alias_exits_nonzero_with_not_found(aws_cli):
    proc = aws_cli("describe-key", "--key-id", "alias/does-not-exist", region=REGION, check=False)
    assert proc.returncode != 0
    assert b"NotFoundException" in proc.stderr


def test_cli_duplicate_alias_is_already_exists(aws_cli, demo_key):
    proc = aws_cli("create-alias", "--alias-name", "alias/demo", "--target-key-id", demo_key["KeyId"],
                   region=REGION, check=False)
    assert proc.returncode != 0
    assert b"AlreadyExistsException" in proc.stderr


def test_cli_list_keys_paginates_automatically(aws_cli):
    for _ in range(3):
        aws_cli("create-key", region=REGION)
    paged = aws_cli("list-keys", "--page-size", "1", region=REGION)["Keys"]
    whole = aws_cli("list-keys", region=REGION)["Keys"]
    assert len(paged) >= 4
    assert sorted(k["KeyId"] for k in paged) == sorted(k["KeyId"] for k in whole)
