"""The access-control scenario of the KMS Developer Guide built with the aws CLI alone: key
administrators who cannot decrypt, key users who can, an external account, a role assumed through
STS and a grant with constraints, and every allow and deny as the guide says."""
import json
import uuid

from guide_policy_texts import KEY_ADMINISTRATORS_STATEMENT, KEY_USERS_STATEMENT, ROOT_STATEMENT
from helpers import OTHER_ACCOUNT, OTHER_ROOT_KEY

EXTERNAL_ACCOUNT = "000000000000"  # Arca's built-in account, root key test/test


def key_policy(admin_user, admin_role, user, user_role):
    """The guide's default key policy statements with this scenario's principals put in."""
    statements = []
    for text in (ROOT_STATEMENT, KEY_ADMINISTRATORS_STATEMENT, KEY_USERS_STATEMENT):
        text = (text.replace("user/KMSAdminUser", f"user/{admin_user}").replace("role/KMSAdminRole", f"role/{admin_role}")
                .replace("user/KMSUser", f"user/{user}").replace("role/KMSRole", f"role/{user_role}")
                .replace("444455556666", EXTERNAL_ACCOUNT).replace("111122223333", OTHER_ACCOUNT))
        statements.append(json.loads(text))
    return {"Version": "2012-10-17", "Statement": statements}


def test_guide_scenario_with_the_aws_cli_alone(aws_cli, tmp_path):
    suffix = uuid.uuid4().hex[:6]
    admin, user, grantee, outsider = (f"{n}-{suffix}" for n in ("key-admin", "key-user", "grantee", "outsider"))
    admin_role, user_role = f"admin-role-{suffix}", f"user-role-{suffix}"
    trust_user = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:user/{user}"}, "Action": "sts:AssumeRole"}]})
    (tmp_path / "policy.json").write_text(json.dumps(key_policy(admin, admin_role, user, user_role)))
    (tmp_path / "trust.json").write_text(trust_user)
    (tmp_path / "external-encrypt.json").write_text(json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "kms:Encrypt", "Resource": f"arn:aws:kms:*:{OTHER_ACCOUNT}:key/*"}]}))
    script = f"""
        set -eu
        unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
        export AWS_SHARED_CREDENTIALS_FILE="$PWD/credentials"
        aws configure set aws_access_key_id {OTHER_ROOT_KEY[0]} --profile root
        aws configure set aws_secret_access_key {OTHER_ROOT_KEY[1]} --profile root
        aws configure set aws_access_key_id test --profile external
        aws configure set aws_secret_access_key test --profile external
        as() {{ profile=$1; shift; aws --endpoint-url "$ARCA_ENDPOINT" --profile "$profile" --output text "$@"; }}
        # A user with an access key, saved as a profile of the same name.
        user() {{
            account=$1 name=$2
            as "$account" iam create-user --user-name "$name" > /dev/null
            set -- $(as "$account" iam create-access-key --user-name "$name" \\
                     --query 'AccessKey.[AccessKeyId,SecretAccessKey]')
            aws configure set aws_access_key_id "$1" --profile "$name"
            aws configure set aws_secret_access_key "$2" --profile "$name"
        }}
        # Prints the label and ALLOWED, or DENIED and the AWS error code.
        check() {{
            label=$1; shift
            if out=$("$@" 2>&1 > /dev/null); then echo "$label ALLOWED"
            else echo "$label DENIED $(echo "$out" | sed -n 's/.*An error occurred (\\([A-Za-z]*\\)).*/\\1/p')"; fi
        }}

        user root {admin}; user root {user}; user root {grantee}; user external {outsider}
        as root iam create-role --role-name {admin_role} --assume-role-policy-document file://trust.json > /dev/null
        as root iam create-role --role-name {user_role} --assume-role-policy-document file://trust.json > /dev/null
        key=$(as root kms create-key --policy file://policy.json --query KeyMetadata.Arn)

        check "admin describes the key" as {admin} kms describe-key --key-id "$key"
        check "admin disables the key" as {admin} kms disable-key --key-id "$key"
        check "admin enables the key" as {admin} kms enable-key --key-id "$key"
        check "admin encrypts" as {admin} kms encrypt --key-id "$key" --plaintext aGk=
        blob=$(as {user} kms encrypt --key-id "$key" --plaintext aGk= --query CiphertextBlob)
        echo "$blob" | base64 -d > blob.bin
        check "user decrypts" as {user} kms decrypt --ciphertext-blob fileb://blob.bin
        check "admin decrypts" as {admin} kms decrypt --ciphertext-blob fileb://blob.bin
        check "user disables the key" as {user} kms disable-key --key-id "$key"
        check "user changes the key policy" as {user} kms put-key-policy --key-id "$key" --policy-name default \\
            --policy file://policy.json

        check "external root encrypts" as external kms encrypt --key-id "$key" --plaintext aGk=
        check "external user encrypts" as {outsider} kms encrypt --key-id "$key" --plaintext aGk=
        as external iam put-user-policy --user-name {outsider} --policy-name use-key \\
            --policy-document file://external-encrypt.json
        check "external user with IAM policy encrypts" as {outsider} kms encrypt --key-id "$key" --plaintext aGk=
        check "external user with IAM policy decrypts" as {outsider} kms decrypt --ciphertext-blob fileb://blob.bin

        set -- $(as {user} sts assume-role --role-arn arn:aws:iam::{OTHER_ACCOUNT}:role/{user_role} \\
                 --role-session-name scenario --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]')
        aws configure set aws_access_key_id "$1" --profile role
        aws configure set aws_secret_access_key "$2" --profile role
        aws configure set aws_session_token "$3" --profile role
        check "role session decrypts" as role kms decrypt --ciphertext-blob fileb://blob.bin
        check "role session disables the key" as role kms disable-key --key-id "$key"

        check "grantee encrypts" as {grantee} kms encrypt --key-id "$key" --plaintext aGk= \\
            --encryption-context Department=Finance,Classification=Public
        as root kms create-grant --key-id "$key" --grantee-principal arn:aws:iam::{OTHER_ACCOUNT}:user/{grantee} \\
            --operations Encrypt --constraints 'EncryptionContextSubset={{Department=Finance,Classification=Public}}' > /dev/null
        check "grantee encrypts with the listed context" as {grantee} kms encrypt --key-id "$key" --plaintext aGk= \\
            --encryption-context Department=Finance,Classification=Public
        check "grantee encrypts with a superset" as {grantee} kms encrypt --key-id "$key" --plaintext aGk= \\
            --encryption-context Department=Finance,Classification=Public,Customer=12345
        check "grantee encrypts with Department only" as {grantee} kms encrypt --key-id "$key" --plaintext aGk= \\
            --encryption-context Department=Finance
    """
    out = aws_cli.shell(script, cwd=tmp_path)
    assert out.returncode == 0, out.stderr.decode()
    lines = out.stdout.decode().splitlines()
    assert lines == [
        "admin describes the key ALLOWED",
        "admin disables the key ALLOWED",
        "admin enables the key ALLOWED",
        "admin encrypts DENIED AccessDeniedException",
        "user decrypts ALLOWED",
        "admin decrypts DENIED AccessDeniedException",
        "user disables the key DENIED AccessDeniedException",
        "user changes the key policy DENIED AccessDeniedException",
        "external root encrypts ALLOWED",
        "external user encrypts DENIED AccessDeniedException",
        "external user with IAM policy encrypts ALLOWED",
        "external user with IAM policy decrypts DENIED AccessDeniedException",
        "role session decrypts ALLOWED",
        "role session disables the key DENIED AccessDeniedException",
        "grantee encrypts DENIED AccessDeniedException",
        "grantee encrypts with the listed context ALLOWED",
        "grantee encrypts with a superset ALLOWED",
        "grantee encrypts with Department only DENIED AccessDeniedException",
    ]
