"""Asymmetric KMS keys: RSA (ENCRYPT_DECRYPT, SIGN_VERIFY), NIST elliptic curves (SIGN_VERIFY,
KEY_AGREEMENT), secp256k1, Ed25519 (pure and Ed25519ph) and ML-DSA-44 / -65 / -87 (SIGN_VERIFY) — CreateKey / DescribeKey
metadata, GetPublicKey, Sign / Verify, RSA Encrypt / Decrypt / ReEncrypt, DeriveSharedSecret, JWTs,
the aws CLI, key states, the kms:SigningAlgorithm / kms:MessageType policy conditions, and
Ethereum-style public key recovery from secp256k1 signatures.

Every cryptographic result is checked by an independent implementation — Python's `cryptography`
package and the `openssl` CLI, fed the DER public key GetPublicKey returns, for ML-DSA the
pure-Python `dilithium-py`, and for Ed25519ph PyCryptodome — never by Arca itself.
Arca's own Verify / Decrypt / DeriveSharedSecret are additionally made to accept what the
independent side produced.

Sources of the asserted AWS behaviour, quoted beside each assertion:
  [rec]    /work/shared/reference/aws-recorded/kms/test_kms.snapshot.json (responses recorded from
           real AWS; the name in brackets after it is the recorded test).
  [api]    the AWS KMS API Reference (Sign/Verify MessageType, Decrypt EncryptionAlgorithm,
           Encrypt EncryptionContext), as mirrored by the AWS SDK docs.
  [issue]  AWS answers quoted in public issue threads (zalando/spring-cloud-config-aws-kms#82:
           "InvalidKeyUsageException: Algorithm SYMMETRIC_DEFAULT is incompatible with key spec
           RSA_4096." for Encrypt with an RSA key and no EncryptionAlgorithm).
Where AWS's answer could not be pinned, only the error code is asserted.

RSA_3072 / RSA_4096 keys are slow to generate: the module creates each (spec, usage) pair at most
once (the module-scoped `keys` cache) — three large RSA keys in all.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import time
import uuid
from pathlib import Path

import jwt
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed, decode_dss_signature, encode_dss_signature

from helpers import (DEFAULT_ACCOUNT, DISABLED_FMT, DRY_RUN_MSG, INCORRECT_KEY_MSG, assert_access_denied,
                     assert_enum_error, assert_error, expect_error, key_arn, unique_alias, user_with_policy)

MESSAGE = b"compat asymmetric message \x00\xff " + bytes(range(32))

# --- The key-spec tables ------------------------------------------------------------------------

RSA_SIGNING = {"RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512",
               "RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512"}
SIGNING_ALGORITHMS = {
    "RSA_2048": RSA_SIGNING, "RSA_3072": RSA_SIGNING, "RSA_4096": RSA_SIGNING,
    "ECC_NIST_P256": {"ECDSA_SHA_256"}, "ECC_NIST_P384": {"ECDSA_SHA_384"}, "ECC_NIST_P521": {"ECDSA_SHA_512"},
    "ECC_SECG_P256K1": {"ECDSA_SHA_256"},
    "ECC_NIST_EDWARDS25519": {"ED25519_SHA_512", "ED25519_PH_SHA_512"},
}
RSA_ENCRYPTION = {"RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"}
RSA_BYTES = {"RSA_2048": 256, "RSA_3072": 384, "RSA_4096": 512}
CURVES = {"ECC_NIST_P256": ec.SECP256R1, "ECC_NIST_P384": ec.SECP384R1, "ECC_NIST_P521": ec.SECP521R1}
OPENSSL_CURVE = {"ECC_NIST_P256": "P-256", "ECC_NIST_P384": "P-384", "ECC_NIST_P521": "P-521"}

# Every key this module uses: each pair is created at most once (see `keys`).
ASYMMETRIC_KEYS = [
    ("RSA_2048", "ENCRYPT_DECRYPT"), ("RSA_2048", "SIGN_VERIFY"),
    ("RSA_3072", "ENCRYPT_DECRYPT"), ("RSA_4096", "ENCRYPT_DECRYPT"), ("RSA_4096", "SIGN_VERIFY"),
    ("ECC_NIST_P256", "SIGN_VERIFY"), ("ECC_NIST_P256", "KEY_AGREEMENT"),
    ("ECC_NIST_P384", "SIGN_VERIFY"), ("ECC_NIST_P384", "KEY_AGREEMENT"),
    ("ECC_NIST_P521", "SIGN_VERIFY"), ("ECC_NIST_P521", "KEY_AGREEMENT"),
    ("ECC_SECG_P256K1", "SIGN_VERIFY"),
    ("ECC_NIST_EDWARDS25519", "SIGN_VERIFY"),
]


def pair_id(pair):
    return "-".join(pair)


def expected_algorithms(spec: str, usage: str) -> dict[str, set[str]]:
    """The algorithm lists a key of this spec and usage has in DescribeKey / GetPublicKey; the
    lists not named are absent."""
    if usage == "SIGN_VERIFY":
        return {"SigningAlgorithms": SIGNING_ALGORITHMS[spec]}
    if usage == "ENCRYPT_DECRYPT":
        return {"EncryptionAlgorithms": RSA_ENCRYPTION}
    if usage == "KEY_AGREEMENT":
        return {"KeyAgreementAlgorithms": {"ECDH"}}
    raise AssertionError(usage)


ALGORITHM_FIELDS = ("EncryptionAlgorithms", "SigningAlgorithms", "KeyAgreementAlgorithms", "MacAlgorithms")


def assert_algorithm_lists(response: dict, spec: str, usage: str):
    expected = expected_algorithms(spec, usage)
    for field in ALGORITHM_FIELDS:
        if field in expected:
            assert set(response.get(field, [])) == expected[field], (field, response.get(field))
            assert len(response[field]) == len(expected[field]), (field, response[field])
        else:
            assert field not in response, (field, response[field])


class KeyCache:
    """Creates each (spec, usage) key once per module; its public key too."""

    def __init__(self, kms):
        self.kms = kms
        self.created: dict[tuple[str, str], dict] = {}
        self.public: dict[tuple[str, str], bytes] = {}

    def __call__(self, spec: str, usage: str) -> dict:
        if (spec, usage) not in self.created:
            self.created[(spec, usage)] = self.kms.create_key(
                KeySpec=spec, KeyUsage=usage, Description=f"compat {spec} {usage}")["KeyMetadata"]
        return self.created[(spec, usage)]

    def public_der(self, spec: str, usage: str) -> bytes:
        if (spec, usage) not in self.public:
            self.public[(spec, usage)] = self.kms.get_public_key(KeyId=self(spec, usage)["KeyId"])["PublicKey"]
        return self.public[(spec, usage)]

    def public_key(self, spec: str, usage: str):
        return serialization.load_der_public_key(self.public_der(spec, usage))


@pytest.fixture(scope="module")
def keys(kms):
    return KeyCache(kms)


# --- Independent verification helpers -------------------------------------------------------------

def hash_name(algorithm: str) -> str:
    """'sha256' for RSASSA_PSS_SHA_256, ECDSA_SHA_256, …; 'sha1' for RSAES_OAEP_SHA_1."""
    return "sha" + algorithm.rsplit("_", 1)[1]


def hash_for(algorithm: str) -> hashes.HashAlgorithm:
    return {"sha1": hashes.SHA1, "sha256": hashes.SHA256, "sha384": hashes.SHA384,
            "sha512": hashes.SHA512}[hash_name(algorithm)]()


def digest_of(algorithm: str, message: bytes) -> bytes:
    return hashlib.new(hash_name(algorithm), message).digest()


def cryptography_verify(public_key, algorithm: str, signature: bytes, message: bytes, digest: bool = False):
    """Verify with `cryptography`; raises InvalidSignature. RSA PSS: MGF1 with the same hash and a
    salt as long as the digest; ECDSA: DER signature; Ed25519: pure."""
    if algorithm == "ED25519_SHA_512":
        assert isinstance(public_key, ed25519.Ed25519PublicKey)
        public_key.verify(signature, message)
        return
    h = hash_for(algorithm)
    chosen = Prehashed(h) if digest else h
    if algorithm.startswith("RSASSA_PSS_"):
        public_key.verify(signature, message, padding.PSS(mgf=padding.MGF1(hash_for(algorithm)),
                                                          salt_length=h.digest_size), chosen)
    elif algorithm.startswith("RSASSA_PKCS1_V1_5_"):
        public_key.verify(signature, message, padding.PKCS1v15(), chosen)
    elif algorithm.startswith("ECDSA_"):
        public_key.verify(signature, message, ec.ECDSA(chosen))
    else:
        raise AssertionError(algorithm)


def openssl(*args, cwd: Path, check: bool = True, input: bytes | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(["openssl", *map(str, args)], cwd=cwd, capture_output=True, input=input, timeout=60)
    if check:
        assert proc.returncode == 0, f"openssl {args} failed: {proc.stdout!r} {proc.stderr!r}"
    return proc


def openssl_verify(tmp_path: Path, public_der: bytes, algorithm: str, signature: bytes, message: bytes) -> bool:
    """True when `openssl` accepts the signature over the message, with Arca's DER public key."""
    work = tmp_path / f"ossl-{uuid.uuid4().hex[:8]}"
    work.mkdir()
    (work / "pub.der").write_bytes(public_der)
    (work / "sig").write_bytes(signature)
    (work / "msg").write_bytes(message)
    if algorithm == "ED25519_SHA_512":
        proc = openssl("pkeyutl", "-verify", "-pubin", "-inkey", "pub.der", "-keyform", "DER", "-rawin",
                       "-in", "msg", "-sigfile", "sig", cwd=work, check=False)
    else:
        args = ["dgst", f"-{hash_name(algorithm)}", "-verify", "pub.der", "-keyform", "DER"]
        if algorithm.startswith("RSASSA_PSS_"):
            args += ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest"]
        proc = openssl(*args, "-signature", "sig", "msg", cwd=work, check=False)
    return proc.returncode == 0 and b"Verified" in proc.stdout


# --- CreateKey / DescribeKey ---------------------------------------------------------------------

@pytest.mark.parametrize("pair", ASYMMETRIC_KEYS, ids=pair_id)
def test_create_and_describe_key_metadata(kms, keys, pair):
    spec, usage = pair
    created = keys(spec, usage)
    for md in (created, kms.describe_key(KeyId=created["KeyId"])["KeyMetadata"]):
        assert md["KeySpec"] == spec
        # The deprecated CustomerMasterKeySpec enum has no ECC_NIST_EDWARDS25519: such keys leave it out.
        assert md.get("CustomerMasterKeySpec") == (None if spec == "ECC_NIST_EDWARDS25519" else spec)
        assert md["KeyUsage"] == usage
        assert md["KeyState"] == "Enabled" and md["Enabled"] is True
        assert md["Origin"] == "AWS_KMS" and md["KeyManager"] == "CUSTOMER" and md["MultiRegion"] is False
        assert md["Arn"] == key_arn(md["KeyId"])
        # Only symmetric encryption keys have key material ids ([rec] test_hmac_create_key shows
        # a non-symmetric key without one).
        assert "CurrentKeyMaterialId" not in md
        assert_algorithm_lists(md, spec, usage)
    # CreateKey answers with the metadata DescribeKey gives ([rec] test_hmac_create_key).
    assert kms.describe_key(KeyId=created["KeyId"])["KeyMetadata"] == created


@pytest.mark.parametrize("spec", ["RSA_2048", "ECC_NIST_P256", "ECC_NIST_P521", "ECC_NIST_EDWARDS25519"])
def test_create_key_without_key_usage_is_validation_error(kms, spec):
    # [rec] test_hmac_create_key_invalid_operations: create-hmac-key-without-key-usage.
    resp = expect_error(kms.create_key, KeySpec=spec)
    assert_error(resp, "ValidationException",
                 "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.")


@pytest.mark.parametrize("spec,usage", [
    ("RSA_2048", "KEY_AGREEMENT"),
    ("RSA_2048", "GENERATE_VERIFY_MAC"),
    ("RSA_4096", "KEY_AGREEMENT"),
    ("ECC_NIST_P256", "ENCRYPT_DECRYPT"),
    ("ECC_NIST_P384", "GENERATE_VERIFY_MAC"),
    ("ECC_NIST_EDWARDS25519", "KEY_AGREEMENT"),
    ("ECC_NIST_EDWARDS25519", "ENCRYPT_DECRYPT"),
    ("ECC_SECG_P256K1", "KEY_AGREEMENT"),
    ("ECC_SECG_P256K1", "ENCRYPT_DECRYPT"),
    ("SYMMETRIC_DEFAULT", "SIGN_VERIFY"),
])
def test_create_key_with_usage_the_spec_cannot_have_is_validation_error(kms, spec, usage):
    # [rec] test_derive_shared_secret: response-invalid-key-spec, "KeyUsage KEY_AGREEMENT is not
    # compatible with KeySpec RSA_2048" (no final period) — the same sentence for every pair.
    resp = expect_error(kms.create_key, KeySpec=spec, KeyUsage=usage)
    assert_error(resp, "ValidationException", f"KeyUsage {usage} is not compatible with KeySpec {spec}")


# --- GetPublicKey --------------------------------------------------------------------------------

def openssl_describe_public_key(tmp_path: Path, der: bytes) -> str:
    path = tmp_path / f"pub-{uuid.uuid4().hex[:8]}.der"
    path.write_bytes(der)
    return openssl("pkey", "-pubin", "-inform", "DER", "-in", path.name, "-text_pub", "-noout",
                   cwd=tmp_path).stdout.decode()


@pytest.mark.parametrize("pair", ASYMMETRIC_KEYS, ids=pair_id)
def test_get_public_key_is_der_spki_of_the_right_type(kms, keys, tmp_path, pair):
    spec, usage = pair
    md = keys(spec, usage)
    resp = kms.get_public_key(KeyId=md["KeyId"])
    assert resp["KeyId"] == md["Arn"]
    assert resp["KeySpec"] == spec
    assert resp.get("CustomerMasterKeySpec") == (None if spec == "ECC_NIST_EDWARDS25519" else spec)
    assert resp["KeyUsage"] == usage
    assert_algorithm_lists(resp, spec, usage)
    der = resp["PublicKey"]
    public = serialization.load_der_public_key(der)
    # A canonical SubjectPublicKeyInfo: re-encoding it gives the same bytes.
    assert public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo) == der
    text = openssl_describe_public_key(tmp_path, der)
    if spec.startswith("RSA_"):
        assert isinstance(public, rsa.RSAPublicKey)
        assert public.key_size == RSA_BYTES[spec] * 8
        assert public.public_numbers().e == 65537
        assert f"Public-Key: ({RSA_BYTES[spec] * 8} bit)" in text, text
    elif spec in CURVES:
        assert isinstance(public, ec.EllipticCurvePublicKey)
        assert isinstance(public.curve, CURVES[spec])
        assert f"NIST CURVE: {OPENSSL_CURVE[spec]}" in text, text
    elif spec == "ECC_SECG_P256K1":
        assert isinstance(public, ec.EllipticCurvePublicKey)
        assert isinstance(public.curve, ec.SECP256K1)
        assert "ASN1 OID: secp256k1" in text and "Public-Key: (256 bit)" in text, text
        # The uncompressed point (SEC 1 §2.3.3), as Ethereum and Bitcoin tooling read it.
        assert der[-66:-65] == b"\x00" and der[-65:-64] == b"\x04" and len(der) == 88
    else:
        assert isinstance(public, ed25519.Ed25519PublicKey)
        assert "ED25519 Public-Key" in text, text
    # The same public key, however the key is named.
    alias = unique_alias("pub")
    kms.create_alias(AliasName=alias, TargetKeyId=md["KeyId"])
    for ident in (md["Arn"], alias):
        again = kms.get_public_key(KeyId=ident)
        assert again["PublicKey"] == der and again["KeyId"] == md["Arn"]


def test_get_public_key_of_symmetric_key_is_unsupported_operation(kms, key):
    # AWS refuses GetPublicKey for symmetric keys; its message is not pinned: code only.
    resp = expect_error(kms.get_public_key, KeyId=key["KeyId"])
    assert_error(resp, "UnsupportedOperationException")


def test_get_public_key_of_unknown_key_is_not_found(kms):
    fake = str(uuid.uuid4())
    resp = expect_error(kms.get_public_key, KeyId=fake)
    assert_error(resp, "NotFoundException", f"Key '{key_arn(fake)}' does not exist")


def test_two_keys_of_one_spec_have_different_public_keys(kms, keys):
    other = kms.create_key(KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY")["KeyMetadata"]
    assert kms.get_public_key(KeyId=other["KeyId"])["PublicKey"] != keys.public_der("ECC_NIST_P256", "SIGN_VERIFY")


# --- Sign / Verify -------------------------------------------------------------------------------

SIGN_CASES = [
    ("RSA_2048", "RSASSA_PKCS1_V1_5_SHA_256"), ("RSA_2048", "RSASSA_PKCS1_V1_5_SHA_384"),
    ("RSA_2048", "RSASSA_PKCS1_V1_5_SHA_512"), ("RSA_2048", "RSASSA_PSS_SHA_256"),
    ("RSA_2048", "RSASSA_PSS_SHA_384"), ("RSA_2048", "RSASSA_PSS_SHA_512"),
    ("RSA_4096", "RSASSA_PKCS1_V1_5_SHA_512"), ("RSA_4096", "RSASSA_PSS_SHA_384"),
    ("ECC_NIST_P256", "ECDSA_SHA_256"), ("ECC_NIST_P384", "ECDSA_SHA_384"), ("ECC_NIST_P521", "ECDSA_SHA_512"),
    ("ECC_SECG_P256K1", "ECDSA_SHA_256"),
    ("ECC_NIST_EDWARDS25519", "ED25519_SHA_512"),
]
DIGEST_CASES = [case for case in SIGN_CASES if case[1] != "ED25519_SHA_512"]


def check_signature_shape(spec: str, algorithm: str, signature: bytes):
    if spec.startswith("RSA_"):
        assert len(signature) == RSA_BYTES[spec]
    elif algorithm.startswith("ECDSA_"):
        r, s = decode_dss_signature(signature)  # a DER SEQUENCE of two INTEGERs
        assert encode_dss_signature(r, s) == signature
    else:
        assert len(signature) == 64


@pytest.mark.parametrize("spec,algorithm", SIGN_CASES)
def test_sign_raw_message_verifies_independently(kms, keys, tmp_path, spec, algorithm):
    md = keys(spec, "SIGN_VERIFY")
    resp = kms.sign(KeyId=md["KeyId"], Message=MESSAGE, MessageType="RAW", SigningAlgorithm=algorithm)
    assert resp["KeyId"] == md["Arn"]
    assert resp["SigningAlgorithm"] == algorithm
    signature = resp["Signature"]
    check_signature_shape(spec, algorithm, signature)
    public = keys.public_key(spec, "SIGN_VERIFY")
    der = keys.public_der(spec, "SIGN_VERIFY")
    cryptography_verify(public, algorithm, signature, MESSAGE)
    with pytest.raises(InvalidSignature):
        cryptography_verify(public, algorithm, signature, MESSAGE + b"!")
    assert openssl_verify(tmp_path, der, algorithm, signature, MESSAGE)
    assert not openssl_verify(tmp_path, der, algorithm, signature, MESSAGE + b"!")
    verified = kms.verify(KeyId=md["KeyId"], Message=MESSAGE, MessageType="RAW", Signature=signature,
                          SigningAlgorithm=algorithm)
    assert verified["SignatureValid"] is True
    assert verified["KeyId"] == md["Arn"] and verified["SigningAlgorithm"] == algorithm


@pytest.mark.parametrize("spec,algorithm", DIGEST_CASES)
def test_sign_digest_verifies_independently_and_as_the_raw_message(kms, keys, tmp_path, spec, algorithm):
    """"When the value is DIGEST, KMS skips the hashing step in the signing algorithm" [api]
    (Sign/Verify MessageType): a DIGEST signature of H(m) is a signature of m."""
    md = keys(spec, "SIGN_VERIFY")
    digest = digest_of(algorithm, MESSAGE)
    resp = kms.sign(KeyId=md["KeyId"], Message=digest, MessageType="DIGEST", SigningAlgorithm=algorithm)
    assert resp["SigningAlgorithm"] == algorithm and resp["KeyId"] == md["Arn"]
    signature = resp["Signature"]
    check_signature_shape(spec, algorithm, signature)
    public = keys.public_key(spec, "SIGN_VERIFY")
    cryptography_verify(public, algorithm, signature, digest, digest=True)
    cryptography_verify(public, algorithm, signature, MESSAGE)
    assert openssl_verify(tmp_path, keys.public_der(spec, "SIGN_VERIFY"), algorithm, signature, MESSAGE)
    for message, message_type in ((digest, "DIGEST"), (MESSAGE, "RAW")):
        assert kms.verify(KeyId=md["KeyId"], Message=message, MessageType=message_type, Signature=signature,
                          SigningAlgorithm=algorithm)["SignatureValid"] is True


def test_sign_without_message_type_signs_the_raw_message(kms, keys):
    """"You can submit a message digest and omit the MessageType or specify RAW so the digest is
    hashed again while signing" [api]: RAW is the default."""
    md = keys("ECC_NIST_P256", "SIGN_VERIFY")
    signature = kms.sign(KeyId=md["KeyId"], Message=MESSAGE, SigningAlgorithm="ECDSA_SHA_256")["Signature"]
    cryptography_verify(keys.public_key("ECC_NIST_P256", "SIGN_VERIFY"), "ECDSA_SHA_256", signature, MESSAGE)
    assert kms.verify(KeyId=md["KeyId"], Message=MESSAGE, Signature=signature,
                      SigningAlgorithm="ECDSA_SHA_256")["SignatureValid"] is True


@pytest.mark.parametrize("algorithm", ["RSASSA_PSS_SHA_256", "ECDSA_SHA_256"])
def test_signatures_are_randomized(kms, keys, algorithm):
    """PSS salts and ECDSA nonces are random: two signatures of one message differ, both valid."""
    spec = "RSA_2048" if algorithm.startswith("RSA") else "ECC_NIST_P256"
    md = keys(spec, "SIGN_VERIFY")
    a, b = (kms.sign(KeyId=md["KeyId"], Message=MESSAGE, SigningAlgorithm=algorithm)["Signature"] for _ in range(2))
    assert a != b
    for signature in (a, b):
        cryptography_verify(keys.public_key(spec, "SIGN_VERIFY"), algorithm, signature, MESSAGE)


@pytest.mark.parametrize("algorithm", ["RSASSA_PKCS1_V1_5_SHA_256", "ED25519_SHA_512"])
def test_deterministic_signatures_repeat(kms, keys, algorithm):
    """PKCS #1 v1.5 and pure Ed25519 are deterministic: the same message signs to the same bytes."""
    spec = "RSA_2048" if algorithm.startswith("RSA") else "ECC_NIST_EDWARDS25519"
    md = keys(spec, "SIGN_VERIFY")
    a, b = (kms.sign(KeyId=md["KeyId"], Message=MESSAGE, SigningAlgorithm=algorithm)["Signature"] for _ in range(2))
    assert a == b


def test_sign_message_of_4096_bytes_and_empty_or_larger_messages(kms_raw, keys):
    md = keys("ECC_NIST_P256", "SIGN_VERIFY")
    big = os.urandom(4096)
    signature = kms_raw.sign(KeyId=md["KeyId"], Message=big, MessageType="RAW",
                             SigningAlgorithm="ECDSA_SHA_256")["Signature"]
    cryptography_verify(keys.public_key("ECC_NIST_P256", "SIGN_VERIFY"), "ECDSA_SHA_256", signature, big)
    # The message is a sensitive PlaintextType of 1..4096 bytes: AWS leaves its value out, as for
    # Encrypt's plaintext (test_crypto.py).
    resp = expect_error(kms_raw.sign, KeyId=md["KeyId"], Message=big + b"x", SigningAlgorithm="ECDSA_SHA_256")
    assert_error(resp, "ValidationException",
                 "1 validation error detected: Value at 'message' failed to satisfy constraint: "
                 "Member must have length less than or equal to 4096")
    resp = expect_error(kms_raw.sign, KeyId=md["KeyId"], Message=b"", SigningAlgorithm="ECDSA_SHA_256")
    assert_error(resp, "ValidationException",
                 "1 validation error detected: Value at 'message' failed to satisfy constraint: "
                 "Member must have length greater than or equal to 1")


@pytest.mark.parametrize("spec,algorithm", [
    ("RSA_2048", "RSASSA_PSS_SHA_256"), ("RSA_2048", "RSASSA_PSS_SHA_384"), ("RSA_2048", "RSASSA_PSS_SHA_512"),
    ("RSA_2048", "RSASSA_PKCS1_V1_5_SHA_256"), ("RSA_4096", "RSASSA_PKCS1_V1_5_SHA_512"),
    ("ECC_NIST_P256", "ECDSA_SHA_256"), ("ECC_NIST_P384", "ECDSA_SHA_384"), ("ECC_NIST_P521", "ECDSA_SHA_512"),
    ("ECC_SECG_P256K1", "ECDSA_SHA_256"),
])
def test_digest_of_the_wrong_length_is_validation_error(kms, keys, spec, algorithm):
    """"When the value of MessageType is DIGEST, the length of the Message value must match the
    length of hashed messages for the specified signing algorithm" [api]; the message names the
    algorithm ([rec] test_sign_verify[…]: bad-digest, e.g. "Digest is invalid length for algorithm
    RSASSA_PSS_SHA_256.")."""
    md = keys(spec, "SIGN_VERIFY")
    right = digest_of(algorithm, MESSAGE)
    for wrong in (b"test message !%$@ 1234567890", right[:-1], right + b"\x00"):
        resp = expect_error(kms.sign, KeyId=md["KeyId"], Message=wrong, MessageType="DIGEST",
                            SigningAlgorithm=algorithm)
        assert_error(resp, "ValidationException", f"Digest is invalid length for algorithm {algorithm}.")
    # Verify checks the length too (LocalStack's AWS-validated test_sign_verify asserts the code).
    signature = kms.sign(KeyId=md["KeyId"], Message=right, MessageType="DIGEST",
                         SigningAlgorithm=algorithm)["Signature"]
    resp = expect_error(kms.verify, KeyId=md["KeyId"], Message=right[:-1], MessageType="DIGEST",
                        Signature=signature, SigningAlgorithm=algorithm)
    assert_error(resp, "ValidationException")


@pytest.mark.parametrize("spec,algorithm", [
    ("RSA_2048", "RSASSA_PSS_SHA_256"), ("RSA_2048", "RSASSA_PKCS1_V1_5_SHA_384"),
    ("ECC_NIST_P256", "ECDSA_SHA_256"), ("ECC_NIST_P521", "ECDSA_SHA_512"),
    ("ECC_SECG_P256K1", "ECDSA_SHA_256"),
    ("ECC_NIST_EDWARDS25519", "ED25519_SHA_512"),
])
def test_verify_of_a_bad_signature_is_invalid_signature(kms, keys, spec, algorithm):
    # [rec] test_sign_verify[…]: bad-signature — KMSInvalidSignatureException with an empty message.
    md = keys(spec, "SIGN_VERIFY")
    signature = kms.sign(KeyId=md["KeyId"], Message=MESSAGE, SigningAlgorithm=algorithm)["Signature"]
    other = kms.sign(KeyId=md["KeyId"], Message=b"bad", SigningAlgorithm=algorithm)["Signature"]
    flipped = bytearray(signature)
    flipped[len(flipped) // 2] ^= 0x01
    cases = {
        "signature-of-another-message": (MESSAGE, other),
        "other-message": (b"bad message 321", signature),
        "flipped-bit": (MESSAGE, bytes(flipped)),
    }
    for name, (message, sig) in cases.items():
        resp = expect_error(kms.verify, KeyId=md["KeyId"], Message=message, MessageType="RAW", Signature=sig,
                            SigningAlgorithm=algorithm)
        assert resp["Error"].get("Code") == "KMSInvalidSignatureException", (name, resp["Error"])
        assert resp["Error"].get("Message") == "", (name, resp["Error"])
        assert resp["ResponseMetadata"]["HTTPStatusCode"] == 400
        with pytest.raises((InvalidSignature, ValueError)):
            cryptography_verify(keys.public_key(spec, "SIGN_VERIFY"), algorithm, sig, message)


def test_signature_of_another_key_of_the_same_spec_is_invalid(kms, keys):
    md = keys("ECC_NIST_P256", "SIGN_VERIFY")
    other = kms.create_key(KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY")["KeyMetadata"]
    signature = kms.sign(KeyId=other["KeyId"], Message=MESSAGE, SigningAlgorithm="ECDSA_SHA_256")["Signature"]
    resp = expect_error(kms.verify, KeyId=md["KeyId"], Message=MESSAGE, Signature=signature,
                        SigningAlgorithm="ECDSA_SHA_256")
    assert_error(resp, "KMSInvalidSignatureException", "")


def test_verify_pss_signature_as_pkcs1_is_invalid_signature(kms, keys):
    """Both are algorithms of the key, so the request is valid; the signature is not."""
    md = keys("RSA_2048", "SIGN_VERIFY")
    signature = kms.sign(KeyId=md["KeyId"], Message=MESSAGE, SigningAlgorithm="RSASSA_PSS_SHA_256")["Signature"]
    resp = expect_error(kms.verify, KeyId=md["KeyId"], Message=MESSAGE, Signature=signature,
                        SigningAlgorithm="RSASSA_PKCS1_V1_5_SHA_256")
    assert_error(resp, "KMSInvalidSignatureException", "")


@pytest.mark.parametrize("spec,algorithm", [
    ("RSA_2048", "ECDSA_SHA_256"),
    ("RSA_2048", "ED25519_SHA_512"),
    ("ECC_NIST_P256", "ECDSA_SHA_384"),
    ("ECC_NIST_P384", "RSASSA_PSS_SHA_384"),
    ("ECC_NIST_EDWARDS25519", "ECDSA_SHA_512"),
    ("ECC_SECG_P256K1", "ECDSA_SHA_384"),
    ("ECC_SECG_P256K1", "RSASSA_PSS_SHA_256"),
])
def test_sign_or_verify_with_an_algorithm_the_key_cannot_use_is_invalid_key_usage(kms, keys, spec, algorithm):
    """InvalidKeyUsageException, worded as AWS words an algorithm a key spec cannot use ([rec]
    test_invalid_generate_mac: "Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.";
    [issue] "Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_4096.")."""
    md = keys(spec, "SIGN_VERIFY")
    message = f"Algorithm {algorithm} is incompatible with key spec {spec}."
    resp = expect_error(kms.sign, KeyId=md["KeyId"], Message=MESSAGE, SigningAlgorithm=algorithm)
    assert_error(resp, "InvalidKeyUsageException", message)
    resp = expect_error(kms.verify, KeyId=md["KeyId"], Message=MESSAGE, Signature=b"\x30" * 64,
                        SigningAlgorithm=algorithm)
    assert_error(resp, "InvalidKeyUsageException", message)


@pytest.mark.parametrize("spec,usage", [("RSA_2048", "ENCRYPT_DECRYPT"), ("ECC_NIST_P256", "KEY_AGREEMENT")])
def test_sign_and_verify_with_a_key_of_another_usage_is_invalid_key_usage(kms, keys, spec, usage):
    # [rec] test_error_messaging_for_invalid_keys: "<key-arn> key usage is GENERATE_VERIFY_MAC which
    # is not valid for Sign." and "… ENCRYPT_DECRYPT which is not valid for Verify.".
    md = keys(spec, usage)
    algorithm = "RSASSA_PSS_SHA_256" if spec.startswith("RSA") else "ECDSA_SHA_256"
    resp = expect_error(kms.sign, KeyId=md["KeyId"], Message=MESSAGE, SigningAlgorithm=algorithm)
    assert_error(resp, "InvalidKeyUsageException", f"{md['Arn']} key usage is {usage} which is not valid for Sign.")
    resp = expect_error(kms.verify, KeyId=md["KeyId"], Message=MESSAGE, Signature=b"\x01" * 64,
                        SigningAlgorithm=algorithm)
    assert_error(resp, "InvalidKeyUsageException", f"{md['Arn']} key usage is {usage} which is not valid for Verify.")


def test_sign_and_verify_with_a_symmetric_key_is_invalid_key_usage(kms, key):
    # [rec] test_error_messaging_for_invalid_keys: verify-invalid-key-id (a symmetric key).
    resp = expect_error(kms.verify, KeyId=key["KeyId"], Message=b"test message", Signature=b"random text",
                        SigningAlgorithm="ECDSA_SHA_256")
    assert_error(resp, "InvalidKeyUsageException",
                 f"{key['Arn']} key usage is ENCRYPT_DECRYPT which is not valid for Verify.")
    resp = expect_error(kms.sign, KeyId=key["KeyId"], Message=MESSAGE, SigningAlgorithm="ECDSA_SHA_256")
    assert_error(resp, "InvalidKeyUsageException",
                 f"{key['Arn']} key usage is ENCRYPT_DECRYPT which is not valid for Sign.")


def test_sign_with_unknown_key_is_not_found(kms):
    fake = str(uuid.uuid4())
    resp = expect_error(kms.sign, KeyId=fake, Message=MESSAGE, SigningAlgorithm="ECDSA_SHA_256")
    assert_error(resp, "NotFoundException", f"Key '{key_arn(fake)}' does not exist")


SIGNING_ENUM = {"RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512", "RSASSA_PKCS1_V1_5_SHA_256",
                "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512", "ECDSA_SHA_256", "ECDSA_SHA_384",
                "ECDSA_SHA_512", "SM2DSA", "ML_DSA_SHAKE_256", "ED25519_SHA_512", "ED25519_PH_SHA_512"}


@pytest.mark.parametrize("operation", ["sign", "verify"])
def test_unknown_signing_algorithm_or_message_type_is_enum_validation_error(kms_raw, keys, operation):
    md = keys("ECC_NIST_P256", "SIGN_VERIFY")
    extra = {"Signature": b"\x01" * 64} if operation == "verify" else {}
    call = getattr(kms_raw, operation)
    resp = expect_error(call, KeyId=md["KeyId"], Message=MESSAGE, SigningAlgorithm="ECDSA_SHA_1", **extra)
    assert_enum_error(assert_error(resp, "ValidationException")["Message"], "ECDSA_SHA_1", "signingAlgorithm",
                      SIGNING_ENUM)
    resp = expect_error(call, KeyId=md["KeyId"], Message=MESSAGE, MessageType="HASHED",
                        SigningAlgorithm="ECDSA_SHA_256", **extra)
    assert_enum_error(assert_error(resp, "ValidationException")["Message"], "HASHED", "messageType",
                      {"RAW", "DIGEST", "EXTERNAL_MU"})


def test_sign_and_verify_dry_run(kms, keys):
    md = keys("ECC_NIST_P256", "SIGN_VERIFY")
    resp = expect_error(kms.sign, KeyId=md["KeyId"], Message=MESSAGE, SigningAlgorithm="ECDSA_SHA_256", DryRun=True)
    assert_error(resp, "DryRunOperationException", DRY_RUN_MSG)
    signature = kms.sign(KeyId=md["KeyId"], Message=MESSAGE, SigningAlgorithm="ECDSA_SHA_256")["Signature"]
    resp = expect_error(kms.verify, KeyId=md["KeyId"], Message=MESSAGE, Signature=signature,
                        SigningAlgorithm="ECDSA_SHA_256", DryRun=True)
    assert_error(resp, "DryRunOperationException", DRY_RUN_MSG)


# --- RSA Encrypt / Decrypt / ReEncrypt -----------------------------------------------------------

def oaep(algorithm: str) -> padding.OAEP:
    h = hash_for(algorithm)
    return padding.OAEP(mgf=padding.MGF1(algorithm=hash_for(algorithm)), algorithm=h, label=None)


def oaep_limit(spec: str, algorithm: str) -> int:
    """RFC 8017 §7.1.1: k - 2·hLen - 2 bytes."""
    return RSA_BYTES[spec] - 2 * hash_for(algorithm).digest_size - 2


def test_oaep_limits_match_the_recorded_ones():
    # [rec] test_encrypt_validate_plaintext_size_per_key_type[…]
    assert {(s, a): oaep_limit(s, a) for s in RSA_BYTES for a in sorted(RSA_ENCRYPTION)} == {
        ("RSA_2048", "RSAES_OAEP_SHA_1"): 214, ("RSA_2048", "RSAES_OAEP_SHA_256"): 190,
        ("RSA_3072", "RSAES_OAEP_SHA_1"): 342, ("RSA_3072", "RSAES_OAEP_SHA_256"): 318,
        ("RSA_4096", "RSAES_OAEP_SHA_1"): 470, ("RSA_4096", "RSAES_OAEP_SHA_256"): 446}


@pytest.mark.parametrize("spec,algorithm", [
    ("RSA_2048", "RSAES_OAEP_SHA_1"), ("RSA_2048", "RSAES_OAEP_SHA_256"),
    ("RSA_3072", "RSAES_OAEP_SHA_256"), ("RSA_4096", "RSAES_OAEP_SHA_1"),
])
def test_ciphertext_made_offline_with_cryptography_decrypts_in_arca(kms, keys, spec, algorithm):
    """"The Decrypt operation also decrypts ciphertext that was encrypted outside of AWS KMS by the
    public key in an AWS KMS asymmetric KMS key" [api] (Decrypt)."""
    md = keys(spec, "ENCRYPT_DECRYPT")
    plaintext = os.urandom(oaep_limit(spec, algorithm))
    ciphertext = keys.public_key(spec, "ENCRYPT_DECRYPT").encrypt(plaintext, oaep(algorithm))
    resp = kms.decrypt(KeyId=md["KeyId"], CiphertextBlob=ciphertext, EncryptionAlgorithm=algorithm)
    assert resp["Plaintext"] == plaintext
    assert resp["KeyId"] == md["Arn"]
    assert resp["EncryptionAlgorithm"] == algorithm


@pytest.mark.parametrize("algorithm", sorted(RSA_ENCRYPTION))
def test_ciphertext_made_offline_with_openssl_decrypts_in_arca(kms, keys, tmp_path, algorithm):
    md = keys("RSA_2048", "ENCRYPT_DECRYPT")
    (tmp_path / "pub.der").write_bytes(keys.public_der("RSA_2048", "ENCRYPT_DECRYPT"))
    plaintext = b"openssl wrapped secret " + os.urandom(16)
    (tmp_path / "pt").write_bytes(plaintext)
    md_name = hash_name(algorithm)
    openssl("pkeyutl", "-encrypt", "-pubin", "-inkey", "pub.der", "-keyform", "DER",
            "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", f"rsa_oaep_md:{md_name}",
            "-pkeyopt", f"rsa_mgf1_md:{md_name}", "-in", "pt", "-out", "ct", cwd=tmp_path)
    ciphertext = (tmp_path / "ct").read_bytes()
    assert len(ciphertext) == 256
    resp = kms.decrypt(KeyId=md["Arn"], CiphertextBlob=ciphertext, EncryptionAlgorithm=algorithm)
    assert resp["Plaintext"] == plaintext and resp["EncryptionAlgorithm"] == algorithm


@pytest.mark.parametrize("algorithm", sorted(RSA_ENCRYPTION))
def test_arca_rsa_ciphertext_is_modulus_sized_randomized_and_round_trips(kms, keys, algorithm):
    """Nothing independent holds the private key, so Arca's ciphertext is checked by shape (exactly
    k bytes, an integer below the modulus, different on every call) and round trip."""
    md = keys("RSA_2048", "ENCRYPT_DECRYPT")
    plaintext = b"rsa round trip \x00\xff"
    a = kms.encrypt(KeyId=md["KeyId"], Plaintext=plaintext, EncryptionAlgorithm=algorithm)
    b = kms.encrypt(KeyId=md["KeyId"], Plaintext=plaintext, EncryptionAlgorithm=algorithm)
    assert a["KeyId"] == md["Arn"] and a["EncryptionAlgorithm"] == algorithm
    modulus = keys.public_key("RSA_2048", "ENCRYPT_DECRYPT").public_numbers().n
    for blob in (a["CiphertextBlob"], b["CiphertextBlob"]):
        assert len(blob) == 256
        assert int.from_bytes(blob, "big") < modulus
        assert plaintext not in blob
        dec = kms.decrypt(KeyId=md["KeyId"], CiphertextBlob=blob, EncryptionAlgorithm=algorithm)
        assert dec["Plaintext"] == plaintext and dec["KeyId"] == md["Arn"] and dec["EncryptionAlgorithm"] == algorithm
    assert a["CiphertextBlob"] != b["CiphertextBlob"]


def test_rsa_ciphertext_decrypted_with_the_other_oaep_hash_fails(kms, keys):
    """"Specify the same algorithm that was used to encrypt the data. If you specify a different
    algorithm, the Decrypt operation fails." [api] (Decrypt EncryptionAlgorithm). The code is not
    pinned: OAEP decoding fails (InvalidCiphertextException), though a public Terraform provider
    doc reports IncorrectKeyException for a mismatched algorithm."""
    md = keys("RSA_2048", "ENCRYPT_DECRYPT")
    ciphertext = keys.public_key("RSA_2048", "ENCRYPT_DECRYPT").encrypt(b"sha-1 wrapped", oaep("RSAES_OAEP_SHA_1"))
    resp = expect_error(kms.decrypt, KeyId=md["KeyId"], CiphertextBlob=ciphertext,
                        EncryptionAlgorithm="RSAES_OAEP_SHA_256")
    assert resp["Error"]["Code"] in {"InvalidCiphertextException", "IncorrectKeyException"}, resp["Error"]


def test_decrypt_rsa_ciphertext_without_encryption_algorithm_fails(kms, keys):
    """"When the KMS key is asymmetric, you must specify the KMS key and the encryption algorithm
    that was used to encrypt the ciphertext" [api] (Decrypt). The code is not pinned by the API
    reference: InvalidCiphertextException (an emulator reports measuring that on AWS) or
    InvalidKeyUsageException (SYMMETRIC_DEFAULT, the default, does not fit an RSA key)."""
    md = keys("RSA_2048", "ENCRYPT_DECRYPT")
    ciphertext = keys.public_key("RSA_2048", "ENCRYPT_DECRYPT").encrypt(b"needs an algorithm",
                                                                        oaep("RSAES_OAEP_SHA_256"))
    for kwargs in ({"KeyId": md["KeyId"]}, {}):
        resp = expect_error(kms.decrypt, CiphertextBlob=ciphertext, **kwargs)
        assert resp["Error"]["Code"] in {"InvalidCiphertextException", "InvalidKeyUsageException"}, \
            (kwargs, resp["Error"])


def test_decrypt_tampered_rsa_ciphertext_is_invalid_ciphertext(kms, keys):
    md = keys("RSA_2048", "ENCRYPT_DECRYPT")
    blob = bytearray(kms.encrypt(KeyId=md["KeyId"], Plaintext=b"tamper me",
                                 EncryptionAlgorithm="RSAES_OAEP_SHA_256")["CiphertextBlob"])
    blob[-1] ^= 0x01
    resp = expect_error(kms.decrypt, KeyId=md["KeyId"], CiphertextBlob=bytes(blob),
                        EncryptionAlgorithm="RSAES_OAEP_SHA_256")
    assert_error(resp, "InvalidCiphertextException")


def test_encrypt_with_rsa_key_and_encryption_context_is_refused(kms, keys):
    """"An encryption context is valid only for cryptographic operations with a symmetric
    encryption KMS key. The standard asymmetric encryption algorithms and HMAC algorithms that KMS
    uses do not support an encryption context." [api] (Encrypt/Decrypt EncryptionContext). The API
    reference names no error; two independent emulators (floci, which states it measured AWS, and
    another) answer ValidationException "EncryptionContext is not supported when
    encrypting/decrypting with asymmetric CMKs.": the code only."""
    md = keys("RSA_2048", "ENCRYPT_DECRYPT")
    resp = expect_error(kms.encrypt, KeyId=md["KeyId"], Plaintext=b"x", EncryptionAlgorithm="RSAES_OAEP_SHA_256",
                        EncryptionContext={"app": "demo"})
    assert_error(resp, "ValidationException")
    ciphertext = keys.public_key("RSA_2048", "ENCRYPT_DECRYPT").encrypt(b"x", oaep("RSAES_OAEP_SHA_256"))
    resp = expect_error(kms.decrypt, KeyId=md["KeyId"], CiphertextBlob=ciphertext,
                        EncryptionAlgorithm="RSAES_OAEP_SHA_256", EncryptionContext={"app": "demo"})
    assert_error(resp, "ValidationException")


@pytest.mark.parametrize("spec,algorithm", [
    ("RSA_2048", "RSAES_OAEP_SHA_1"), ("RSA_2048", "RSAES_OAEP_SHA_256"),
    ("RSA_3072", "RSAES_OAEP_SHA_1"), ("RSA_3072", "RSAES_OAEP_SHA_256"),
    ("RSA_4096", "RSAES_OAEP_SHA_1"), ("RSA_4096", "RSAES_OAEP_SHA_256"),
])
def test_rsa_plaintext_limit_at_the_boundary(kms, keys, spec, algorithm):
    # [rec] test_encrypt_validate_plaintext_size_per_key_type[…]: "Algorithm RSAES_OAEP_SHA_1 and key
    # spec RSA_2048 cannot encrypt data larger than 214 bytes."
    md = keys(spec, "ENCRYPT_DECRYPT")
    limit = oaep_limit(spec, algorithm)
    at_limit = os.urandom(limit)
    blob = kms.encrypt(KeyId=md["KeyId"], Plaintext=at_limit, EncryptionAlgorithm=algorithm)["CiphertextBlob"]
    assert len(blob) == RSA_BYTES[spec]
    assert kms.decrypt(KeyId=md["KeyId"], CiphertextBlob=blob, EncryptionAlgorithm=algorithm)["Plaintext"] == at_limit
    message = f"Algorithm {algorithm} and key spec {spec} cannot encrypt data larger than {limit} bytes."
    for size in (limit + 1, 880):
        resp = expect_error(kms.encrypt, KeyId=md["KeyId"], Plaintext=os.urandom(size), EncryptionAlgorithm=algorithm)
        assert_error(resp, "ValidationException", message)


def test_encrypt_with_rsa_key_and_default_algorithm_is_invalid_key_usage(kms, keys):
    # [issue] zalando/spring-cloud-config-aws-kms#82 quotes AWS: "Algorithm SYMMETRIC_DEFAULT is
    # incompatible with key spec RSA_4096." — the same sentence for RSA_2048.
    md = keys("RSA_2048", "ENCRYPT_DECRYPT")
    for kwargs in ({}, {"EncryptionAlgorithm": "SYMMETRIC_DEFAULT"}):
        resp = expect_error(kms.encrypt, KeyId=md["KeyId"], Plaintext=b"x", **kwargs)
        assert_error(resp, "InvalidKeyUsageException",
                     "Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.")


def test_encrypt_with_symmetric_key_and_rsa_algorithm_is_invalid_key_usage(kms, key):
    # The same sentence the other way round ([issue] above; [rec] test_invalid_generate_mac).
    resp = expect_error(kms.encrypt, KeyId=key["KeyId"], Plaintext=b"x", EncryptionAlgorithm="RSAES_OAEP_SHA_256")
    assert_error(resp, "InvalidKeyUsageException",
                 "Algorithm RSAES_OAEP_SHA_256 is incompatible with key spec SYMMETRIC_DEFAULT.")


@pytest.mark.parametrize("spec,usage", [("RSA_2048", "SIGN_VERIFY"), ("ECC_NIST_P256", "SIGN_VERIFY"),
                                        ("ECC_NIST_P256", "KEY_AGREEMENT")])
def test_encrypt_with_a_key_of_another_usage_is_invalid_key_usage(kms, keys, spec, usage):
    # [rec] test_error_messaging_for_invalid_keys: encrypt-invalid-key-id, "<key-arn> key usage is
    # SIGN_VERIFY which is not valid for Encrypt." (an RSA_2048 SIGN_VERIFY key, no algorithm).
    md = keys(spec, usage)
    resp = expect_error(kms.encrypt, KeyId=md["KeyId"], Plaintext=b"test message 123!@#")
    assert_error(resp, "InvalidKeyUsageException", f"{md['Arn']} key usage is {usage} which is not valid for Encrypt.")


def test_encrypt_with_rsa_key_dry_run(kms, keys):
    md = keys("RSA_2048", "ENCRYPT_DECRYPT")
    resp = expect_error(kms.encrypt, KeyId=md["KeyId"], Plaintext=b"x", EncryptionAlgorithm="RSAES_OAEP_SHA_1",
                        DryRun=True)
    assert_error(resp, "DryRunOperationException", DRY_RUN_MSG)


def test_re_encrypt_from_rsa_to_symmetric_and_back(kms, keys, key):
    """ReEncrypt names both algorithms ([rec] test_re_encrypt[RSA_2048-RSAES_OAEP_SHA_256]:
    SourceEncryptionAlgorithm / DestinationEncryptionAlgorithm / SourceKeyId / KeyId)."""
    rsa_md = keys("RSA_2048", "ENCRYPT_DECRYPT")
    plaintext = b"moving between keys " + os.urandom(8)
    # Start from a ciphertext made independently, offline.
    offline = keys.public_key("RSA_2048", "ENCRYPT_DECRYPT").encrypt(plaintext, oaep("RSAES_OAEP_SHA_256"))
    to_symmetric = kms.re_encrypt(CiphertextBlob=offline, SourceKeyId=rsa_md["KeyId"],
                                  SourceEncryptionAlgorithm="RSAES_OAEP_SHA_256", DestinationKeyId=key["KeyId"])
    assert to_symmetric["SourceKeyId"] == rsa_md["Arn"] and to_symmetric["KeyId"] == key["Arn"]
    assert to_symmetric["SourceEncryptionAlgorithm"] == "RSAES_OAEP_SHA_256"
    assert to_symmetric["DestinationEncryptionAlgorithm"] == "SYMMETRIC_DEFAULT"
    assert kms.decrypt(CiphertextBlob=to_symmetric["CiphertextBlob"])["Plaintext"] == plaintext

    back = kms.re_encrypt(CiphertextBlob=to_symmetric["CiphertextBlob"], DestinationKeyId=rsa_md["Arn"],
                          DestinationEncryptionAlgorithm="RSAES_OAEP_SHA_1")
    assert back["SourceKeyId"] == key["Arn"] and back["KeyId"] == rsa_md["Arn"]
    assert back["SourceEncryptionAlgorithm"] == "SYMMETRIC_DEFAULT"
    assert back["DestinationEncryptionAlgorithm"] == "RSAES_OAEP_SHA_1"
    assert len(back["CiphertextBlob"]) == 256
    assert kms.decrypt(KeyId=rsa_md["KeyId"], CiphertextBlob=back["CiphertextBlob"],
                       EncryptionAlgorithm="RSAES_OAEP_SHA_1")["Plaintext"] == plaintext

    # RSA to RSA, changing the OAEP hash.
    again = kms.re_encrypt(CiphertextBlob=back["CiphertextBlob"], SourceKeyId=rsa_md["KeyId"],
                           SourceEncryptionAlgorithm="RSAES_OAEP_SHA_1", DestinationKeyId=rsa_md["KeyId"],
                           DestinationEncryptionAlgorithm="RSAES_OAEP_SHA_256")
    assert again["SourceEncryptionAlgorithm"] == "RSAES_OAEP_SHA_1"
    assert again["DestinationEncryptionAlgorithm"] == "RSAES_OAEP_SHA_256"
    assert kms.decrypt(KeyId=rsa_md["KeyId"], CiphertextBlob=again["CiphertextBlob"],
                       EncryptionAlgorithm="RSAES_OAEP_SHA_256")["Plaintext"] == plaintext


# --- DeriveSharedSecret --------------------------------------------------------------------------

@pytest.mark.parametrize("spec", list(CURVES))
def test_derive_shared_secret_matches_cryptography_and_openssl(kms, keys, tmp_path, spec):
    md = keys(spec, "KEY_AGREEMENT")
    peer = ec.generate_private_key(CURVES[spec]())
    peer_der = peer.public_key().public_bytes(serialization.Encoding.DER,
                                              serialization.PublicFormat.SubjectPublicKeyInfo)
    resp = kms.derive_shared_secret(KeyId=md["KeyId"], KeyAgreementAlgorithm="ECDH", PublicKey=peer_der)
    # [rec] test_derive_shared_secret: response — KeyId, KeyAgreementAlgorithm, KeyOrigin.
    assert resp["KeyId"] == md["Arn"]
    assert resp["KeyAgreementAlgorithm"] == "ECDH"
    assert resp["KeyOrigin"] == "AWS_KMS"
    arca_public = keys.public_key(spec, "KEY_AGREEMENT")
    expected = peer.exchange(ec.ECDH(), arca_public)
    assert resp["SharedSecret"] == expected
    assert len(expected) == (arca_public.curve.key_size + 7) // 8
    # openssl, from the peer's private key and Arca's DER public key.
    (tmp_path / "peer.pem").write_bytes(peer.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    (tmp_path / "arca.der").write_bytes(keys.public_der(spec, "KEY_AGREEMENT"))
    derived = openssl("pkeyutl", "-derive", "-inkey", "peer.pem", "-peerkey", "arca.der", "-peerform", "DER",
                      cwd=tmp_path).stdout
    assert derived == resp["SharedSecret"]


def test_two_arca_keys_derive_the_same_secret(kms, keys):
    # [rec] test_derive_shared_secret: secret1 == secret2.
    a = keys("ECC_NIST_P256", "KEY_AGREEMENT")
    b = kms.create_key(KeySpec="ECC_NIST_P256", KeyUsage="KEY_AGREEMENT")["KeyMetadata"]
    pub_a = keys.public_der("ECC_NIST_P256", "KEY_AGREEMENT")
    pub_b = kms.get_public_key(KeyId=b["KeyId"])["PublicKey"]
    ab = kms.derive_shared_secret(KeyId=a["KeyId"], KeyAgreementAlgorithm="ECDH", PublicKey=pub_b)["SharedSecret"]
    ba = kms.derive_shared_secret(KeyId=b["KeyId"], KeyAgreementAlgorithm="ECDH", PublicKey=pub_a)["SharedSecret"]
    assert ab == ba and len(ab) == 32


@pytest.mark.parametrize("spec,peer_curve", [("ECC_NIST_P256", ec.SECP384R1), ("ECC_NIST_P384", ec.SECP521R1),
                                             ("ECC_NIST_P521", ec.SECP256R1)])
def test_derive_shared_secret_with_a_peer_key_on_another_curve_is_validation_error(kms, keys, spec, peer_curve):
    md = keys(spec, "KEY_AGREEMENT")
    peer = ec.generate_private_key(peer_curve()).public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    resp = expect_error(kms.derive_shared_secret, KeyId=md["KeyId"], KeyAgreementAlgorithm="ECDH", PublicKey=peer)
    assert_error(resp, "ValidationException")


def test_derive_shared_secret_with_a_public_key_that_is_not_spki_is_validation_error(kms, keys):
    # [rec] test_derive_shared_secret: response-invalid-public-key — ValidationException, empty message.
    md = keys("ECC_NIST_P256", "KEY_AGREEMENT")
    resp = expect_error(kms.derive_shared_secret, KeyId=md["KeyId"], KeyAgreementAlgorithm="ECDH",
                        PublicKey=b"InvalidPublicKey")
    assert_error(resp, "ValidationException", "")


def test_derive_shared_secret_with_an_rsa_public_key_is_validation_error(kms, keys):
    md = keys("ECC_NIST_P256", "KEY_AGREEMENT")
    resp = expect_error(kms.derive_shared_secret, KeyId=md["KeyId"], KeyAgreementAlgorithm="ECDH",
                        PublicKey=keys.public_der("RSA_2048", "ENCRYPT_DECRYPT"))
    assert_error(resp, "ValidationException")


def test_derive_shared_secret_with_a_key_of_another_usage_is_invalid_key_usage(kms, keys, key):
    # [rec] test_derive_shared_secret: response-invalid-key-usage (ECC_NIST_P256 SIGN_VERIFY) and
    # response-invalid-key (a symmetric key).
    peer = keys.public_der("ECC_NIST_P256", "KEY_AGREEMENT")
    sign_key = keys("ECC_NIST_P256", "SIGN_VERIFY")
    for md, usage in ((sign_key, "SIGN_VERIFY"), (key, "ENCRYPT_DECRYPT")):
        resp = expect_error(kms.derive_shared_secret, KeyId=md["KeyId"], KeyAgreementAlgorithm="ECDH", PublicKey=peer)
        assert_error(resp, "InvalidKeyUsageException",
                     f"{md['Arn']} key usage is {usage} which is not valid for DeriveSharedSecret.")


def test_derive_shared_secret_unknown_algorithm_is_enum_validation_error(kms_raw, keys):
    # [rec] test_derive_shared_secret: response-invalid-key-agreement-algo.
    md = keys("ECC_NIST_P256", "KEY_AGREEMENT")
    resp = expect_error(kms_raw.derive_shared_secret, KeyId=md["KeyId"], KeyAgreementAlgorithm="INVALID",
                        PublicKey=keys.public_der("ECC_NIST_P256", "KEY_AGREEMENT"))
    assert_error(resp, "ValidationException",
                 "1 validation error detected: Value 'INVALID' at 'keyAgreementAlgorithm' failed to satisfy "
                 "constraint: Member must satisfy enum value set: [ECDH]")


def test_derive_shared_secret_dry_run(kms, keys):
    md = keys("ECC_NIST_P256", "KEY_AGREEMENT")
    resp = expect_error(kms.derive_shared_secret, KeyId=md["KeyId"], KeyAgreementAlgorithm="ECDH",
                        PublicKey=keys.public_der("ECC_NIST_P256", "KEY_AGREEMENT"), DryRun=True)
    assert_error(resp, "DryRunOperationException", DRY_RUN_MSG)


# --- JWT: sign with Arca, verify with PyJWT -------------------------------------------------------

def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@pytest.mark.parametrize("spec,jwa,algorithm", [("RSA_2048", "RS256", "RSASSA_PKCS1_V1_5_SHA_256"),
                                                ("RSA_2048", "PS256", "RSASSA_PSS_SHA_256"),
                                                ("ECC_NIST_P256", "ES256", "ECDSA_SHA_256")])
def test_jwt_signed_by_arca_verifies_with_pyjwt(kms, keys, spec, jwa, algorithm):
    md = keys(spec, "SIGN_VERIFY")
    claims = {"sub": "compat", "iss": md["Arn"], "iat": int(time.time()), "exp": int(time.time()) + 600}
    header = {"alg": jwa, "typ": "JWT", "kid": md["KeyId"]}
    signing_input = (b64url(json.dumps(header, separators=(",", ":")).encode()) + "."
                     + b64url(json.dumps(claims, separators=(",", ":")).encode()))
    signature = kms.sign(KeyId=md["KeyId"], Message=signing_input.encode(), MessageType="RAW",
                         SigningAlgorithm=algorithm)["Signature"]
    if jwa == "ES256":
        # JWS (RFC 7518 §3.4) carries ECDSA signatures as r || s, 32 bytes each, not DER.
        r, s = decode_dss_signature(signature)
        signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    token = signing_input + "." + b64url(signature)
    public_pem = keys.public_key(spec, "SIGN_VERIFY").public_bytes(serialization.Encoding.PEM,
                                                                   serialization.PublicFormat.SubjectPublicKeyInfo)
    assert jwt.get_unverified_header(token)["kid"] == md["KeyId"]
    assert jwt.decode(token, public_pem, algorithms=[jwa]) == claims
    # A changed payload no longer verifies.
    forged = b64url(json.dumps({**claims, "sub": "admin"}, separators=(",", ":")).encode())
    head, _, sig = token.split(".")
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(f"{head}.{forged}.{sig}", public_pem, algorithms=[jwa])


# --- The aws CLI --------------------------------------------------------------------------------

def test_aws_cli_sign_and_get_public_key_verify_with_openssl(aws_cli, tmp_path):
    (tmp_path / "msg.bin").write_bytes(b"signed from the aws cli\n" + os.urandom(16))
    created = aws_cli("create-key", "--key-spec", "ECC_NIST_P256", "--key-usage", "SIGN_VERIFY")
    key_id = created["KeyMetadata"]["KeyId"]
    assert created["KeyMetadata"]["SigningAlgorithms"] == ["ECDSA_SHA_256"]
    aws_cli.shell(
        f"aws --endpoint-url \"$ARCA_ENDPOINT\" kms sign --key-id {key_id} --message fileb://msg.bin "
        "--message-type RAW --signing-algorithm ECDSA_SHA_256 --output text --query Signature | base64 -d > msg.sig\n"
        f"aws --endpoint-url \"$ARCA_ENDPOINT\" kms get-public-key --key-id {key_id} "
        "--output text --query PublicKey | base64 -d > pub.der\n"
        "openssl dgst -sha256 -verify pub.der -keyform DER -signature msg.sig msg.bin\n",
        cwd=tmp_path)
    # openssl said "Verified OK" (the script runs with -e); check once more from Python.
    cryptography_verify(serialization.load_der_public_key((tmp_path / "pub.der").read_bytes()), "ECDSA_SHA_256",
                        (tmp_path / "msg.sig").read_bytes(), (tmp_path / "msg.bin").read_bytes())
    verified = aws_cli("verify", "--key-id", key_id, "--message", "fileb://msg.bin", "--message-type", "RAW",
                       "--signing-algorithm", "ECDSA_SHA_256", "--signature", "fileb://msg.sig", cwd=tmp_path)
    assert verified["SignatureValid"] is True


# --- Key states and operations these keys do not have ---------------------------------------------

def test_sign_verify_and_get_public_key_with_a_disabled_key(kms):
    md = kms.create_key(KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY")["KeyMetadata"]
    signature = kms.sign(KeyId=md["KeyId"], Message=MESSAGE, SigningAlgorithm="ECDSA_SHA_256")["Signature"]
    kms.disable_key(KeyId=md["KeyId"])
    disabled = DISABLED_FMT.format(arn=md["Arn"])
    resp = expect_error(kms.sign, KeyId=md["KeyId"], Message=MESSAGE, SigningAlgorithm="ECDSA_SHA_256")
    assert_error(resp, "DisabledException", disabled)
    resp = expect_error(kms.verify, KeyId=md["KeyId"], Message=MESSAGE, Signature=signature,
                        SigningAlgorithm="ECDSA_SHA_256")
    assert_error(resp, "DisabledException", disabled)
    resp = expect_error(kms.get_public_key, KeyId=md["KeyId"])
    assert_error(resp, "DisabledException")
    kms.enable_key(KeyId=md["KeyId"])
    assert kms.verify(KeyId=md["KeyId"], Message=MESSAGE, Signature=signature,
                      SigningAlgorithm="ECDSA_SHA_256")["SignatureValid"] is True


def test_decrypt_and_derive_with_disabled_keys(kms):
    rsa_md = kms.create_key(KeySpec="RSA_2048", KeyUsage="ENCRYPT_DECRYPT")["KeyMetadata"]
    ka_md = kms.create_key(KeySpec="ECC_NIST_P256", KeyUsage="KEY_AGREEMENT")["KeyMetadata"]
    blob = kms.encrypt(KeyId=rsa_md["KeyId"], Plaintext=b"x",
                       EncryptionAlgorithm="RSAES_OAEP_SHA_256")["CiphertextBlob"]
    peer = kms.get_public_key(KeyId=ka_md["KeyId"])["PublicKey"]
    for md in (rsa_md, ka_md):
        kms.disable_key(KeyId=md["KeyId"])
    resp = expect_error(kms.decrypt, KeyId=rsa_md["KeyId"], CiphertextBlob=blob,
                        EncryptionAlgorithm="RSAES_OAEP_SHA_256")
    assert_error(resp, "DisabledException", DISABLED_FMT.format(arn=rsa_md["Arn"]))
    resp = expect_error(kms.encrypt, KeyId=rsa_md["KeyId"], Plaintext=b"x", EncryptionAlgorithm="RSAES_OAEP_SHA_256")
    assert_error(resp, "DisabledException", DISABLED_FMT.format(arn=rsa_md["Arn"]))
    resp = expect_error(kms.derive_shared_secret, KeyId=ka_md["KeyId"], KeyAgreementAlgorithm="ECDH", PublicKey=peer)
    assert_error(resp, "DisabledException", DISABLED_FMT.format(arn=ka_md["Arn"]))


@pytest.mark.parametrize("pair", [("RSA_2048", "ENCRYPT_DECRYPT"), ("RSA_2048", "SIGN_VERIFY"),
                                  ("ECC_NIST_P256", "KEY_AGREEMENT"), ("ECC_NIST_EDWARDS25519", "SIGN_VERIFY")],
                         ids=pair_id)
def test_data_keys_cannot_come_from_asymmetric_keys(kms, keys, pair):
    """GenerateDataKey* need a symmetric encryption key: InvalidKeyUsageException (code only — the
    recordings hold no message for it)."""
    md = keys(*pair)
    resp = expect_error(kms.generate_data_key, KeyId=md["KeyId"], KeySpec="AES_256")
    assert_error(resp, "InvalidKeyUsageException")
    resp = expect_error(kms.generate_data_key_without_plaintext, KeyId=md["KeyId"], NumberOfBytes=32)
    assert_error(resp, "InvalidKeyUsageException")


@pytest.mark.parametrize("pair", [("RSA_2048", "ENCRYPT_DECRYPT"), ("ECC_NIST_P256", "SIGN_VERIFY"),
                                  ("ECC_NIST_P384", "KEY_AGREEMENT")], ids=pair_id)
def test_enable_key_rotation_of_an_asymmetric_key_is_unsupported_operation(kms, keys, pair):
    # Automatic rotation is for symmetric encryption keys only; AWS's message is not pinned: code only.
    resp = expect_error(kms.enable_key_rotation, KeyId=keys(*pair)["KeyId"])
    assert_error(resp, "UnsupportedOperationException")


def test_rotate_key_on_demand_of_an_rsa_key_is_unsupported_operation(kms, keys):
    # [rec] test_rotate_key_on_demand_raises_error_given_non_symmetric_key (an RSA_4096
    # ENCRYPT_DECRYPT key): UnsupportedOperationException with an empty message.
    resp = expect_error(kms.rotate_key_on_demand, KeyId=keys("RSA_4096", "ENCRYPT_DECRYPT")["KeyId"])
    assert_error(resp, "UnsupportedOperationException", "")


def test_decrypt_symmetric_ciphertext_naming_an_rsa_key_is_incorrect_key(kms, keys, key):
    # As [rec] test_error_messaging_for_invalid_keys: decrypt-invalid-key-id (there with an HMAC key).
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"test message 123!@#")["CiphertextBlob"]
    resp = expect_error(kms.decrypt, CiphertextBlob=blob, KeyId=keys("ECC_NIST_P256", "SIGN_VERIFY")["KeyId"])
    assert_error(resp, "IncorrectKeyException", INCORRECT_KEY_MSG)


# --- Policy conditions: kms:SigningAlgorithm and kms:MessageType ----------------------------------

def sign_only_when(key_arn_: str, condition_key: str, value: str) -> dict:
    return {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "kms:Sign", "Resource": key_arn_,
        "Condition": {"StringEquals": {condition_key: value}}}]}


def test_policy_condition_on_signing_algorithm(server, kms, keys):
    """An IAM policy allowing kms:Sign only with "kms:SigningAlgorithm": "RSASSA_PSS_SHA_256": PSS
    signs, PKCS #1 v1.5 on the same RSA key is denied (the key policy is the default one, which
    defers to IAM)."""
    md = keys("RSA_2048", "SIGN_VERIFY")
    name, client = user_with_policy(server, sign_only_when(md["Arn"], "kms:SigningAlgorithm", "RSASSA_PSS_SHA_256"),
                                    "kms", prefix="signer")
    signature = client.sign(KeyId=md["Arn"], Message=MESSAGE, SigningAlgorithm="RSASSA_PSS_SHA_256")["Signature"]
    cryptography_verify(keys.public_key("RSA_2048", "SIGN_VERIFY"), "RSASSA_PSS_SHA_256", signature, MESSAGE)
    user = f"arn:aws:iam::{DEFAULT_ACCOUNT}:user/{name}"
    resp = expect_error(client.sign, KeyId=md["Arn"], Message=MESSAGE, SigningAlgorithm="RSASSA_PKCS1_V1_5_SHA_256")
    assert_access_denied(resp, user, "kms:Sign", md["Arn"], "no-identity-policy")
    # Verify is not in the policy at all.
    resp = expect_error(client.verify, KeyId=md["Arn"], Message=MESSAGE, Signature=signature,
                        SigningAlgorithm="RSASSA_PSS_SHA_256")
    assert_access_denied(resp, user, "kms:Verify", md["Arn"], "no-identity-policy")


def test_policy_condition_on_message_type(server, kms, keys):
    md = keys("RSA_2048", "SIGN_VERIFY")
    name, client = user_with_policy(server, sign_only_when(md["Arn"], "kms:MessageType", "RAW"), "kms",
                                    prefix="raw-signer")
    signature = client.sign(KeyId=md["Arn"], Message=MESSAGE, MessageType="RAW",
                            SigningAlgorithm="RSASSA_PKCS1_V1_5_SHA_256")["Signature"]
    cryptography_verify(keys.public_key("RSA_2048", "SIGN_VERIFY"), "RSASSA_PKCS1_V1_5_SHA_256", signature, MESSAGE)
    resp = expect_error(client.sign, KeyId=md["Arn"], Message=digest_of("RSASSA_PKCS1_V1_5_SHA_256", MESSAGE),
                        MessageType="DIGEST", SigningAlgorithm="RSASSA_PKCS1_V1_5_SHA_256")
    assert_access_denied(resp, f"arn:aws:iam::{DEFAULT_ACCOUNT}:user/{name}", "kms:Sign", md["Arn"],
                         "no-identity-policy")


# --- ECC_SECG_P256K1 -----------------------------------------------------------------------------
# Arca computes secp256k1 with libsecp256k1; every check here uses another implementation:
# `cryptography` and `openssl` (OpenSSL's curve code), and the pure-Python `ecdsa` package for
# public key recovery. The Sign / Verify / GetPublicKey / metadata basics run in the parametrized
# tests above (ECC_SECG_P256K1 is in ASYMMETRIC_KEYS and SIGN_CASES).

SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141


def test_secp256k1_verify_accepts_the_high_s_twin_of_a_signature(kms, keys, tmp_path):
    """(r, s) and (r, n − s) are both valid ECDSA signatures (SEC 1 §4.1.4 checks only that s is in
    [1, n − 1]); OpenSSL and `cryptography` accept both, and so must Verify, although libsecp256k1
    itself takes only the low-S one (Bitcoin's malleability rule). Arca's own signatures are low S,
    which Ethereum requires (EIP-2) and AWS does not promise: Arca's choice, asserted as such."""
    md = keys("ECC_SECG_P256K1", "SIGN_VERIFY")
    public, der = keys.public_key("ECC_SECG_P256K1", "SIGN_VERIFY"), keys.public_der("ECC_SECG_P256K1", "SIGN_VERIFY")
    for message, message_type in ((MESSAGE, "RAW"), (hashlib.sha256(MESSAGE).digest(), "DIGEST")):
        signature = kms.sign(KeyId=md["KeyId"], Message=message, MessageType=message_type,
                             SigningAlgorithm="ECDSA_SHA_256")["Signature"]
        r, s = decode_dss_signature(signature)
        high = encode_dss_signature(r, SECP256K1_ORDER - s)
        cryptography_verify(public, "ECDSA_SHA_256", high, MESSAGE)
        assert openssl_verify(tmp_path, der, "ECDSA_SHA_256", high, MESSAGE)
        for sig in (signature, high):
            assert kms.verify(KeyId=md["KeyId"], Message=message, MessageType=message_type, Signature=sig,
                              SigningAlgorithm="ECDSA_SHA_256")["SignatureValid"] is True
        # The high-S twin of the signature of another message is still not a signature of this one.
        resp = expect_error(kms.verify, KeyId=md["KeyId"], Message=b"another message", MessageType="RAW",
                            Signature=high, SigningAlgorithm="ECDSA_SHA_256")
        assert_error(resp, "KMSInvalidSignatureException", "")


def test_secp256k1_signature_that_is_not_der_is_invalid_signature(kms, keys):
    """Ethereum tooling carries r ‖ s (‖ v); KMS takes and returns DER only."""
    md = keys("ECC_SECG_P256K1", "SIGN_VERIFY")
    signature = kms.sign(KeyId=md["KeyId"], Message=MESSAGE, SigningAlgorithm="ECDSA_SHA_256")["Signature"]
    r, s = decode_dss_signature(signature)
    compact = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    for sig in (compact, compact + b"\x1b", signature + b"\x00", signature[:-1]):
        resp = expect_error(kms.verify, KeyId=md["KeyId"], Message=MESSAGE, Signature=sig,
                            SigningAlgorithm="ECDSA_SHA_256")
        assert_error(resp, "KMSInvalidSignatureException", "")


def keccak256(data: bytes) -> bytes:
    from Crypto.Hash import keccak  # pycryptodome: Ethereum's Keccak-256, which is not SHA3-256
    return keccak.new(digest_bits=256, data=data).digest()


def ethereum_address(uncompressed_point: bytes) -> str:
    """The last 20 bytes of Keccak-256 over x ‖ y (the Ethereum yellow paper, appendix F)."""
    assert len(uncompressed_point) == 65 and uncompressed_point[0] == 4
    return "0x" + keccak256(uncompressed_point[1:])[-20:].hex()


def test_secp256k1_ethereum_style_public_key_recovery(kms, keys):
    """What an Ethereum signer on KMS does: sign a 32-byte digest (MessageType DIGEST), turn the DER
    signature into (r, s) with s made low (EIP-2), and find the recovery id v, the one candidate
    public key recovered from (r, s, digest) that is the key's own. The recovery is done by the
    pure-Python `ecdsa` package, which shares no code with libsecp256k1 or OpenSSL."""
    import ecdsa
    from ecdsa.util import sigdecode_string, sigencode_string

    md = keys("ECC_SECG_P256K1", "SIGN_VERIFY")
    public = keys.public_key("ECC_SECG_P256K1", "SIGN_VERIFY")
    point = public.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    # Any 32 bytes are a digest to KMS; Ethereum would pass keccak256 of an RLP-encoded transaction.
    digest = keccak256(b"Arca secp256k1 compat transaction " + os.urandom(8))
    signature = kms.sign(KeyId=md["KeyId"], Message=digest, MessageType="DIGEST",
                         SigningAlgorithm="ECDSA_SHA_256")["Signature"]
    r, s = decode_dss_signature(signature)
    s = min(s, SECP256K1_ORDER - s)
    compact = sigencode_string(r, s, SECP256K1_ORDER)
    candidates = ecdsa.VerifyingKey.from_public_key_recovery_with_digest(
        compact, digest, curve=ecdsa.SECP256k1, hashfunc=hashlib.sha256, sigdecode=sigdecode_string)
    assert 1 <= len(candidates) <= 4
    matching = [i for i, candidate in enumerate(candidates) if candidate.to_string("uncompressed") == point]
    assert len(matching) == 1, "exactly one recovery id gives the key's public key"
    recovered = candidates[matching[0]]
    # The pure-Python implementation also verifies the signature under the recovered key.
    assert recovered.verify_digest(compact, digest, sigdecode=sigdecode_string)
    # The Ethereum address derived from the recovered key is the one derived from GetPublicKey.
    address = ethereum_address(recovered.to_string("uncompressed"))
    assert address == ethereum_address(point)
    assert len(address) == 42
    # A signature of another digest recovers to other keys only.
    other = keccak256(digest)
    wrong = ecdsa.VerifyingKey.from_public_key_recovery_with_digest(
        compact, other, curve=ecdsa.SECP256k1, hashfunc=hashlib.sha256, sigdecode=sigdecode_string)
    assert all(candidate.to_string("uncompressed") != point for candidate in wrong)


def test_secp256k1_signature_by_another_key_is_invalid_signature(kms, keys):
    """A secp256k1 signature made by `cryptography` with a key Arca does not hold is refused: the
    curve is the same, the key is not."""
    md = keys("ECC_SECG_P256K1", "SIGN_VERIFY")
    outsider = ec.generate_private_key(ec.SECP256K1())
    signature = outsider.sign(MESSAGE, ec.ECDSA(hashes.SHA256()))
    outsider.public_key().verify(signature, MESSAGE, ec.ECDSA(hashes.SHA256()))
    resp = expect_error(kms.verify, KeyId=md["KeyId"], Message=MESSAGE, Signature=signature,
                        SigningAlgorithm="ECDSA_SHA_256")
    assert_error(resp, "KMSInvalidSignatureException", "")


def test_secp256k1_data_key_pair_is_pkcs8_that_cryptography_and_openssl_read(kms, key, tmp_path):
    """GenerateDataKeyPair takes KeyPairSpec ECC_SECG_P256K1 [api]: the private key is PKCS #8 of a
    secp256k1 key (RFC 5915 inside, with its public key), the public key its SubjectPublicKeyInfo."""
    resp = kms.generate_data_key_pair(KeyId=key["KeyId"], KeyPairSpec="ECC_SECG_P256K1")
    assert resp["KeyPairSpec"] == "ECC_SECG_P256K1"
    private = serialization.load_der_private_key(resp["PrivateKeyPlaintext"], password=None)
    assert isinstance(private, ec.EllipticCurvePrivateKey) and isinstance(private.curve, ec.SECP256K1)
    assert private.public_key().public_bytes(serialization.Encoding.DER,
                                             serialization.PublicFormat.SubjectPublicKeyInfo) == resp["PublicKey"]
    # `cryptography` writes the same PKCS #8 bytes back: the encoding is OpenSSL's.
    assert private.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption()) == resp["PrivateKeyPlaintext"]
    (tmp_path / "pair.der").write_bytes(resp["PrivateKeyPlaintext"])
    checked = openssl("pkey", "-inform", "DER", "-in", "pair.der", "-check", "-noout", cwd=tmp_path)
    assert b"Key is valid" in checked.stdout + checked.stderr
    assert kms.decrypt(CiphertextBlob=resp["PrivateKeyCiphertextBlob"])["Plaintext"] == resp["PrivateKeyPlaintext"]


# --- ED25519_PH_SHA_512 (Ed25519ph over the caller's digest) --------------------------------------
# "ED25519_PH_SHA_512 signing algorithm requires KMS MessageType:DIGEST. When you specify the
# ED25519_PH_SHA_512 signing algorithm with MessageType:DIGEST, KMS still performs the SHA-512
# prehash described in Step 1 of Section 7.8.1 in FIPS 186-5. This means the input is hashed
# twice." [api] (Sign MessageType): RFC 8032 Ed25519ph with M = the 64-byte digest, so
# PH(M) = SHA-512(digest). Arca computes it with libsodium; every check here uses PyCryptodome, whose
# `eddsa` signs and verifies Ed25519ph when given a SHA512 hash object (RFC 8032 §5.1, empty context).
# Arca's messages for RAW and for a digest of another length are its own (AWS's are not recorded):
# they follow Arca's ED25519_SHA_512 and DIGEST messages.

def pycryptodome_ed25519ph(key, digest: bytes):
    """PyCryptodome's Ed25519ph signer/verifier for `key`, and the hash object of M = `digest`."""
    from Crypto.Hash import SHA512
    from Crypto.Signature import eddsa
    return eddsa.new(key, "rfc8032"), SHA512.new(digest)


def test_ed25519ph_signs_the_digest_as_pycryptodome_verifies(kms, keys):
    from Crypto.PublicKey import ECC
    md = keys("ECC_NIST_EDWARDS25519", "SIGN_VERIFY")
    public = ECC.import_key(keys.public_der("ECC_NIST_EDWARDS25519", "SIGN_VERIFY"))
    digest = hashlib.sha512(MESSAGE).digest()
    resp = kms.sign(KeyId=md["KeyId"], Message=digest, MessageType="DIGEST", SigningAlgorithm="ED25519_PH_SHA_512")
    assert resp["KeyId"] == md["Arn"] and resp["SigningAlgorithm"] == "ED25519_PH_SHA_512"
    signature = resp["Signature"]
    assert len(signature) == 64
    verifier, m = pycryptodome_ed25519ph(public, digest)
    verifier.verify(m, signature)
    # The digest is hashed again: the signature is not Ed25519ph of MESSAGE hashed once.
    with pytest.raises(ValueError):
        pycryptodome_ed25519ph(public, MESSAGE)[0].verify(pycryptodome_ed25519ph(public, MESSAGE)[1], signature)
    with pytest.raises(ValueError):
        verifier.verify(pycryptodome_ed25519ph(public, digest[::-1])[1], signature)
    # Ed25519ph is deterministic, as pure Ed25519 is (RFC 8032 §5.1.6).
    again = kms.sign(KeyId=md["KeyId"], Message=digest, MessageType="DIGEST", SigningAlgorithm="ED25519_PH_SHA_512")
    assert again["Signature"] == signature
    verified = kms.verify(KeyId=md["KeyId"], Message=digest, MessageType="DIGEST", Signature=signature,
                          SigningAlgorithm="ED25519_PH_SHA_512")
    assert verified["SignatureValid"] is True and verified["SigningAlgorithm"] == "ED25519_PH_SHA_512"
    tampered = bytes([signature[0] ^ 1]) + signature[1:]
    for message, sig in ((digest, tampered), (digest[::-1], signature), (digest, signature[:-1])):
        resp = expect_error(kms.verify, KeyId=md["KeyId"], Message=message, MessageType="DIGEST", Signature=sig,
                            SigningAlgorithm="ED25519_PH_SHA_512")
        assert_error(resp, "KMSInvalidSignatureException", "")


def test_ed25519ph_imported_key_verifies_pycryptodome_signatures(kms):
    """A key made by PyCryptodome and imported (PKCS #8, RFC 8410): its Ed25519ph signature verifies in
    Arca, Arca signs the same bytes (RFC 8032 signing is deterministic), and a wrong signature does not
    verify."""
    from Crypto.PublicKey import ECC
    from test_import import import_material
    local = ECC.generate(curve="Ed25519")
    key = kms.create_key(KeySpec="ECC_NIST_EDWARDS25519", KeyUsage="SIGN_VERIFY", Origin="EXTERNAL")["KeyMetadata"]
    import_material(kms, key["KeyId"], local.export_key(format="DER"), algorithm="RSA_AES_KEY_WRAP_SHA_256",
                    ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    assert kms.get_public_key(KeyId=key["KeyId"])["PublicKey"] == local.public_key().export_key(format="DER")
    digest = hashlib.sha512(b"signed by PyCryptodome").digest()
    signer, m = pycryptodome_ed25519ph(local, digest)
    local_signature = signer.sign(m)
    assert kms.verify(KeyId=key["KeyId"], Message=digest, MessageType="DIGEST", Signature=local_signature,
                      SigningAlgorithm="ED25519_PH_SHA_512")["SignatureValid"] is True
    assert kms.sign(KeyId=key["KeyId"], Message=digest, MessageType="DIGEST",
                    SigningAlgorithm="ED25519_PH_SHA_512")["Signature"] == local_signature
    # Pure Ed25519 of the same 64 bytes is another signature, which Ed25519ph does not accept.
    pure = kms.sign(KeyId=key["KeyId"], Message=digest, MessageType="RAW", SigningAlgorithm="ED25519_SHA_512")["Signature"]
    resp = expect_error(kms.verify, KeyId=key["KeyId"], Message=digest, MessageType="DIGEST", Signature=pure,
                        SigningAlgorithm="ED25519_PH_SHA_512")
    assert_error(resp, "KMSInvalidSignatureException", "")


def test_ed25519ph_takes_a_sha_512_digest_only(kms, keys):
    md = keys("ECC_NIST_EDWARDS25519", "SIGN_VERIFY")
    digest = hashlib.sha512(MESSAGE).digest()
    for call, extra in ((kms.sign, {}), (kms.verify, {"Signature": b"\x01" * 64})):
        resp = expect_error(call, KeyId=md["KeyId"], Message=digest, MessageType="RAW",
                            SigningAlgorithm="ED25519_PH_SHA_512", **extra)
        assert_error(resp, "ValidationException", "Signing algorithm ED25519_PH_SHA_512 requires MessageType DIGEST.")
        resp = expect_error(call, KeyId=md["KeyId"], Message=digest, SigningAlgorithm="ED25519_PH_SHA_512", **extra)
        assert_error(resp, "ValidationException", "Signing algorithm ED25519_PH_SHA_512 requires MessageType DIGEST.")
        for wrong in (hashlib.sha256(MESSAGE).digest(), digest[:-1], digest + b"\x00"):
            resp = expect_error(call, KeyId=md["KeyId"], Message=wrong, MessageType="DIGEST",
                                SigningAlgorithm="ED25519_PH_SHA_512", **extra)
            assert_error(resp, "ValidationException", "Digest is invalid length for algorithm ED25519_PH_SHA_512.")
    p256 = keys("ECC_NIST_P256", "SIGN_VERIFY")
    resp = expect_error(kms.sign, KeyId=p256["KeyId"], Message=digest, MessageType="DIGEST",
                        SigningAlgorithm="ED25519_PH_SHA_512")
    assert_error(resp, "InvalidKeyUsageException",
                 "Algorithm ED25519_PH_SHA_512 is incompatible with key spec ECC_NIST_P256.")


# --- ML-DSA (FIPS 204) ---------------------------------------------------------------------------
# Arca computes ML-DSA with BoringSSL (the copy inside swift-crypto); every check here uses the
# pure-Python `dilithium-py` (`dilithium_py.ml_dsa`), which shares no code with it, and parses the
# DER by hand. ML-DSA keys are not in ASYMMETRIC_KEYS / SIGN_CASES: `cryptography` and OpenSSL 3.0,
# which those tests feed the public key to, read no ML-DSA key. Arca signs MessageType EXTERNAL_MU
# with BoringSSL and verifies it with its own FIPS 204 Algorithm 8 from μ on.
# Sources: [mldsa] the AWS KMS Developer Guide, "ML-DSA keys in AWS KMS"; [lamps]
# draft-ietf-lamps-dilithium-certificates-13 (OIDs §2, public keys §4, private keys §6).

ML_DSA = {  # spec: (OID, public key bytes, signature bytes) — FIPS 204 Table 2, [lamps] §2
    "ML_DSA_44": ("2.16.840.1.101.3.4.3.17", 1312, 2420),
    "ML_DSA_65": ("2.16.840.1.101.3.4.3.18", 1952, 3309),
    "ML_DSA_87": ("2.16.840.1.101.3.4.3.19", 2592, 4627),
}


def dilithium(spec: str):
    from dilithium_py.ml_dsa import ML_DSA_44, ML_DSA_65, ML_DSA_87
    return {"ML_DSA_44": ML_DSA_44, "ML_DSA_65": ML_DSA_65, "ML_DSA_87": ML_DSA_87}[spec]


def der_element(data: bytes, offset: int = 0) -> tuple[int, bytes, int]:
    """(tag, contents, end) of the DER element at `offset`: definite lengths only (X.690 §8.1.3)."""
    tag, length, at = data[offset], data[offset + 1], offset + 2
    if length & 0x80:
        count = length & 0x7F
        assert 1 <= count <= 2, "lengths in these keys fit in two bytes"
        length, at = int.from_bytes(data[at:at + count], "big"), at + count
        assert length >= 0x80 and (count == 1 or length >= 0x100), "DER: the shortest length form"
    assert at + length <= len(data), "length past the end"
    return tag, data[at:at + length], at + length


def der_oid(contents: bytes) -> str:
    arcs, value = [], 0
    for byte in contents:
        value = value << 7 | byte & 0x7F
        if not byte & 0x80:
            arcs.append(value)
            value = 0
    first = min(arcs[0] // 40, 2)
    return ".".join(map(str, [first, arcs[0] - 40 * first, *arcs[1:]]))


def ml_dsa_spki(der: bytes) -> tuple[str, bytes]:
    """(OID, raw public key) of a SubjectPublicKeyInfo, which must be exactly
    SEQUENCE { SEQUENCE { OID } , BIT STRING } with no parameters and no unused bits."""
    tag, spki, end = der_element(der)
    assert tag == 0x30 and end == len(der)
    tag, algorithm, at = der_element(spki)
    assert tag == 0x30
    tag, oid, after_oid = der_element(algorithm)
    assert tag == 0x06 and after_oid == len(algorithm), "[lamps] §2: the parameters MUST be absent"
    tag, bits, end = der_element(spki, at)
    assert tag == 0x03 and end == len(spki) and bits[0] == 0
    return der_oid(oid), bits[1:]


def ml_dsa_seed_pkcs8(spec: str, seed: bytes) -> bytes:
    """[lamps] §6: OneAsymmetricKey v1 whose privateKey holds the CHOICE `seed [0]` (tag 0x80) —
    written here from the draft, not by Arca."""
    oid = bytes.fromhex("06096086480165030403") + {"ML_DSA_44": b"\x11", "ML_DSA_65": b"\x12", "ML_DSA_87": b"\x13"}[spec]
    return bytes.fromhex("3034020100300b") + oid + bytes.fromhex("04228020") + seed


@pytest.mark.parametrize("spec", list(ML_DSA))
def test_ml_dsa_create_and_describe_key_metadata(kms, keys, spec):
    created = keys(spec, "SIGN_VERIFY")
    for md in (created, kms.describe_key(KeyId=created["KeyId"])["KeyMetadata"]):
        assert md["KeySpec"] == spec and md["KeyUsage"] == "SIGN_VERIFY"
        # The deprecated CustomerMasterKeySpec enum has no ML_DSA_* value: such keys leave it out.
        assert "CustomerMasterKeySpec" not in md
        assert md["SigningAlgorithms"] == ["ML_DSA_SHAKE_256"]
        for field in ("EncryptionAlgorithms", "KeyAgreementAlgorithms", "MacAlgorithms"):
            assert field not in md, field
        assert md["KeyState"] == "Enabled" and md["Origin"] == "AWS_KMS" and "CurrentKeyMaterialId" not in md
    assert kms.describe_key(KeyId=created["KeyId"])["KeyMetadata"] == created


@pytest.mark.parametrize("spec", list(ML_DSA))
def test_ml_dsa_get_public_key_is_spki_with_the_nist_oid(kms, keys, spec):
    oid, length, _ = ML_DSA[spec]
    md = keys(spec, "SIGN_VERIFY")
    resp = kms.get_public_key(KeyId=md["KeyId"])
    assert resp["KeySpec"] == spec and resp["KeyUsage"] == "SIGN_VERIFY" and "CustomerMasterKeySpec" not in resp
    assert resp["SigningAlgorithms"] == ["ML_DSA_SHAKE_256"]
    parsed_oid, public = ml_dsa_spki(resp["PublicKey"])
    assert parsed_oid == oid
    # [lamps] §4: the BIT STRING holds the raw FIPS 204 public key (pkEncode), no ASN.1 wrapping.
    assert len(public) == length
    assert len(resp["PublicKey"]) == 4 + 13 + 4 + 1 + length


@pytest.mark.parametrize("spec", list(ML_DSA))
def test_ml_dsa_sign_raw_verifies_with_dilithium_py(kms, keys, spec):
    """RAW: ML-DSA.Sign (FIPS 204 Algorithm 2) over the message with the empty context string."""
    md = keys(spec, "SIGN_VERIFY")
    _, public = ml_dsa_spki(keys.public_der(spec, "SIGN_VERIFY"))
    ml = dilithium(spec)
    resp = kms.sign(KeyId=md["KeyId"], Message=MESSAGE, MessageType="RAW", SigningAlgorithm="ML_DSA_SHAKE_256")
    assert resp["KeyId"] == md["Arn"] and resp["SigningAlgorithm"] == "ML_DSA_SHAKE_256"
    signature = resp["Signature"]
    assert len(signature) == ML_DSA[spec][2]
    assert ml.verify(public, MESSAGE, signature, ctx=b"")
    assert not ml.verify(public, MESSAGE + b"!", signature)
    assert not ml.verify(public, MESSAGE, signature, ctx=b"arca")
    verified = kms.verify(KeyId=md["KeyId"], Message=MESSAGE, MessageType="RAW", Signature=signature,
                          SigningAlgorithm="ML_DSA_SHAKE_256")
    assert verified["SignatureValid"] is True and verified["KeyId"] == md["Arn"]
    for message, sig in ((MESSAGE + b"!", signature), (MESSAGE, signature[:-1]), (MESSAGE, bytes(len(signature)))):
        resp = expect_error(kms.verify, KeyId=md["KeyId"], Message=message, MessageType="RAW", Signature=sig,
                            SigningAlgorithm="ML_DSA_SHAKE_256")
        assert_error(resp, "KMSInvalidSignatureException", "")


def test_ml_dsa_signatures_are_hedged_and_take_up_to_4096_bytes(kms, kms_raw, keys):
    """ML-DSA signs hedged by default (FIPS 204 mixes a fresh 32-byte `rnd` into each signature): two
    signatures of one message differ, both valid. "AWS KMS supports asymmetric key signatures for messages up to 4 KB using
    the RAW message type" [mldsa]; without MessageType the message is RAW."""
    md = keys("ML_DSA_65", "SIGN_VERIFY")
    _, public = ml_dsa_spki(keys.public_der("ML_DSA_65", "SIGN_VERIFY"))
    a, b = (kms.sign(KeyId=md["KeyId"], Message=MESSAGE, SigningAlgorithm="ML_DSA_SHAKE_256")["Signature"]
            for _ in range(2))
    assert a != b and all(dilithium("ML_DSA_65").verify(public, MESSAGE, sig) for sig in (a, b))
    big = os.urandom(4096)
    signature = kms.sign(KeyId=md["KeyId"], Message=big, SigningAlgorithm="ML_DSA_SHAKE_256")["Signature"]
    assert dilithium("ML_DSA_65").verify(public, big, signature)
    resp = expect_error(kms_raw.sign, KeyId=md["KeyId"], Message=big + b"x", SigningAlgorithm="ML_DSA_SHAKE_256")
    assert_error(resp, "ValidationException",
                 "1 validation error detected: Value at 'message' failed to satisfy constraint: "
                 "Member must have length less than or equal to 4096")


def test_ml_dsa_digest_is_validation_error(kms, keys):
    """ML-DSA is not hash-then-sign: [mldsa] names RAW and EXTERNAL_MU only. AWS's message for
    DIGEST is not pinned: the code only."""
    md = keys("ML_DSA_87", "SIGN_VERIFY")
    for digest in (hashlib.sha256(MESSAGE).digest(), hashlib.shake_256(MESSAGE).digest(64)):
        resp = expect_error(kms.sign, KeyId=md["KeyId"], Message=digest, MessageType="DIGEST",
                            SigningAlgorithm="ML_DSA_SHAKE_256")
        assert_error(resp, "ValidationException")
        resp = expect_error(kms.verify, KeyId=md["KeyId"], Message=digest, MessageType="DIGEST",
                            Signature=b"\x01" * 4627, SigningAlgorithm="ML_DSA_SHAKE_256")
        assert_error(resp, "ValidationException")


def external_mu(public: bytes, message: bytes) -> bytes:
    """μ = SHAKE256(tr ‖ M′, 64) with tr = SHAKE256(pk, 64) and M′ = 0x00 ‖ 0x00 ‖ message: FIPS 204
    Algorithm 7 step 6 and Algorithm 2 step 10 with the empty context, by hand with hashlib."""
    tr = hashlib.shake_256(public).digest(64)
    return hashlib.shake_256(tr + b"\x00\x00" + message).digest(64)


@pytest.mark.parametrize("spec", list(ML_DSA))
def test_ml_dsa_external_mu_signs_what_dilithium_py_verifies_over_the_message(kms, keys, spec):
    """EXTERNAL_MU takes μ, "the 64-byte message representation … as defined in NIST FIPS 204
    section 6.2" [mldsa], computed here from Arca's public key: the signature Arca makes from μ is
    ML-DSA's signature of the message (empty context), as dilithium-py verifies it. Arca's Verify
    starts from μ too, for its own signatures and dilithium-py's."""
    md = keys(spec, "SIGN_VERIFY")
    _, public = ml_dsa_spki(keys.public_der(spec, "SIGN_VERIFY"))
    ml = dilithium(spec)
    mu = external_mu(public, MESSAGE)
    assert mu == ml.prehash_external_mu(public, MESSAGE)
    resp = kms.sign(KeyId=md["KeyId"], Message=mu, MessageType="EXTERNAL_MU", SigningAlgorithm="ML_DSA_SHAKE_256")
    assert resp["KeyId"] == md["Arn"] and resp["SigningAlgorithm"] == "ML_DSA_SHAKE_256"
    signature = resp["Signature"]
    assert len(signature) == ML_DSA[spec][2]
    assert ml.verify(public, MESSAGE, signature, ctx=b"")
    assert not ml.verify(public, MESSAGE + b"!", signature)
    assert not ml.verify(public, MESSAGE, signature, ctx=b"arca")
    # As a signature of the message, Arca's own RAW Verify accepts it.
    assert kms.verify(KeyId=md["KeyId"], Message=MESSAGE, MessageType="RAW", Signature=signature,
                      SigningAlgorithm="ML_DSA_SHAKE_256")["SignatureValid"] is True
    def verify_mu(mu, signature):
        return kms.verify(KeyId=md["KeyId"], Message=mu, MessageType="EXTERNAL_MU", Signature=signature,
                          SigningAlgorithm="ML_DSA_SHAKE_256")["SignatureValid"]
    assert verify_mu(mu, signature) is True
    other = external_mu(public, MESSAGE + b"!")
    resp = expect_error(kms.verify, KeyId=md["KeyId"], Message=other, MessageType="EXTERNAL_MU", Signature=signature,
                        SigningAlgorithm="ML_DSA_SHAKE_256")
    assert_error(resp, "KMSInvalidSignatureException")
    # A signature dilithium-py cannot have made from Arca's key is refused; one over the same μ
    # from dilithium-py's own key pair verifies only under that key, so it is refused here too.
    tampered = bytearray(signature)
    tampered[len(tampered) // 2] ^= 0x01
    assert_error(expect_error(kms.verify, KeyId=md["KeyId"], Message=mu, MessageType="EXTERNAL_MU",
                              Signature=bytes(tampered), SigningAlgorithm="ML_DSA_SHAKE_256"),
                 "KMSInvalidSignatureException")


def test_ml_dsa_external_mu_is_64_bytes_and_belongs_to_ml_dsa(kms, keys):
    """"When the value of MessageType is EXTERNAL_MU the length of the Message value must be 64
    bytes" [api]. EXTERNAL_MU with another algorithm is a bad request too. Messages are Arca's."""
    md = keys("ML_DSA_44", "SIGN_VERIFY")
    for length in (32, 63, 65):
        resp = expect_error(kms.sign, KeyId=md["KeyId"], Message=bytes(length), MessageType="EXTERNAL_MU",
                            SigningAlgorithm="ML_DSA_SHAKE_256")
        assert_error(resp, "ValidationException", "MessageType EXTERNAL_MU requires a Message of 64 bytes.")
    p256 = keys("ECC_NIST_P256", "SIGN_VERIFY")
    resp = expect_error(kms.sign, KeyId=p256["KeyId"], Message=bytes(64), MessageType="EXTERNAL_MU",
                        SigningAlgorithm="ECDSA_SHA_256")
    assert_error(resp, "ValidationException",
                 "MessageType EXTERNAL_MU is only valid with signing algorithm ML_DSA_SHAKE_256.")


def test_ml_dsa_algorithms_and_usages_the_key_cannot_have(kms, keys):
    md = keys("ML_DSA_65", "SIGN_VERIFY")
    resp = expect_error(kms.sign, KeyId=md["KeyId"], Message=MESSAGE, SigningAlgorithm="ECDSA_SHA_256")
    assert_error(resp, "InvalidKeyUsageException", "Algorithm ECDSA_SHA_256 is incompatible with key spec ML_DSA_65.")
    p256 = keys("ECC_NIST_P256", "SIGN_VERIFY")
    resp = expect_error(kms.sign, KeyId=p256["KeyId"], Message=MESSAGE, SigningAlgorithm="ML_DSA_SHAKE_256")
    assert_error(resp, "InvalidKeyUsageException", "Algorithm ML_DSA_SHAKE_256 is incompatible with key spec ECC_NIST_P256.")
    # "ML-DSA keys: SIGN_VERIFY" (KMS API reference, CreateKey KeyUsage), refused with the sentence
    # [rec] gives for every such pair (test_create_key_with_usage_the_spec_cannot_have_…).
    for usage in ("ENCRYPT_DECRYPT", "KEY_AGREEMENT", "GENERATE_VERIFY_MAC"):
        resp = expect_error(kms.create_key, KeySpec="ML_DSA_87", KeyUsage=usage)
        assert_error(resp, "ValidationException", f"KeyUsage {usage} is not compatible with KeySpec ML_DSA_87")


@pytest.mark.parametrize("spec", list(ML_DSA))
def test_ml_dsa_key_imported_as_seed_signs_what_dilithium_py_verifies(kms, spec):
    """A key pair dilithium-py derives from a seed (ML-DSA.KeyGen_internal, FIPS 204 Algorithm 6),
    imported as the [lamps] §6 seed form: Arca's public key is dilithium-py's, Arca's signature
    verifies under it, and dilithium-py's signature verifies in Arca."""
    from test_import import import_material
    ml = dilithium(spec)
    seed = os.urandom(32)
    public, private = ml.key_derive(seed)
    key = kms.create_key(KeySpec=spec, KeyUsage="SIGN_VERIFY", Origin="EXTERNAL")["KeyMetadata"]
    assert key["KeyState"] == "PendingImport" and key["SigningAlgorithms"] == ["ML_DSA_SHAKE_256"]
    import_material(kms, key["KeyId"], ml_dsa_seed_pkcs8(spec, seed), algorithm="RSA_AES_KEY_WRAP_SHA_256",
                    ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    assert ml_dsa_spki(kms.get_public_key(KeyId=key["KeyId"])["PublicKey"]) == (ML_DSA[spec][0], public)
    message = b"signed by an imported " + spec.encode()
    signature = kms.sign(KeyId=key["KeyId"], Message=message, SigningAlgorithm="ML_DSA_SHAKE_256")["Signature"]
    assert ml.verify(public, message, signature)
    local = ml.sign(private, message)
    assert kms.verify(KeyId=key["KeyId"], Message=message, Signature=local,
                      SigningAlgorithm="ML_DSA_SHAKE_256")["SignatureValid"] is True


def test_ml_dsa_import_takes_the_seed_form_only(kms):
    """[lamps] §6 also allows `expandedKey` and `both`; Arca builds keys from seeds only and cannot
    check a `both` key's expanded half (§8.2), so it refuses them: IncorrectKeyMaterialException, as
    for other material that is not a key of the spec."""
    from test_import import import_material
    ml = dilithium("ML_DSA_65")
    seed = os.urandom(32)
    _, expanded = ml.key_derive(seed)
    assert len(expanded) == 4032
    key = kms.create_key(KeySpec="ML_DSA_65", KeyUsage="SIGN_VERIFY", Origin="EXTERNAL")["KeyMetadata"]
    algorithm = bytes.fromhex("300b0609608648016503040312")

    def one_asymmetric_key(private_key: bytes) -> bytes:
        body = bytes.fromhex("020100") + algorithm + b"\x04\x82" + len(private_key).to_bytes(2, "big") + private_key
        return b"\x30\x82" + len(body).to_bytes(2, "big") + body

    both = b"\x04\x20" + seed + b"\x04\x82\x0f\xc0" + expanded
    refused = {
        "expandedKey": one_asymmetric_key(b"\x04\x82\x0f\xc0" + expanded),
        "both": one_asymmetric_key(b"\x30\x82" + len(both).to_bytes(2, "big") + both),
        "ML_DSA_87 seed": ml_dsa_seed_pkcs8("ML_DSA_87", seed),
        "bare seed": seed,
    }
    for name, material in refused.items():
        resp = expect_error(import_material, kms, key["KeyId"], material, algorithm="RSA_AES_KEY_WRAP_SHA_256",
                            ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
        assert resp["Error"]["Code"] == "IncorrectKeyMaterialException", (name, resp["Error"])
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"] == "PendingImport"
    import_material(kms, key["KeyId"], ml_dsa_seed_pkcs8("ML_DSA_65", seed), algorithm="RSA_AES_KEY_WRAP_SHA_256",
                    ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"] == "Enabled"
