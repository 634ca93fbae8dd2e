import Foundation

/// A record as the journal and the store keep it: the fields LookupEvents filters on, and the
/// record's CloudTrail JSON. Built once, when the call is answered.
public struct AuditEntry: Sendable, Equatable {
    public var eventID: String
    public var eventTime: Date
    /// The account whose trail holds the entry (`recipientAccountId`).
    public var account: String
    public var region: String
    public var eventName: String
    public var eventSource: String
    public var readOnly: Bool
    public var userName: String?
    public var accessKeyID: String?
    public var resources: [AuditRecord.Resource]
    public var json: String

    public init(eventID: String, eventTime: Date, account: String, region: String, eventName: String, eventSource: String,
                readOnly: Bool, userName: String?, accessKeyID: String?, resources: [AuditRecord.Resource], json: String) {
        self.eventID = eventID
        self.eventTime = eventTime
        self.account = account
        self.region = region
        self.eventName = eventName
        self.eventSource = eventSource
        self.readOnly = readOnly
        self.userName = userName
        self.accessKeyID = accessKeyID
        self.resources = resources
        self.json = json
    }

    public init(_ record: AuditRecord) {
        self.init(eventID: record.eventID, eventTime: record.eventTime, account: record.recipientAccountID,
                  region: record.awsRegion, eventName: record.eventName, eventSource: record.eventSource,
                  readOnly: record.readOnly, userName: record.lookupUserName, accessKeyID: record.userIdentity.accessKeyID,
                  resources: record.resources, json: record.json)
    }
}
