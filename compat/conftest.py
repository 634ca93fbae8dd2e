"""Fixtures that run the real `arca` binary and point real AWS clients at it.

ARCA_BIN selects the binary (default: <repo>/.build/debug/arca). When it is missing the
suite builds it once with `swift build --product arca`; if that does not produce it the
suite fails (never skips).
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
import yaml
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

sys.path.insert(0, str(Path(__file__).resolve().parent))
from helpers import (ALICE_ARN, ALICE_KEY, ALICE_POLICY, APP_ROLE_POLICY, BOB_KEY, CAROL_KEY,  # noqa: E402
                     CAROL_POLICY, DAVE_KEY, OTHER_ACCOUNT, OTHER_ROOT_KEY, QUOTA_ACCOUNT, QUOTA_ROOT_KEY, REGION,
                     USE_KEYS_POLICY, make_client)

# The three test_guide_*.py modules share one server: their session-scoped `guide` fixture is
# defined once, in guide_policies.py.
pytest_plugins = ["guide_policies"]

REPO = Path(__file__).resolve().parent.parent
HEALTH_TIMEOUT_S = float(os.environ.get("ARCA_HEALTH_TIMEOUT", "60"))

CONFIG = {
    "accounts": [
        {
            "id": OTHER_ACCOUNT,
            "rootAccessKeys": [
                {"accessKeyId": OTHER_ROOT_KEY[0], "secretAccessKey": OTHER_ROOT_KEY[1]}
            ],
            "users": [
                {
                    "name": "alice",
                    "accessKeys": [
                        {"accessKeyId": ALICE_KEY[0], "secretAccessKey": ALICE_KEY[1]}
                    ],
                    "policies": [{"name": "use-kms", "document": ALICE_POLICY}],
                },
                {
                    "name": "bob",
                    "accessKeys": [
                        {"accessKeyId": BOB_KEY[0], "secretAccessKey": BOB_KEY[1]}
                    ],
                },
                {
                    "name": "dave",
                    "accessKeys": [
                        {"accessKeyId": DAVE_KEY[0], "secretAccessKey": DAVE_KEY[1]}
                    ],
                    "groups": ["key-users"],
                },
                {
                    "name": "carol",
                    "accessKeys": [
                        {"accessKeyId": CAROL_KEY[0], "secretAccessKey": CAROL_KEY[1]}
                    ],
                    "policies": [{"name": "assume-ops", "document": CAROL_POLICY}],
                },
            ],
            "groups": [{"name": "key-users", "managedPolicies": ["use-keys"]}],
            "managedPolicies": [{"name": "use-keys", "path": "/kms/", "document": USE_KEYS_POLICY}],
            "roles": [
                {
                    "name": "app",
                    "assumeRolePolicy": json.dumps({"Version": "2012-10-17", "Statement": [{
                        "Effect": "Allow", "Principal": {"AWS": ALICE_ARN}, "Action": "sts:AssumeRole"}]}),
                    "policies": [{"name": "use-keys", "document": APP_ROLE_POLICY}],
                    "maxSessionDuration": 7200,
                },
                {
                    "name": "ops",
                    "assumeRolePolicy": json.dumps({"Version": "2012-10-17", "Statement": [{
                        "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"},
                        "Action": "sts:AssumeRole"}]}),
                },
            ],
        },
        {
            # An account with tiny quotas, for the resource quota tests.
            "id": QUOTA_ACCOUNT,
            "rootAccessKeys": [{"accessKeyId": QUOTA_ROOT_KEY[0], "secretAccessKey": QUOTA_ROOT_KEY[1]}],
        },
    ],
    "quotas": [{"account": QUOTA_ACCOUNT, "keys": 2, "aliases": 1, "grantsPerKey": 3, "grantsPerGranteePerKey": 2,
                # One request every 100 seconds, where a server throttles (test_throttling.py).
                "requestRates": {"Cryptographic operations (symmetric) request rate": 0.01,
                                 "ListKeys request rate": 0.01}}],
    # AWS's request quotas would slow the suite (1 GetParametersForImport a second); the throttling
    # tests start servers of their own with --request-quotas.
    "requestQuotas": "off",
}

_build_attempted = False


def _resolve_binary() -> Path:
    global _build_attempted
    path = Path(os.environ.get("ARCA_BIN") or REPO / ".build" / "debug" / "arca")
    if path.exists():
        return path
    if not _build_attempted:
        _build_attempted = True
        if shutil.which("swift") is None:
            pytest.fail(f"arca binary {path} is missing and `swift` is not on PATH", pytrace=False)
        proc = subprocess.run(
            ["swift", "build", "--product", "arca"], cwd=REPO, capture_output=True, text=True
        )
        if proc.returncode != 0:
            pytest.fail(
                f"`swift build --product arca` failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}",
                pytrace=False,
            )
    if not path.exists():
        pytest.fail(f"arca binary {path} does not exist (even after building)", pytrace=False)
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ArcaServer:
    """One `arca serve` process with its own data dir and log file."""

    def __init__(self, binary: Path, data_dir: Path, log_path: Path, config_path: Path | None = None,
                 env: dict | None = None, extra_args: list[str] | None = None):
        self.binary = binary
        self.data_dir = Path(data_dir)
        self.log_path = Path(log_path)
        self.config_path = config_path
        self.extra_env = env or {}
        self.extra_args = extra_args or []
        self.port: int | None = None
        self.proc: subprocess.Popen | None = None
        self._log_file = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "ArcaServer":
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        args = [str(self.binary), "serve", "--host", "127.0.0.1", "--port", str(self.port),
                "--data-dir", str(self.data_dir)]
        if self.config_path:
            args += ["--config", str(self.config_path)]
        args += self.extra_args
        env = dict(os.environ)
        env.pop("ARCA_ROOT_KEY", None)
        env.update(self.extra_env)
        self._log_file = open(self.log_path, "ab")
        self.proc = subprocess.Popen(args, stdout=self._log_file, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, env=env)
        self._wait_healthy()
        return self

    def _wait_healthy(self):
        deadline = time.monotonic() + HEALTH_TIMEOUT_S
        last = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"arca exited with {self.proc.returncode} during startup:\n{self.log_tail()}",
                            pytrace=False)
            try:
                r = requests.get(f"{self.endpoint}/_arca/health", timeout=2)
                if r.status_code == 200:
                    return
                last = f"HTTP {r.status_code}"
            except requests.RequestException as exc:  # not listening yet
                last = repr(exc)
            time.sleep(0.1)  # bounded poll of the health endpoint at startup
        self.kill()
        pytest.fail(f"arca did not become healthy in {HEALTH_TIMEOUT_S}s ({last}):\n{self.log_tail()}",
                    pytrace=False)

    def stop(self, sig=signal.SIGTERM, timeout=20):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self._log_file:
            self._log_file.close()
            self._log_file = None

    def kill(self):
        """kill -9: no chance to flush anything."""
        self.stop(sig=signal.SIGKILL)

    def restart(self):
        self.stop()
        return self.start()

    def log_text(self) -> bytes:
        return self.log_path.read_bytes() if self.log_path.exists() else b""

    def log_tail(self, n=4000) -> str:
        return self.log_text()[-n:].decode("utf-8", "replace")


@pytest.fixture(scope="session")
def arca_bin() -> Path:
    return _resolve_binary()


@pytest.fixture(scope="session")
def config_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("arca-config") / "arca.yaml"
    path.write_text(yaml.safe_dump(CONFIG, sort_keys=False))
    return path


@pytest.fixture(scope="session")
def server(arca_bin, config_file, tmp_path_factory):
    base = tmp_path_factory.mktemp("arca-session")
    srv = ArcaServer(arca_bin, base / "data", base / "server.log", config_path=config_file)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def clocked(arca_bin, config_file, tmp_path_factory):
    """A server whose clock tests move (`--dev-clock`), writing key lifecycle events to
    `clocked.events_path` (`--events-file`)."""
    base = tmp_path_factory.mktemp("arca-clocked")
    events = base / "events.jsonl"
    srv = ArcaServer(arca_bin, base / "data", base / "server.log", config_path=config_file,
                     extra_args=["--dev-clock", "--events-file", str(events)])
    srv.events_path = events
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def make_server(arca_bin, config_file, tmp_path):
    """Factory for function-scoped servers (restart / kill -9 tests). All are stopped at teardown."""
    started: list[ArcaServer] = []

    def _make(name="own", env=None, extra_args=None, data_dir=None, start=True, config=None) -> ArcaServer:
        """`config`: settings of the config file that differ from the session's."""
        path = config_file
        if config:
            path = tmp_path / f"{name}.yaml"
            path.write_text(yaml.safe_dump({**CONFIG, **config}, sort_keys=False))
        srv = ArcaServer(arca_bin, data_dir or tmp_path / f"{name}-data", tmp_path / f"{name}.log",
                         config_path=path, env=env, extra_args=extra_args)
        started.append(srv)
        return srv.start() if start else srv

    yield _make
    for srv in started:
        srv.stop()


@pytest.fixture(scope="session")
def kms_factory(server):
    """kms_factory(region=..., access_key=..., secret_key=..., validate=..., server=...)."""
    def _factory(region=REGION, access_key="test", secret_key="test", validate=True, server_=None):
        return make_client((server_ or server).endpoint, region, access_key, secret_key, validate)
    return _factory


@pytest.fixture(scope="session")
def other_root(kms_factory):
    """The root of the second account (111111111111)."""
    return kms_factory(access_key=OTHER_ROOT_KEY[0], secret_key=OTHER_ROOT_KEY[1])


@pytest.fixture(scope="session")
def alice(kms_factory):
    """An IAM user of the second account whose IAM policy allows kms:*."""
    return kms_factory(access_key=ALICE_KEY[0], secret_key=ALICE_KEY[1])


@pytest.fixture(scope="session")
def bob(kms_factory):
    """An IAM user of the second account with no IAM policy."""
    return kms_factory(access_key=BOB_KEY[0], secret_key=BOB_KEY[1])


@pytest.fixture(scope="session")
def kms(kms_factory):
    return kms_factory()


@pytest.fixture(scope="session")
def kms_raw(kms_factory):
    """Client that skips botocore's own parameter validation (out-of-range values, bad enums)."""
    return kms_factory(validate=False)


@pytest.fixture
def key(kms):
    """A fresh enabled symmetric key in the default account/region."""
    return kms.create_key(Description="compat test key")["KeyMetadata"]


class AwsCli:
    """aws_cli(*args, region=..., check=True) -> parsed JSON (or None for empty output).

    With check=False returns the CompletedProcess for error assertions. `env()` and `shell()`
    run pipelines (e.g. `| base64 -d`) with the same credentials and endpoint."""

    def __init__(self, endpoint: str):
        self.endpoint = endpoint

    def env(self, region=REGION, access_key="test", secret_key="test") -> dict:
        env = dict(os.environ)
        for var in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_KMS",
                    "AWS_REGION"):
            env.pop(var, None)
        env.update(AWS_ACCESS_KEY_ID=access_key, AWS_SECRET_ACCESS_KEY=secret_key,
                   AWS_DEFAULT_REGION=region, AWS_PAGER="", AWS_RETRY_MODE="standard",
                   AWS_MAX_ATTEMPTS="1", AWS_CONFIG_FILE=os.devnull,
                   AWS_SHARED_CREDENTIALS_FILE=os.devnull, ARCA_ENDPOINT=self.endpoint)
        return env

    def __call__(self, *args, region=REGION, access_key="test", secret_key="test", check=True,
                 input=None, cwd=None):
        cmd = ["aws", "--endpoint-url", self.endpoint, "--output", "json", "kms", *args]
        proc = subprocess.run(cmd, capture_output=True, env=self.env(region, access_key, secret_key),
                              input=input, timeout=120, cwd=cwd)
        if not check:
            return proc
        assert proc.returncode == 0, f"{cmd} failed ({proc.returncode}): {proc.stderr.decode()}"
        out = proc.stdout.decode().strip()
        return json.loads(out) if out else None

    def shell(self, script: str, region=REGION, cwd=None) -> subprocess.CompletedProcess:
        """Run a bash script; `$ARCA_ENDPOINT` holds the endpoint URL."""
        proc = subprocess.run(["bash", "-euo", "pipefail", "-c", script], capture_output=True,
                              env=self.env(region), timeout=120, cwd=cwd)
        assert proc.returncode == 0, f"script failed ({proc.returncode}):\n{script}\n{proc.stderr.decode()}"
        return proc


@pytest.fixture(scope="session")
def aws_cli(server) -> AwsCli:
    return AwsCli(server.endpoint)


class SignedRequester:
    """Send hand-built AWS JSON 1.1 requests, signed (or not) with SigV4."""

    def __init__(self, endpoint: str):
        self.endpoint = endpoint

    def __call__(self, target: str | None, body: bytes | str | dict | None = None, *, region=REGION,
                 access_key="test", secret_key="test", sign=True, headers=None,
                 content_type="application/x-amz-json-1.1", service="kms", path="/") -> requests.Response:
        if isinstance(body, dict):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode()
        if body is None:
            body = b"{}"
        hdrs = {"Content-Type": content_type}
        if target is not None:
            hdrs["X-Amz-Target"] = target
        hdrs.update(headers or {})
        req = AWSRequest(method="POST", url=self.endpoint + path, data=body, headers=hdrs)
        if sign:
            SigV4Auth(Credentials(access_key, secret_key), service, region).add_auth(req)
        prepared = req.prepare()
        return requests.post(self.endpoint + path, data=body, headers=dict(prepared.headers), timeout=30)


@pytest.fixture(scope="session")
def signed_request(server):
    return SignedRequester(server.endpoint)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()
