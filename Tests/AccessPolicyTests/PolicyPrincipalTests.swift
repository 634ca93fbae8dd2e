import AccessPolicy
import Testing

/// The `Principal` element: the forms a key policy accepts, and how identifiers are classified.
@Suite struct PolicyPrincipalTests {
    private static func statement(principal: String) -> String {
        #"{"Effect": "Allow", "Principal": \#(principal), "Action": "kms:*", "Resource": "*"}"#
    }

    @Test(arguments: [
        (#""*""#, PolicyPrincipal.anyone),
        (#"{"AWS": "*"}"#, .specified([PolicyPrincipalEntry(.aws, ["*"])])),
        (#"{"AWS": "111122223333"}"#, .specified([PolicyPrincipalEntry(.aws, ["111122223333"])])),
        (#"{"AWS": ["arn:aws:iam::111122223333:root", "arn:aws:sts::111122223333:assumed-role/KMSRole/s1"]}"#,
         .specified([PolicyPrincipalEntry(.aws, ["arn:aws:iam::111122223333:root", "arn:aws:sts::111122223333:assumed-role/KMSRole/s1"])])),
        (#"{"Service": ["ses.amazonaws.com"], "AWS": "arn:aws:iam::111122223333:role/KMSRole"}"#,
         .specified([PolicyPrincipalEntry(.service, ["ses.amazonaws.com"]), PolicyPrincipalEntry(.aws, ["arn:aws:iam::111122223333:role/KMSRole"])])),
        (#"{"Federated": "cognito-identity.amazonaws.com"}"#, .specified([PolicyPrincipalEntry(.federated, ["cognito-identity.amazonaws.com"])])),
        (#"{"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}"#,
         .specified([PolicyPrincipalEntry(.canonicalUser, ["79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"])])),
    ])
    func principalFormIsParsedInWrittenOrder(_ json: String, _ expected: PolicyPrincipal) throws {
        let statement = try parseSingleStatement(Self.statement(principal: json))
        #expect(statement.principal == PolicyPrincipalBlock(.principal, expected))
    }

    @Test(arguments: [
        #""arn:aws:iam::111122223333:root""#,  // only "*" may stand alone
        #"{}"#,
        #"{"IAM": "arn:aws:iam::111122223333:root"}"#,
        #"{"aws": "arn:aws:iam::111122223333:root"}"#,
        #"{"AWS": []}"#,
        #"{"AWS": [7]}"#,
        #"{"AWS": "arn:aws:iam::111122223333:group/Developers"}"#,
        #"{"AWS": "arn:aws:iam::111122223333:user/*"}"#,
        #"{"AWS": "arn:aws:iam::*:root"}"#,
        #"{"AWS": "AIDACKCEVSQ6C2EXAMPLE"}"#,
        #"{"AWS": "11112222333"}"#,
        #"{"AWS": ["111122223333", "ses.amazonaws.com"]}"#,
        #"{"Service": "arn:aws:iam::111122223333:root"}"#,
        #"{"Service": "*"}"#,
        #"{"Federated": ""}"#,
        #"["*"]"#,
    ])
    func principalThatNamesNoValidIdentityIsRejected(_ json: String) {
        expectRejected(
            Policy.document(Self.statement(principal: json)),
            "Policy contains a statement with one or more invalid principals."
        )
    }

    @Test func repeatedPrincipalTypeIsRejected() {
        let json = #"{"AWS": "111122223333", "AWS": "444455556666"}"#
        expectRejected(Policy.document(Self.statement(principal: json)), #"Policy document contains duplicate key "AWS"."#)
    }

    @Test(arguments: [
        ("*", PolicyPrincipalIdentity.anyone),
        ("111122223333", .account(partition: nil, accountID: "111122223333")),
        ("arn:aws:iam::111122223333:root", .account(partition: "aws", accountID: "111122223333")),
        ("arn:aws-cn:iam::111122223333:root", .account(partition: "aws-cn", accountID: "111122223333")),
        ("arn:aws:iam::111122223333:user/KMSUser", .user(partition: "aws", accountID: "111122223333", path: "/", name: "KMSUser")),
        ("arn:aws:iam::111122223333:user/division_abc/subdivision_xyz/Bob",
         .user(partition: "aws", accountID: "111122223333", path: "/division_abc/subdivision_xyz/", name: "Bob")),
        ("arn:aws:iam::111122223333:role/KMSRole", .role(partition: "aws", accountID: "111122223333", path: "/", name: "KMSRole")),
        ("arn:aws:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
         .role(partition: "aws", accountID: "111122223333", path: "/aws-service-role/autoscaling.amazonaws.com/", name: "AWSServiceRoleForAutoScaling")),
        ("arn:aws:sts::111122223333:assumed-role/KMSRole/session@example.com",
         .assumedRole(partition: "aws", accountID: "111122223333", roleName: "KMSRole", sessionName: "session@example.com")),
        ("arn:aws-us-gov:sts::111122223333:federated-user/Bob", .federatedUser(partition: "aws-us-gov", accountID: "111122223333", name: "Bob")),
    ])
    func awsPrincipalIsClassified(_ text: String, _ expected: PolicyPrincipalIdentity) {
        #expect(PolicyPrincipalIdentity(aws: text) == expected)
    }

    @Test(arguments: [
        "", "**", "root", "arn:aws:iam::111122223333:root/extra", "arn:aws:iam:us-west-2:111122223333:root",
        "arn:aws:iam::111122223333:group/Developers", "arn:aws:iam::111122223333:policy/Admin",
        "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn:aws:iam::111122223333:user/", "arn:aws:iam::111122223333:user//Bob", "arn:aws:iam::111122223333:role/Has Space",
        "arn:aws:sts::111122223333:assumed-role/KMSRole", "arn:aws:sts::111122223333:assumed-role/a/b/c",
        "arn:aws:iam::111122223333:role/KMS?ole", "arn:azure:iam::111122223333:root", "arn:aws:iam::ABCDEFGHIJKL:root",
        "ses.amazonaws.com", "AIDACKCEVSQ6C2EXAMPLE",
    ])
    func awsPrincipalOfAnotherFormIsNotClassified(_ text: String) {
        #expect(PolicyPrincipalIdentity(aws: text) == nil)
    }

    @Test func servicePrincipalIsClassified() {
        #expect(PolicyPrincipalIdentity(service: "sns.amazonaws.com") == .service("sns.amazonaws.com"))
        #expect(PolicyPrincipalIdentity(service: "logs.us-west-2.amazonaws.com")?.accountID == nil)
        #expect(PolicyPrincipalIdentity(service: "SNS.amazonaws.com") == nil)
        #expect(PolicyPrincipalIdentity(service: "amazonaws") == nil)
        #expect(PolicyPrincipalIdentity(service: ".amazonaws.com") == nil)
    }

    @Test func accountOfEveryIdentityIsItsOwner() {
        #expect(PolicyPrincipalIdentity(aws: "444455556666")?.accountID == "444455556666")
        #expect(PolicyPrincipalIdentity(aws: "arn:aws:iam::111122223333:role/KMSRole")?.accountID == "111122223333")
        #expect(PolicyPrincipalIdentity(aws: "arn:aws:sts::222233334444:assumed-role/R/s")?.accountID == "222233334444")
        #expect(PolicyPrincipalIdentity(aws: "*")?.accountID == nil)
    }

    @Test func principalIdentitiesLeaveOutFederatedAndCanonicalUsers() throws {
        let json = #"{"AWS": ["111122223333", "arn:aws:iam::111122223333:user/KMSUser"], "Federated": "accounts.google.com", "Service": "kms.amazonaws.com"}"#
        let statement = try parseSingleStatement(Self.statement(principal: json))
        #expect(statement.principal?.principal.identities == [
            .account(partition: nil, accountID: "111122223333"),
            .user(partition: "aws", accountID: "111122223333", path: "/", name: "KMSUser"),
            .service("kms.amazonaws.com"),
        ])
        #expect(PolicyPrincipal.anyone.identities == [.anyone])
    }
}
