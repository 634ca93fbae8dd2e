import AccessPolicy
import Testing

/// The `Action` element: `*` or `vendor:action`, wildcards only after the colon.
@Suite struct PolicyActionTests {
    private static func statement(action: String) -> String {
        #"{"Effect": "Allow", "Principal": "*", "Action": ["kms:Encrypt", "\#(action)"], "Resource": "*"}"#
    }

    @Test(arguments: [
        "*", "kms:*", "kms:Encrypt", "kms:encrypt", "kms:ReEncrypt*", "kms:Get?eyPolicy", "kms:*Key*",
        "iam:ListRoles", "ec2:Describe*", "execute-api:Invoke", "elasticloadbalancing:Describe*", "s3:Get*",
    ])
    func actionIsAcceptedAndKeptAsWritten(_ action: String) throws {
        let statement = try parseSingleStatement(Self.statement(action: action))
        #expect(statement.action == PolicyActionBlock(.action, ["kms:Encrypt", action]))
    }

    @Test(arguments: ["Encrypt", "ReEncrypt*", "", ":Encrypt", "**"])
    func actionWithoutVendorIsRejected(_ action: String) {
        expectRejected(
            Policy.document(Self.statement(action: action)),
            "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
        )
    }

    @Test(arguments: ["kms:Encrypt:Decrypt", "kms::Encrypt", "arn:aws:kms:Encrypt"])
    func actionWithMoreThanOneColonIsRejected(_ action: String) {
        expectRejected(Policy.document(Self.statement(action: action)), "Actions/Condition can contain only one colon.")
    }

    @Test(arguments: ["*:Untag*", "km?:Encrypt", "k*:Encrypt"])
    func actionWithWildcardInVendorIsRejected(_ action: String) {
        expectRejected(
            Policy.document(Self.statement(action: action)),
            "Action vendors (e.g., aws, ec2, etc.) must not contain wildcards"
        )
    }

    @Test(arguments: [("k ms:Encrypt", "k ms"), ("kms>x:Delete*", "kms>x"), ("kmś:Encrypt", "kmś")])
    func actionWithInvalidVendorIsRejected(_ action: String, _ vendor: String) {
        expectRejected(Policy.document(Self.statement(action: action)), "Vendor \(vendor) is not valid")
    }

    @Test func actionWithoutNameAfterVendorIsRejected() {
        expectRejected(
            Policy.document(Self.statement(action: "kms:")),
            "Action kms: must name an action after the vendor prefix."
        )
    }

    @Test func guidePDFArtefactWithoutColonIsRejected() {
        expectRejected(
            Policy.document(Self.statement(action: "kms>Delete*")),
            "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
        )
    }
}
