"""Encrypt / Decrypt / ReEncrypt / GenerateDataKey* / GenerateRandom."""
import os
import uuid

import pytest

from helpers import (DEFAULT_ACCOUNT, DISABLED_FMT, DRY_RUN_MSG, INCORRECT_KEY_MSG, REGION,
                     assert_error, expect_error, key_arn, unique_alias)

PLAINTEXT = b"attack at dawn \x00\xff compat"


@pytest.fixture
def key_with_alias(kms, key):
    alias = unique_alias()
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    return key, alias


def identifier_forms(key, alias):
    return {
        "key-id": key["KeyId"],
        "key-arn": key["Arn"],
        "alias-name": alias,
        "alias-arn": f"arn:aws:kms:{REGION}:{DEFAULT_ACCOUNT}:{alias}",
    }


FORMS = ["key-id", "key-arn", "alias-name", "alias-arn"]


# --- Encrypt / Decrypt round trips ----------------------------------------------------------

@pytest.mark.parametrize("form", FORMS)
def test_encrypt_accepts_every_identifier_form_and_reports_key_arn(kms, key_with_alias, form):
    key, alias = key_with_alias
    resp = kms.encrypt(KeyId=identifier_forms(key, alias)[form], Plaintext=PLAINTEXT)
    assert resp["KeyId"] == key["Arn"]
    assert resp["EncryptionAlgorithm"] == "SYMMETRIC_DEFAULT"
    assert resp["CiphertextBlob"] and PLAINTEXT not in resp["CiphertextBlob"]
    dec = kms.decrypt(CiphertextBlob=resp["CiphertextBlob"])
    assert dec["Plaintext"] == PLAINTEXT
    assert dec["KeyId"] == key["Arn"]
    assert dec["EncryptionAlgorithm"] == "SYMMETRIC_DEFAULT"


@pytest.mark.parametrize("form", FORMS)
def test_decrypt_accepts_every_identifier_form_as_key_id(kms, key_with_alias, form):
    key, alias = key_with_alias
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT)["CiphertextBlob"]
    dec = kms.decrypt(CiphertextBlob=blob, KeyId=identifier_forms(key, alias)[form])
    assert dec["Plaintext"] == PLAINTEXT
    assert dec["KeyId"] == key["Arn"]


def test_decrypt_with_explicit_symmetric_default_algorithm(kms, key):
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT,
                       EncryptionAlgorithm="SYMMETRIC_DEFAULT")["CiphertextBlob"]
    dec = kms.decrypt(CiphertextBlob=blob, EncryptionAlgorithm="SYMMETRIC_DEFAULT")
    assert dec["Plaintext"] == PLAINTEXT


def test_encrypt_is_randomized(kms, key):
    a = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT)["CiphertextBlob"]
    b = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT)["CiphertextBlob"]
    assert a != b


def test_encrypt_max_size_plaintext_round_trips(kms, key):
    data = os.urandom(4096)
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=data)["CiphertextBlob"]
    assert len(blob) <= 6144
    assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == data


def test_encrypt_one_byte_plaintext_round_trips(kms, key):
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"\x00")["CiphertextBlob"]
    assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == b"\x00"


def test_encrypt_plaintext_over_4096_is_validation_error(kms_raw, key):
    resp = expect_error(kms_raw.encrypt, KeyId=key["KeyId"], Plaintext=b"a" * 4097)
    assert_error(resp, "ValidationException",
                 "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: "
                 "Member must have length less than or equal to 4096")


def test_encrypt_empty_plaintext_is_validation_error(kms_raw, key):
    resp = expect_error(kms_raw.encrypt, KeyId=key["KeyId"], Plaintext=b"")
    assert_error(resp, "ValidationException",
                 "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: "
                 "Member must have length greater than or equal to 1")


def test_encrypt_nonexistent_key_is_not_found(kms):
    fake = str(uuid.uuid4())
    resp = expect_error(kms.encrypt, KeyId=fake, Plaintext=PLAINTEXT)
    assert_error(resp, "NotFoundException", f"Key '{key_arn(fake)}' does not exist")


def test_encrypt_unknown_alias_is_not_found(kms):
    resp = expect_error(kms.encrypt, KeyId=unique_alias("nope"), Plaintext=PLAINTEXT)
    assert_error(resp, "NotFoundException")


def test_encrypt_unknown_algorithm_is_enum_validation_error(kms_raw, key):
    resp = expect_error(kms_raw.encrypt, KeyId=key["KeyId"], Plaintext=PLAINTEXT,
                        EncryptionAlgorithm="AES_GCM_FANCY")
    err = assert_error(resp, "ValidationException")
    assert err["Message"].startswith(
        "1 validation error detected: Value 'AES_GCM_FANCY' at 'encryptionAlgorithm' failed to "
        "satisfy constraint: Member must satisfy enum value set: [")


def test_encrypt_dry_run_is_dry_run_operation(kms, key):
    resp = expect_error(kms.encrypt, KeyId=key["KeyId"], Plaintext=PLAINTEXT, DryRun=True)
    assert_error(resp, "DryRunOperationException", DRY_RUN_MSG)


def test_decrypt_dry_run_is_dry_run_operation(kms, key):
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT)["CiphertextBlob"]
    resp = expect_error(kms.decrypt, CiphertextBlob=blob, DryRun=True)
    assert_error(resp, "DryRunOperationException", DRY_RUN_MSG)


# --- Encryption context ---------------------------------------------------------------------

CTX = {"app": "demo", "tenant": "t-42"}


def test_decrypt_with_same_context_in_any_order_succeeds(kms, key):
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT, EncryptionContext=CTX)["CiphertextBlob"]
    reordered = dict(reversed(list(CTX.items())))
    assert kms.decrypt(CiphertextBlob=blob, EncryptionContext=reordered)["Plaintext"] == PLAINTEXT


@pytest.mark.parametrize("ctx", [
    None,
    {"app": "demo"},
    {"app": "demo", "tenant": "t-43"},
    {"app": "demo", "tenant": "t-42", "extra": "x"},
    {"APP": "demo", "tenant": "t-42"},
], ids=["missing", "subset", "wrong-value", "superset", "key-case"])
def test_decrypt_with_wrong_encryption_context_is_invalid_ciphertext(kms, key, ctx):
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT, EncryptionContext=CTX)["CiphertextBlob"]
    kwargs = {"EncryptionContext": ctx} if ctx is not None else {}
    resp = expect_error(kms.decrypt, CiphertextBlob=blob, **kwargs)
    assert_error(resp, "InvalidCiphertextException", "")


def test_decrypt_with_context_when_none_was_used_is_invalid_ciphertext(kms, key):
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT)["CiphertextBlob"]
    resp = expect_error(kms.decrypt, CiphertextBlob=blob, EncryptionContext={"app": "demo"})
    assert_error(resp, "InvalidCiphertextException", "")


def test_context_pairs_are_not_confused_by_concatenation(kms, key):
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT,
                       EncryptionContext={"ab": "c"})["CiphertextBlob"]
    resp = expect_error(kms.decrypt, CiphertextBlob=blob, EncryptionContext={"a": "bc"})
    assert_error(resp, "InvalidCiphertextException", "")


def test_unicode_encryption_context_round_trips(kms, key):
    ctx = {"größe": "日本語", "emoji": "🔑"}
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT, EncryptionContext=ctx)["CiphertextBlob"]
    assert kms.decrypt(CiphertextBlob=blob, EncryptionContext=ctx)["Plaintext"] == PLAINTEXT


# --- Decrypt with the wrong key / tampered ciphertext -----------------------------------------

def test_decrypt_with_other_key_id_is_incorrect_key(kms, key):
    other = kms.create_key()["KeyMetadata"]
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT)["CiphertextBlob"]
    for ident in (other["KeyId"], other["Arn"]):
        resp = expect_error(kms.decrypt, CiphertextBlob=blob, KeyId=ident)
        assert_error(resp, "IncorrectKeyException", INCORRECT_KEY_MSG)


def test_decrypt_with_nonexistent_key_id_is_not_found(kms, key):
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT)["CiphertextBlob"]
    fake = str(uuid.uuid4())
    resp = expect_error(kms.decrypt, CiphertextBlob=blob, KeyId=fake)
    assert_error(resp, "NotFoundException", f"Key '{key_arn(fake)}' does not exist")


@pytest.fixture(scope="module")
def small_blob(kms_factory):
    kms = kms_factory()
    key = kms.create_key(Description="tamper target")["KeyMetadata"]
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"tamper me",
                       EncryptionContext={"app": "tamper"})["CiphertextBlob"]
    assert kms.decrypt(CiphertextBlob=blob, EncryptionContext={"app": "tamper"})["Plaintext"] == b"tamper me"
    return key, blob


def _positions(blob):
    """Every byte position, labelled by where it sits: the header (first bytes, key reference and
    version), nonce, body and trailing tag are all covered because every position is flipped."""
    return list(range(len(blob)))


@pytest.mark.parametrize("mask", [0x01, 0x80], ids=["low-bit", "high-bit"])
def test_flipping_any_ciphertext_bit_is_invalid_ciphertext(kms, small_blob, mask):
    key, blob = small_blob
    failures = []
    for pos in _positions(blob):
        tampered = bytearray(blob)
        tampered[pos] ^= mask
        for kwargs in ({}, {"KeyId": key["KeyId"]}):
            try:
                kms.decrypt(CiphertextBlob=bytes(tampered), EncryptionContext={"app": "tamper"}, **kwargs)
                failures.append((pos, kwargs, "decrypted"))
            except kms.exceptions.ClientError as exc:
                code = exc.response["Error"]["Code"]
                if code != "InvalidCiphertextException":
                    failures.append((pos, kwargs, code, exc.response["Error"].get("Message")))
    assert not failures, f"{len(failures)} of {2 * len(blob)} flips misbehaved: {failures[:10]}"


@pytest.mark.parametrize("where", ["first", "last", "middle"])
def test_flipping_named_byte_positions_is_invalid_ciphertext(kms, small_blob, where):
    key, blob = small_blob
    pos = {"first": 0, "last": len(blob) - 1, "middle": len(blob) // 2}[where]
    tampered = bytearray(blob)
    tampered[pos] ^= 0xFF
    resp = expect_error(kms.decrypt, CiphertextBlob=bytes(tampered), EncryptionContext={"app": "tamper"})
    assert_error(resp, "InvalidCiphertextException", "")


@pytest.mark.parametrize("cut", ["drop-last", "drop-16", "half", "first-byte", "append-byte",
                                 "drop-first"])
def test_truncated_or_extended_ciphertext_is_invalid_ciphertext(kms, small_blob, cut):
    _, blob = small_blob
    tampered = {
        "drop-last": blob[:-1],
        "drop-16": blob[:-16],
        "half": blob[: len(blob) // 2],
        "first-byte": blob[:1],
        "append-byte": blob + b"\x00",
        "drop-first": blob[1:],
    }[cut]
    resp = expect_error(kms.decrypt, CiphertextBlob=tampered, EncryptionContext={"app": "tamper"})
    assert_error(resp, "InvalidCiphertextException", "")


def test_random_bytes_are_invalid_ciphertext(kms):
    resp = expect_error(kms.decrypt, CiphertextBlob=os.urandom(128))
    assert_error(resp, "InvalidCiphertextException", "")


def test_empty_ciphertext_is_validation_error(kms_raw):
    resp = expect_error(kms_raw.decrypt, CiphertextBlob=b"")
    assert_error(resp, "ValidationException",
                 "1 validation error detected: Value at 'ciphertextBlob' failed to satisfy constraint: "
                 "Member must have length greater than or equal to 1")


def test_ciphertext_over_6144_bytes_is_validation_error(kms_raw):
    resp = expect_error(kms_raw.decrypt, CiphertextBlob=b"\x01" * 6145)
    assert_error(resp, "ValidationException",
                 "1 validation error detected: Value at 'ciphertextBlob' failed to satisfy constraint: "
                 "Member must have length less than or equal to 6144")


# --- Disabled keys ------------------------------------------------------------------------------

def test_crypto_operations_on_disabled_key_are_disabled_exception(kms, key):
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT)["CiphertextBlob"]
    other = kms.create_key()["KeyMetadata"]
    kms.disable_key(KeyId=key["KeyId"])
    msg = DISABLED_FMT.format(arn=key["Arn"])
    calls = {
        "Encrypt": lambda: kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT),
        "Decrypt": lambda: kms.decrypt(CiphertextBlob=blob),
        "Decrypt+KeyId": lambda: kms.decrypt(CiphertextBlob=blob, KeyId=key["KeyId"]),
        "GenerateDataKey": lambda: kms.generate_data_key(KeyId=key["KeyId"], KeySpec="AES_256"),
        "GenerateDataKeyWithoutPlaintext":
            lambda: kms.generate_data_key_without_plaintext(KeyId=key["KeyId"], KeySpec="AES_256"),
        "ReEncrypt(source)": lambda: kms.re_encrypt(CiphertextBlob=blob, DestinationKeyId=other["KeyId"]),
    }
    for name, call in calls.items():
        resp = expect_error(call)
        assert resp["Error"]["Code"] == "DisabledException", (name, resp["Error"])
        assert resp["Error"]["Message"] == msg, (name, resp["Error"])


def test_re_encrypt_to_disabled_destination_is_disabled_exception(kms, key):
    dest = kms.create_key()["KeyMetadata"]
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT)["CiphertextBlob"]
    kms.disable_key(KeyId=dest["KeyId"])
    resp = expect_error(kms.re_encrypt, CiphertextBlob=blob, DestinationKeyId=dest["KeyId"])
    assert_error(resp, "DisabledException", DISABLED_FMT.format(arn=dest["Arn"]))


def test_reenabled_key_decrypts_old_ciphertext(kms, key):
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT)["CiphertextBlob"]
    kms.disable_key(KeyId=key["KeyId"])
    kms.enable_key(KeyId=key["KeyId"])
    assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == PLAINTEXT


def test_disabled_key_via_alias_reports_key_arn(kms, key_with_alias):
    key, alias = key_with_alias
    kms.disable_key(KeyId=key["KeyId"])
    resp = expect_error(kms.encrypt, KeyId=alias, Plaintext=PLAINTEXT)
    assert_error(resp, "DisabledException", DISABLED_FMT.format(arn=key["Arn"]))


# --- ReEncrypt ----------------------------------------------------------------------------------

def test_re_encrypt_moves_ciphertext_to_destination_key(kms, key):
    dest = kms.create_key()["KeyMetadata"]
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT,
                       EncryptionContext={"a": "1"})["CiphertextBlob"]
    resp = kms.re_encrypt(CiphertextBlob=blob, SourceEncryptionContext={"a": "1"},
                          DestinationKeyId=dest["KeyId"], DestinationEncryptionContext={"b": "2"})
    assert resp["SourceKeyId"] == key["Arn"]
    assert resp["KeyId"] == dest["Arn"]
    assert resp["SourceEncryptionAlgorithm"] == "SYMMETRIC_DEFAULT"
    assert resp["DestinationEncryptionAlgorithm"] == "SYMMETRIC_DEFAULT"
    new = resp["CiphertextBlob"]
    dec = kms.decrypt(CiphertextBlob=new, EncryptionContext={"b": "2"})
    assert dec["Plaintext"] == PLAINTEXT
    assert dec["KeyId"] == dest["Arn"]
    resp = expect_error(kms.decrypt, CiphertextBlob=new, EncryptionContext={"a": "1"})
    assert_error(resp, "InvalidCiphertextException", "")


@pytest.mark.parametrize("form", FORMS)
def test_re_encrypt_accepts_every_identifier_form(kms, key, form):
    dest = kms.create_key()["KeyMetadata"]
    alias = unique_alias()
    kms.create_alias(AliasName=alias, TargetKeyId=dest["KeyId"])
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT)["CiphertextBlob"]
    resp = kms.re_encrypt(CiphertextBlob=blob, DestinationKeyId=identifier_forms(dest, alias)[form],
                          SourceKeyId=key["Arn"])
    assert resp["KeyId"] == dest["Arn"]
    assert kms.decrypt(CiphertextBlob=resp["CiphertextBlob"])["Plaintext"] == PLAINTEXT


def test_re_encrypt_to_same_key_changes_blob(kms, key):
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT)["CiphertextBlob"]
    resp = kms.re_encrypt(CiphertextBlob=blob, DestinationKeyId=key["KeyId"])
    assert resp["CiphertextBlob"] != blob
    assert kms.decrypt(CiphertextBlob=resp["CiphertextBlob"])["Plaintext"] == PLAINTEXT


def test_re_encrypt_with_wrong_source_key_is_incorrect_key(kms, key):
    other = kms.create_key()["KeyMetadata"]
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT)["CiphertextBlob"]
    resp = expect_error(kms.re_encrypt, CiphertextBlob=blob, SourceKeyId=other["KeyId"],
                        DestinationKeyId=other["KeyId"])
    assert_error(resp, "IncorrectKeyException", INCORRECT_KEY_MSG)


def test_re_encrypt_with_wrong_source_context_is_invalid_ciphertext(kms, key):
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT,
                       EncryptionContext={"a": "1"})["CiphertextBlob"]
    resp = expect_error(kms.re_encrypt, CiphertextBlob=blob, DestinationKeyId=key["KeyId"])
    assert_error(resp, "InvalidCiphertextException", "")


def test_re_encrypt_tampered_blob_is_invalid_ciphertext(kms, key):
    blob = bytearray(kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT)["CiphertextBlob"])
    blob[-1] ^= 1
    resp = expect_error(kms.re_encrypt, CiphertextBlob=bytes(blob), DestinationKeyId=key["KeyId"])
    assert_error(resp, "InvalidCiphertextException", "")


def test_re_encrypt_dry_run_is_dry_run_operation(kms, key):
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=PLAINTEXT)["CiphertextBlob"]
    resp = expect_error(kms.re_encrypt, CiphertextBlob=blob, DestinationKeyId=key["KeyId"], DryRun=True)
    assert_error(resp, "DryRunOperationException", DRY_RUN_MSG)


# --- GenerateDataKey / GenerateDataKeyWithoutPlaintext ---------------------------------------------

@pytest.mark.parametrize("kwargs,length", [
    ({"KeySpec": "AES_256"}, 32),
    ({"KeySpec": "AES_128"}, 16),
    ({"NumberOfBytes": 1}, 1),
    ({"NumberOfBytes": 64}, 64),
    ({"NumberOfBytes": 1024}, 1024),
], ids=["AES_256", "AES_128", "1-byte", "64-bytes", "1024-bytes"])
def test_generate_data_key_returns_plaintext_and_wrapped_copy(kms, key, kwargs, length):
    resp = kms.generate_data_key(KeyId=key["KeyId"], EncryptionContext={"purpose": "dk"}, **kwargs)
    assert resp["KeyId"] == key["Arn"]
    assert len(resp["Plaintext"]) == length
    dec = kms.decrypt(CiphertextBlob=resp["CiphertextBlob"], EncryptionContext={"purpose": "dk"})
    assert dec["Plaintext"] == resp["Plaintext"]
    assert dec["KeyId"] == key["Arn"]


@pytest.mark.parametrize("form", FORMS)
def test_generate_data_key_accepts_every_identifier_form(kms, key_with_alias, form):
    key, alias = key_with_alias
    resp = kms.generate_data_key(KeyId=identifier_forms(key, alias)[form], KeySpec="AES_256")
    assert resp["KeyId"] == key["Arn"]
    assert kms.decrypt(CiphertextBlob=resp["CiphertextBlob"])["Plaintext"] == resp["Plaintext"]


def test_generate_data_key_wrong_context_is_invalid_ciphertext(kms, key):
    resp = kms.generate_data_key(KeyId=key["KeyId"], KeySpec="AES_256", EncryptionContext={"a": "b"})
    err = expect_error(kms.decrypt, CiphertextBlob=resp["CiphertextBlob"])
    assert_error(err, "InvalidCiphertextException", "")


def test_generate_data_key_keys_are_random(kms, key):
    a = kms.generate_data_key(KeyId=key["KeyId"], KeySpec="AES_256")["Plaintext"]
    b = kms.generate_data_key(KeyId=key["KeyId"], KeySpec="AES_256")["Plaintext"]
    assert a != b


def test_generate_data_key_without_spec_or_bytes_is_validation_error(kms, key):
    resp = expect_error(kms.generate_data_key, KeyId=key["KeyId"])
    assert_error(resp, "ValidationException")


def test_generate_data_key_with_spec_and_bytes_is_validation_error(kms, key):
    resp = expect_error(kms.generate_data_key, KeyId=key["KeyId"], KeySpec="AES_256", NumberOfBytes=32)
    assert_error(resp, "ValidationException")


@pytest.mark.parametrize("n,bound", [(0, "greater than or equal to 1"), (1025, "less than or equal to 1024"),
                                     (2000, "less than or equal to 1024")])
def test_generate_data_key_number_of_bytes_out_of_range(kms_raw, key, n, bound):
    resp = expect_error(kms_raw.generate_data_key, KeyId=key["KeyId"], NumberOfBytes=n)
    assert_error(resp, "ValidationException",
                 f"1 validation error detected: Value '{n}' at 'numberOfBytes' failed to satisfy "
                 f"constraint: Member must have value {bound}")


def test_generate_data_key_unknown_key_spec_is_enum_validation_error(kms_raw, key):
    resp = expect_error(kms_raw.generate_data_key, KeyId=key["KeyId"], KeySpec="AES_512")
    err = assert_error(resp, "ValidationException")
    prefix = ("1 validation error detected: Value 'AES_512' at 'keySpec' failed to satisfy "
              "constraint: Member must satisfy enum value set: [")
    assert err["Message"].startswith(prefix)
    assert {v.strip() for v in err["Message"][len(prefix):-1].split(",")} == {"AES_256", "AES_128"}


def test_generate_data_key_nonexistent_key_is_not_found(kms):
    fake = str(uuid.uuid4())
    resp = expect_error(kms.generate_data_key, KeyId=fake, KeySpec="AES_256")
    assert_error(resp, "NotFoundException", f"Key '{key_arn(fake)}' does not exist")


def test_generate_data_key_dry_run_is_dry_run_operation(kms, key):
    resp = expect_error(kms.generate_data_key, KeyId=key["KeyId"], KeySpec="AES_256", DryRun=True)
    assert_error(resp, "DryRunOperationException", DRY_RUN_MSG)


@pytest.mark.parametrize("kwargs,length", [({"KeySpec": "AES_256"}, 32), ({"KeySpec": "AES_128"}, 16),
                                           ({"NumberOfBytes": 100}, 100)],
                         ids=["AES_256", "AES_128", "100-bytes"])
def test_generate_data_key_without_plaintext_returns_only_wrapped_key(kms, key, kwargs, length):
    resp = kms.generate_data_key_without_plaintext(KeyId=key["KeyId"], EncryptionContext={"x": "y"}, **kwargs)
    assert "Plaintext" not in resp
    assert resp["KeyId"] == key["Arn"]
    dec = kms.decrypt(CiphertextBlob=resp["CiphertextBlob"], EncryptionContext={"x": "y"})
    assert len(dec["Plaintext"]) == length
    err = expect_error(kms.decrypt, CiphertextBlob=resp["CiphertextBlob"])
    assert_error(err, "InvalidCiphertextException", "")


def test_generate_data_key_without_plaintext_via_alias_arn(kms, key_with_alias):
    key, alias = key_with_alias
    resp = kms.generate_data_key_without_plaintext(KeyId=identifier_forms(key, alias)["alias-arn"],
                                                    KeySpec="AES_256")
    assert resp["KeyId"] == key["Arn"]


def test_generate_data_key_without_plaintext_dry_run(kms, key):
    resp = expect_error(kms.generate_data_key_without_plaintext, KeyId=key["KeyId"], KeySpec="AES_256",
                        DryRun=True)
    assert_error(resp, "DryRunOperationException", DRY_RUN_MSG)


# --- GenerateDataKeyPair / GenerateDataKeyPairWithoutPlaintext ---------------------------------

PAIR_SPECS = ["RSA_2048", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_NIST_EDWARDS25519"]


def check_pair(private_der, public_der, spec):
    """The private key is PKCS #8 of the spec, and the public key is its SubjectPublicKeyInfo."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
    private = serialization.load_der_private_key(private_der, password=None)
    expected_type = {"RSA": rsa.RSAPrivateKey, "ECC_NIST_EDWARDS25519": ed25519.Ed25519PrivateKey}.get(
        spec.split("_")[0] if spec.startswith("RSA") else spec, ec.EllipticCurvePrivateKey)
    assert isinstance(private, expected_type)
    if spec.startswith("RSA"):
        assert private.key_size == int(spec.split("_")[1])
    elif spec.startswith("ECC_NIST_P"):
        assert private.curve.name == {"ECC_NIST_P256": "secp256r1", "ECC_NIST_P384": "secp384r1",
                                      "ECC_NIST_P521": "secp521r1"}[spec]
    derived = private.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    assert derived == public_der


@pytest.mark.parametrize("spec", PAIR_SPECS)
def test_generate_data_key_pair_returns_a_pkcs8_pair_whose_ciphertext_decrypts_to_it(kms, key, spec):
    context = {"purpose": "pair"}
    resp = kms.generate_data_key_pair(KeyId=key["KeyId"], KeyPairSpec=spec, EncryptionContext=context)
    assert resp["KeyId"] == key["Arn"] and resp["KeyPairSpec"] == spec
    check_pair(resp["PrivateKeyPlaintext"], resp["PublicKey"], spec)
    opened = kms.decrypt(CiphertextBlob=resp["PrivateKeyCiphertextBlob"], EncryptionContext=context)
    assert opened["Plaintext"] == resp["PrivateKeyPlaintext"]
    # Recorded from AWS: the context is bound to the private key's ciphertext.
    assert_error(expect_error(kms.decrypt, CiphertextBlob=resp["PrivateKeyCiphertextBlob"]), "InvalidCiphertextException", "")


@pytest.mark.parametrize("spec", ["RSA_2048", "ECC_NIST_P256"])
def test_generate_data_key_pair_without_plaintext_returns_no_private_key(kms, key, spec):
    resp = kms.generate_data_key_pair_without_plaintext(KeyId=key["KeyId"], KeyPairSpec=spec)
    assert "PrivateKeyPlaintext" not in resp and resp["KeyPairSpec"] == spec
    private = kms.decrypt(CiphertextBlob=resp["PrivateKeyCiphertextBlob"])["Plaintext"]
    check_pair(private, resp["PublicKey"], spec)


def test_data_key_pairs_differ_each_time(kms, key):
    first = kms.generate_data_key_pair(KeyId=key["KeyId"], KeyPairSpec="ECC_NIST_P256")
    second = kms.generate_data_key_pair(KeyId=key["KeyId"], KeyPairSpec="ECC_NIST_P256")
    assert first["PublicKey"] != second["PublicKey"]


@pytest.mark.parametrize("operation", ["generate_data_key_pair", "generate_data_key_pair_without_plaintext"])
def test_generate_data_key_pair_dry_run(kms, key, operation):
    resp = expect_error(getattr(kms, operation), KeyId=key["KeyId"], KeyPairSpec="RSA_2048", DryRun=True)
    assert_error(resp, "DryRunOperationException", DRY_RUN_MSG)


def test_generate_data_key_pair_needs_a_symmetric_encryption_key(kms):
    signing = kms.create_key(KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY")["KeyMetadata"]
    resp = expect_error(kms.generate_data_key_pair, KeyId=signing["KeyId"], KeyPairSpec="ECC_NIST_P256")
    assert_error(resp, "InvalidKeyUsageException",
                 f"{signing['Arn']} key usage is SIGN_VERIFY which is not valid for GenerateDataKeyPair.")


# --- GenerateRandom -----------------------------------------------------------------------------

@pytest.mark.parametrize("n", [1, 12, 44, 91, 1024])
def test_generate_random_returns_requested_length(kms, n):
    assert len(kms.generate_random(NumberOfBytes=n)["Plaintext"]) == n


def test_generate_random_is_random(kms):
    assert kms.generate_random(NumberOfBytes=32)["Plaintext"] != kms.generate_random(NumberOfBytes=32)["Plaintext"]


@pytest.mark.parametrize("n,message", [
    (None, "NumberOfBytes is required."),
    (0, "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: "
        "Member must have value greater than or equal to 1"),
    (1025, "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: "
           "Member must have value less than or equal to 1024"),
])
def test_generate_random_invalid_number_of_bytes(kms_raw, n, message):
    resp = expect_error(kms_raw.generate_random, NumberOfBytes=n)
    assert_error(resp, "ValidationException", message)
