import Foundation
import ServiceCalls

/// Schedules a key's deletion after a waiting period of 7 to 30 days (default 30); meanwhile the
/// key is PendingDeletion and "can't be used". The lifecycle service deletes it when the period
/// ends (kms-developer-guide.md, How Deleting Customer Master Keys Works).
public enum ScheduleKeyDeletion: KMSOperation {
    public static let name = "ScheduleKeyDeletion"

    public static func perform(_ input: ScheduleKeyDeletionRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> ScheduleKeyDeletionResponse {
        let days = input.pendingWindowInDays ?? ScheduledDeletion.defaultWindowInDays
        guard ScheduledDeletion.windowInDays.contains(days) else {
            throw KMSError(.validation, "PendingWindowInDays value must be between \(ScheduledDeletion.windowInDays.lowerBound) "
                           + "and \(ScheduledDeletion.windowInDays.upperBound)")
        }
        let deletionDate = kms.now.addingTimeInterval(TimeInterval(days) * 86_400)
        let key = try await kms.updateKey(input.keyId, for: "kms:ScheduleKeyDeletion", requiring: .management,
                                          context: context) { key throws(KMSError) in
            // "If you schedule deletion of a multi-Region primary key with replicas, its key state
            // changes to PendingReplicaDeletion … [it] is deleted after its replicas", its waiting
            // period starting when the last replica is gone (AWS KMS Developer Guide).
            let waitsForReplicas = key.isPrimary && key.multiRegion?.replicaRegions.isEmpty == false
            key.state = waitsForReplicas ? .pendingReplicaDeletion : .pendingDeletion
            key.deletion = ScheduledDeletion(date: deletionDate, windowInDays: days)
        }
        return ScheduleKeyDeletionResponse(keyId: key.arn, deletionDate: key.metadata.deletionDate, keyState: key.state,
                                           pendingWindowInDays: days)
    }
}
