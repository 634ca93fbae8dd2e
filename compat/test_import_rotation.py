"""Rotating imported key material: ImportType NEW_KEY_MATERIAL, RotateKeyOnDemand, KeyMaterialId.

"Symmetric encryption keys with EXTERNAL origin support on-demand rotation. You can associate
multiple key materials with imported keys that support on-demand rotation." (AWS KMS Developer
Guide, Import the key material); "When you initiate on-demand key rotation on a symmetric
encryption KMS key with imported key material, you must have already imported new key material
and that key material's state should be PENDING_ROTATION." (KMS API reference, RotateKeyOnDemand)
"""
import base64
import os

import pytest

from helpers import assert_error, clock, expect_error, make_client
from test_import import import_material, wrap

NEVER = {"ExpirationModel": "KEY_MATERIAL_DOES_NOT_EXPIRE"}


@pytest.fixture
def kms(clocked):
    return make_client(clocked.endpoint)


def states(kms, key_id, **kwargs):
    rotations = kms.list_key_rotations(KeyId=key_id, **kwargs)["Rotations"]
    return [(r["KeyMaterialId"], r["KeyMaterialState"], r["ImportState"]) for r in rotations]


def test_new_material_is_pending_until_rotated_then_encrypts_while_old_ciphertexts_still_decrypt(kms):
    key = kms.create_key(Origin="EXTERNAL")["KeyMetadata"]
    first = import_material(kms, key["KeyId"], os.urandom(32), KeyMaterialDescription="first", **NEVER)
    assert first["KeyId"] == key["Arn"] and len(first["KeyMaterialId"]) == 64
    old = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"old")["CiphertextBlob"]
    second = import_material(kms, key["KeyId"], os.urandom(32), ImportType="NEW_KEY_MATERIAL", **NEVER)
    first_id, second_id = first["KeyMaterialId"], second["KeyMaterialId"]
    assert first_id != second_id

    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["CurrentKeyMaterialId"] == first_id
    assert kms.list_key_rotations(KeyId=key["KeyId"])["Rotations"] == []
    assert states(kms, key["KeyId"], IncludeKeyMaterial="ALL_KEY_MATERIAL") == [
        (first_id, "CURRENT", "IMPORTED"), (second_id, "PENDING_ROTATION", "IMPORTED")]
    listed = kms.list_key_rotations(KeyId=key["KeyId"], IncludeKeyMaterial="ALL_KEY_MATERIAL")["Rotations"]
    assert listed[0]["KeyMaterialDescription"] == "first" and "KeyMaterialDescription" not in listed[1]
    assert all(entry["ExpirationModel"] == "KEY_MATERIAL_DOES_NOT_EXPIRE" for entry in listed)
    assert not any("RotationDate" in entry or "RotationType" in entry for entry in listed)
    assert kms.generate_data_key(KeyId=key["KeyId"], KeySpec="AES_256")["KeyMaterialId"] == first_id

    assert kms.rotate_key_on_demand(KeyId=key["KeyId"])["KeyId"] == key["Arn"]
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["CurrentKeyMaterialId"] == second_id
    new = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"new")["CiphertextBlob"]
    assert kms.decrypt(CiphertextBlob=new)["KeyMaterialId"] == second_id
    decrypted = kms.decrypt(CiphertextBlob=old)
    assert decrypted["Plaintext"] == b"old" and decrypted["KeyMaterialId"] == first_id
    reencrypted = kms.re_encrypt(CiphertextBlob=old, DestinationKeyId=key["KeyId"])
    assert (reencrypted["SourceKeyMaterialId"], reencrypted["DestinationKeyMaterialId"]) == (first_id, second_id)

    rotations = kms.list_key_rotations(KeyId=key["KeyId"])["Rotations"]
    assert [(r["KeyMaterialId"], r["RotationType"]) for r in rotations] == [(second_id, "ON_DEMAND")]
    assert "RotationDate" in rotations[0]
    assert states(kms, key["KeyId"], IncludeKeyMaterial="ALL_KEY_MATERIAL") == [
        (first_id, "NON_CURRENT", "IMPORTED"), (second_id, "CURRENT", "IMPORTED")]


def test_rotation_and_new_material_are_refused_where_aws_refuses_them(kms):
    key = kms.create_key(Origin="EXTERNAL")["KeyMetadata"]
    material = os.urandom(32)
    first_id = import_material(kms, key["KeyId"], material, **NEVER)["KeyMaterialId"]
    resp = expect_error(kms.rotate_key_on_demand, KeyId=key["KeyId"])
    assert_error(resp, "KMSInvalidStateException", f"No available key material pending rotation for the key: {key['Arn']}.")
    resp = expect_error(import_material, kms, key["KeyId"], os.urandom(32), ImportType="NEW_KEY_MATERIAL",
                        KeyMaterialId=first_id, **NEVER)
    assert_error(resp, "ValidationException")
    resp = expect_error(import_material, kms, key["KeyId"], material, ImportType="NEW_KEY_MATERIAL", **NEVER)
    assert_error(resp, "IncorrectKeyMaterialException")
    import_material(kms, key["KeyId"], os.urandom(32), ImportType="NEW_KEY_MATERIAL", **NEVER)
    resp = expect_error(import_material, kms, key["KeyId"], os.urandom(32), ImportType="NEW_KEY_MATERIAL", **NEVER)
    assert_error(resp, "KMSInvalidStateException")
    # Other material without ImportType is a reimport (EXISTING_KEY_MATERIAL) of nothing known.
    resp = expect_error(import_material, kms, key["KeyId"], os.urandom(32), **NEVER)
    assert_error(resp, "IncorrectKeyMaterialException")

    hmac_key = kms.create_key(Origin="EXTERNAL", KeySpec="HMAC_256", KeyUsage="GENERATE_VERIFY_MAC")["KeyMetadata"]
    import_material(kms, hmac_key["KeyId"], os.urandom(32), **NEVER)
    # "This parameter is optional and only usable with symmetric encryption keys" (ImportType).
    resp = expect_error(import_material, kms, hmac_key["KeyId"], os.urandom(32), ImportType="NEW_KEY_MATERIAL", **NEVER)
    assert_error(resp, "ValidationException")


def test_deleting_non_current_material_by_id_waits_for_exactly_that_material(kms):
    key = kms.create_key(Origin="EXTERNAL")["KeyMetadata"]
    material = os.urandom(32)
    first_id = import_material(kms, key["KeyId"], material, **NEVER)["KeyMaterialId"]
    old = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"old")["CiphertextBlob"]
    second_id = import_material(kms, key["KeyId"], os.urandom(32), ImportType="NEW_KEY_MATERIAL", **NEVER)["KeyMaterialId"]
    kms.rotate_key_on_demand(KeyId=key["KeyId"])

    resp = expect_error(kms.delete_imported_key_material, KeyId=key["KeyId"], KeyMaterialId="ab" * 32)
    assert_error(resp, "NotFoundException")
    deleted = kms.delete_imported_key_material(KeyId=key["KeyId"], KeyMaterialId=first_id)
    assert deleted == {"KeyId": key["Arn"], "KeyMaterialId": first_id, "ResponseMetadata": deleted["ResponseMetadata"]}
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"] == "PendingImport"
    assert states(kms, key["KeyId"], IncludeKeyMaterial="ALL_KEY_MATERIAL") == [
        (first_id, "NON_CURRENT", "PENDING_IMPORT"), (second_id, "CURRENT", "IMPORTED")]
    assert_error(expect_error(kms.decrypt, CiphertextBlob=old), "KMSInvalidStateException",
                 f"{key['Arn']} is pending import.")

    resp = expect_error(import_material, kms, key["KeyId"], os.urandom(32), ImportType="EXISTING_KEY_MATERIAL",
                        KeyMaterialId=first_id, **NEVER)
    assert_error(resp, "IncorrectKeyMaterialException")
    again = import_material(kms, key["KeyId"], material, ImportType="EXISTING_KEY_MATERIAL", KeyMaterialId=first_id, **NEVER)
    assert again["KeyMaterialId"] == first_id
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"] == "Enabled"
    assert kms.decrypt(CiphertextBlob=old)["Plaintext"] == b"old"


def test_the_aws_cli_imports_new_material_and_lists_it(aws_cli, tmp_path):
    kms = make_client(aws_cli.endpoint)
    key_id = aws_cli("create-key", "--origin", "EXTERNAL")["KeyMetadata"]["KeyId"]
    import_material(kms, key_id, os.urandom(32), **NEVER)
    params = kms.get_parameters_for_import(KeyId=key_id, WrappingAlgorithm="RSAES_OAEP_SHA_256",
                                           WrappingKeySpec="RSA_2048")
    (tmp_path / "material.bin").write_bytes(wrap(os.urandom(32), params["PublicKey"], "RSAES_OAEP_SHA_256"))
    (tmp_path / "token.bin").write_bytes(params["ImportToken"])
    imported = aws_cli("import-key-material", "--key-id", key_id,
                       "--encrypted-key-material", f"fileb://{tmp_path / 'material.bin'}",
                       "--import-token", f"fileb://{tmp_path / 'token.bin'}",
                       "--expiration-model", "KEY_MATERIAL_DOES_NOT_EXPIRE",
                       "--import-type", "NEW_KEY_MATERIAL", "--key-material-description", "next quarter")
    listed = aws_cli("list-key-rotations", "--key-id", key_id, "--include-key-material", "ALL_KEY_MATERIAL")["Rotations"]
    assert listed[-1]["KeyMaterialId"] == imported["KeyMaterialId"]
    assert listed[-1]["KeyMaterialState"] == "PENDING_ROTATION" and listed[-1]["KeyMaterialDescription"] == "next quarter"
    aws_cli("rotate-key-on-demand", "--key-id", key_id)
    described = aws_cli("describe-key", "--key-id", key_id)["KeyMetadata"]
    assert described["CurrentKeyMaterialId"] == imported["KeyMaterialId"]


def test_pending_material_and_rotation_survive_kill_9(make_server):
    srv = make_server("import-rotation-kill9", env={"ARCA_ROOT_KEY": base64.b64encode(b"q" * 32).decode()})
    kms = make_client(srv.endpoint)
    key = kms.create_key(Origin="EXTERNAL")["KeyMetadata"]
    first, second = os.urandom(32), os.urandom(32)
    import_material(kms, key["KeyId"], first, **NEVER)
    old = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"old")["CiphertextBlob"]
    second_id = import_material(kms, key["KeyId"], second, ImportType="NEW_KEY_MATERIAL", **NEVER)["KeyMaterialId"]
    srv.kill()
    raw = b"".join(p.read_bytes() for p in srv.data_dir.iterdir() if p.is_file())
    assert first not in raw and second not in raw
    srv.start()
    kms = make_client(srv.endpoint)
    assert kms.list_key_rotations(KeyId=key["KeyId"], IncludeKeyMaterial="ALL_KEY_MATERIAL")["Rotations"][-1][
        "KeyMaterialState"] == "PENDING_ROTATION"
    kms.rotate_key_on_demand(KeyId=key["KeyId"])
    srv.kill()
    srv.start()
    kms = make_client(srv.endpoint)
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["CurrentKeyMaterialId"] == second_id
    assert kms.decrypt(CiphertextBlob=old)["Plaintext"] == b"old"
    new = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"new")["CiphertextBlob"]
    assert kms.decrypt(CiphertextBlob=new)["KeyMaterialId"] == second_id


def test_a_multi_region_key_takes_new_material_in_its_primary_and_the_same_in_each_replica(clocked):
    east, west = make_client(clocked.endpoint, "us-east-1"), make_client(clocked.endpoint, "us-west-2")
    key = east.create_key(Origin="EXTERNAL", MultiRegion=True)["KeyMetadata"]
    assert key["KeyId"].startswith("mrk-") and key["KeyState"] == "PendingImport"
    east.replicate_key(KeyId=key["KeyId"], ReplicaRegion="us-west-2")
    clock(clocked, advance=1)   # the lifecycle service finishes the creation
    assert west.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"] == "PendingImport"
    resp = expect_error(import_material, west, key["KeyId"], os.urandom(32), **NEVER)
    assert_error(resp, "UnsupportedOperationException")

    first, second = os.urandom(32), os.urandom(32)
    first_id = import_material(east, key["KeyId"], first, **NEVER)["KeyMaterialId"]
    # A token from one copy's GetParametersForImport imports into that copy only.
    params = east.get_parameters_for_import(KeyId=key["KeyId"], WrappingAlgorithm="RSAES_OAEP_SHA_256",
                                            WrappingKeySpec="RSA_2048")
    resp = expect_error(west.import_key_material, KeyId=key["KeyId"], ImportToken=params["ImportToken"],
                        EncryptedKeyMaterial=wrap(first, params["PublicKey"], "RSAES_OAEP_SHA_256"), **NEVER)
    assert_error(resp, "InvalidImportTokenException")
    resp = expect_error(import_material, west, key["KeyId"], second, **NEVER)
    assert_error(resp, "IncorrectKeyMaterialException")
    assert import_material(west, key["KeyId"], first, **NEVER)["KeyMaterialId"] == first_id
    old = east.encrypt(KeyId=key["KeyId"], Plaintext=b"old")["CiphertextBlob"]
    assert west.decrypt(CiphertextBlob=old)["Plaintext"] == b"old"

    second_id = import_material(east, key["KeyId"], second, ImportType="NEW_KEY_MATERIAL", **NEVER)["KeyMaterialId"]
    assert states(east, key["KeyId"], IncludeKeyMaterial="ALL_KEY_MATERIAL")[-1] == (
        second_id, "PENDING_MULTI_REGION_IMPORT_AND_ROTATION", "IMPORTED")
    assert_error(expect_error(east.rotate_key_on_demand, KeyId=key["KeyId"]), "KMSInvalidStateException")
    import_material(west, key["KeyId"], second, ImportType="EXISTING_KEY_MATERIAL", **NEVER)
    assert states(east, key["KeyId"], IncludeKeyMaterial="ALL_KEY_MATERIAL")[-1] == (second_id, "PENDING_ROTATION", "IMPORTED")
    east.rotate_key_on_demand(KeyId=key["KeyId"])
    assert west.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["CurrentKeyMaterialId"] == second_id
    new = west.encrypt(KeyId=key["KeyId"], Plaintext=b"new")["CiphertextBlob"]
    assert east.decrypt(CiphertextBlob=new)["KeyMaterialId"] == second_id
    assert east.decrypt(CiphertextBlob=old)["KeyMaterialId"] == first_id
