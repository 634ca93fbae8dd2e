import Foundation
import KeyManagement
import Synchronization

/// What `GET /_arca/metrics` reports, in Prometheus' text format: requests by service, operation
/// and outcome, their latency, keys by state, the reference's `SecondsUntilKeyMaterialExpiration`
/// per key with expiring imported material, and attempts to use keys pending deletion (what the
/// reference's CloudWatch alarm watches, kms-developer-guide.md), and the KMS calls SQS makes for
/// each queue (what the reference's cost formula `R = B / D * (2 * P + C)` estimates).
final class RequestMetrics: Sendable {
    /// Latency buckets, in seconds.
    static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    private struct Series: Hashable {
        var service: String
        var operation: String
    }

    private struct Latency {
        var buckets = [UInt64](repeating: 0, count: RequestMetrics.buckets.count)
        var sum = 0.0
        var count: UInt64 = 0
    }

    private struct State {
        var requests: [Series: [String: UInt64]] = [:]
        var latency: [Series: Latency] = [:]
        var pendingDeletionUses: [String: UInt64] = [:]
        var queueKMSCalls: [QueueKMSCall: UInt64] = [:]
        var topicKMSCalls: [QueueKMSCall: UInt64] = [:]
        var notificationDeliveries: [NotificationDelivery: UInt64] = [:]
    }

    private struct NotificationDelivery: Hashable, Comparable {
        var topic: String
        var subscription: String
        var outcome: String
        var reason: String

        static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.topic, lhs.subscription, lhs.outcome, lhs.reason) < (rhs.topic, rhs.subscription, rhs.outcome, rhs.reason)
        }
    }

    /// A KMS call a service made for one of its resources (a queue, a topic).
    private struct QueueKMSCall: Hashable, Comparable {
        var queue: String
        var operation: String
        var outcome: String

        static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.queue, lhs.operation, lhs.outcome) < (rhs.queue, rhs.operation, rhs.outcome)
        }
    }

    private let state = Mutex(State())

    /// Counts one request and its latency; `outcome` is the AWS error code, or `Success`.
    func observe(service: String, operation: String, outcome: String, seconds: Double) {
        let series = Series(service: service, operation: operation)
        state.withLock { state in
            state.requests[series, default: [:]][outcome, default: 0] += 1
            var latency = state.latency[series] ?? Latency()
            if let index = Self.buckets.firstIndex(where: { seconds <= $0 }) { latency.buckets[index] += 1 }
            latency.sum += seconds
            latency.count += 1
            state.latency[series] = latency
        }
    }

    /// Counts a request refused because its key is pending deletion.
    func observePendingDeletionUse(keyID: String) {
        state.withLock { $0.pendingDeletionUses[keyID, default: 0] += 1 }
    }

    /// Counts a KMS call SQS made for `queue` (its ARN): `GenerateDataKey` or `Decrypt`, and its
    /// outcome (the KMS error code, or `Success`).
    func observeQueueKMSCall(queue: String, operation: String, outcome: String) {
        state.withLock { $0.queueKMSCalls[QueueKMSCall(queue: queue, operation: operation, outcome: outcome), default: 0] += 1 }
    }

    /// Counts a KMS call SNS made for `topic` (its ARN), as ``observeQueueKMSCall(queue:operation:outcome:)``.
    func observeTopicKMSCall(topic: String, operation: String, outcome: String) {
        state.withLock { $0.topicKMSCalls[QueueKMSCall(queue: topic, operation: operation, outcome: outcome), default: 0] += 1 }
    }

    /// Counts a delivery SNS made for `topic` to `subscription` (their ARNs): `delivered`,
    /// `dead_lettered` or `failed`, and the reason (the SQS or KMS error code; empty when delivered).
    func observeNotificationDelivery(topic: String, subscription: String, outcome: String, reason: String) {
        state.withLock {
            $0.notificationDeliveries[NotificationDelivery(topic: topic, subscription: subscription, outcome: outcome, reason: reason),
                                      default: 0] += 1
        }
    }

    /// The exposition text, with the key gauges computed from `keys` at `now`.
    func render(keys: [KMSKey], now: Date) -> String {
        let snapshot = state.withLock { $0 }
        var out = ""
        out += "# HELP arca_requests_total API requests by service, operation and outcome (the AWS error code, or Success).\n"
        out += "# TYPE arca_requests_total counter\n"
        for series in snapshot.requests.keys.sorted(by: Self.order) {
            for (outcome, count) in snapshot.requests[series]!.sorted(by: { $0.key < $1.key }) {
                out += "arca_requests_total{\(Self.labels(series))," + #"outcome=""# + Self.escape(outcome) + "\"} \(count)\n"
            }
        }
        out += "# HELP arca_request_duration_seconds Time to answer an API request.\n"
        out += "# TYPE arca_request_duration_seconds histogram\n"
        for series in snapshot.latency.keys.sorted(by: Self.order) {
            let latency = snapshot.latency[series]!
            var cumulative: UInt64 = 0
            for (index, bound) in Self.buckets.enumerated() {
                cumulative += latency.buckets[index]
                out += "arca_request_duration_seconds_bucket{\(Self.labels(series)),le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "arca_request_duration_seconds_bucket{\(Self.labels(series)),le=\"+Inf\"} \(latency.count)\n"
            out += "arca_request_duration_seconds_sum{\(Self.labels(series))} \(latency.sum)\n"
            out += "arca_request_duration_seconds_count{\(Self.labels(series))} \(latency.count)\n"
        }
        out += "# HELP arca_keys KMS keys by key state.\n# TYPE arca_keys gauge\n"
        let byState = Dictionary(grouping: keys, by: \.state.rawValue)
        for state in KeyState.allCases.map(\.rawValue) {
            out += "arca_keys{state=\"\(state)\"} \(byState[state]?.count ?? 0)\n"
        }
        out += "# HELP SecondsUntilKeyMaterialExpiration Seconds until the imported key material of a KMS key expires.\n"
        out += "# TYPE SecondsUntilKeyMaterialExpiration gauge\n"
        for key in keys.sorted(by: { $0.id.rawValue < $1.id.rawValue }) {
            guard let validTo = key.importedMaterialValidTo else { continue }
            out += "SecondsUntilKeyMaterialExpiration{KeyId=\"\(key.id.rawValue)\"} \(max(0, Int(validTo.timeIntervalSince(now))))\n"
        }
        out += "# HELP arca_pending_deletion_key_use_total Requests refused because their KMS key is pending deletion.\n"
        out += "# TYPE arca_pending_deletion_key_use_total counter\n"
        for (keyID, count) in snapshot.pendingDeletionUses.sorted(by: { $0.key < $1.key }) {
            out += "arca_pending_deletion_key_use_total{KeyId=\"\(Self.escape(keyID))\"} \(count)\n"
        }
        out += "# HELP arca_sqs_kms_requests_total KMS requests SQS made for a queue's messages, by queue, operation and outcome.\n"
        out += "# TYPE arca_sqs_kms_requests_total counter\n"
        for (call, count) in snapshot.queueKMSCalls.sorted(by: { $0.key < $1.key }) {
            out += "arca_sqs_kms_requests_total{queue=\"\(Self.escape(call.queue))\",operation=\"\(Self.escape(call.operation))\","
                + "outcome=\"\(Self.escape(call.outcome))\"} \(count)\n"
        }
        out += "# HELP arca_sns_kms_requests_total KMS requests SNS made for a topic's messages, by topic, operation and outcome.\n"
        out += "# TYPE arca_sns_kms_requests_total counter\n"
        for (call, count) in snapshot.topicKMSCalls.sorted(by: { $0.key < $1.key }) {
            out += "arca_sns_kms_requests_total{topic=\"\(Self.escape(call.queue))\",operation=\"\(Self.escape(call.operation))\","
                + "outcome=\"\(Self.escape(call.outcome))\"} \(count)\n"
        }
        out += "# HELP arca_sns_deliveries_total Deliveries SNS made, by topic, subscription, outcome and reason (the error code of a refusal).\n"
        out += "# TYPE arca_sns_deliveries_total counter\n"
        for (delivery, count) in snapshot.notificationDeliveries.sorted(by: { $0.key < $1.key }) {
            out += "arca_sns_deliveries_total{topic=\"\(Self.escape(delivery.topic))\",subscription=\"\(Self.escape(delivery.subscription))\","
                + "outcome=\"\(delivery.outcome)\",reason=\"\(Self.escape(delivery.reason))\"} \(count)\n"
        }
        return out
    }

    private static func order(_ lhs: Series, _ rhs: Series) -> Bool {
        (lhs.service, lhs.operation) < (rhs.service, rhs.operation)
    }

    private static func labels(_ series: Series) -> String {
        "service=\"\(escape(series.service))\",operation=\"\(escape(series.operation))\""
    }

    /// Prometheus label escaping: backslash, double quote and line feed.
    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
