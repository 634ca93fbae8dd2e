// The arca.sqlite that `arca serve` of commit 5a1e343 (one migration list, MAX()+1 numbering) wrote for these
// calls, as `sqlite3 arca.sqlite .dump` gives it, one statement per element. Do not edit.
// KMS: CreateKey x3 (one tagged), CreateAlias, RotateKeyOnDemand, ScheduleKeyDeletion, CreateGrant x2, DisableKey,
// Encrypt; IAM: CreateUser, CreateAccessKey, CreateRole, PutUserPolicy; STS: AssumeRole (as the user); then SIGTERM.
// Migrations it had recorded: 0001_kms_keys_aliases, 0002_kms_grants, 0003_sts_sessions, 0004_iam_users_access_keys, 0005_iam_roles, 0006_iam_groups_policies, 0007_audit_events, 0008_audit_digests
enum LegacyDatabaseFixture {
    static let rootKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
    static let keyIDs = ["facef9cc-e6c9-43ff-9de8-a9b1983cd267", "d673dd42-f834-4e0c-869d-7671b120151a", "425bf4c4-782e-4af0-ac1d-3a28b0ee4fc1"]
    static let grantIDs = ["223593c4bef0a04e754498226c65caab50b3567eb6a5677fa782c14fd376d03b", "23c29af50f68f0200591bd4d22c240b60c0d34d0348c81fdb174a7cbe947a0b1"]
    static let ciphertext = "AfrO+czmyUP/neipsZg80mcAAAACmna9licgqZliOa/Gd7ZrqN9unuN8Pe/os1mLtcPpa3nf6J1HVGNWQjguyWl1OGTEy4FRIgJyv8Dpaw=="
    static let accessKeyID = "AKIAUHPLV76M7CS7JPX5"
    static let secretAccessKey = "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"
    static let sessionAccessKeyID = "ASIABDZKXE2J5NPHDWNM"
    static let sessionSecretAccessKey = "mGkhJ9O9VfYR3flSk7WaZFF+w9TkoeyaX363iKH1"
    static let auditRecordCount = 15

    static let statements: [String] = [
        #"""
CREATE TABLE arca_migrations (name TEXT PRIMARY KEY)
"""#,
        #"""
INSERT INTO arca_migrations VALUES('0001_kms_keys_aliases')
"""#,
        #"""
INSERT INTO arca_migrations VALUES('0002_kms_grants')
"""#,
        #"""
INSERT INTO arca_migrations VALUES('0003_sts_sessions')
"""#,
        #"""
INSERT INTO arca_migrations VALUES('0004_iam_users_access_keys')
"""#,
        #"""
INSERT INTO arca_migrations VALUES('0005_iam_roles')
"""#,
        #"""
INSERT INTO arca_migrations VALUES('0006_iam_groups_policies')
"""#,
        #"""
INSERT INTO arca_migrations VALUES('0007_audit_events')
"""#,
        #"""
INSERT INTO arca_migrations VALUES('0008_audit_digests')
"""#,
        #"""
CREATE TABLE kms_keys (
    key_id TEXT PRIMARY KEY,
    account TEXT NOT NULL,
    region TEXT NOT NULL,
    created_seq BIGINT NOT NULL,
    record TEXT NOT NULL
)
"""#,
        #"""
INSERT INTO kms_keys VALUES('facef9cc-e6c9-43ff-9de8-a9b1983cd267','000000000000','us-east-1',1,'{"account":"000000000000","creationDate":1796395182.6397862,"currentMaterialVersion":2,"description":"first","keyId":"facef9cc-e6c9-43ff-9de8-a9b1983cd267","keyManager":"CUSTOMER","keySpec":"SYMMETRIC_DEFAULT","keyUsage":"ENCRYPT_DECRYPT","origin":"AWS_KMS","policy":"{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"key-default-1\",\n  \"Statement\" : [ {\n    \"Sid\" : \"Enable IAM User Permissions\",\n    \"Effect\" : \"Allow\",\n    \"Principal\" : {\n      \"AWS\" : \"arn:aws:iam::000000000000:root\"\n    },\n    \"Action\" : \"kms:*\",\n    \"Resource\" : \"*\"\n  } ]\n}","region":"us-east-1","rotations":[{"date":818087982.7430742,"materialVersion":2,"type":"ON_DEMAND"}],"state":"Enabled","tags":[{"TagKey":"team","TagValue":"arca"}]}')
"""#,
        #"""
INSERT INTO kms_keys VALUES('d673dd42-f834-4e0c-869d-7671b120151a','000000000000','us-east-1',2,'{"account":"000000000000","creationDate":1796395182.668767,"currentMaterialVersion":1,"description":"second","keyId":"d673dd42-f834-4e0c-869d-7671b120151a","keyManager":"CUSTOMER","keySpec":"SYMMETRIC_DEFAULT","keyUsage":"ENCRYPT_DECRYPT","origin":"AWS_KMS","policy":"{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"key-default-1\",\n  \"Statement\" : [ {\n    \"Sid\" : \"Enable IAM User Permissions\",\n    \"Effect\" : \"Allow\",\n    \"Principal\" : {\n      \"AWS\" : \"arn:aws:iam::000000000000:root\"\n    },\n    \"Action\" : \"kms:*\",\n    \"Resource\" : \"*\"\n  } ]\n}","region":"us-east-1","rotations":[],"state":"Disabled","tags":[]}')
"""#,
        #"""
INSERT INTO kms_keys VALUES('425bf4c4-782e-4af0-ac1d-3a28b0ee4fc1','000000000000','us-east-1',3,'{"account":"000000000000","creationDate":1796395182.6933575,"currentMaterialVersion":1,"deletion":{"date":818692782.7541726,"windowInDays":7},"description":"doomed","keyId":"425bf4c4-782e-4af0-ac1d-3a28b0ee4fc1","keyManager":"CUSTOMER","keySpec":"SYMMETRIC_DEFAULT","keyUsage":"ENCRYPT_DECRYPT","origin":"AWS_KMS","policy":"{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"key-default-1\",\n  \"Statement\" : [ {\n    \"Sid\" : \"Enable IAM User Permissions\",\n    \"Effect\" : \"Allow\",\n    \"Principal\" : {\n      \"AWS\" : \"arn:aws:iam::000000000000:root\"\n    },\n    \"Action\" : \"kms:*\",\n    \"Resource\" : \"*\"\n  } ]\n}","region":"us-east-1","rotations":[],"state":"PendingDeletion","tags":[]}')
"""#,
        #"""
CREATE TABLE kms_key_materials (
    key_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    wrapped TEXT NOT NULL,
    PRIMARY KEY (key_id, version)
)
"""#,
        #"""
INSERT INTO kms_key_materials VALUES('facef9cc-e6c9-43ff-9de8-a9b1983cd267',1,'sUOrKnR0bCSds8sOJdRhZvonpTpINakCR8tr/f9KDusN7e0StnlfTc1BTT2fQCYdDnsWxJOpD/Gu6Z3Y')
"""#,
        #"""
INSERT INTO kms_key_materials VALUES('d673dd42-f834-4e0c-869d-7671b120151a',1,'JOaqdJE+bPS4Jo9Gn5e8DDoEbSWZ87IeNYp65Cd0Be152Wn/PJt4UmYh407IqslyoBvI1rXW2BgF1zry')
"""#,
        #"""
INSERT INTO kms_key_materials VALUES('425bf4c4-782e-4af0-ac1d-3a28b0ee4fc1',1,'RJSFDDc6u5fnnN534N+r7KIqEyrReczct0VrDRm+qtmJWaOqzwkNDfbHlUmsO3EjFCMqPAm8mgX1F5Re')
"""#,
        #"""
INSERT INTO kms_key_materials VALUES('facef9cc-e6c9-43ff-9de8-a9b1983cd267',2,'QiVKw+Ho7xh5eSQ+2PtTeRyBF4JTj9IcnwXlQeNISf2l0gr5YhzEZ/rirbDEWTypVuXWP55im3BtyEUw')
"""#,
        #"""
CREATE TABLE kms_aliases (
    account TEXT NOT NULL,
    region TEXT NOT NULL,
    name TEXT NOT NULL,
    target_key_id TEXT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    updated_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (account, region, name)
)
"""#,
        #"""
INSERT INTO kms_aliases VALUES('000000000000','us-east-1','alias/legacy','facef9cc-e6c9-43ff-9de8-a9b1983cd267',1796395182.7184333801,1796395182.7184333801)
"""#,
        #"""
CREATE TABLE kms_grants (
    grant_id TEXT PRIMARY KEY,
    key_id TEXT NOT NULL,
    created_seq BIGINT NOT NULL,
    record TEXT NOT NULL
)
"""#,
        #"""
INSERT INTO kms_grants VALUES('223593c4bef0a04e754498226c65caab50b3567eb6a5677fa782c14fd376d03b','facef9cc-e6c9-43ff-9de8-a9b1983cd267',1,'{"account":"000000000000","creationDate":1796395182.781278,"grantId":"223593c4bef0a04e754498226c65caab50b3567eb6a5677fa782c14fd376d03b","granteePrincipal":"arn:aws:iam::000000000000:root","hasConstraints":false,"issuingAccount":"000000000000","keyId":"facef9cc-e6c9-43ff-9de8-a9b1983cd267","operations":["Encrypt","Decrypt"],"region":"us-east-1"}')
"""#,
        #"""
INSERT INTO kms_grants VALUES('23c29af50f68f0200591bd4d22c240b60c0d34d0348c81fdb174a7cbe947a0b1','d673dd42-f834-4e0c-869d-7671b120151a',2,'{"account":"000000000000","creationDate":1796395182.790819,"grantId":"23c29af50f68f0200591bd4d22c240b60c0d34d0348c81fdb174a7cbe947a0b1","granteePrincipal":"arn:aws:iam::000000000000:root","hasConstraints":false,"issuingAccount":"000000000000","keyId":"d673dd42-f834-4e0c-869d-7671b120151a","name":"named","operations":["Decrypt"],"region":"us-east-1"}')
"""#,
        #"""
CREATE TABLE sts_sessions (
    access_key_id TEXT PRIMARY KEY,
    expiration DOUBLE PRECISION NOT NULL,
    record TEXT NOT NULL
)
"""#,
        #"""
INSERT INTO sts_sessions VALUES('ASIABDZKXE2J5NPHDWNM',1796398784.0,'{"session":{"accessKeyID":"ASIABDZKXE2J5NPHDWNM","account":"000000000000","chained":false,"expiration":818091584,"roleID":"AROA43ZNI5347ZFY47H2W","roleName":"legacy-role","rolePath":"\/","secretAccessKey":"","sessionName":"legacy","sessionToken":""},"wrappedSecrets":"GvXnnyngrLMSjd5DjkvVqYKqWCBiG\/D1FVxHi1Clusjv3l0j\/PsOxg86qFyuu4s9MHFwicRkHVj2M300hakfMACX1tH3+eHAhzVzwi5a6XoqeBKcEqZChmGXsUbI5clgXjkHwb4BCXMk2cc9kBagxhcmVDcCoiSIT3NmbjcFL0\/\/+gqOPopIzPq+BWlcFZLfMxeRwNcfbvF6qB9Q5rCKxnTBQlglOhOsXIFQ\/ydPsFeJNX7z231KppHjGgvp9cpMpyS2D0GbQtG+hHPl01KlZS0drPX6BrDic7TN64IeVN5glUxNrJB0jBwKX1PHNA=="}')
"""#,
        #"""
CREATE TABLE iam_users (
    arn TEXT PRIMARY KEY,
    record TEXT NOT NULL
)
"""#,
        #"""
INSERT INTO iam_users VALUES('arn:aws:iam::000000000000:user/legacy-user','{"account":"000000000000","attachedPolicies":[],"createDate":818087982.8200996,"inlinePolicies":[{"document":"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\", \"Resource\": \"*\"}]}","name":"assume"}],"name":"legacy-user","path":"\/","userID":"AIDAWTVVBS6DX5762L2AV"}')
"""#,
        #"""
CREATE TABLE iam_access_keys (
    access_key_id TEXT PRIMARY KEY,
    user_arn TEXT NOT NULL,
    record TEXT NOT NULL
)
"""#,
        #"""
INSERT INTO iam_access_keys VALUES('AKIAUHPLV76M7CS7JPX5','arn:aws:iam::000000000000:user/legacy-user','{"key":{"account":"000000000000","createDate":818087982.8321471,"id":"AKIAUHPLV76M7CS7JPX5","isActive":true,"secretAccessKey":"","userARN":"arn:aws:iam::000000000000:user\/legacy-user","userName":"legacy-user"},"wrappedSecret":"XX3c7TtqllwRJHoCBVQvsO0bGmxUrFbZRjd4WDiHpIzHODfRvGc5snsaNlmN\/fkIPTpYFa3LrD0bNC69PZJ8x71oJR4="}')
"""#,
        #"""
CREATE TABLE iam_roles (
    arn TEXT PRIMARY KEY,
    record TEXT NOT NULL
)
"""#,
        #"""
INSERT INTO iam_roles VALUES('arn:aws:iam::000000000000:role/legacy-role','{"account":"000000000000","attachedPolicies":[],"createDate":818087982.8581725,"inlinePolicies":[],"maxSessionDuration":3600,"name":"legacy-role","path":"\/","roleID":"AROA43ZNI5347ZFY47H2W","trustPolicy":"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::000000000000:user\/legacy-user\"}, \"Action\": \"sts:AssumeRole\"}]}"}')
"""#,
        #"""
CREATE TABLE iam_groups (
    arn TEXT PRIMARY KEY,
    record TEXT NOT NULL
)
"""#,
        #"""
CREATE TABLE iam_policies (
    arn TEXT PRIMARY KEY,
    record TEXT NOT NULL
)
"""#,
        #"""
CREATE TABLE audit_events (
    seq BIGINT PRIMARY KEY,
    event_id TEXT NOT NULL,
    event_time DOUBLE PRECISION NOT NULL,
    account TEXT NOT NULL,
    region TEXT NOT NULL,
    event_name TEXT NOT NULL,
    event_source TEXT NOT NULL,
    read_only BIGINT NOT NULL,
    user_name TEXT,
    access_key_id TEXT,
    resources TEXT NOT NULL,
    record TEXT NOT NULL,
    sealed BIGINT NOT NULL
)
"""#,
        #"""
INSERT INTO audit_events VALUES(1,'88e4a019-4ca7-48ed-a37b-1e0fa07f058c',1796395182.6495840549,'000000000000','us-east-1','CreateKey','kms.amazonaws.com',0,'root','test','[{"accountID":"000000000000","type":"AWS::KMS::Key","arn":"arn:aws:kms:us-east-1:000000000000:key\/facef9cc-e6c9-43ff-9de8-a9b1983cd267"}]','{"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"000000000000","arn":"arn:aws:iam::000000000000:root","accountId":"000000000000","accessKeyId":"test"},"eventTime":"2026-12-04T14:39:42Z","eventSource":"kms.amazonaws.com","eventName":"CreateKey","awsRegion":"us-east-1","sourceIPAddress":"127.0.0.1","userAgent":"Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.18.44-fc-v1252 md/arch#x86_64 lang/python#3.11.7 md/pyimpl#CPython m/b,N,Z,e,D cfg/retry-mode#legacy Botocore/1.43.11","requestParameters":{"description":"first","tags":[{"tagKey":"team","tagValue":"arca"}]},"responseElements":{"keyMetadata":{"AWSAccountId":"000000000000","arn":"arn:aws:kms:us-east-1:000000000000:key/facef9cc-e6c9-43ff-9de8-a9b1983cd267","creationDate":1796395182.6397862,"currentKeyMaterialId":"836efc30873d2424f7a394772e13bb6f262832be8208cc2850931680d467901f","customerMasterKeySpec":"SYMMETRIC_DEFAULT","description":"first","enabled":true,"encryptionAlgorithms":["SYMMETRIC_DEFAULT"],"keyId":"facef9cc-e6c9-43ff-9de8-a9b1983cd267","keyManager":"CUSTOMER","keySpec":"SYMMETRIC_DEFAULT","keyState":"Enabled","keyUsage":"ENCRYPT_DECRYPT","multiRegion":false,"origin":"AWS_KMS"}},"requestID":"8c684066-12cf-4ce4-9f3c-82a9e1c31076","eventID":"88e4a019-4ca7-48ed-a37b-1e0fa07f058c","readOnly":false,"resources":[{"accountId":"000000000000","type":"AWS::KMS::Key","ARN":"arn:aws:kms:us-east-1:000000000000:key/facef9cc-e6c9-43ff-9de8-a9b1983cd267"}],"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"000000000000","eventCategory":"Management"}',1)
"""#,
        #"""
INSERT INTO audit_events VALUES(2,'31653597-48e4-48bd-8fef-af9222567efb',1796395182.677016735,'000000000000','us-east-1','CreateKey','kms.amazonaws.com',0,'root','test','[{"arn":"arn:aws:kms:us-east-1:000000000000:key\/d673dd42-f834-4e0c-869d-7671b120151a","type":"AWS::KMS::Key","accountID":"000000000000"}]','{"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"000000000000","arn":"arn:aws:iam::000000000000:root","accountId":"000000000000","accessKeyId":"test"},"eventTime":"2026-12-04T14:39:42Z","eventSource":"kms.amazonaws.com","eventName":"CreateKey","awsRegion":"us-east-1","sourceIPAddress":"127.0.0.1","userAgent":"Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.18.44-fc-v1252 md/arch#x86_64 lang/python#3.11.7 md/pyimpl#CPython m/b,N,Z,e,D cfg/retry-mode#legacy Botocore/1.43.11","requestParameters":{"description":"second"},"responseElements":{"keyMetadata":{"AWSAccountId":"000000000000","arn":"arn:aws:kms:us-east-1:000000000000:key/d673dd42-f834-4e0c-869d-7671b120151a","creationDate":1796395182.668767,"currentKeyMaterialId":"052987b1752c9429f445a44dd0b54015f51f9e84223813c8c2d8327b46d7a64a","customerMasterKeySpec":"SYMMETRIC_DEFAULT","description":"second","enabled":true,"encryptionAlgorithms":["SYMMETRIC_DEFAULT"],"keyId":"d673dd42-f834-4e0c-869d-7671b120151a","keyManager":"CUSTOMER","keySpec":"SYMMETRIC_DEFAULT","keyState":"Enabled","keyUsage":"ENCRYPT_DECRYPT","multiRegion":false,"origin":"AWS_KMS"}},"requestID":"8c684066-12cf-4ce4-9f3c-82a9e1c31075","eventID":"31653597-48e4-48bd-8fef-af9222567efb","readOnly":false,"resources":[{"accountId":"000000000000","type":"AWS::KMS::Key","ARN":"arn:aws:kms:us-east-1:000000000000:key/d673dd42-f834-4e0c-869d-7671b120151a"}],"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"000000000000","eventCategory":"Management"}',1)
"""#,
        #"""
INSERT INTO audit_events VALUES(3,'02f88c06-0f08-4b02-bbda-a98f97625f80',1796395182.7059140205,'000000000000','us-east-1','CreateKey','kms.amazonaws.com',0,'root','test','[{"type":"AWS::KMS::Key","arn":"arn:aws:kms:us-east-1:000000000000:key\/425bf4c4-782e-4af0-ac1d-3a28b0ee4fc1","accountID":"000000000000"}]','{"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"000000000000","arn":"arn:aws:iam::000000000000:root","accountId":"000000000000","accessKeyId":"test"},"eventTime":"2026-12-04T14:39:42Z","eventSource":"kms.amazonaws.com","eventName":"CreateKey","awsRegion":"us-east-1","sourceIPAddress":"127.0.0.1","userAgent":"Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.18.44-fc-v1252 md/arch#x86_64 lang/python#3.11.7 md/pyimpl#CPython m/b,N,Z,e,D cfg/retry-mode#legacy Botocore/1.43.11","requestParameters":{"description":"doomed"},"responseElements":{"keyMetadata":{"AWSAccountId":"000000000000","arn":"arn:aws:kms:us-east-1:000000000000:key/425bf4c4-782e-4af0-ac1d-3a28b0ee4fc1","creationDate":1796395182.6933575,"currentKeyMaterialId":"8a054262f892f7d5b88c21cb9c1ee47367fd3a6ee9a9386a908835a87e357ab1","customerMasterKeySpec":"SYMMETRIC_DEFAULT","description":"doomed","enabled":true,"encryptionAlgorithms":["SYMMETRIC_DEFAULT"],"keyId":"425bf4c4-782e-4af0-ac1d-3a28b0ee4fc1","keyManager":"CUSTOMER","keySpec":"SYMMETRIC_DEFAULT","keyState":"Enabled","keyUsage":"ENCRYPT_DECRYPT","multiRegion":false,"origin":"AWS_KMS"}},"requestID":"8c684066-12cf-4ce4-9f3c-82a9e1c31074","eventID":"02f88c06-0f08-4b02-bbda-a98f97625f80","readOnly":false,"resources":[{"accountId":"000000000000","type":"AWS::KMS::Key","ARN":"arn:aws:kms:us-east-1:000000000000:key/425bf4c4-782e-4af0-ac1d-3a28b0ee4fc1"}],"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"000000000000","eventCategory":"Management"}',1)
"""#,
        #"""
INSERT INTO audit_events VALUES(4,'609c2360-f6b9-44cf-9898-2f7697f8c06b',1796395182.7283711433,'000000000000','us-east-1','CreateAlias','kms.amazonaws.com',0,'root','test','[{"type":"AWS::KMS::Key","arn":"arn:aws:kms:us-east-1:000000000000:key\/facef9cc-e6c9-43ff-9de8-a9b1983cd267","accountID":"000000000000"}]','{"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"000000000000","arn":"arn:aws:iam::000000000000:root","accountId":"000000000000","accessKeyId":"test"},"eventTime":"2026-12-04T14:39:42Z","eventSource":"kms.amazonaws.com","eventName":"CreateAlias","awsRegion":"us-east-1","sourceIPAddress":"127.0.0.1","userAgent":"Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.18.44-fc-v1252 md/arch#x86_64 lang/python#3.11.7 md/pyimpl#CPython m/b,N,Z,e,D cfg/retry-mode#legacy Botocore/1.43.11","requestParameters":{"aliasName":"alias/legacy","targetKeyId":"facef9cc-e6c9-43ff-9de8-a9b1983cd267"},"responseElements":null,"requestID":"8c684066-12cf-4ce4-9f3c-82a9e1c31073","eventID":"609c2360-f6b9-44cf-9898-2f7697f8c06b","readOnly":false,"resources":[{"accountId":"000000000000","type":"AWS::KMS::Key","ARN":"arn:aws:kms:us-east-1:000000000000:key/facef9cc-e6c9-43ff-9de8-a9b1983cd267"}],"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"000000000000","eventCategory":"Management"}',1)
"""#,
        #"""
INSERT INTO audit_events VALUES(5,'b7c23df9-690c-4184-8dd6-8fd689a94cac',1796395182.7469489574,'000000000000','us-east-1','RotateKeyOnDemand','kms.amazonaws.com',0,'root','test','[{"arn":"arn:aws:kms:us-east-1:000000000000:key\/facef9cc-e6c9-43ff-9de8-a9b1983cd267","accountID":"000000000000","type":"AWS::KMS::Key"}]','{"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"000000000000","arn":"arn:aws:iam::000000000000:root","accountId":"000000000000","accessKeyId":"test"},"eventTime":"2026-12-04T14:39:42Z","eventSource":"kms.amazonaws.com","eventName":"RotateKeyOnDemand","awsRegion":"us-east-1","sourceIPAddress":"127.0.0.1","userAgent":"Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.18.44-fc-v1252 md/arch#x86_64 lang/python#3.11.7 md/pyimpl#CPython m/b,N,Z,e,D cfg/retry-mode#legacy Botocore/1.43.11","requestParameters":{"keyId":"facef9cc-e6c9-43ff-9de8-a9b1983cd267"},"responseElements":{"keyId":"arn:aws:kms:us-east-1:000000000000:key/facef9cc-e6c9-43ff-9de8-a9b1983cd267"},"requestID":"8c684066-12cf-4ce4-9f3c-82a9e1c31072","eventID":"b7c23df9-690c-4184-8dd6-8fd689a94cac","readOnly":false,"resources":[{"accountId":"000000000000","type":"AWS::KMS::Key","ARN":"arn:aws:kms:us-east-1:000000000000:key/facef9cc-e6c9-43ff-9de8-a9b1983cd267"}],"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"000000000000","eventCategory":"Management"}',1)
"""#,
        #"""
INSERT INTO audit_events VALUES(6,'f2c50216-3436-4ae9-892e-2fb016f19e03',1796395182.7724237441,'000000000000','us-east-1','ScheduleKeyDeletion','kms.amazonaws.com',0,'root','test','[{"type":"AWS::KMS::Key","accountID":"000000000000","arn":"arn:aws:kms:us-east-1:000000000000:key\/425bf4c4-782e-4af0-ac1d-3a28b0ee4fc1"}]','{"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"000000000000","arn":"arn:aws:iam::000000000000:root","accountId":"000000000000","accessKeyId":"test"},"eventTime":"2026-12-04T14:39:42Z","eventSource":"kms.amazonaws.com","eventName":"ScheduleKeyDeletion","awsRegion":"us-east-1","sourceIPAddress":"127.0.0.1","userAgent":"Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.18.44-fc-v1252 md/arch#x86_64 lang/python#3.11.7 md/pyimpl#CPython m/b,N,Z,e,D cfg/retry-mode#legacy Botocore/1.43.11","requestParameters":{"keyId":"425bf4c4-782e-4af0-ac1d-3a28b0ee4fc1","pendingWindowInDays":7},"responseElements":{"deletionDate":1796999982.7541726,"keyId":"arn:aws:kms:us-east-1:000000000000:key/425bf4c4-782e-4af0-ac1d-3a28b0ee4fc1","keyState":"PendingDeletion","pendingWindowInDays":7},"requestID":"8c684066-12cf-4ce4-9f3c-82a9e1c31071","eventID":"f2c50216-3436-4ae9-892e-2fb016f19e03","readOnly":false,"resources":[{"accountId":"000000000000","type":"AWS::KMS::Key","ARN":"arn:aws:kms:us-east-1:000000000000:key/425bf4c4-782e-4af0-ac1d-3a28b0ee4fc1"}],"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"000000000000","eventCategory":"Management"}',1)
"""#,
        #"""
INSERT INTO audit_events VALUES(7,'c0d629a2-e067-4b8f-8d42-e8c2779e4019',1796395182.7842006683,'000000000000','us-east-1','CreateGrant','kms.amazonaws.com',0,'root','test','[{"arn":"arn:aws:kms:us-east-1:000000000000:key\/facef9cc-e6c9-43ff-9de8-a9b1983cd267","accountID":"000000000000","type":"AWS::KMS::Key"}]','{"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"000000000000","arn":"arn:aws:iam::000000000000:root","accountId":"000000000000","accessKeyId":"test"},"eventTime":"2026-12-04T14:39:42Z","eventSource":"kms.amazonaws.com","eventName":"CreateGrant","awsRegion":"us-east-1","sourceIPAddress":"127.0.0.1","userAgent":"Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.18.44-fc-v1252 md/arch#x86_64 lang/python#3.11.7 md/pyimpl#CPython m/b,N,Z,e,D cfg/retry-mode#legacy Botocore/1.43.11","requestParameters":{"granteePrincipal":"arn:aws:iam::000000000000:root","keyId":"facef9cc-e6c9-43ff-9de8-a9b1983cd267","operations":["Encrypt","Decrypt"]},"responseElements":{"grantId":"223593c4bef0a04e754498226c65caab50b3567eb6a5677fa782c14fd376d03b"},"requestID":"8c684066-12cf-4ce4-9f3c-82a9e1c31070","eventID":"c0d629a2-e067-4b8f-8d42-e8c2779e4019","readOnly":false,"resources":[{"accountId":"000000000000","type":"AWS::KMS::Key","ARN":"arn:aws:kms:us-east-1:000000000000:key/facef9cc-e6c9-43ff-9de8-a9b1983cd267"}],"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"000000000000","eventCategory":"Management"}',1)
"""#,
        #"""
INSERT INTO audit_events VALUES(8,'8e896046-98db-4f8f-b805-760014899b0a',1796395182.7932934761,'000000000000','us-east-1','CreateGrant','kms.amazonaws.com',0,'root','test','[{"type":"AWS::KMS::Key","accountID":"000000000000","arn":"arn:aws:kms:us-east-1:000000000000:key\/d673dd42-f834-4e0c-869d-7671b120151a"}]','{"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"000000000000","arn":"arn:aws:iam::000000000000:root","accountId":"000000000000","accessKeyId":"test"},"eventTime":"2026-12-04T14:39:42Z","eventSource":"kms.amazonaws.com","eventName":"CreateGrant","awsRegion":"us-east-1","sourceIPAddress":"127.0.0.1","userAgent":"Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.18.44-fc-v1252 md/arch#x86_64 lang/python#3.11.7 md/pyimpl#CPython m/b,N,Z,e,D cfg/retry-mode#legacy Botocore/1.43.11","requestParameters":{"granteePrincipal":"arn:aws:iam::000000000000:root","keyId":"d673dd42-f834-4e0c-869d-7671b120151a","name":"named","operations":["Decrypt"]},"responseElements":{"grantId":"23c29af50f68f0200591bd4d22c240b60c0d34d0348c81fdb174a7cbe947a0b1"},"requestID":"8c684066-12cf-4ce4-9f3c-82a9e1c3107f","eventID":"8e896046-98db-4f8f-b805-760014899b0a","readOnly":false,"resources":[{"accountId":"000000000000","type":"AWS::KMS::Key","ARN":"arn:aws:kms:us-east-1:000000000000:key/d673dd42-f834-4e0c-869d-7671b120151a"}],"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"000000000000","eventCategory":"Management"}',1)
"""#,
        #"""
INSERT INTO audit_events VALUES(9,'0850ed3f-98e5-4080-b99a-c85aeec2d17c',1796395182.8014931679,'000000000000','us-east-1','DisableKey','kms.amazonaws.com',0,'root','test','[{"arn":"arn:aws:kms:us-east-1:000000000000:key\/d673dd42-f834-4e0c-869d-7671b120151a","accountID":"000000000000","type":"AWS::KMS::Key"}]','{"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"000000000000","arn":"arn:aws:iam::000000000000:root","accountId":"000000000000","accessKeyId":"test"},"eventTime":"2026-12-04T14:39:42Z","eventSource":"kms.amazonaws.com","eventName":"DisableKey","awsRegion":"us-east-1","sourceIPAddress":"127.0.0.1","userAgent":"Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.18.44-fc-v1252 md/arch#x86_64 lang/python#3.11.7 md/pyimpl#CPython m/b,N,Z,e,D cfg/retry-mode#legacy Botocore/1.43.11","requestParameters":{"keyId":"d673dd42-f834-4e0c-869d-7671b120151a"},"responseElements":null,"requestID":"8c684066-12cf-4ce4-9f3c-82a9e1c3107e","eventID":"0850ed3f-98e5-4080-b99a-c85aeec2d17c","readOnly":false,"resources":[{"accountId":"000000000000","type":"AWS::KMS::Key","ARN":"arn:aws:kms:us-east-1:000000000000:key/d673dd42-f834-4e0c-869d-7671b120151a"}],"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"000000000000","eventCategory":"Management"}',1)
"""#,
        #"""
INSERT INTO audit_events VALUES(10,'0de6a646-e75d-4969-9e5d-3a2b51bbf950',1796395182.8088133335,'000000000000','us-east-1','Encrypt','kms.amazonaws.com',1,'root','test','[{"type":"AWS::KMS::Key","accountID":"000000000000","arn":"arn:aws:kms:us-east-1:000000000000:key\/facef9cc-e6c9-43ff-9de8-a9b1983cd267"}]','{"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"000000000000","arn":"arn:aws:iam::000000000000:root","accountId":"000000000000","accessKeyId":"test"},"eventTime":"2026-12-04T14:39:42Z","eventSource":"kms.amazonaws.com","eventName":"Encrypt","awsRegion":"us-east-1","sourceIPAddress":"127.0.0.1","userAgent":"Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.18.44-fc-v1252 md/arch#x86_64 lang/python#3.11.7 md/pyimpl#CPython m/b,N,Z,e,D cfg/retry-mode#legacy Botocore/1.43.11","requestParameters":{"keyId":"alias/legacy"},"responseElements":null,"requestID":"8c684066-12cf-4ce4-9f3c-82a9e1c3107d","eventID":"0de6a646-e75d-4969-9e5d-3a2b51bbf950","readOnly":true,"resources":[{"accountId":"000000000000","type":"AWS::KMS::Key","ARN":"arn:aws:kms:us-east-1:000000000000:key/facef9cc-e6c9-43ff-9de8-a9b1983cd267"}],"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"000000000000","eventCategory":"Management"}',1)
"""#,
        #"""
INSERT INTO audit_events VALUES(11,'deccf2a9-6588-4625-bd41-b4b5224ea781',1796395182.8238182067,'000000000000','us-east-1','CreateUser','iam.amazonaws.com',0,'root','test','[]','{"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"000000000000","arn":"arn:aws:iam::000000000000:root","accountId":"000000000000","accessKeyId":"test"},"eventTime":"2026-12-04T14:39:42Z","eventSource":"iam.amazonaws.com","eventName":"CreateUser","awsRegion":"us-east-1","sourceIPAddress":"127.0.0.1","userAgent":"Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.18.44-fc-v1252 md/arch#x86_64 lang/python#3.11.7 md/pyimpl#CPython m/b,N,Z,e,D cfg/retry-mode#legacy Botocore/1.43.11","requestParameters":{"userName":"legacy-user"},"responseElements":{"user":{"arn":"arn:aws:iam::000000000000:user/legacy-user","createDate":1796395182.8200996,"path":"/","userId":"AIDAWTVVBS6DX5762L2AV","userName":"legacy-user"}},"requestID":"8c684066-12cf-4ce4-9f3c-82a9e1c3107c","eventID":"deccf2a9-6588-4625-bd41-b4b5224ea781","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"000000000000","eventCategory":"Management"}',1)
"""#,
        #"""
INSERT INTO audit_events VALUES(12,'3cac5cf9-0b1d-442c-ad6f-bd34031a1e22',1796395182.8487308025,'000000000000','us-east-1','CreateAccessKey','iam.amazonaws.com',0,'root','test','[]','{"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"000000000000","arn":"arn:aws:iam::000000000000:root","accountId":"000000000000","accessKeyId":"test"},"eventTime":"2026-12-04T14:39:42Z","eventSource":"iam.amazonaws.com","eventName":"CreateAccessKey","awsRegion":"us-east-1","sourceIPAddress":"127.0.0.1","userAgent":"Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.18.44-fc-v1252 md/arch#x86_64 lang/python#3.11.7 md/pyimpl#CPython m/b,N,Z,e,D cfg/retry-mode#legacy Botocore/1.43.11","requestParameters":{"userName":"legacy-user"},"responseElements":{"accessKey":{"accessKeyId":"AKIAUHPLV76M7CS7JPX5","createDate":1796395182.8321471,"status":"Active","userName":"legacy-user"}},"requestID":"8c684066-12cf-4ce4-9f3c-82a9e1c3107b","eventID":"3cac5cf9-0b1d-442c-ad6f-bd34031a1e22","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"000000000000","eventCategory":"Management"}',1)
"""#,
        #"""
INSERT INTO audit_events VALUES(13,'2504ce64-d805-4a6c-aff0-e8619d5429fd',1796395182.8764038085,'000000000000','us-east-1','CreateRole','iam.amazonaws.com',0,'root','test','[]','{"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"000000000000","arn":"arn:aws:iam::000000000000:root","accountId":"000000000000","accessKeyId":"test"},"eventTime":"2026-12-04T14:39:42Z","eventSource":"iam.amazonaws.com","eventName":"CreateRole","awsRegion":"us-east-1","sourceIPAddress":"127.0.0.1","userAgent":"Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.18.44-fc-v1252 md/arch#x86_64 lang/python#3.11.7 md/pyimpl#CPython m/b,N,Z,e,D cfg/retry-mode#legacy Botocore/1.43.11","requestParameters":{"assumeRolePolicyDocument":"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::000000000000:user/legacy-user\"}, \"Action\": \"sts:AssumeRole\"}]}","roleName":"legacy-role"},"responseElements":{"role":{"arn":"arn:aws:iam::000000000000:role/legacy-role","assumeRolePolicyDocument":"%7B%22Version%22%3A%20%222012-10-17%22%2C%20%22Statement%22%3A%20%5B%7B%22Effect%22%3A%20%22Allow%22%2C%20%22Principal%22%3A%20%7B%22AWS%22%3A%20%22arn%3Aaws%3Aiam%3A%3A000000000000%3Auser%2Flegacy-user%22%7D%2C%20%22Action%22%3A%20%22sts%3AAssumeRole%22%7D%5D%7D","createDate":1796395182.8581724,"maxSessionDuration":3600,"path":"/","roleId":"AROA43ZNI5347ZFY47H2W","roleName":"legacy-role"}},"requestID":"8c684066-12cf-4ce4-9f3c-82a9e1c3107a","eventID":"2504ce64-d805-4a6c-aff0-e8619d5429fd","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"000000000000","eventCategory":"Management"}',1)
"""#,
        #"""
INSERT INTO audit_events VALUES(14,'39f9ce4c-5533-4b5b-96f2-544cd4c4793c',1796395182.9528741836,'000000000000','us-east-1','PutUserPolicy','iam.amazonaws.com',0,'root','test','[]','{"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"000000000000","arn":"arn:aws:iam::000000000000:root","accountId":"000000000000","accessKeyId":"test"},"eventTime":"2026-12-04T14:39:42Z","eventSource":"iam.amazonaws.com","eventName":"PutUserPolicy","awsRegion":"us-east-1","sourceIPAddress":"127.0.0.1","userAgent":"Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.18.44-fc-v1252 md/arch#x86_64 lang/python#3.11.7 md/pyimpl#CPython m/b,N,Z,e,D cfg/retry-mode#legacy Botocore/1.43.11","requestParameters":{"policyDocument":"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\", \"Resource\": \"*\"}]}","policyName":"assume","userName":"legacy-user"},"responseElements":null,"requestID":"8c684066-12cf-4ce4-9f3c-82a9e1c31079","eventID":"39f9ce4c-5533-4b5b-96f2-544cd4c4793c","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"000000000000","eventCategory":"Management"}',1)
"""#,
        #"""
INSERT INTO audit_events VALUES(15,'5a5644f0-86b7-4f83-95d1-e50fa9f40529',1796395184.0570831298,'000000000000','us-east-1','AssumeRole','sts.amazonaws.com',0,'legacy-user','AKIAUHPLV76M7CS7JPX5','[]','{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAWTVVBS6DX5762L2AV","arn":"arn:aws:iam::000000000000:user/legacy-user","accountId":"000000000000","accessKeyId":"AKIAUHPLV76M7CS7JPX5","userName":"legacy-user"},"eventTime":"2026-12-04T14:39:44Z","eventSource":"sts.amazonaws.com","eventName":"AssumeRole","awsRegion":"us-east-1","sourceIPAddress":"127.0.0.1","userAgent":"Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.18.44-fc-v1252 md/arch#x86_64 lang/python#3.11.7 md/pyimpl#CPython m/b,N,Z,e,D cfg/retry-mode#legacy Botocore/1.43.11","requestParameters":{"durationSeconds":3600,"roleArn":"arn:aws:iam::000000000000:role/legacy-role","roleSessionName":"legacy"},"responseElements":{"assumedRoleUser":{"arn":"arn:aws:sts::000000000000:assumed-role/legacy-role/legacy","assumedRoleId":"AROA43ZNI5347ZFY47H2W:legacy"},"credentials":{"accessKeyId":"ASIABDZKXE2J5NPHDWNM","expiration":1796398784}},"requestID":"8c684066-12cf-4ce4-9f3c-82a9e1c31078","eventID":"5a5644f0-86b7-4f83-95d1-e50fa9f40529","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"000000000000","eventCategory":"Management"}',1)
"""#,
        #"""
CREATE TABLE audit_event_resources (
    seq BIGINT NOT NULL,
    resource_type TEXT NOT NULL,
    resource_name TEXT NOT NULL
)
"""#,
        #"""
INSERT INTO audit_event_resources VALUES(1,'AWS::KMS::Key','arn:aws:kms:us-east-1:000000000000:key/facef9cc-e6c9-43ff-9de8-a9b1983cd267')
"""#,
        #"""
INSERT INTO audit_event_resources VALUES(2,'AWS::KMS::Key','arn:aws:kms:us-east-1:000000000000:key/d673dd42-f834-4e0c-869d-7671b120151a')
"""#,
        #"""
INSERT INTO audit_event_resources VALUES(3,'AWS::KMS::Key','arn:aws:kms:us-east-1:000000000000:key/425bf4c4-782e-4af0-ac1d-3a28b0ee4fc1')
"""#,
        #"""
INSERT INTO audit_event_resources VALUES(4,'AWS::KMS::Key','arn:aws:kms:us-east-1:000000000000:key/facef9cc-e6c9-43ff-9de8-a9b1983cd267')
"""#,
        #"""
INSERT INTO audit_event_resources VALUES(5,'AWS::KMS::Key','arn:aws:kms:us-east-1:000000000000:key/facef9cc-e6c9-43ff-9de8-a9b1983cd267')
"""#,
        #"""
INSERT INTO audit_event_resources VALUES(6,'AWS::KMS::Key','arn:aws:kms:us-east-1:000000000000:key/425bf4c4-782e-4af0-ac1d-3a28b0ee4fc1')
"""#,
        #"""
INSERT INTO audit_event_resources VALUES(7,'AWS::KMS::Key','arn:aws:kms:us-east-1:000000000000:key/facef9cc-e6c9-43ff-9de8-a9b1983cd267')
"""#,
        #"""
INSERT INTO audit_event_resources VALUES(8,'AWS::KMS::Key','arn:aws:kms:us-east-1:000000000000:key/d673dd42-f834-4e0c-869d-7671b120151a')
"""#,
        #"""
INSERT INTO audit_event_resources VALUES(9,'AWS::KMS::Key','arn:aws:kms:us-east-1:000000000000:key/d673dd42-f834-4e0c-869d-7671b120151a')
"""#,
        #"""
INSERT INTO audit_event_resources VALUES(10,'AWS::KMS::Key','arn:aws:kms:us-east-1:000000000000:key/facef9cc-e6c9-43ff-9de8-a9b1983cd267')
"""#,
        #"""
CREATE TABLE audit_log_files (
    path TEXT PRIMARY KEY,
    account TEXT NOT NULL,
    region TEXT NOT NULL,
    hash TEXT NOT NULL,
    oldest_event_time DOUBLE PRECISION NOT NULL,
    newest_event_time DOUBLE PRECISION NOT NULL,
    digest_path TEXT
)
"""#,
        #"""
INSERT INTO audit_log_files VALUES('AWSLogs/000000000000/CloudTrail/us-east-1/2026/12/04/000000000000_CloudTrail_us-east-1_20261204T1439Z_cf84d89f6065e8bc.json.gz','000000000000','us-east-1','4d889bc1cafa4becc818c7dda2bb2e99cecb6349a1ce3ffa1b6f63dbfaa6a1d9',1796395182.6495840549,1796395184.0570831298,'AWSLogs/000000000000/CloudTrail-Digest/us-east-1/2026/12/04/000000000000_CloudTrail-Digest_us-east-1_arca_us-east-1_20261204T143944Z.json.gz')
"""#,
        #"""
CREATE TABLE audit_digests (
    path TEXT PRIMARY KEY,
    account TEXT NOT NULL,
    region TEXT NOT NULL,
    hash TEXT NOT NULL,
    signature TEXT NOT NULL,
    end_time DOUBLE PRECISION NOT NULL
)
"""#,
        #"""
INSERT INTO audit_digests VALUES('AWSLogs/000000000000/CloudTrail-Digest/us-east-1/2026/12/04/000000000000_CloudTrail-Digest_us-east-1_arca_us-east-1_20261204T143944Z.json.gz','000000000000','us-east-1','ffb6af119d3296cabb0c7b9ed9a17ac544a6786d0ebd9ec6202fd53ed12a6034','30450221009e9d2a27ef12edfccd5e6a2079d06d34aa8bee27ebf2c45c36a9f4c959b8da05022075dd956d326bb87fd83129fb912ed92190228df0fd99a6a7b83ba9baf39a6e7c',1796395184.1179270744)
"""#,
        #"""
CREATE INDEX audit_events_by_time ON audit_events (account, region, event_time, seq)
"""#,
        #"""
CREATE INDEX audit_events_unsealed ON audit_events (sealed, seq)
"""#,
        #"""
CREATE INDEX audit_event_resources_by_name ON audit_event_resources (resource_name, seq)
"""#,
    ]
}
