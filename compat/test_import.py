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


# --- Asymmetric and HMAC key material -----------------------------------------------------------
# "For asymmetric key pairs, encrypt and import only the private key. AWS KMS derives the public key
# from the private key"; "To import an RSA private key, you must use an RSA_AES wrapping algorithm"
# (AWS KMS Developer Guide, Encrypt the key material; KMS API reference, GetParametersForImport).

def pkcs8(private_key) -> bytes:
    return private_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption())


def spki(public_key) -> bytes:
    return public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def test_imported_rsa_private_key_signs_as_the_local_key_verifies(kms):
    from cryptography.hazmat.primitives.asymmetric import rsa
    local = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key = kms.create_key(KeySpec="RSA_2048", KeyUsage="SIGN_VERIFY", Origin="EXTERNAL")["KeyMetadata"]
    assert key["KeyState"] == "PendingImport" and "SigningAlgorithms" in key
    import_material(kms, key["KeyId"], pkcs8(local), algorithm="RSA_AES_KEY_WRAP_SHA_256",
                    ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    assert kms.get_public_key(KeyId=key["KeyId"])["PublicKey"] == spki(local.public_key())
    message = b"imported signing key"
    signature = kms.sign(KeyId=key["KeyId"], Message=message, SigningAlgorithm="RSASSA_PKCS1_V1_5_SHA_256")["Signature"]
    local.public_key().verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
    # PKCS #1 v1.5 is deterministic: the local key makes the same signature.
    assert signature == local.sign(message, padding.PKCS1v15(), hashes.SHA256())


def test_imported_ecc_private_key_decrypts_nothing_but_signs_and_derives(kms):
    from cryptography.hazmat.primitives.asymmetric import ec
    local = ec.generate_private_key(ec.SECP384R1())
    key = kms.create_key(KeySpec="ECC_NIST_P384", KeyUsage="KEY_AGREEMENT", Origin="EXTERNAL")["KeyMetadata"]
    import_material(kms, key["KeyId"], pkcs8(local), algorithm="RSAES_OAEP_SHA_256", spec="RSA_3072",
                    ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    peer = ec.generate_private_key(ec.SECP384R1())
    secret = kms.derive_shared_secret(KeyId=key["KeyId"], KeyAgreementAlgorithm="ECDH",
                                      PublicKey=spki(peer.public_key()))["SharedSecret"]
    assert secret == peer.exchange(ec.ECDH(), local.public_key())


def test_imported_ed25519_key_signs_exactly_as_the_local_key(kms):
    from cryptography.hazmat.primitives.asymmetric import ed25519
    local = ed25519.Ed25519PrivateKey.generate()
    key = kms.create_key(KeySpec="ECC_NIST_EDWARDS25519", KeyUsage="SIGN_VERIFY", Origin="EXTERNAL")["KeyMetadata"]
    import_material(kms, key["KeyId"], pkcs8(local), algorithm="RSAES_OAEP_SHA_1",
                    ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    message = b"ed25519 is deterministic"
    signature = kms.sign(KeyId=key["KeyId"], Message=message, SigningAlgorithm="ED25519_SHA_512")["Signature"]
    assert signature == local.sign(message)


@pytest.mark.parametrize("spec,algorithm,length", [("HMAC_224", "HMAC_SHA_224", 28), ("HMAC_256", "HMAC_SHA_256", 64),
                                                   ("HMAC_384", "HMAC_SHA_384", 48), ("HMAC_512", "HMAC_SHA_512", 128)])
def test_imported_hmac_key_macs_as_pythons_hmac(kms, spec, algorithm, length):
    import hashlib
    import hmac
    import os
    material = os.urandom(length)
    key = kms.create_key(KeySpec=spec, KeyUsage="GENERATE_VERIFY_MAC", Origin="EXTERNAL")["KeyMetadata"]
    import_material(kms, key["KeyId"], material, ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    message = b"a token to authenticate"
    mac = kms.generate_mac(KeyId=key["KeyId"], Message=message, MacAlgorithm=algorithm)["Mac"]
    digest = {"HMAC_SHA_224": hashlib.sha224, "HMAC_SHA_256": hashlib.sha256,
              "HMAC_SHA_384": hashlib.sha384, "HMAC_SHA_512": hashlib.sha512}[algorithm]
    assert mac == hmac.new(material, message, digest).digest()
    local = hmac.new(material, b"made outside", digest).digest()
    assert kms.verify_mac(KeyId=key["KeyId"], Message=b"made outside", MacAlgorithm=algorithm, Mac=local)["MacValid"]


def test_imported_material_must_be_of_the_keys_spec(kms):
    from cryptography.hazmat.primitives.asymmetric import ec
    p256 = kms.create_key(KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY", Origin="EXTERNAL")["KeyMetadata"]
    wrong_curve = pkcs8(ec.generate_private_key(ec.SECP384R1()))
    resp = expect_error(import_material, kms, p256["KeyId"], wrong_curve, ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    assert_error(resp, "IncorrectKeyMaterialException")
    resp = expect_error(import_material, kms, p256["KeyId"], bytes(32), ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    assert_error(resp, "IncorrectKeyMaterialException")
    hmac_key = kms.create_key(KeySpec="HMAC_256", KeyUsage="GENERATE_VERIFY_MAC", Origin="EXTERNAL")["KeyMetadata"]
    for length in (31, 65):
        resp = expect_error(import_material, kms, hmac_key["KeyId"], bytes(length), ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
        assert_error(resp, "IncorrectKeyMaterialException")
    assert kms.describe_key(KeyId=p256["KeyId"])["KeyMetadata"]["KeyState"] == "PendingImport"


def test_reimport_of_an_asymmetric_key_takes_the_same_key_only(kms):
    from cryptography.hazmat.primitives.asymmetric import ec
    local = ec.generate_private_key(ec.SECP256R1())
    key = kms.create_key(KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY", Origin="EXTERNAL")["KeyMetadata"]
    import_material(kms, key["KeyId"], pkcs8(local), ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    kms.delete_imported_key_material(KeyId=key["KeyId"])
    assert_error(expect_error(kms.get_public_key, KeyId=key["KeyId"]), "KMSInvalidStateException",
                 f"{key['Arn']} is pending import.")
    other = pkcs8(ec.generate_private_key(ec.SECP256R1()))
    resp = expect_error(import_material, kms, key["KeyId"], other, ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    assert_error(resp, "IncorrectKeyMaterialException")
    # The same key is accepted again.
    import_material(kms, key["KeyId"], pkcs8(local), ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    assert kms.get_public_key(KeyId=key["KeyId"])["PublicKey"] == spki(local.public_key())
