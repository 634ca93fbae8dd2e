import Foundation
import ServiceCalls

/// Returns the public keys that sign (or signed) Arca's digest files, to validate them with.
///
/// CloudTrail: "Returns all public keys whose private keys were used to sign the digest files
/// within the specified time range." Arca lists its generated key, valid from its creation on,
/// and — in data directories that signed digests before it — the earlier key derived from the
/// root key, with the time it was replaced as its `ValidityEndTime`. A key is listed when its
/// validity overlaps `StartTime`…`EndTime`; all of them fit on one page.
public enum ListPublicKeys: CloudTrailOperation {
    public static let name = "ListPublicKeys"

    public static func perform(_ input: ListPublicKeysRequest, context: CallContext,
                               service trail: AuditTrail) async throws -> ListPublicKeysResponse {
        try context.authorizeCloudTrail("cloudtrail:ListPublicKeys")
        if input.nextToken != nil { throw CloudTrailError(.invalidToken, "Invalid NextToken.") }
        if let start = input.startTime, let end = input.endTime, start > end {
            throw CloudTrailError(.invalidTimeRange, "Start time must be before the end time.")
        }
        let keys = trail.publicKeys.filter { $0.overlaps(start: input.startTime, end: input.endTime) }.map { key in
            PublicKey(value: key.der, validityStartTime: key.validFrom, validityEndTime: key.validUntil,
                      fingerprint: key.fingerprint)
        }
        return ListPublicKeysResponse(publicKeyList: keys)
    }
}
