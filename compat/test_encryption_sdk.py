"""The AWS Encryption SDK for Python (master key provider API) against Arca."""
import os

import aws_encryption_sdk
import botocore.session
import pytest
from aws_encryption_sdk import CommitmentPolicy
from aws_encryption_sdk.exceptions import AWSEncryptionSDKClientError

from helpers import REGION


class EndpointSession(botocore.session.Session):
    """A botocore session whose clients all talk to the Arca endpoint."""

    def __init__(self, endpoint, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._arca_endpoint = endpoint

    def create_client(self, *args, **kwargs):
        if kwargs.get("endpoint_url") is None:
            kwargs["endpoint_url"] = self._arca_endpoint
        return super().create_client(*args, **kwargs)


@pytest.fixture
def botocore_session(server):
    session = EndpointSession(server.endpoint)
    session.set_credentials("test", "test")
    session.set_config_variable("region", REGION)
    return session


@pytest.fixture
def esdk():
    return aws_encryption_sdk.EncryptionSDKClient(
        commitment_policy=CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT)


def provider(session, *key_ids):
    return aws_encryption_sdk.StrictAwsKmsMasterKeyProvider(key_ids=list(key_ids),
                                                            botocore_session=session)


def test_encryption_sdk_round_trips_a_file_with_context(esdk, botocore_session, key, tmp_path):
    source = tmp_path / "report.bin"
    source.write_bytes(b"quarterly numbers\n" + os.urandom(100_000))
    ctx = {"app": "compat", "file": "report.bin"}
    mkp = provider(botocore_session, key["Arn"])
    ciphertext, enc_header = esdk.encrypt(source=source.read_bytes(), key_provider=mkp,
                                          encryption_context=ctx)
    assert source.read_bytes() not in ciphertext
    (tmp_path / "report.bin.encrypted").write_bytes(ciphertext)
    plaintext, dec_header = esdk.decrypt(source=(tmp_path / "report.bin.encrypted").read_bytes(),
                                         key_provider=provider(botocore_session, key["Arn"]))
    assert plaintext == source.read_bytes()
    for k, v in ctx.items():
        assert dec_header.encryption_context[k] == v
    edks = list(dec_header.encrypted_data_keys)
    assert edks and all(edk.key_provider.key_info == key["Arn"].encode() for edk in edks)


def test_encryption_sdk_streaming_round_trip(esdk, botocore_session, key, tmp_path):
    data = os.urandom(300_000)
    src = tmp_path / "in.bin"
    src.write_bytes(data)
    enc = tmp_path / "out.enc"
    mkp = provider(botocore_session, key["Arn"])
    with open(src, "rb") as fin, open(enc, "wb") as fout:
        with esdk.stream(mode="e", source=fin, key_provider=mkp, encryption_context={"s": "1"},
                         frame_length=4096) as encryptor:
            for chunk in encryptor:
                fout.write(chunk)
    out = b""
    with open(enc, "rb") as fin:
        with esdk.stream(mode="d", source=fin, key_provider=provider(botocore_session, key["Arn"])) as dec:
            for chunk in dec:
                out += chunk
    assert out == data


def test_encryption_sdk_with_two_keys_decrypts_with_either(esdk, botocore_session, kms, key):
    other = kms.create_key()["KeyMetadata"]
    ciphertext, header = esdk.encrypt(source=b"two keys", key_provider=provider(botocore_session, key["Arn"],
                                                                                 other["Arn"]))
    assert len(header.encrypted_data_keys) == 2
    for arn in (key["Arn"], other["Arn"]):
        plaintext, _ = esdk.decrypt(source=ciphertext, key_provider=provider(botocore_session, arn))
        assert plaintext == b"two keys"


def test_encryption_sdk_decrypt_fails_when_key_is_disabled(esdk, botocore_session, kms, key):
    ciphertext, _ = esdk.encrypt(source=b"disable me", key_provider=provider(botocore_session, key["Arn"]))
    kms.disable_key(KeyId=key["KeyId"])
    with pytest.raises(AWSEncryptionSDKClientError):
        esdk.decrypt(source=ciphertext, key_provider=provider(botocore_session, key["Arn"]))


def test_encryption_sdk_tampered_message_fails(esdk, botocore_session, key):
    ciphertext, _ = esdk.encrypt(source=b"tamper", key_provider=provider(botocore_session, key["Arn"]))
    broken = bytearray(ciphertext)
    broken[len(broken) // 2] ^= 0x01
    with pytest.raises(AWSEncryptionSDKClientError):
        esdk.decrypt(source=bytes(broken), key_provider=provider(botocore_session, key["Arn"]))
