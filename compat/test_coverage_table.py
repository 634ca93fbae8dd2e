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


def test_cloudtrail_table_lists_every_operation():
    import botocore.session
    model = botocore.session.get_session().get_service_model("cloudtrail")
    assert sorted(op for op, _ in _rows("CloudTrail")) == sorted(model.operation_names)


@pytest.mark.parametrize("operation,status", _rows("CloudTrail"))
def test_each_cloudtrail_operation_behaves_as_the_table_says(signed_request, operation, status):
    response = signed_request(f"com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.{operation}", {},
                              service="cloudtrail")
    error = response.json().get("__type") if response.status_code != 200 else None
    if status == "supported":
        assert error not in ("UnsupportedOperationException", "UnknownOperationException"), response.text
    else:
        assert response.status_code == 400
        assert error == "UnsupportedOperationException"


def test_sqs_table_lists_every_operation():
    import botocore.session
    model = botocore.session.get_session().get_service_model("sqs")
    assert sorted(op for op, _ in _rows("SQS")) == sorted(model.operation_names)


@pytest.mark.parametrize("operation,status", _rows("SQS"))
def test_each_sqs_operation_behaves_as_the_table_says(signed_request, operation, status):
    response = signed_request(f"AmazonSQS.{operation}", {}, service="sqs", content_type="application/x-amz-json-1.0")
    code = response.headers.get("x-amzn-query-error", "").split(";")[0] if response.status_code != 200 else None
    if status == "supported":
        assert code not in ("AWS.SimpleQueueService.UnsupportedOperation", "UnknownOperationException"), response.text
    else:
        assert response.status_code == 400
        assert code == "AWS.SimpleQueueService.UnsupportedOperation"


QUERY_SERVICES = {"STS": ("sts", "2011-06-15"), "IAM": ("iam", "2010-05-08"), "SNS": ("sns", "2010-03-31")}


@pytest.mark.parametrize("service", sorted(QUERY_SERVICES))
def test_query_service_tables_list_every_operation(service):
    import botocore.session
    model = botocore.session.get_session().get_service_model(QUERY_SERVICES[service][0])
    assert sorted(op for op, _ in _rows(service)) == sorted(model.operation_names)


def _query(server, service, action):
    """Sends `Action=<action>` with no parameters, signed for `service`, and returns (status, code)."""
    import requests
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    name, version = QUERY_SERVICES[service]
    body = f"Action={action}&Version={version}"
    req = AWSRequest(method="POST", url=server.endpoint + "/", data=body,
                     headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    SigV4Auth(Credentials("test", "test"), name, "us-east-1").add_auth(req)
    resp = requests.post(server.endpoint + "/", data=body, headers=dict(req.headers.items()), timeout=10)
    code = re.search(r"<Code>([^<]*)</Code>", resp.text)
    return resp.status_code, code.group(1) if code else None


@pytest.mark.parametrize("service,operation,status",
                         [(s, op, st) for s in sorted(QUERY_SERVICES) for op, st in _rows(s)])
def test_each_query_operation_behaves_as_the_table_says(server, service, operation, status):
    http_status, code = _query(server, service, operation)
    if status == "supported":
        assert code not in ("UnsupportedOperation", "InvalidAction"), (http_status, code)
    else:
        assert (http_status, code) == (400, "UnsupportedOperation")
