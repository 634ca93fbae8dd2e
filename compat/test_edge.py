"""The HTTP edge every service shares: oversized bodies, unknown targets, and how refused calls
are counted and logged."""
from __future__ import annotations

import re

import requests

from helpers import json_error_code


def _metric(server, service: str, operation: str, outcome: str) -> int:
    text = requests.get(server.endpoint + "/_arca/metrics", timeout=10).text
    pattern = rf'arca_requests_total{{service="{service}",operation="{operation}",outcome="{outcome}"}} (\d+)'
    match = re.search(pattern, text)
    return int(match.group(1)) if match else 0


def test_an_oversized_body_is_413_not_an_internal_error_and_is_counted(server, signed_request):
    before = _metric(server, "kms", "unknown", "SerializationException")
    body = b'{"KeyId":"' + b"a" * (1 << 20) + b'"}'
    r = signed_request("TrentService.DescribeKey", body)
    assert r.status_code == 413, r.text
    assert json_error_code(r.content)[0] == "SerializationException"
    assert r.headers.get("x-amzn-RequestId")
    assert _metric(server, "kms", "unknown", "SerializationException") == before + 1


def test_unknown_targets_say_what_is_unknown(server, signed_request):
    for target in ["TrentService.MakeCoffee", "DynamoDB_20120810.ListTables"]:
        r = signed_request(target, {})
        assert r.status_code == 400
        code, message = json_error_code(r.content)
        assert code == "UnknownOperationException"
        assert message and target.split(".")[-1] in message


def test_refused_calls_are_never_counted_as_successes(server, signed_request):
    before = _metric(server, "unknown", "unknown", "UnknownOperationException")
    signed_request("Nobody_20200101.Anything", {})
    assert _metric(server, "unknown", "unknown", "UnknownOperationException") == before + 1
    assert _metric(server, "unknown", "unknown", "Success") == 0
