import AWSWire
import Foundation
import ServiceCalls

/// One CloudTrail record ("event") of an API call, with the fields of the reference's examples
/// (kms-developer-guide.md, "Logging AWS KMS API Calls Using AWS CloudTrail") and of the current
/// CloudTrail record format.
///
/// - Important: `requestParameters` and `responseElements` never hold plaintext, ciphertext,
///   data keys, key material or credentials' secrets: ``AuditRedaction`` builds them.
public struct AuditRecord: Sendable, Equatable {
    public static let eventVersion = "1.08"

    /// Who made the call (CloudTrail `userIdentity`).
    public struct UserIdentity: Sendable, Equatable {
        /// `Root`, `IAMUser`, `AssumedRole` or `AWSService`.
        public var type: String
        public var principalID: String?
        public var arn: String?
        public var accountID: String?
        public var accessKeyID: String?
        public var userName: String?
        /// For an assumed role: the role the session was issued for.
        public var sessionIssuer: SessionIssuer?
        /// For a call an AWS service made on the caller's behalf: that service.
        public var invokedBy: String?

        public init(type: String, principalID: String? = nil, arn: String? = nil, accountID: String? = nil,
                    accessKeyID: String? = nil, userName: String? = nil, sessionIssuer: SessionIssuer? = nil,
                    invokedBy: String? = nil) {
            self.type = type
            self.principalID = principalID
            self.arn = arn
            self.accountID = accountID
            self.accessKeyID = accessKeyID
            self.userName = userName
            self.sessionIssuer = sessionIssuer
            self.invokedBy = invokedBy
        }
    }

    public struct SessionIssuer: Sendable, Equatable {
        public var principalID: String
        public var arn: String
        public var accountID: String
        public var userName: String

        public init(principalID: String, arn: String, accountID: String, userName: String) {
            self.principalID = principalID
            self.arn = arn
            self.accountID = accountID
            self.userName = userName
        }
    }

    /// A resource the call used (CloudTrail `resources`): `AWS::KMS::Key`, `AWS::IAM::User`, …
    public typealias Resource = CallResource

    public var userIdentity: UserIdentity
    public var eventTime: Date
    /// `kms.amazonaws.com`, `iam.amazonaws.com`, `sts.amazonaws.com`, `cloudtrail.amazonaws.com`.
    public var eventSource: String
    public var eventName: String
    public var awsRegion: String
    public var sourceIPAddress: String
    public var userAgent: String
    public var errorCode: String?
    public var errorMessage: String?
    public var requestParameters: JSONValue?
    public var responseElements: JSONValue?
    public var additionalEventData: JSONValue?
    public var requestID: String
    public var eventID: String
    public var readOnly: Bool
    public var resources: [Resource]
    /// The account whose trail the record is in: the caller's, or for cross-account use also the
    /// key owner's ("Cross-account use is recorded for both accounts").
    public var recipientAccountID: String

    public init(userIdentity: UserIdentity, eventTime: Date, eventSource: String, eventName: String, awsRegion: String,
                sourceIPAddress: String, userAgent: String, errorCode: String? = nil, errorMessage: String? = nil,
                requestParameters: JSONValue? = nil, responseElements: JSONValue? = nil, requestID: String,
                eventID: String, readOnly: Bool, resources: [Resource] = [], recipientAccountID: String) {
        self.userIdentity = userIdentity
        self.eventTime = eventTime
        self.eventSource = eventSource
        self.eventName = eventName
        self.awsRegion = awsRegion
        self.sourceIPAddress = sourceIPAddress
        self.userAgent = userAgent
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.requestParameters = requestParameters
        self.responseElements = responseElements
        self.requestID = requestID
        self.eventID = eventID
        self.readOnly = readOnly
        self.resources = resources
        self.recipientAccountID = recipientAccountID
    }

    /// The user name LookupEvents matches `Username` against: the user's or role's name, or
    /// `root` ("the user name of the identity that made the call").
    public var lookupUserName: String? {
        switch userIdentity.type {
        case "Root": "root"
        case "AssumedRole": userIdentity.arn.flatMap { $0.split(separator: "/").last.map(String.init) }
        default: userIdentity.userName
        }
    }

    /// The record as CloudTrail writes it, keys in the examples' order.
    public var json: String {
        var writer = JSONWriter(capacity: 1024)
        writer.beginObject()
        writer.member("eventVersion", Self.eventVersion)
        writer.key("userIdentity")
        writer.beginObject()
        writer.member("type", userIdentity.type)
        writer.member("principalId", userIdentity.principalID)
        writer.member("arn", userIdentity.arn)
        writer.member("accountId", userIdentity.accountID)
        writer.member("accessKeyId", userIdentity.accessKeyID)
        writer.member("userName", userIdentity.userName)
        if let issuer = userIdentity.sessionIssuer {
            writer.key("sessionContext")
            writer.beginObject()
            writer.key("sessionIssuer")
            writer.beginObject()
            writer.member("type", "Role")
            writer.member("principalId", issuer.principalID)
            writer.member("arn", issuer.arn)
            writer.member("accountId", issuer.accountID)
            writer.member("userName", issuer.userName)
            writer.endObject()
            writer.key("attributes")
            writer.beginObject()
            writer.member("mfaAuthenticated", "false")
            writer.endObject()
            writer.endObject()
        }
        writer.member("invokedBy", userIdentity.invokedBy)
        writer.endObject()
        writer.member("eventTime", Self.timestamp(eventTime))
        writer.member("eventSource", eventSource)
        writer.member("eventName", eventName)
        writer.member("awsRegion", awsRegion)
        writer.member("sourceIPAddress", sourceIPAddress)
        writer.member("userAgent", userAgent)
        writer.member("errorCode", errorCode)
        writer.member("errorMessage", errorMessage)
        writer.key("requestParameters")
        (requestParameters ?? .null).write(to: &writer)
        writer.key("responseElements")
        (responseElements ?? .null).write(to: &writer)
        if let additionalEventData {
            writer.key("additionalEventData")
            additionalEventData.write(to: &writer)
        }
        writer.member("requestID", requestID)
        writer.member("eventID", eventID)
        writer.member("readOnly", readOnly)
        if !resources.isEmpty {
            writer.key("resources")
            writer.beginArray()
            for resource in resources {
                writer.beginObject()
                writer.member("accountId", resource.accountID)
                writer.member("type", resource.type)
                writer.member("ARN", resource.arn)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.member("eventType", "AwsApiCall")
        writer.member("managementEvent", true)
        writer.member("recipientAccountId", recipientAccountID)
        writer.member("eventCategory", "Management")
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// `2014-11-04T00:52:59Z`, as CloudTrail prints `eventTime`.
    public static func timestamp(_ date: Date) -> String {
        AWSDateTime.format(date.timeIntervalSince1970.rounded(.down)) ?? date.formatted(.iso8601)
    }
}
