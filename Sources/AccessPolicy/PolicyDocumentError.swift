/// Why a policy document was refused, in words a KMS or IAM caller would recognise.
///
/// KMS reports every one of these as `MalformedPolicyDocumentException` ("The request was rejected
/// because the specified policy is not syntactically or semantically correct." — botocore model);
/// mapping to that code is the caller's job. Where AWS's own sentence is known it is used verbatim
/// and marked "AWS wording" below; the rest are written in the same style.
public struct PolicyDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension PolicyDocumentError {
    // MARK: JSON and document shape

    static func invalidJSON(_ error: PolicyJSONError) -> Self {
        Self(message: "Policy document is not valid JSON: \(error.reason) at byte \(error.offset).")
    }

    static let documentNotAnObject = Self(message: "Policy document must be a JSON object.")

    static func duplicateKey(_ key: String) -> Self {
        Self(message: "Policy document contains duplicate key \"\(key)\".")
    }

    static func unknownDocumentElement(_ name: String) -> Self {
        Self(message: "Policy document contains unknown element \"\(name)\".")
    }

    static let invalidVersion = Self(message: "Policy document Version must be \"2012-10-17\" or \"2008-10-17\".")

    static let missingStatement = Self(message: "Policy document must contain a Statement element.")

    static let invalidStatementList = Self(message: "Policy Statement must be an object or a non-empty array of objects.")

    static func elementMustBeString(_ name: String) -> Self {
        Self(message: "Policy element \(name) must be a string.")
    }

    // MARK: Statement shape

    static func unknownStatementElement(_ name: String) -> Self {
        Self(message: "Policy statement contains unknown element \"\(name)\".")
    }

    static func conflictingElements(_ first: String, _ second: String) -> Self {
        Self(message: "Policy statement must not contain both \(first) and \(second).")
    }

    /// AWS wording (IAM `MalformedPolicyDocument`).
    static let duplicateSid = Self(message: "Statement IDs (SID) in a single policy must be unique.")

    static let missingEffect = Self(message: "Policy statement must contain an Effect element.")

    static let invalidEffect = Self(message: "Policy statement Effect must be \"Allow\" or \"Deny\".")

    static func invalidStringList(_ element: String) -> Self {
        Self(message: "Policy statement \(element) must be a string or a non-empty array of strings.")
    }

    // MARK: Principal

    /// AWS wording (KMS `MalformedPolicyDocumentException`).
    static let missingPrincipal = Self(message: "Policy contains a statement with no principal.")

    /// AWS wording (KMS `MalformedPolicyDocumentException`).
    static let invalidPrincipals = Self(message: "Policy contains a statement with one or more invalid principals.")

    /// AWS wording (IAM `MalformedPolicyDocument`).
    static let principalNotAllowed = Self(message: "Policy document should not specify a principal.")

    // MARK: Action and Resource

    /// AWS wording (IAM `MalformedPolicyDocument`).
    static let missingActions = Self(message: "Policy statement must contain actions.")

    /// AWS wording (IAM `MalformedPolicyDocument`); IAM uses it for condition keys too.
    static let missingVendor = Self(message: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.")

    /// AWS wording (IAM `MalformedPolicyDocument`).
    static let tooManyColons = Self(message: "Actions/Condition can contain only one colon.")

    /// AWS wording (IAM `MalformedPolicyDocument`).
    static let wildcardVendor = Self(message: "Action vendors (e.g., aws, ec2, etc.) must not contain wildcards")

    /// AWS wording (IAM `MalformedPolicyDocument`, as reproduced by moto).
    static func invalidVendor(_ vendor: String) -> Self {
        Self(message: "Vendor \(vendor) is not valid")
    }

    static func missingActionName(_ action: String) -> Self {
        Self(message: "Action \(action) must name an action after the vendor prefix.")
    }

    /// AWS wording (IAM `MalformedPolicyDocument`).
    static let missingResources = Self(message: "Policy statement must contain resources.")

    /// AWS wording (IAM `MalformedPolicyDocument`).
    static func invalidResource(_ resource: String) -> Self {
        Self(message: "Resource \(resource) must be in ARN format or \"*\".")
    }

    // MARK: Condition

    static let invalidConditionBlock = Self(message: "Policy statement Condition must be an object that maps condition operators to condition keys.")

    static func unknownConditionOperator(_ name: String) -> Self {
        Self(message: "Policy statement contains invalid condition operator \"\(name)\".")
    }

    static let nullWithIfExists = Self(message: "The Null condition operator cannot be combined with IfExists.")

    static func invalidConditionKeys(_ operatorName: String) -> Self {
        Self(message: "Condition operator \(operatorName) must map condition keys to values.")
    }

    static func invalidConditionValue(_ key: String) -> Self {
        Self(message: "Condition key \(key) must have a string, number or Boolean value, or a non-empty array of them.")
    }
}
