"""Issue 4's 'done means' with the aws CLI, OpenSSL and curl alone against a server started with
--dev-clock: a key rotates on schedule and still decrypts old data, imported material expires,
one deletion is cancelled and another key disappears with its alias. Plus the events webhook."""
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from conftest import AwsCli
from helpers import clock, make_client


def test_watch_keys_rotate_expire_and_disappear_with_the_cli(clocked, tmp_path):
    aws_cli = AwsCli(clocked.endpoint)
    script = """
        set -eu
        kms() { aws --endpoint-url "$ARCA_ENDPOINT" kms "$@"; }
        advance() { curl -sf -X POST "$ARCA_ENDPOINT/_arca/clock" -d "{\\"advance\\": $1}" > /dev/null; }
        day=86400

        # Rotation on schedule, old data still decrypts.
        key=$(kms create-key --query KeyMetadata.KeyId --output text)
        kms encrypt --key-id "$key" --plaintext b2xk --query CiphertextBlob --output text | base64 -d > old.bin
        kms enable-key-rotation --key-id "$key"
        before=$(kms describe-key --key-id "$key" --query KeyMetadata.CurrentKeyMaterialId --output text)
        advance $((366 * day))
        after=$(kms describe-key --key-id "$key" --query KeyMetadata.CurrentKeyMaterialId --output text)
        [ "$before" != "$after" ] && echo rotated
        kms list-key-rotations --key-id "$key" --query 'Rotations[0].RotationType' --output text
        kms decrypt --ciphertext-blob fileb://old.bin --query Plaintext --output text

        # Imported material that expires.
        byok=$(kms create-key --origin EXTERNAL --query KeyMetadata.KeyId --output text)
        kms get-parameters-for-import --key-id "$byok" --wrapping-algorithm RSAES_OAEP_SHA_256 \\
            --wrapping-key-spec RSA_4096 --output json > params.json
        python3 -c 'import json,sys; p=json.load(open("params.json")); open("PublicKey.b64","w").write(p["PublicKey"]); open("ImportToken.b64","w").write(p["ImportToken"])'
        openssl enc -d -base64 -A -in PublicKey.b64 -out PublicKey.bin
        openssl enc -d -base64 -A -in ImportToken.b64 -out ImportToken.bin
        openssl rand -out PlaintextKeyMaterial.bin 32
        openssl pkeyutl -encrypt -in PlaintextKeyMaterial.bin -out EncryptedKeyMaterial.bin -inkey PublicKey.bin \\
            -keyform DER -pubin -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256
        valid_to=$(curl -sf "$ARCA_ENDPOINT/_arca/clock" | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["now"]) + 2 * 86400)')
        kms import-key-material --key-id "$byok" --encrypted-key-material fileb://EncryptedKeyMaterial.bin \\
            --import-token fileb://ImportToken.bin --expiration-model KEY_MATERIAL_EXPIRES --valid-to "$valid_to" > /dev/null
        kms describe-key --key-id "$byok" --query KeyMetadata.KeyState --output text
        advance $((3 * day))
        kms describe-key --key-id "$byok" --query KeyMetadata.KeyState --output text

        # One deletion cancelled, another carried out with its alias.
        kept=$(kms create-key --query KeyMetadata.KeyId --output text)
        gone=$(kms create-key --query KeyMetadata.KeyId --output text)
        kms create-alias --alias-name alias/cli-gone-$gone --target-key-id "$gone"
        kms schedule-key-deletion --key-id "$kept" --pending-window-in-days 7 --query KeyState --output text
        kms schedule-key-deletion --key-id "$gone" --pending-window-in-days 7 > /dev/null
        kms cancel-key-deletion --key-id "$kept" > /dev/null
        advance $((8 * day))
        kms describe-key --key-id "$kept" --query KeyMetadata.KeyState --output text
        kms describe-key --key-id "$gone" 2>&1 | grep -o NotFoundException || true
        kms list-aliases --query "length(Aliases[?AliasName=='alias/cli-gone-$gone'])" --output text
    """
    out = aws_cli.shell(script, cwd=tmp_path).stdout.decode().split()
    # The aws CLI v1 sends --plaintext as the bytes typed, and prints blobs in base64.
    assert out == ["rotated", "AUTOMATIC", "YjJ4aw==", "Enabled", "PendingImport", "PendingDeletion", "Disabled",
                   "NotFoundException", "0"]


class _Collector(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Collector.received.append((self.headers["Content-Type"], json.loads(body)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_events_reach_a_webhook(make_server):
    receiver = HTTPServer(("127.0.0.1", 0), _Collector)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    try:
        srv = make_server("webhook", extra_args=["--dev-clock", "--events-webhook",
                                                 f"http://127.0.0.1:{receiver.server_port}/kms-events"])
        kms = make_client(srv.endpoint)
        key = kms.create_key()["KeyMetadata"]
        kms.schedule_key_deletion(KeyId=key["KeyId"], PendingWindowInDays=7)
        clock(srv, advance=7 * 86_400 + 1)
        [(content_type, event)] = [e for e in _Collector.received if e[1]["resources"] == [key["Arn"]]]
        assert content_type == "application/json"
        assert event["detail-type"] == "KMS CMK Deletion" and event["detail"]["key-id"] == key["KeyId"]
    finally:
        receiver.shutdown()
