import AWSWire
import CompressNIO
import Crypto
import Foundation
import NIOCore

/// A sealed log file as a digest lists it.
public struct AuditLogFileEntry: Sendable, Equatable {
    public var path: String
    public var account: String
    public var region: String
    /// Hex SHA-256 of the file's bytes.
    public var hash: String
    public var oldestEventTime: Date
    public var newestEventTime: Date

    public init(path: String, account: String, region: String, hash: String, oldestEventTime: Date, newestEventTime: Date) {
        self.path = path
        self.account = account
        self.region = region
        self.hash = hash
        self.oldestEventTime = oldestEventTime
        self.newestEventTime = newestEventTime
    }
}

/// A written digest: where it is, the hash of its bytes and its signature.
public struct AuditDigestEntry: Sendable, Equatable {
    public var path: String
    public var account: String
    public var region: String
    public var hash: String
    public var signature: String
    public var endTime: Date

    public init(path: String, account: String, region: String, hash: String, signature: String, endTime: Date) {
        self.path = path
        self.account = account
        self.region = region
        self.hash = hash
        self.signature = signature
        self.endTime = endTime
    }
}

/// Digest files, as CloudTrail's log file integrity validation lays them out:
/// `AWSLogs/<account>/CloudTrail-Digest/<region>/YYYY/MM/DD/<account>_CloudTrail-Digest_<region>_arca_<region>_<YYYYMMDDTHHmmssZ>.json.gz`.
///
/// Each lists the log files written since the previous digest with their SHA-256 hashes, and names
/// the previous digest by its hash and signature, so the digests form a chain: a log file changed,
/// removed or added, and a digest changed or removed, all show. The signature of a digest signs
/// `<digestEndTime>\n<path>\n<hex SHA-256 of the digest file>\n<previous signature>` (CloudTrail's
/// "data signing string") and is kept beside it in `<digest>.sig`.
public enum AuditDigests {
    static let trailName = "arca"

    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        Hex.lowercase(bytes)
    }

    /// Writes the digest of `files` after `previous`, signed, and returns its entry.
    static func write(root: String, account: String, region: String, files: [AuditLogFileEntry], previous: AuditDigestEntry?,
                      start: Date, end: Date, signer: AuditSigner) throws -> AuditDigestEntry {
        let day = AuditLogFiles.utcComponents(end)
        let stamp = "\(day.year)\(day.month)\(day.day)T\(day.hour)\(day.minute)\(day.second)Z"
        let path = "AWSLogs/\(account)/CloudTrail-Digest/\(region)/\(day.year)/\(day.month)/\(day.day)/"
            + "\(account)_CloudTrail-Digest_\(region)_\(trailName)_\(region)_\(stamp).json.gz"
        var object: [String: Any] = [
            "awsAccountId": account, "digestStartTime": AuditRecord.timestamp(start), "digestEndTime": AuditRecord.timestamp(end),
            "digestS3Object": path, "digestPublicKeyFingerprint": signer.fingerprint,
            "digestSignatureAlgorithm": AuditSigner.algorithm,
            "logFiles": files.map { file in
                ["s3Object": file.path, "hashValue": file.hash, "hashAlgorithm": "SHA-256",
                 "oldestEventTime": AuditRecord.timestamp(file.oldestEventTime),
                 "newestEventTime": AuditRecord.timestamp(file.newestEventTime)]
            },
        ]
        if let previous {
            object["previousDigestS3Object"] = previous.path
            object["previousDigestHashValue"] = previous.hash
            object["previousDigestHashAlgorithm"] = "SHA-256"
            object["previousDigestSignature"] = previous.signature
        }
        let json = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        var buffer = ByteBuffer(bytes: json)
        let compressed = Data(try buffer.compress(with: .gzip()).readableBytesView)
        let hash = hex(SHA256.hash(data: compressed))
        let signature = try signer.sign(signingString(end: end, path: path, hash: hash, previousSignature: previous?.signature))
        try AuditLogFiles.writeDurably(compressed, to: "\(root)/\(path)")
        try AuditLogFiles.writeDurably(Data(signature.utf8), to: "\(root)/\(path).sig")
        return AuditDigestEntry(path: path, account: account, region: region, hash: hash, signature: signature, endTime: end)
    }

    static func signingString(end: Date, path: String, hash: String, previousSignature: String?) -> String {
        "\(AuditRecord.timestamp(end))\n\(path)\n\(hash)\n\(previousSignature ?? "null")"
    }
}
