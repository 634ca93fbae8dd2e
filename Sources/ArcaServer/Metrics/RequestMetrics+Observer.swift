import KeyManagement
import ServiceCalls

extension RequestMetrics: CallObserver {
    /// The metrics stage: counts every call by service, operation and outcome with its latency,
    /// and a use refused because its key is pending deletion.
    func observe(_ call: FinishedCall) {
        let elapsed = call.duration.components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        observe(service: call.service?.rawValue ?? "unknown", operation: call.operation ?? "unknown",
                outcome: call.outcome, seconds: seconds)
        if let error = call.error as? KMSError, let arn = error.keyPendingDeletion, let key = KMSARN(arn),
           case .key(let keyID) = key.resource {
            observePendingDeletionUse(keyID: keyID)
        }
    }
}
