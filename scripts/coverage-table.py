#!/usr/bin/env python3
"""Print the README's coverage table: every operation of the service model, implemented or not.

Implemented means listed in the service's operation registry (the one string -> operation table).
"""
import gzip, json, os, re, sys
import botocore

SERVICES = [
    ("KMS", "kms", "2014-11-01", "Sources/KeyManagement/Operations/KMSOperationRegistry.swift", "UnsupportedOperationException"),
    ("SQS", "sqs", "2012-11-05", "Sources/Queues/Operations/SQSOperation.swift", "AWS.SimpleQueueService.UnsupportedOperation"),
    ("SNS", "sns", "2010-03-31", "Sources/Topics/Operations/SNSOperation.swift", "UnsupportedOperation"),
    ("STS", "sts", "2011-06-15", "Sources/SecurityTokens/Operations/STSOperation.swift", "UnsupportedOperation"),
    ("IAM", "iam", "2010-05-08", "Sources/IdentityManagement/Operations/IAMOperation.swift", "UnsupportedOperation"),
    ("CloudTrail", "cloudtrail", "2013-11-01", "Sources/AuditTrail/Operations/CloudTrailOperation.swift",
     "UnsupportedOperationException"),
]

root = os.path.join(os.path.dirname(__file__), "..")
for title, service, version, registry, refusal in SERVICES:
    model = json.load(gzip.open(os.path.join(os.path.dirname(botocore.__file__), "data", service, version, "service-2.json.gz")))
    implemented = set(re.findall(r"^\s+(\w+)\.self,", open(os.path.join(root, registry)).read(), re.M)) if registry else set()
    ops = sorted(model["operations"])
    print(f"### {title} ({len(implemented)} of {len(ops)} operations)\n")
    print("| Operation | Status |")
    print("|---|---|")
    for op in ops:
        print(f"| {op} | {'supported' if op in implemented else f'not yet ({refusal})'} |")
    print()
