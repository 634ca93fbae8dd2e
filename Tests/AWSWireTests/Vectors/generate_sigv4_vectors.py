#!/usr/bin/env python3
"""Generate sigv4-vectors.json: requests signed by botocore's own SigV4 signers.

Each vector is a request as it would arrive on the wire (raw path, raw query,
headers in order with duplicates, body) plus the credential and the signing
time, so the Swift verifier can be checked against botocore byte for byte.

Usage: python3 generate_sigv4_vectors.py > sigv4-vectors.json
Requires botocore (pip install botocore); output is deterministic.
"""
import base64
import datetime
import hashlib
import json
import sys
from unittest import mock
from urllib.parse import urlsplit

import botocore
from botocore.auth import SigV4Auth, SigV4QueryAuth, _host_from_url
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.utils import percent_encode_sequence

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+token/=="
BASE_TIME = datetime.datetime(2015, 8, 30, 12, 36, 0)


def iso(dt):
    return dt.strftime("%Y%m%dT%H%M%SZ")


def wire(request, extra_leading=None):
    """Render a signed AWSRequest as it arrives at a server (params as urlencode sends them)."""
    parts = urlsplit(request.prepare().url)
    headers = []
    names = {k.lower() for k in request.headers.keys()}
    if "host" not in names:
        # urllib3 sends Host first; botocore signs the same value.
        headers.append(["Host", _host_from_url(request.url)])
    for name, value in request.headers.items():
        # An HTTP parser strips leading/trailing whitespace (RFC 9110 OWS).
        headers.append([name, value.strip(" \t")])
    body = request.body or b""
    if body and "content-length" not in names:
        headers.append(["Content-Length", str(len(body))])
    return parts.path or "/", parts.query, headers, body


def capture_canonical(signer):
    """Record the canonical request the signer builds while signing."""
    original = signer.canonical_request
    captured = []

    def canonical_request(request):
        captured.append(original(request))
        return captured[-1]

    signer.canonical_request = canonical_request
    return captured


def sign(request, credentials, service, region, when, presign_expires=None):
    with mock.patch("botocore.auth.get_current_datetime", return_value=when):
        if presign_expires is None:
            signer = SigV4Auth(credentials, service, region)
        else:
            signer = SigV4QueryAuth(credentials, service, region, expires=presign_expires)
        captured = capture_canonical(signer)
        signer.add_auth(request)
    return captured[0]


def vector(name, description, request, service, region, *, when=BASE_TIME, now=None,
           token=None, presign_expires=None, accepts_unsigned_payload=False, manual=None):
    credentials = Credentials(ACCESS_KEY, SECRET_KEY, token)
    if manual is None:
        canonical = sign(request, credentials, service, region, when, presign_expires)
    else:
        canonical = manual(request, credentials, service, region, when)
    path, query, headers, body = wire(request)
    return {
        "name": name,
        "description": description,
        "method": request.method,
        "path": path,
        "query": query,
        "headers": headers,
        "bodyBase64": base64.b64encode(body).decode("ascii"),
        "accessKeyId": ACCESS_KEY,
        "secretAccessKey": SECRET_KEY,
        "signedAt": iso(when),
        "now": iso(now or when),
        "acceptsUnsignedPayload": accepts_unsigned_payload,
        "botocoreCanonicalRequest": canonical,
        "expected": {
            "accessKeyId": ACCESS_KEY,
            "region": region,
            "service": service,
            "securityToken": token,
            "isPresigned": presign_expires is not None,
        },
    }


def json_post(url, target, body, content_type="application/x-amz-json-1.1"):
    return AWSRequest(method="POST", url=url, data=body.encode("utf-8"),
                      headers={"X-Amz-Target": target, "Content-Type": content_type})


def sign_with_date_header(request, credentials, service, region, when):
    """Sign with a Date header (no X-Amz-Date) using botocore's own steps.

    add_auth() rewrites Date to RFC 1123, which AWS rejects ("Date must be in
    ISO-8601 'basic format'"), so drive the signer's pieces directly instead.
    """
    signer = SigV4Auth(credentials, service, region)
    request.context["timestamp"] = iso(when)
    canonical = signer.canonical_request(request)
    string_to_sign = signer.string_to_sign(request, canonical)
    signer._inject_signature_to_request(request, signer.signature(string_to_sign, request))
    return canonical


def build():
    vectors = []
    kms = "https://kms.us-east-1.amazonaws.com/"
    encrypt = '{"KeyId":"alias/arca","Plaintext":"aGVsbG8="}'

    vectors.append(vector(
        "kms-json-post", "KMS JSON 1.1 POST with X-Amz-Target",
        json_post(kms, "TrentService.Encrypt", encrypt), "kms", "us-east-1"))
    vectors.append(vector(
        "dynamodb-json-post", "Another JSON service (DynamoDB, JSON 1.0) in another region",
        json_post("https://dynamodb.eu-west-1.amazonaws.com/", "DynamoDB_20120810.ListTables",
                  "{}", "application/x-amz-json-1.0"), "dynamodb", "eu-west-1",
        when=datetime.datetime(2024, 2, 29, 23, 59, 59)))
    vectors.append(vector(
        "sqs-query-post-form", "Query protocol POST with a form body (spaces as '+')",
        AWSRequest(method="POST", url="https://sqs.us-west-2.amazonaws.com/",
                   headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
                   data={"Action": "SendMessage", "Version": "2012-11-05",
                         "QueueUrl": "https://sqs.us-west-2.amazonaws.com/123456789012/q",
                         "MessageBody": "hello world & friends = 100%"}),
        "sqs", "us-west-2"))
    query = percent_encode_sequence([
        ("Action", "DescribeTags"), ("Version", "2016-11-15"),
        ("Filter.1.Value.1", "a b"), ("Unicode", "caf\u00e9 \u20ac \U0001F600"),
        ("Reserved", "!*'();:@&=+$,/?#[]"), ("tag", "zeta"), ("tag", "alpha"),
        ("tilde~key", "~value-_."), ("empty", ""),
    ])
    vectors.append(vector(
        "ec2-get-query-encoding",
        "GET whose query needs encoding: spaces, unicode, reserved chars, repeated keys",
        AWSRequest(method="GET", url="https://ec2.us-east-1.amazonaws.com/?" + query),
        "ec2", "us-east-1"))
    vectors.append(vector(
        "get-params-form-encoded",
        "AWSRequest params: botocore signs %20 but the wire carries '+' (urlencode)",
        AWSRequest(method="GET", url="https://abc123.execute-api.us-west-2.amazonaws.com/prod/items",
                   params=[("q", "two words"), ("b", "x/y"), ("a", "1"), ("a", "0")]),
        "execute-api", "us-west-2"))
    vectors.append(vector(
        "rest-path-special-chars",
        "REST path with percent-encoded characters (non-S3 paths are encoded again)",
        AWSRequest(method="POST",
                   url="https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/"
                       "my%20func%3Aprod/invocations?Qualifier=%24LATEST",
                   data=b'{"k":"v"}', headers={"Content-Type": "application/json"}),
        "lambda", "us-east-1"))
    vectors.append(vector(
        "path-dot-segments",
        "Path with '.', '..', '//' and encoded unicode: normalised before encoding",
        AWSRequest(method="GET",
                   url="https://abc123.execute-api.eu-central-1.amazonaws.com/a/./b//c/../%E2%82%AC/~tilde/"),
        "execute-api", "eu-central-1"))
    dup = json_post(kms, "TrentService.ListKeys", "{}")
    dup.headers["X-Arca-Dup"] = "one"
    dup.headers["X-Arca-Dup"] = "two"
    vectors.append(vector(
        "duplicate-headers", "A header sent twice is signed as its values joined by ','",
        dup, "kms", "us-east-1"))
    spacey = json_post(kms, "TrentService.ListKeys", "{}")
    spacey.headers["X-Arca-Spacey"] = "  a   b \t c  "
    spacey.headers["X-Arca-Quoted"] = '"quoted   value"'
    vectors.append(vector(
        "whitespace-headers", "Header values with runs of spaces and tabs are collapsed",
        spacey, "kms", "us-east-1"))
    vectors.append(vector(
        "session-token", "Temporary credentials: X-Amz-Security-Token header is signed",
        json_post(kms, "TrentService.Decrypt", '{"CiphertextBlob":"AQID"}'), "kms", "us-east-1",
        token=SESSION_TOKEN))
    vectors.append(vector(
        "presigned-get-sts", "Presigned GET URL (SigV4QueryAuth) with a session token",
        AWSRequest(method="GET", url="https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15"),
        "sts", "us-east-1", token=SESSION_TOKEN, presign_expires=900,
        now=BASE_TIME + datetime.timedelta(minutes=14)))
    vectors.append(vector(
        "presigned-get-path", "Presigned GET URL with an encoded path, valid for a week",
        AWSRequest(method="GET", url="https://abc123.execute-api.us-east-1.amazonaws.com/prod/items/a%20b"),
        "execute-api", "us-east-1", presign_expires=604800,
        now=BASE_TIME + datetime.timedelta(days=6)))
    vectors.append(vector(
        "empty-body-post", "POST with an empty body hashes the empty string",
        json_post(kms, "TrentService.ListAliases", ""), "kms", "us-east-1"))
    vectors.append(vector(
        "date-header-fallback", "No X-Amz-Date: the Date header (ISO 8601 basic) dates the request",
        AWSRequest(method="POST", url=kms, data=b"{}",
                   headers={"X-Amz-Target": "TrentService.ListKeys", "Date": iso(BASE_TIME),
                            "Content-Type": "application/x-amz-json-1.1"}),
        "kms", "us-east-1", manual=sign_with_date_header))
    unsigned = json_post("https://glacier.us-east-1.amazonaws.com/-/vaults/v/archives",
                         "", "payload bytes", "application/octet-stream")
    del unsigned.headers["X-Amz-Target"]
    unsigned.context["payload_signing_enabled"] = False
    vectors.append(vector(
        "unsigned-payload-header",
        "Operation with an unsigned body over HTTPS: X-Amz-Content-SHA256: UNSIGNED-PAYLOAD",
        unsigned, "glacier", "us-east-1", accepts_unsigned_payload=True))
    hashed = json_post(kms, "TrentService.GenerateRandom", '{"NumberOfBytes":32}')
    hashed.headers["X-Amz-Content-SHA256"] = hashlib.sha256(hashed.data).hexdigest()
    vectors.append(vector(
        "content-sha256-header", "Explicit X-Amz-Content-SHA256 carrying the body's hash",
        hashed, "kms", "us-east-1"))
    vectors.append(vector(
        "host-with-port", "Local endpoint: the Host header keeps a non-default port",
        json_post("http://localhost:4566/", "TrentService.ListKeys", "{}"), "kms", "us-east-1"))
    vectors.append(vector(
        "clock-skew-within-window", "Verified 14 minutes 59 seconds after signing",
        json_post(kms, "TrentService.ListKeys", "{}"), "kms", "us-east-1",
        now=BASE_TIME + datetime.timedelta(minutes=14, seconds=59)))
    return vectors


if __name__ == "__main__":
    document = {
        "generator": "generate_sigv4_vectors.py",
        "botocoreVersion": botocore.__version__,
        "vectors": build(),
    }
    json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
