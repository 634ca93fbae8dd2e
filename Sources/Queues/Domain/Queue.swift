import Foundation
import Identity

/// Where a queue lives: its account, region and name, which make it unique and make its ARN
/// (`arn:aws:sqs:us-east-1:111122223333:orders`).
public struct QueueAddress: Hashable, Sendable {
    public var account: AccountID
    public var region: String
    public var name: QueueName

    public init(account: AccountID, region: String, name: QueueName) {
        self.account = account
        self.region = region
        self.name = name
    }

    public var arn: String { "arn:aws:sqs:\(region):\(account.rawValue):\(name.rawValue)" }

    /// The queue's URL as SQS answers it: `http://<host>/<account>/<name>`, with the host the
    /// request was sent to, so the URL works wherever the client reached Arca. A call made inside
    /// Arca (no host) gets AWS's regional endpoint.
    public func url(host: String?) -> String {
        let authority = host ?? "sqs.\(region).amazonaws.com"
        return "http://\(authority)/\(account.rawValue)/\(name.rawValue)"
    }

    /// The queue an ARN names (`arn:aws:sqs:<region>:<account>:<name>`), without checking it exists.
    public init?(arn: String) {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[1] == "aws", parts[2] == "sqs", !parts[3].isEmpty,
              let account = AccountID(String(parts[4])), !parts[5].isEmpty else { return nil }
        self.init(account: account, region: String(parts[3]), name: QueueName(unchecked: String(parts[5])))
    }

    /// The queue a `QueueUrl` parameter names, in the region of the call.
    ///
    /// SQS reads only the URL's path, `/<account>/<name>`: the host may be any endpoint the
    /// client used (Arca's, AWS's regional one, a VPC endpoint), as SDKs rewrite it freely.
    public init?(url: String, region: String) {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let path = rest[rest.index(after: slash)...].split(separator: "/", omittingEmptySubsequences: false)
        guard path.count == 2, let account = AccountID(String(path[0])), !path[1].isEmpty else { return nil }
        self.init(account: account, region: region, name: QueueName(unchecked: String(path[1])))
    }
}

/// A queue: where it is, how it is configured, its tags and its times.
public struct Queue: Sendable, Equatable {
    /// Unique for ever, unlike the address: a queue created again under a deleted queue's name is
    /// another queue, and none of the old one's messages are its.
    public var id: Int64
    public var address: QueueAddress
    public var configuration: QueueConfiguration
    /// Cost allocation tags: "Tags are case-sensitive. … A new tag with a key identical to that
    /// of an existing tag overwrites the existing tag." (TagQueue)
    public var tags: [String: String]
    public var createdAt: Date
    public var lastModifiedAt: Date

    public init(id: Int64, address: QueueAddress, configuration: QueueConfiguration, tags: [String: String] = [:],
                createdAt: Date, lastModifiedAt: Date? = nil) {
        self.id = id
        self.address = address
        self.configuration = configuration
        self.tags = tags
        self.createdAt = createdAt
        self.lastModifiedAt = lastModifiedAt ?? createdAt
    }

    public var arn: String { address.arn }
}
