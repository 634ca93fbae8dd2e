import Foundation
import ServiceCalls

/// Enables automatic rotation every `RotationPeriodInDays` (90 to 2560, default 365); changing the
/// period of a key that already rotates moves its next rotation to one new period after the last.
public enum EnableKeyRotation: KMSOperation {
    public static let name = "EnableKeyRotation"

    public static func perform(_ input: EnableKeyRotationRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> EnableKeyRotationResponse {
        let period = input.rotationPeriodInDays ?? RotationSchedule.defaultPeriodInDays
        guard RotationSchedule.periodInDays.contains(period) else {
            throw KMSError(.validation, "The rotation period must be between \(RotationSchedule.periodInDays.lowerBound) "
                           + "and \(RotationSchedule.periodInDays.upperBound) days.")
        }
        let now = kms.now
        try await kms.updateKey(input.keyId, for: "kms:EnableKeyRotation", requiring: .cryptographic,
                                context: context) { key throws(KMSError) in
            try key.requireRotatable(automatically: true)
            let since = key.rotation.map { $0.nextRotationDate.addingTimeInterval(-TimeInterval($0.periodInDays) * 86_400) } ?? now
            key.rotation = RotationSchedule(periodInDays: period,
                                            nextRotationDate: since.addingTimeInterval(TimeInterval(period) * 86_400))
        }
        return EnableKeyRotationResponse()
    }
}
