import AWSWire
import AuditTrail
import Foundation
import KeyManagement

/// GetKeyLastUsage's answer from the audit trail: the newest record, in the key owner's trail,
/// of a successful cryptographic operation on the key.
struct AuditKeyUsageHistory: KeyUsageHistory {
    let trail: AuditTrail
    /// How many of the key's newest records are looked through.
    var searchLimit = 10_000

    func lastCryptographicUse(of key: KMSKey) async throws -> KeyLastUsageData? {
        try await trail.ingest()
        var after: (time: Date, sequence: Int64)?
        var seen = 0
        while seen < searchLimit {
            let page = try await trail.store.lookup(AuditQuery(
                account: key.scope.account.rawValue, region: key.scope.region, attribute: .resourceName(key.arn),
                limit: 200, after: after))
            for record in page {
                guard let operation = KeyLastUsageTrackingOperation(rawValue: record.eventName),
                      case .object(let fields)? = try? JSONParser.parse(Array(record.json.utf8)), fields["errorCode"] == nil else {
                    continue
                }
                let requestID: String? = if case .string(let id)? = fields["requestID"] { id } else { nil }
                return KeyLastUsageData(operation: operation, timestamp: record.eventTime, cloudTrailEventId: record.eventID,
                                        kmsRequestId: requestID)
            }
            guard page.count == 200, let last = page.last else { return nil }
            after = (last.eventTime, last.sequence)
            seen += page.count
        }
        return nil
    }
}
