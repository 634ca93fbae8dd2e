#!/usr/bin/env python3
"""Request preparation for bench/run (the orchestration lives there).

Subcommands:
  free-port                       print a free TCP port on 127.0.0.1
  config --out F                  writes the server config file F (YAML): IAM users bench-admin
                                  and bench-user, with bench-user's IAM policy
  wait-health --url U             poll GET U/_arca/health until 200 (bounded by --timeout)
  setup --url U --state F [--policy-key]
                                  CreateKey + one Encrypt via boto3; writes the key id and
                                  the ciphertext (for Decrypt) to the state file F; with
                                  --policy-key also creates a key with the console's default key
                                  policy naming bench-admin and bench-user (the server must run
                                  with the `config` file) and checks who it lets encrypt
                                  --queues also creates an SQS queue with the default SSE-SQS, one
                                  with SSE-KMS under the key, one filled with messages for
                                  ReceiveMessage, and an SNS topic with one SQS subscription (a
                                  queue whose policy lets the topic send) for Publish
  sign --url U --state F --op OP --out L
                                  builds one request for OP (Encrypt, EncryptAsUser, Decrypt,
                                  GenerateDataKey, SendMessage, SendMessageSSEKMS, ReceiveMessage,
                                  Publish, or Health), signs it with botocore's SigV4Auth
                                  (EncryptAsUser: Encrypt under the policy key, signed with
                                  bench-user's access key), sends it once
                                  to check it answers 200 with the expected body, and writes the
                                  wrk Lua script L that replays exactly that request

A SigV4 signature stays valid for the 15-minute clock-skew window, so bench/run signs each
operation right before measuring it, and the Lua script records when it was signed.
"""

import argparse
import base64
import hashlib
import http.client
import json
import socket
import sys
import time
import urllib.parse

import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

REGION = "us-east-1"
SERVICE = "kms"
CONTENT_TYPE = "application/x-amz-json-1.1"
HEALTH_PATH = "/_arca/health"

# Fixed inputs so every run measures the same work.
PLAINTEXT = bytes(range(64))  # 64-byte plaintext for Encrypt
ENCRYPTION_CONTEXT = {"app": "arca-bench", "purpose": "throughput"}

OPS = ("Health", "Encrypt", "EncryptAsUser", "Decrypt", "GenerateDataKey", "SignECC", "SignRSA", "GenerateMac",
       "SendMessage", "SendMessageSSEKMS", "ReceiveMessage", "Publish")
# The action each op calls (X-Amz-Target); EncryptAsUser is Encrypt by another caller,
# SendMessageSSEKMS is SendMessage to the SSE-KMS queue, SignECC and SignRSA are Sign with an
# ECC_NIST_P256 and an RSA_2048 key.
ACTIONS = {"EncryptAsUser": "Encrypt", "SendMessageSSEKMS": "SendMessage", "SignECC": "Sign", "SignRSA": "Sign"}
# Sign and GenerateMac: a 64-byte message, signed or MACed RAW.
MESSAGE = bytes(range(64, 128))
SQS_OPS = ("SendMessage", "SendMessageSSEKMS", "ReceiveMessage")
# SNS speaks the query protocol: a form body, no X-Amz-Target.
SNS_OPS = ("Publish",)
# A 1 KiB message body, the same for every send.
MESSAGE_BODY = ("arca-bench " * 94)[:1024]
# Messages the ReceiveMessage queue holds: received with VisibilityTimeout 0, they stay visible.
RECEIVE_QUEUE_MESSAGES = 100

# IAM users the server is configured with (`config`), in the built-in account whose root is
# test/test. bench-admin administers the policy key; bench-user uses it, allowed both by the key
# policy and by its own resource-scoped IAM policy.
ACCOUNT = "000000000000"
ADMIN = {"name": "bench-admin", "access_key": "AKIABENCHADMIN000001", "secret_key": "bench-admin-secret"}
USER = {"name": "bench-user", "access_key": "AKIABENCHUSER0000001", "secret_key": "bench-user-secret"}


def user_arn(user):
    return f"arn:aws:iam::{ACCOUNT}:user/{user['name']}"


USER_IAM_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{
        "Sid": "UseKmsKeysOfThisAccount",
        "Effect": "Allow",
        "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"],
        "Resource": f"arn:aws:kms:{REGION}:{ACCOUNT}:key/*",
    }],
}

# The key policy the KMS console creates by default (KMS Developer Guide, "Default Key Policy"),
# with bench-admin as key administrator and bench-user as key user.
CONSOLE_KEY_POLICY = {
    "Version": "2012-10-17",
    "Id": "key-consolepolicy-2",
    "Statement": [
        {
            "Sid": "Enable IAM User Permissions",
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
            "Action": "kms:*",
            "Resource": "*",
        },
        {
            "Sid": "Allow access for Key Administrators",
            "Effect": "Allow",
            "Principal": {"AWS": user_arn(ADMIN)},
            "Action": [
                "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*",
                "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*",
                "kms:TagResource", "kms:UntagResource",
                "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
            ],
            "Resource": "*",
        },
        {
            "Sid": "Allow use of the key",
            "Effect": "Allow",
            "Principal": {"AWS": user_arn(USER)},
            "Action": [
                "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*",
                "kms:GenerateDataKey*", "kms:DescribeKey",
            ],
            "Resource": "*",
        },
        {
            "Sid": "Allow attachment of persistent resources",
            "Effect": "Allow",
            "Principal": {"AWS": user_arn(USER)},
            "Action": ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
            "Resource": "*",
            "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}},
        },
    ],
}

# Emitted by wrk's done() hook; bench/run parses this line.
LUA_DONE = r'''
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "ARCA_RESULT requests=%d duration_us=%d bytes=%d status=%d connect=%d read=%d write=%d timeout=%d p50_us=%d p90_us=%d p99_us=%d mean_us=%.1f max_us=%d\n",
    summary.requests, summary.duration, summary.bytes,
    e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.mean, latency.max))
end
'''


def log(msg):
    print(f"sign_requests: {msg}", file=sys.stderr, flush=True)


def split_url(url):
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "http" or not parts.hostname or not parts.port:
        raise SystemExit(f"sign_requests: --url must look like http://127.0.0.1:PORT, got {url!r}")
    return parts.hostname, parts.port, parts.netloc


def credentials(args, op=None):
    if op == "EncryptAsUser":
        return Credentials(USER["access_key"], USER["secret_key"])
    return Credentials(args.access_key, args.secret_key)


def kms_client(args, access_key=None, secret_key=None):
    return boto3.client(
        "kms",
        endpoint_url=args.url,
        region_name=REGION,
        aws_access_key_id=access_key or args.access_key,
        aws_secret_access_key=secret_key or args.secret_key,
        config=Config(retries={"max_attempts": 1, "mode": "standard"},
                      connect_timeout=5, read_timeout=30),
    )


def send(url, method, path, headers, body, timeout=30):
    host, port, _ = split_url(url)
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


# --- free-port ---------------------------------------------------------------

def cmd_free_port(_args):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])


# --- wait-health -------------------------------------------------------------

def cmd_wait_health(args):
    deadline = time.monotonic() + args.timeout
    last = "no attempt"
    while time.monotonic() < deadline:
        try:
            status, _ = send(args.url, "GET", HEALTH_PATH, {}, None, timeout=2)
            if status == 200:
                return 0
            last = f"HTTP {status}"
        except OSError as exc:
            last = str(exc)
        time.sleep(0.25)
    log(f"{args.url}{HEALTH_PATH} did not answer 200 within {args.timeout}s (last: {last})")
    return 1


# --- config ------------------------------------------------------------------

def cmd_config(args):
    q = json.dumps  # a JSON string is a valid YAML double-quoted scalar
    lines = [
        "# Generated by bench/sign_requests.py config; read by `arca serve --config`.",
        "accounts:",
        f"  - id: {q(ACCOUNT)}",
        "    users:",
    ]
    for user, policy in ((ADMIN, None), (USER, USER_IAM_POLICY)):
        lines += [
            f"      - name: {q(user['name'])}",
            "        accessKeys:",
            f"          - {{ accessKeyId: {q(user['access_key'])}, secretAccessKey: {q(user['secret_key'])} }}",
        ]
        if policy is not None:
            lines += [
                "        policies:",
                "          - name: use-kms-keys",
                f"            document: {q(json.dumps(policy, separators=(',', ':')))}",
            ]
    # AWS's RSA and ECC pools allow 1,000 requests a second; raised here, as AWS raises a quota on
    # request, so Sign measures the server and not the quota.
    lines += [
        "quotas:",
        f"  - account: {q(ACCOUNT)}",
        "    requestRates:",
        f"      {q('Cryptographic operations (RSA) request rate')}: 1000000",
        f"      {q('Cryptographic operations (ECC and SM2) request rate')}: 1000000",
    ]
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    return 0


# --- setup -------------------------------------------------------------------

def setup_policy_key(args, state):
    """Creates the console-default-policy key as the account root; checks that bench-user may
    encrypt under it and that bench-admin (administration only) may describe it but not encrypt."""
    kms = kms_client(args)
    meta = kms.create_key(
        Description="arca bench key with the console default key policy",
        KeyUsage="ENCRYPT_DECRYPT",
        KeySpec="SYMMETRIC_DEFAULT",
        Policy=json.dumps(CONSOLE_KEY_POLICY),
    )["KeyMetadata"]
    user = kms_client(args, USER["access_key"], USER["secret_key"])
    enc = user.encrypt(KeyId=meta["KeyId"], Plaintext=PLAINTEXT, EncryptionContext=ENCRYPTION_CONTEXT)
    if enc["KeyId"] != meta["Arn"]:
        raise SystemExit(f"sign_requests: setup: bench-user's Encrypt answered KeyId {enc['KeyId']!r}, not {meta['Arn']!r}")
    admin = kms_client(args, ADMIN["access_key"], ADMIN["secret_key"])
    admin.describe_key(KeyId=meta["KeyId"])
    try:
        admin.encrypt(KeyId=meta["KeyId"], Plaintext=PLAINTEXT, EncryptionContext=ENCRYPTION_CONTEXT)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") != "AccessDeniedException":
            raise
    else:
        raise SystemExit("sign_requests: setup: bench-admin could Encrypt under the policy key; "
                         "the key policy is not being enforced")
    state["policy_key_id"] = meta["KeyId"]
    state["policy_key_arn"] = meta["Arn"]
    log(f"created policy key {meta['KeyId']}; bench-user may Encrypt, bench-admin may DescribeKey but not Encrypt")



def setup_queues(args, state):
    sqs = boto3.client("sqs", endpoint_url=args.url, region_name=REGION, aws_access_key_id=args.access_key,
                       aws_secret_access_key=args.secret_key, config=Config(retries={"max_attempts": 1, "mode": "standard"}))
    state["queue_url"] = sqs.create_queue(QueueName="bench-sse-sqs")["QueueUrl"]
    state["kms_queue_url"] = sqs.create_queue(QueueName="bench-sse-kms", Attributes={
        "KmsMasterKeyId": state["key_arn"], "KmsDataKeyReusePeriodSeconds": "300"})["QueueUrl"]
    state["receive_queue_url"] = sqs.create_queue(QueueName="bench-receive")["QueueUrl"]
    for start in range(0, RECEIVE_QUEUE_MESSAGES, 10):
        sqs.send_message_batch(QueueUrl=state["receive_queue_url"], Entries=[
            {"Id": str(i), "MessageBody": MESSAGE_BODY} for i in range(start, start + 10)])
    log(f"created queues bench-sse-sqs, bench-sse-kms and bench-receive ({RECEIVE_QUEUE_MESSAGES} messages)")
    # Publish: a topic delivering to one queue, in the signed JSON envelope (no raw delivery), as
    # `sns.amazonaws.com` allowed by the queue policy AWS documents.
    sns = boto3.client("sns", endpoint_url=args.url, region_name=REGION, aws_access_key_id=args.access_key,
                       aws_secret_access_key=args.secret_key, config=Config(retries={"max_attempts": 1, "mode": "standard"}))
    topic = sns.create_topic(Name="bench-topic")["TopicArn"]
    url = sqs.create_queue(QueueName="bench-subscriber")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": queue_arn,
        "Condition": {"ArnEquals": {"aws:SourceArn": topic}}}]})})
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    sns.publish(TopicArn=topic, Message="check")
    delivered = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1).get("Messages", [])
    if not delivered or json.loads(delivered[0]["Body"]).get("Message") != "check":
        raise SystemExit("sign_requests: setup: a Publish to bench-topic did not reach its queue")
    sqs.purge_queue(QueueUrl=url)
    state["topic_arn"] = topic
    log("created topic bench-topic with one SQS subscription (bench-subscriber)")


def setup_signing_keys(kms, state):
    """An ECC_NIST_P256 and an RSA_2048 signing key and an HMAC_256 key, each used once."""
    for name, spec, usage in (("ecc", "ECC_NIST_P256", "SIGN_VERIFY"), ("rsa", "RSA_2048", "SIGN_VERIFY"),
                              ("hmac", "HMAC_256", "GENERATE_VERIFY_MAC")):
        state[f"{name}_key_id"] = kms.create_key(Description=f"arca bench {spec} key", KeySpec=spec,
                                                 KeyUsage=usage)["KeyMetadata"]["KeyId"]
    kms.sign(KeyId=state["ecc_key_id"], Message=MESSAGE, SigningAlgorithm="ECDSA_SHA_256")
    kms.sign(KeyId=state["rsa_key_id"], Message=MESSAGE, SigningAlgorithm="RSASSA_PSS_SHA_256")
    kms.generate_mac(KeyId=state["hmac_key_id"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_256")
    log("created ECC_NIST_P256, RSA_2048 and HMAC_256 keys; Sign and GenerateMac ok")


def cmd_setup(args):
    kms = kms_client(args)
    meta = kms.create_key(
        Description="arca bench key",
        KeyUsage="ENCRYPT_DECRYPT",
        KeySpec="SYMMETRIC_DEFAULT",
    )["KeyMetadata"]
    key_id = meta["KeyId"]
    enc = kms.encrypt(KeyId=key_id, Plaintext=PLAINTEXT, EncryptionContext=ENCRYPTION_CONTEXT)
    blob = enc["CiphertextBlob"]
    dec = kms.decrypt(CiphertextBlob=blob, EncryptionContext=ENCRYPTION_CONTEXT)
    if dec["Plaintext"] != PLAINTEXT:
        raise SystemExit("sign_requests: setup: Decrypt did not round-trip the Encrypt plaintext")
    state = {
        "key_id": key_id,
        "key_arn": meta.get("Arn"),
        "ciphertext_b64": base64.b64encode(blob).decode("ascii"),
    }
    log(f"created key {key_id}; Encrypt/Decrypt round trip ok ({len(blob)}-byte ciphertext)")
    setup_signing_keys(kms, state)
    if args.policy_key:
        setup_policy_key(args, state)
    if args.queues:
        setup_queues(args, state)
    with open(args.state, "w") as f:
        json.dump(state, f, indent=2)
    return 0


# --- sign --------------------------------------------------------------------

def request_body(op, state):
    key_id = state["key_id"]
    if op in ("Encrypt", "EncryptAsUser"):
        if op == "EncryptAsUser":
            key_id = state["policy_key_id"]
        body = {
            "KeyId": key_id,
            "Plaintext": base64.b64encode(PLAINTEXT).decode("ascii"),
            "EncryptionContext": ENCRYPTION_CONTEXT,
        }
    elif op == "Decrypt":
        body = {
            "KeyId": key_id,
            "CiphertextBlob": state["ciphertext_b64"],
            "EncryptionContext": ENCRYPTION_CONTEXT,
        }
    elif op == "GenerateDataKey":
        body = {
            "KeyId": key_id,
            "KeySpec": "AES_256",
            "EncryptionContext": ENCRYPTION_CONTEXT,
        }
    elif op in ("SignECC", "SignRSA"):
        body = {
            "KeyId": state["ecc_key_id" if op == "SignECC" else "rsa_key_id"],
            "Message": base64.b64encode(MESSAGE).decode("ascii"),
            "MessageType": "RAW",
            "SigningAlgorithm": "ECDSA_SHA_256" if op == "SignECC" else "RSASSA_PSS_SHA_256",
        }
    elif op == "GenerateMac":
        body = {"KeyId": state["hmac_key_id"], "Message": base64.b64encode(MESSAGE).decode("ascii"),
                "MacAlgorithm": "HMAC_SHA_256"}
    elif op == "SendMessage":
        body = {"QueueUrl": state["queue_url"], "MessageBody": MESSAGE_BODY}
    elif op == "SendMessageSSEKMS":
        body = {"QueueUrl": state["kms_queue_url"], "MessageBody": MESSAGE_BODY}
    elif op == "ReceiveMessage":
        body = {"QueueUrl": state["receive_queue_url"], "MaxNumberOfMessages": 1, "VisibilityTimeout": 0}
    elif op == "Publish":
        return urllib.parse.urlencode({"Action": "Publish", "Version": "2010-03-31", "TopicArn": state["topic_arn"],
                                       "Message": MESSAGE_BODY})
    else:
        raise ValueError(op)
    return json.dumps(body, separators=(",", ":"))


def signed_headers(args, op, body):
    _, _, netloc = split_url(args.url)
    if op in SNS_OPS:
        headers = {"Host": netloc, "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    else:
        headers = {
            "Host": netloc,
            "Content-Type": "application/x-amz-json-1.0" if op in SQS_OPS else CONTENT_TYPE,
            "X-Amz-Target": f"{'AmazonSQS' if op in SQS_OPS else 'TrentService'}.{ACTIONS.get(op, op)}",
        }
    req = AWSRequest(method="POST", url=f"http://{netloc}/", data=body.encode("utf-8"), headers=headers)
    service = "sqs" if op in SQS_OPS else "sns" if op in SNS_OPS else SERVICE
    SigV4Auth(credentials(args, op), service, REGION).add_auth(req)
    return dict(req.headers.items())


def check_response(op, status, payload, state):
    """Returns an error string, or None when the response is what the op must answer."""
    if status != 200:
        return f"HTTP {status}: {payload[:300]!r}"
    if op == "Health":
        return None
    if op in SNS_OPS:
        text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload
        if "<PublishResult><MessageId>" not in text:
            return f"Publish response lacks a MessageId: {text[:300]!r}"
        return None
    try:
        doc = json.loads(payload)
    except ValueError:
        return f"body is not JSON: {payload[:300]!r}"
    if op == "Encrypt":
        if not doc.get("CiphertextBlob") or not doc.get("KeyId"):
            return f"Encrypt response lacks CiphertextBlob/KeyId: {doc}"
    elif op == "EncryptAsUser":
        if not doc.get("CiphertextBlob") or doc.get("KeyId") != state["policy_key_arn"]:
            return f"EncryptAsUser response lacks CiphertextBlob or names another key than {state['policy_key_arn']}: {doc}"
    elif op == "Decrypt":
        if base64.b64decode(doc.get("Plaintext", "")) != PLAINTEXT:
            return f"Decrypt did not return the original plaintext: {doc}"
    elif op == "GenerateDataKey":
        if len(base64.b64decode(doc.get("Plaintext", ""))) != 32 or not doc.get("CiphertextBlob"):
            return f"GenerateDataKey response lacks a 32-byte Plaintext/CiphertextBlob: {doc}"
    elif op in ("SignECC", "SignRSA"):
        if not doc.get("Signature") or doc.get("SigningAlgorithm") is None:
            return f"Sign response lacks a Signature: {doc}"
    elif op == "GenerateMac":
        if len(base64.b64decode(doc.get("Mac", ""))) != 32:
            return f"GenerateMac response lacks a 32-byte Mac: {doc}"
    elif op in ("SendMessage", "SendMessageSSEKMS"):
        if doc.get("MD5OfMessageBody") != hashlib.md5(MESSAGE_BODY.encode()).hexdigest() or not doc.get("MessageId"):
            return f"SendMessage response lacks the body's MD5 or a MessageId: {doc}"
    elif op == "ReceiveMessage":
        messages = doc.get("Messages") or []
        if len(messages) != 1 or messages[0].get("Body") != MESSAGE_BODY:
            return f"ReceiveMessage did not answer one of the queue's messages: {str(doc)[:300]}"
    return None


def lua_string(s):
    out = []
    for ch in s:
        code = ord(ch)
        if ch in '"\\' or code < 32 or code > 126:
            if code > 255:
                raise ValueError("non-Latin-1 character in Lua string")
            out.append("\\%03d" % code)
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def write_lua(path, op, method, req_path, headers, body, signed_at):
    lines = [
        f"-- Generated by bench/sign_requests.py for {op}; do not edit.",
        f"-- Signed at {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(signed_at))} "
        f"(epoch {int(signed_at)}); the SigV4 signature is accepted for ~15 minutes.",
        f"wrk.method = {lua_string(method)}",
        f"wrk.path = {lua_string(req_path)}",
    ]
    if body is not None:
        lines.append(f"wrk.body = {lua_string(body)}")
    for name, value in headers.items():
        lines.append(f"wrk.headers[{lua_string(name)}] = {lua_string(value)}")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n" + LUA_DONE)


def cmd_sign(args):
    op = args.op
    if op == "Health":
        _, _, netloc = split_url(args.url)
        method, req_path, body = "GET", HEALTH_PATH, None
        headers = {"Host": netloc}
        signed_at = time.time()
    else:
        with open(args.state) as f:
            state = json.load(f)
        method, req_path = "POST", "/"
        body = request_body(op, state)
        signed_at = time.time()
        headers = signed_headers(args, op, body)
    # Send exactly the bytes wrk will replay (wrk adds Content-Length itself, as http.client does).
    started = time.monotonic()
    status, payload = send(args.url, method, req_path, headers,
                           body.encode("utf-8") if body is not None else None)
    took_ms = (time.monotonic() - started) * 1000
    error = check_response(op, status, payload, state if op != "Health" else None)
    if error:
        log(f"{op}: pre-signed request FAILED verification: {error}")
        return 1
    write_lua(args.out, op, method, req_path, headers, body, signed_at)
    log(f"{op}: verified HTTP 200 ({len(payload)}-byte body, {took_ms:.1f} ms); wrote {args.out}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("free-port")

    p = sub.add_parser("config")
    p.add_argument("--out", required=True)

    p = sub.add_parser("wait-health")
    p.add_argument("--url", required=True)
    p.add_argument("--timeout", type=float, default=60.0)

    for name in ("setup", "sign"):
        p = sub.add_parser(name)
        p.add_argument("--url", required=True)
        p.add_argument("--state", required=True)
        p.add_argument("--access-key", default="test")
        p.add_argument("--secret-key", default="test")
        if name == "setup":
            p.add_argument("--policy-key", action="store_true")
            p.add_argument("--queues", action="store_true")
        if name == "sign":
            p.add_argument("--op", required=True, choices=OPS)
            p.add_argument("--out", required=True)

    args = parser.parse_args()
    handler = {
        "free-port": cmd_free_port,
        "config": cmd_config,
        "wait-health": cmd_wait_health,
        "setup": cmd_setup,
        "sign": cmd_sign,
    }[args.command]
    return handler(args) or 0


if __name__ == "__main__":
    sys.exit(main())
