"""The Recipient parameter (AWS Nitro Enclaves attestation): "AWS KMS relies on the digital
signature for the attestation document to prove that the public key in the request came from a
valid source. You cannot supply your own certificate to digitally sign the attestation document."
(AWS KMS Developer Guide, How to make attested calls.) No caller of this suite runs in an enclave,
so every document is refused; the enclave's side (its key, CMS EnvelopedData opened by
`openssl cms`) is covered by the unit tests with a test PKI."""
import pytest

from helpers import assert_error, expect_error, make_client

# A well-formed COSE_Sign1 array (CBOR: [h'a10138 22', {}, h'', h'00'*96]) that no Nitro
# hypervisor signed: ES384 in its protected header, an empty payload.
UNSIGNED_COSE = bytes([0x84, 0x44, 0xA1, 0x01, 0x38, 0x22, 0xA0, 0x40, 0x58, 0x60]) + bytes(96)


@pytest.fixture
def kms(server):
    return make_client(server.endpoint)


@pytest.mark.parametrize("document", [b"not an attestation document", UNSIGNED_COSE], ids=["garbage", "unsigned-cose"])
def test_a_document_from_outside_an_enclave_is_refused(kms, document):
    recipient = {"KeyEncryptionAlgorithm": "RSAES_OAEP_SHA_256", "AttestationDocument": document}
    key = kms.create_key()["KeyMetadata"]
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"only for an enclave")["CiphertextBlob"]
    calls = [(kms.decrypt, {"CiphertextBlob": blob}),
             (kms.generate_data_key, {"KeyId": key["KeyId"], "KeySpec": "AES_256"}),
             (kms.generate_data_key_pair, {"KeyId": key["KeyId"], "KeyPairSpec": "ECC_NIST_P256"}),
             (kms.generate_random, {"NumberOfBytes": 16})]
    for call, arguments in calls:
        resp = expect_error(call, Recipient=recipient, **arguments)
        assert_error(resp, "ValidationException")
        assert resp["Error"]["Message"].startswith("The attestation document is not valid")
    # Without the Recipient the same requests answer in plaintext, as usual.
    assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == b"only for an enclave"
