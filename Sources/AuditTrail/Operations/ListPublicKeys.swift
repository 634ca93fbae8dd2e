import Foundation
import ServiceCalls

/// Returns the public key that signs Arca's digest files, to validate them with.
///
/// Arca has one digest key for its lifetime (derived from the root key), so the list holds one
/// key, valid from the Unix epoch on.
public enum ListPublicKeys: CloudTrailOperation {
    public static let name = "ListPublicKeys"

    public static func perform(_ input: ListPublicKeysRequest, context: CallContext,
                               service trail: AuditTrail) async throws -> ListPublicKeysResponse {
        try context.authorizeCloudTrail("cloudtrail:ListPublicKeys")
        if input.nextToken != nil { throw CloudTrailError(.invalidToken, "Invalid NextToken.") }
        let key = PublicKey(value: trail.signer.publicKeyDER, validityStartTime: Date(timeIntervalSince1970: 0),
                            fingerprint: trail.signer.fingerprint)
        return ListPublicKeysResponse(publicKeyList: [key])
    }
}
