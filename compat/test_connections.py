"""Connections that hold resources without being authenticated: idle or stalled connections are
closed, and a request from nobody Arca knows is refused on its headers, before its body is read."""
from __future__ import annotations

import socket
import time

from helpers import json_error_code


def _connect(server) -> socket.socket:
    host, port = server.endpoint.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=10)
    return sock


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    """True once the server has closed the connection (recv returns b"" or the peer resets)."""
    deadline = time.monotonic() + seconds
    sock.settimeout(0.2)
    while time.monotonic() < deadline:
        try:
            if sock.recv(65536) == b"":
                return True
        except socket.timeout:
            continue
        except ConnectionResetError:
            return True
    return False


def test_idle_and_half_sent_connections_are_closed(make_server):
    srv = make_server("idle", extra_args=["--idle-timeout", "1"])
    silent = _connect(srv)
    half_sent = _connect(srv)
    half_sent.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\n"
                      b"X-Amz-Target: TrentService.ListKeys\r\nContent-Length: 100\r\n\r\n{")
    try:
        # The idle timeout is real time on the server's sockets: a bounded wait, never a sleep.
        assert _closed_within(silent, 10), "a connection that never sent a request stayed open"
        assert _closed_within(half_sent, 10), "a request whose body stopped arriving kept its connection"
    finally:
        silent.close()
        half_sent.close()
    # The server still serves.
    fresh = _connect(srv)
    fresh.sendall(b"GET /_arca/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    fresh.settimeout(10)
    assert b"200 OK" in fresh.recv(4096)
    fresh.close()


def test_unknown_access_key_is_refused_before_the_body_is_sent(server):
    sock = _connect(server)
    try:
        # Headers announce a 1 MiB body that never comes: the answer must not wait for it.
        sock.sendall(
            b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\n"
            b"X-Amz-Target: TrentService.ListKeys\r\nX-Amz-Date: 20991231T000000Z\r\n"
            b"Authorization: AWS4-HMAC-SHA256 Credential=AKIANOBODY/20991231/us-east-1/kms/aws4_request, "
            b"SignedHeaders=host;x-amz-date, Signature=" + b"0" * 64 + b"\r\n"
            b"Content-Length: 1048576\r\n\r\n")
        sock.settimeout(10)
        head = sock.recv(65536)
        assert head.startswith(b"HTTP/1.1 400"), head[:200]
        body = head.split(b"\r\n\r\n", 1)[1]
        # Dated in the future, so the date window refuses it first, as AWS does.
        assert json_error_code(body)[0] == "InvalidSignatureException"
    finally:
        sock.close()


def test_unknown_access_key_with_a_current_date_is_refused_before_the_body(server):
    sock = _connect(server)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    try:
        sock.sendall(
            b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\n"
            b"X-Amz-Target: TrentService.ListKeys\r\nX-Amz-Date: " + stamp.encode() + b"\r\n"
            b"Authorization: AWS4-HMAC-SHA256 Credential=AKIANOBODY/" + stamp[:8].encode() +
            b"/us-east-1/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + b"0" * 64 + b"\r\n"
            b"Content-Length: 1048576\r\n\r\n")
        sock.settimeout(10)
        head = sock.recv(65536)
        assert head.startswith(b"HTTP/1.1 400"), head[:200]
        assert json_error_code(head.split(b"\r\n\r\n", 1)[1])[0] == "UnrecognizedClientException"
    finally:
        sock.close()
