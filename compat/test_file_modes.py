"""The data directory and the files Arca writes are readable by the user it runs as and no one
else, whatever the umask: the directory 0700, the database (with its -wal and -shm files), the root
key, the audit log files and the events file 0600."""
import os
import stat

import pytest

from helpers import clock, make_client

DAY = 86_400


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    """Run with umask 0, so nothing is private unless Arca makes it so."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def test_a_new_data_directory_and_its_files_are_private_whatever_the_umask(make_server, tmp_path, open_umask):
    data = tmp_path / "parent" / "data"  # made by arca: the fixture's own --data-dir is overridden
    events = tmp_path / "events.jsonl"
    srv = make_server("modes", data_dir=tmp_path / "parent",
                      extra_args=["--data-dir", str(data), "--dev-clock", "--events-file", str(events)])
    kms = make_client(srv.endpoint)
    key = kms.create_key()["KeyMetadata"]
    kms.encrypt(KeyId=key["KeyId"], Plaintext=b"x")
    kms.schedule_key_deletion(KeyId=key["KeyId"], PendingWindowInDays=7)
    clock(srv, advance=8 * DAY)
    assert events.exists()
    files = [data / "arca.sqlite", data / "arca.sqlite-wal", data / "arca.sqlite-shm", data / "root.key", events]
    assert mode(data) == 0o700
    assert {str(f): oct(mode(f)) for f in files} == {str(f): oct(0o600) for f in files}
    srv.stop()
    logs = [p for p in (data / "audit").rglob("*") if p.is_file()]
    assert logs, "a graceful stop seals the audit records into log files"
    assert {str(p): oct(mode(p)) for p in logs} == {str(p): oct(0o600) for p in logs}


def test_an_existing_data_directory_open_to_others_is_tightened_with_a_warning(make_server, tmp_path, open_umask):
    data = tmp_path / "loose"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    (data / "arca.sqlite").touch(mode=0o644)
    os.chmod(data / "arca.sqlite", 0o644)
    srv = make_server("loose", data_dir=data)
    make_client(srv.endpoint).create_key()
    assert mode(data) == 0o700
    assert mode(data / "arca.sqlite") == 0o600
    assert b"the data directory was open to other users" in srv.log_text()
