"""Imported key material: the guide's walkthrough with the aws CLI and OpenSSL verbatim, every
wrapping algorithm, expiry by the test clock, deletion and reimport of the same material only."""
import base64
import json
import subprocess
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.keywrap import aes_key_wrap_with_padding

from helpers import assert_error, clock, events_for, expect_error, make_client

DAY = 86_400


@pytest.fixture
def kms(clocked):
    return make_client(clocked.endpoint)


def wrap(material: bytes, public_key_der: bytes, algorithm: str) -> bytes:
    """Encrypts key material as the AWS docs describe for each wrapping algorithm."""
    public_key = serialization.load_der_public_key(public_key_der)
    sha = hashes.SHA256() if algorithm.endswith("SHA_256") else hashes.SHA1()
    oaep = padding.OAEP(mgf=padding.MGF1(algorithm=sha), algorithm=sha, label=None)
    if algorithm == "RSAES_PKCS1_V1_5":
        return public_key.encrypt(material, padding.PKCS1v15())
    if algorithm.startswith("RSAES_OAEP"):
        return public_key.encrypt(material, oaep)
    aes_key = bytes(range(32))
    return public_key.encrypt(aes_key, oaep) + aes_key_wrap_with_padding(aes_key, material)


def import_material(kms, key_id, material, algorithm="RSAES_OAEP_SHA_256", spec="RSA_2048", **kwargs):
    params = kms.get_parameters_for_import(KeyId=key_id, WrappingAlgorithm=algorithm, WrappingKeySpec=spec)
    return kms.import_key_material(KeyId=key_id, ImportToken=params["ImportToken"],
                                   EncryptedKeyMaterial=wrap(material, params["PublicKey"], algorithm), **kwargs)


def test_the_guides_openssl_walkthrough_verbatim(aws_cli, tmp_path):
    """Importing Key Material steps 1-4 of kms-developer-guide.md, with its commands as printed."""
    key_id = aws_cli("create-key", "--origin", "EXTERNAL")["KeyMetadata"]["KeyId"]
    params = aws_cli("get-parameters-for-import", "--key-id", key_id,
                     "--wrapping-algorithm", "RSAES_OAEP_SHA_1", "--wrapping-key-spec", "RSA_2048")
    (tmp_path / "PublicKey.b64").write_text(params["PublicKey"])
    (tmp_path / "ImportToken.b64").write_text(params["ImportToken"])
    script = """
        openssl enc -d -base64 -A -in PublicKey.b64 -out PublicKey.bin
        openssl enc -d -base64 -A -in ImportToken.b64 -out ImportToken.bin
        openssl rand -out PlaintextKeyMaterial.bin 32
        openssl rsautl -encrypt \\
            -in PlaintextKeyMaterial.bin \\
            -oaep \\
            -inkey PublicKey.bin \\
            -keyform DER \\
            -pubin \\
            -out EncryptedKeyMaterial.bin
        aws --endpoint-url "$ARCA_ENDPOINT" kms import-key-material --key-id {key} \\
            --encrypted-key-material fileb://EncryptedKeyMaterial.bin \\
            --import-token fileb://ImportToken.bin \\
            --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE
        aws --endpoint-url "$ARCA_ENDPOINT" kms describe-key --key-id {key} --query KeyMetadata.KeyState --output text
        aws --endpoint-url "$ARCA_ENDPOINT" kms encrypt --key-id {key} --plaintext aGk= --query CiphertextBlob --output text
    """.format(key=key_id)
    out = aws_cli.shell(script, cwd=tmp_path).stdout.decode().split()
    assert out[-2] == "Enabled"
    assert base64.b64decode(out[-1])  # a ciphertext under the imported material
    assert params["KeyId"].endswith(key_id) and params["KeyId"].startswith("arn:aws:kms:")


@pytest.mark.parametrize("algorithm", ["RSAES_PKCS1_V1_5", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256",
                                       "RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256"])
@pytest.mark.parametrize("spec", ["RSA_2048", "RSA_3072", "RSA_4096"])
def test_every_wrapping_algorithm_and_key_spec(kms, algorithm, spec):
    key = kms.create_key(Origin="EXTERNAL")["KeyMetadata"]
    material = bytes(range(100, 132))
    imported = import_material(kms, key["KeyId"], material, algorithm, spec, ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    assert imported["KeyId"] == key["Arn"] and len(imported["KeyMaterialId"]) == 64
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"imported")["CiphertextBlob"]
    assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == b"imported"


def test_a_key_pending_import_and_after_import(kms):
    key = kms.create_key(Origin="EXTERNAL", Description="byok")["KeyMetadata"]
    assert key["KeyState"] == "PendingImport" and key["Enabled"] is False and key["Origin"] == "EXTERNAL"
    assert "CurrentKeyMaterialId" not in key and "ExpirationModel" not in key
    resp = expect_error(kms.encrypt, KeyId=key["KeyId"], Plaintext=b"x")
    assert_error(resp, "KMSInvalidStateException", f"{key['Arn']} is pending import.")
    params = kms.get_parameters_for_import(KeyId=key["KeyId"], WrappingAlgorithm="RSAES_OAEP_SHA_256",
                                           WrappingKeySpec="RSA_2048")
    assert params["KeyId"] == key["Arn"]
    resp = expect_error(kms.import_key_material, KeyId=key["KeyId"], ImportToken=params["ImportToken"],
                        EncryptedKeyMaterial=wrap(bytes(32), params["PublicKey"], "RSAES_OAEP_SHA_256"))
    assert_error(resp, "ValidationException", "A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES")
    imported = kms.import_key_material(KeyId=key["KeyId"], ImportToken=params["ImportToken"],
                                       EncryptedKeyMaterial=wrap(bytes(32), params["PublicKey"], "RSAES_OAEP_SHA_256"),
                                       ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    described = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
    assert described["KeyState"] == "Enabled" and described["Enabled"] is True
    assert described["ExpirationModel"] == "KEY_MATERIAL_DOES_NOT_EXPIRE" and "ValidTo" not in described
    assert described["CurrentKeyMaterialId"] == imported["KeyMaterialId"]


def test_import_errors(kms, clocked):
    native = kms.create_key()["KeyMetadata"]
    resp = expect_error(kms.get_parameters_for_import, KeyId=native["KeyId"], WrappingAlgorithm="RSAES_OAEP_SHA_256",
                        WrappingKeySpec="RSA_2048")
    assert_error(resp, "UnsupportedOperationException", f"{native['Arn']} origin is AWS_KMS which is not valid for this operation.")
    key = kms.create_key(Origin="EXTERNAL")["KeyMetadata"]
    other = kms.create_key(Origin="EXTERNAL")["KeyMetadata"]
    params = kms.get_parameters_for_import(KeyId=key["KeyId"], WrappingAlgorithm="RSAES_OAEP_SHA_256",
                                           WrappingKeySpec="RSA_2048")
    good = wrap(bytes(32), params["PublicKey"], "RSAES_OAEP_SHA_256")
    never = {"ExpirationModel": "KEY_MATERIAL_DOES_NOT_EXPIRE"}
    resp = expect_error(kms.import_key_material, KeyId=other["KeyId"], ImportToken=params["ImportToken"],
                        EncryptedKeyMaterial=good, **never)
    assert_error(resp, "InvalidImportTokenException")
    forged = bytearray(params["ImportToken"])
    forged[40] ^= 1
    resp = expect_error(kms.import_key_material, KeyId=key["KeyId"], ImportToken=bytes(forged),
                        EncryptedKeyMaterial=good, **never)
    assert_error(resp, "InvalidImportTokenException")
    resp = expect_error(kms.import_key_material, KeyId=key["KeyId"], ImportToken=params["ImportToken"],
                        EncryptedKeyMaterial=good[:-1] + bytes([good[-1] ^ 1]), **never)
    assert_error(resp, "InvalidCiphertextException")
    resp = expect_error(kms.import_key_material, KeyId=key["KeyId"], ImportToken=params["ImportToken"],
                        EncryptedKeyMaterial=wrap(bytes(16), params["PublicKey"], "RSAES_OAEP_SHA_256"), **never)
    assert_error(resp, "IncorrectKeyMaterialException")
    clock(clocked, advance=DAY + 60)
    resp = expect_error(kms.import_key_material, KeyId=key["KeyId"], ImportToken=params["ImportToken"],
                        EncryptedKeyMaterial=good, **never)
    assert_error(resp, "ExpiredImportTokenException")
    for call in (kms.enable_key_rotation, kms.rotate_key_on_demand):
        resp = expect_error(call, KeyId=key["KeyId"])
        assert_error(resp, "KMSInvalidStateException", f"{key['Arn']} is pending import.")


def test_material_expires_by_the_clock_and_only_the_same_material_comes_back(kms, clocked):
    key = kms.create_key(Origin="EXTERNAL")["KeyMetadata"]
    material = bytes(range(32))
    valid_to = clock(clocked) + timedelta(days=10)
    import_material(kms, key["KeyId"], material, ExpirationModel="KEY_MATERIAL_EXPIRES", ValidTo=valid_to)
    described = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
    assert described["ExpirationModel"] == "KEY_MATERIAL_EXPIRES"
    assert abs(described["ValidTo"] - valid_to) < timedelta(seconds=1)
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"until then")["CiphertextBlob"]

    clock(clocked, advance=9 * DAY)
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"] == "Enabled"
    clock(clocked, advance=2 * DAY)
    described = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
    assert described["KeyState"] == "PendingImport" and "ValidTo" not in described and "ExpirationModel" not in described
    assert [e["detail-type"] for e in events_for(clocked, key["Arn"])] == ["KMS Imported Key Material Expiration"]
    resp = expect_error(kms.decrypt, CiphertextBlob=blob)
    assert_error(resp, "KMSInvalidStateException", f"{key['Arn']} is pending import.")

    resp = expect_error(import_material, kms, key["KeyId"], bytes(range(1, 33)),
                        ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    assert_error(resp, "IncorrectKeyMaterialException")
    import_material(kms, key["KeyId"], material, "RSA_AES_KEY_WRAP_SHA_256", ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == b"until then"


def test_delete_imported_key_material_and_reimport(kms):
    key = kms.create_key(Origin="EXTERNAL")["KeyMetadata"]
    material = bytes(range(50, 82))
    imported = import_material(kms, key["KeyId"], material, ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"keep me")["CiphertextBlob"]
    kms.delete_imported_key_material(KeyId=key["KeyId"])
    described = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
    assert described["KeyState"] == "PendingImport" and described["Enabled"] is False
    assert described["CurrentKeyMaterialId"] == imported["KeyMaterialId"] and "ExpirationModel" not in described
    assert_error(expect_error(kms.encrypt, KeyId=key["KeyId"], Plaintext=b"x"), "KMSInvalidStateException",
                 f"{key['Arn']} is pending import.")
    import_material(kms, key["KeyId"], material, "RSAES_PKCS1_V1_5", ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == b"keep me"
    native = kms.create_key()["KeyMetadata"]
    resp = expect_error(kms.delete_imported_key_material, KeyId=native["KeyId"])
    assert_error(resp, "UnsupportedOperationException")


def test_imported_material_survives_kill_9_and_never_reaches_the_disk_unwrapped(make_server):
    srv = make_server("import-kill9", env={"ARCA_ROOT_KEY": base64.b64encode(b"r" * 32).decode()})
    kms = make_client(srv.endpoint)
    key = kms.create_key(Origin="EXTERNAL")["KeyMetadata"]
    material = bytes.fromhex("5a" * 16 + "a5" * 16)
    import_material(kms, key["KeyId"], material, ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"durable")["CiphertextBlob"]
    srv.kill()
    raw = b"".join(p.read_bytes() for p in srv.data_dir.iterdir() if p.is_file())
    assert material not in raw and material.hex().encode() not in raw
    srv.start()
    kms = make_client(srv.endpoint)
    assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == b"durable"
    # The fingerprint survives too: other material is still refused after the restart.
    kms.delete_imported_key_material(KeyId=key["KeyId"])
    resp = expect_error(import_material, kms, key["KeyId"], bytes(32), ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    assert_error(resp, "IncorrectKeyMaterialException")
