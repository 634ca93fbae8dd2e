"""GET /_arca/metrics: Prometheus text with requests by service, operation and outcome, latency
histograms, keys by state, SecondsUntilKeyMaterialExpiration and uses of keys pending deletion."""
import re
from datetime import datetime, timedelta, timezone

import requests

from helpers import assert_error, expect_error
from test_import import import_material

SAMPLE = re.compile(r'^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{(.*)\})? (\S+)$')


def scrape(server):
    """{(name, frozenset(labels)): value} of every sample."""
    resp = requests.get(server.endpoint + "/_arca/metrics", timeout=10)
    assert resp.status_code == 200 and resp.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    samples = {}
    for line in resp.text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = SAMPLE.match(line)
        assert match, line
        name, labels, value = match.groups()
        pairs = frozenset(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', labels or ""))
        samples[(name, pairs)] = float(value)
    return samples


def value(samples, name, **labels):
    return samples.get((name, frozenset(labels.items())), 0.0)


def test_requests_are_counted_by_outcome_with_their_latency(server, kms):
    before = scrape(server)
    kms.generate_random(NumberOfBytes=16)
    kms.generate_random(NumberOfBytes=16)
    assert_error(expect_error(kms.describe_key, KeyId="00000000-0000-0000-0000-000000000000"), "NotFoundException")
    after = scrape(server)
    ok = {"service": "kms", "operation": "GenerateRandom"}
    assert value(after, "arca_requests_total", outcome="Success", **ok) - value(before, "arca_requests_total", outcome="Success", **ok) == 2
    missing = {"service": "kms", "operation": "DescribeKey", "outcome": "NotFoundException"}
    assert value(after, "arca_requests_total", **missing) - value(before, "arca_requests_total", **missing) == 1
    count = value(after, "arca_request_duration_seconds_count", **ok)
    assert value(after, "arca_request_duration_seconds_bucket", le="+Inf", **ok) == count >= 2
    assert value(after, "arca_request_duration_seconds_sum", **ok) > 0
    cumulative = sorted((float(dict(labels)["le"]), v) for (name, labels), v in after.items()
                        if name == "arca_request_duration_seconds_bucket" and ("operation", "GenerateRandom") in labels
                        and dict(labels)["le"] != "+Inf")
    assert len(cumulative) == 13
    assert [v for _, v in cumulative] == sorted(v for _, v in cumulative) and cumulative[-1][1] <= count


def test_keys_by_state_expiring_material_and_uses_of_keys_pending_deletion(server, kms):
    before = scrape(server)
    disabled = kms.create_key()["KeyMetadata"]["KeyId"]
    kms.disable_key(KeyId=disabled)
    doomed = kms.create_key()["KeyMetadata"]["KeyId"]
    kms.schedule_key_deletion(KeyId=doomed)
    for _ in range(2):
        assert_error(expect_error(kms.encrypt, KeyId=doomed, Plaintext=b"x"), "KMSInvalidStateException")
    imported = kms.create_key(Origin="EXTERNAL")["KeyMetadata"]["KeyId"]
    valid_to = datetime.now(timezone.utc) + timedelta(days=1)
    import_material(kms, imported, bytes(32), ExpirationModel="KEY_MATERIAL_EXPIRES", ValidTo=valid_to)
    after = scrape(server)
    assert value(after, "arca_keys", state="Disabled") - value(before, "arca_keys", state="Disabled") == 1
    assert value(after, "arca_keys", state="PendingDeletion") - value(before, "arca_keys", state="PendingDeletion") == 1
    assert 86_000 < value(after, "SecondsUntilKeyMaterialExpiration", KeyId=imported) <= 86_400
    assert value(after, "arca_pending_deletion_key_use_total", KeyId=doomed) == 2
