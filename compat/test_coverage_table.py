"""The README's coverage table tells the truth: what it calls supported runs, the rest is refused."""
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def _rows(service):
    text = README.read_text()
    section = text.split(f"### {service} (", 1)[1].split("\n### ", 1)[0]
    return re.findall(r"^\| (\w+) \| (supported|not yet[^|]*) \|$", section, re.M)


def test_table_lists_every_operation_of_the_service_model():
    import botocore.session
    model = botocore.session.get_session().get_service_model("kms")
    assert sorted(op for op, _ in _rows("KMS")) == sorted(model.operation_names)


@pytest.mark.parametrize("operation,status", _rows("KMS"))
def test_each_operation_behaves_as_the_table_says(signed_request, operation, status):
    response = signed_request(f"TrentService.{operation}", {})
    error = response.json().get("__type") if response.status_code != 200 else None
    if status == "supported":
        assert error not in ("UnsupportedOperationException", "UnknownOperationException"), response.text
    else:
        assert response.status_code == 400
        assert error == "UnsupportedOperationException"
