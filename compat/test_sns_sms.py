"""SMS settings, opting out and the SMS sandbox, as recorded from AWS where recorded; the sandbox's
one-time passwords arrive in the local inbox."""
from __future__ import annotations

import uuid

import requests

from helpers import REGION, assert_error, expect_error, make_client


def test_sms_attributes(server):
    sns = make_client(server.endpoint, "eu-north-1", service="sns")
    # Recorded from AWS for a region nobody set.
    assert sns.get_sms_attributes()["attributes"] == {"MonthlySpendLimit": "1"}
    sns.set_sms_attributes(attributes={"DefaultSMSType": "Promotional", "DefaultSenderID": "LSTest",
                                       "DeliveryStatusSuccessSamplingRate": "100"})
    assert sns.get_sms_attributes()["attributes"] == {"DefaultSMSType": "Promotional", "DefaultSenderID": "LSTest",
                                                      "DeliveryStatusSuccessSamplingRate": "100", "MonthlySpendLimit": "1"}
    assert sns.get_sms_attributes(attributes=["DefaultSMSType", "DefaultSenderID"])["attributes"] == {
        "DefaultSMSType": "Promotional", "DefaultSenderID": "LSTest"}
    # Recorded from AWS.
    for attributes, message in [({"InvalidAttribute": "x"}, "InvalidAttribute is not a valid attribute"),
                                ({"DefaultSenderID": "A" * 12}, "DefaultSendID is not a valid attribute"),
                                ({"DefaultSenderID": "123"}, "DefaultSendID is not a valid attribute"),
                                ({"DefaultSMSType": "Invalid"}, "DefaultSMSType is invalid")]:
        assert_error(expect_error(sns.set_sms_attributes, attributes=attributes), "InvalidParameter", message)


def test_opting_out(server):
    sns = make_client(server.endpoint, REGION, service="sns")
    assert sns.check_if_phone_number_is_opted_out(phoneNumber="+15551234567")["isOptedOut"] is False
    assert sns.list_phone_numbers_opted_out()["phoneNumbers"] == []
    sns.opt_in_phone_number(phoneNumber="+15551234567")
    assert_error(expect_error(sns.opt_in_phone_number, phoneNumber="+15--1"), "InvalidParameter",
                 "Invalid parameter: PhoneNumber Reason: input incorrectly formatted")


def test_the_sms_sandbox(server):
    sns = make_client(server.endpoint, REGION, service="sns")
    assert sns.get_sms_sandbox_account_status()["IsInSandbox"] is False
    number = "+1555" + str(uuid.uuid4().int)[:7]
    sns.create_sms_sandbox_phone_number(PhoneNumber=number)
    assert sns.list_sms_sandbox_phone_numbers()["PhoneNumbers"] == [{"PhoneNumber": number, "Status": "Pending"}] or \
        {"PhoneNumber": number, "Status": "Pending"} in sns.list_sms_sandbox_phone_numbers()["PhoneNumbers"]
    [sms] = requests.get(server.endpoint + "/_arca/sns/messages", params={"endpoint": number}, timeout=10).json()["messages"]
    password = sms["body"].split()[-1].rstrip(".")
    assert_error(expect_error(sns.verify_sms_sandbox_phone_number, PhoneNumber=number, OneTimePassword="000000" if password != "000000"
                              else "111111"), "VerificationException")
    sns.verify_sms_sandbox_phone_number(PhoneNumber=number, OneTimePassword=password)
    assert {"PhoneNumber": number, "Status": "Verified"} in sns.list_sms_sandbox_phone_numbers()["PhoneNumbers"]
    sns.delete_sms_sandbox_phone_number(PhoneNumber=number)
    assert_error(expect_error(sns.delete_sms_sandbox_phone_number, PhoneNumber=number), "ResourceNotFound", status=404)
    assert sns.list_origination_numbers()["PhoneNumbers"] == []
