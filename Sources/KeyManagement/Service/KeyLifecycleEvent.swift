import AWSWire
import Foundation

/// Something the lifecycle did to a key on its own, for the event sink.
public struct KeyLifecycleEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// "KMS CMK Rotation": automatic rotation made a new backing key current.
        case rotated
        /// "KMS CMK Deletion": the waiting period ended and the key is gone.
        case deleted
        /// "KMS Imported Key Material Expiration": imported material reached its ValidTo.
        case materialExpired
    }

    public var kind: Kind
    public var key: KMSKey
    public var time: Date
}

/// A lifecycle event in the EventBridge (CloudWatch Events) form of kms-developer-guide.md,
/// "AWS KMS Events": `version`, `id`, `detail-type`, `source`, `account`, `time`, `region`,
/// `resources` and `detail.key-id`.
public struct KeyLifecycleEventDocument: Sendable, Equatable {
    public var version = "0"
    public var id: String
    public var detailType: String
    public var source = "aws.kms"
    public var account: String
    public var time: String
    public var region: String
    public var resources: [String]
    /// `detail.key-id`.
    public var keyID: String

    public init(_ event: KeyLifecycleEvent, id: String) {
        self.id = id
        switch event.kind {
        case .rotated: detailType = "KMS CMK Rotation"
        case .deleted: detailType = "KMS CMK Deletion"
        case .materialExpired: detailType = "KMS Imported Key Material Expiration"
        }
        account = event.key.scope.account.rawValue
        time = event.time.formatted(.iso8601)
        region = event.key.scope.region
        resources = [event.key.arn]
        keyID = event.key.id.rawValue
    }

    /// One line of JSON, keys in the guide's order.
    public var jsonLine: String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("version", version)
        writer.member("id", id)
        writer.member("detail-type", detailType)
        writer.member("source", source)
        writer.member("account", account)
        writer.member("time", time)
        writer.member("region", region)
        writer.member("resources", resources)
        writer.key("detail")
        writer.beginObject()
        writer.member("key-id", keyID)
        writer.endObject()
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
