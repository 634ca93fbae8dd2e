import AWSWire
import Foundation

/// How SNS retries a delivery to an HTTP/S endpoint: the `healthyRetryPolicy` of the delivery
/// policy (Amazon SNS Developer Guide, "Amazon SNS message delivery retries"):
///
/// - "Immediate retry phase (no delay)": `numNoDelayRetries` retries at once;
/// - "Pre-backoff phase": `numMinDelayRetries` retries `minDelayTarget` seconds apart;
/// - "Backoff phase": the rest, their delays growing from `minDelayTarget` to `maxDelayTarget` by
///   the `backoffFunction` (linear, arithmetic, geometric or exponential);
/// - "Post-backoff phase": `numMaxDelayRetries` retries `maxDelayTarget` seconds apart;
///
/// `numRetries` in all, 3 by default, 20 seconds apart. The guide draws the four backoff curves
/// without formulas; Arca's are the curves of their names over the phase: linear `t`,
/// arithmetic `t²`, geometric `t³`, exponential `(2^(10t) − 1) / 1023`.
public struct DeliveryRetryPolicy: Sendable, Equatable {
    public var numRetries = 3
    public var numNoDelayRetries = 0
    public var numMinDelayRetries = 0
    public var numMaxDelayRetries = 0
    public var minDelayTarget = 20
    public var maxDelayTarget = 20
    public var backoffFunction = "linear"

    public init() {}

    /// The policy a subscription's deliveries follow: its own `DeliveryPolicy`'s
    /// `healthyRetryPolicy`, unless the topic's says `disableSubscriptionOverrides`; else the
    /// topic's `http.defaultHealthyRetryPolicy`; else SNS's defaults.
    public init(topicPolicy: String?, subscriptionPolicy: String?) {
        let topic = Self.object(topicPolicy).flatMap { Self.member($0, "http") }
        let overridesDisabled = topic.flatMap { Self.member($0, "disableSubscriptionOverrides") } == .bool(true)
        if !overridesDisabled, let own = Self.object(subscriptionPolicy).flatMap({ Self.member($0, "healthyRetryPolicy") }) {
            apply(own)
        } else if let given = topic.flatMap({ Self.member($0, "defaultHealthyRetryPolicy") }) {
            apply(given)
        }
    }

    /// "numRetries … 0–100", delays "1–3,600" seconds (Creating an HTTP/S delivery policy),
    /// "The total policy retry time for an HTTP/S endpoint cannot be greater than 3,600 seconds."
    /// Nil when `policy` keeps to them; otherwise why not, worded after AWS's.
    public static func problem(inHealthyRetryPolicy policy: JSONValue) -> String? {
        var checked = DeliveryRetryPolicy()
        checked.apply(policy)
        guard (0...100).contains(checked.numRetries) else { return "numRetries must be between 0 and 100" }
        guard checked.minDelayTarget >= 1, checked.maxDelayTarget <= 3_600, checked.minDelayTarget <= checked.maxDelayTarget else {
            return "minDelayTarget and maxDelayTarget must be between 1 and 3600, minDelayTarget not above maxDelayTarget"
        }
        guard checked.numNoDelayRetries + checked.numMinDelayRetries + checked.numMaxDelayRetries <= checked.numRetries else {
            return "numNoDelayRetries, numMinDelayRetries and numMaxDelayRetries must not add up to more than numRetries"
        }
        guard ["linear", "arithmetic", "geometric", "exponential"].contains(checked.backoffFunction) else {
            return "backoffFunction must be linear, arithmetic, geometric or exponential"
        }
        let total = (1...max(1, checked.numRetries)).reduce(0.0) { $0 + (checked.delay(beforeRetry: $1) ?? 0) }
        guard total <= 3_600 else { return "The total retry time must not be greater than 3600 seconds" }
        return nil
    }

    private mutating func apply(_ policy: JSONValue) {
        func int(_ name: String) -> Int? {
            if case .number(let value)? = Self.member(policy, name), value >= 0, value <= 100_000 { return Int(value) }
            return nil
        }
        numRetries = int("numRetries") ?? numRetries
        numNoDelayRetries = int("numNoDelayRetries") ?? numNoDelayRetries
        numMinDelayRetries = int("numMinDelayRetries") ?? numMinDelayRetries
        numMaxDelayRetries = int("numMaxDelayRetries") ?? numMaxDelayRetries
        minDelayTarget = int("minDelayTarget") ?? minDelayTarget
        maxDelayTarget = max(minDelayTarget, int("maxDelayTarget") ?? maxDelayTarget)
        if case .string(let name)? = Self.member(policy, "backoffFunction") { backoffFunction = name }
    }

    /// The seconds before retry `retry` (1 for the first), or nil when the retries are spent.
    public func delay(beforeRetry retry: Int) -> TimeInterval? {
        guard retry >= 1, retry <= numRetries else { return nil }
        if retry <= numNoDelayRetries { return 0 }
        if retry <= numNoDelayRetries + numMinDelayRetries { return TimeInterval(minDelayTarget) }
        let backoff = max(0, numRetries - numNoDelayRetries - numMinDelayRetries - numMaxDelayRetries)
        let step = retry - numNoDelayRetries - numMinDelayRetries
        guard step <= backoff else { return TimeInterval(maxDelayTarget) }
        let t = backoff <= 1 ? 1 : Double(step - 1) / Double(backoff - 1)
        let shape: Double = switch backoffFunction {
        case "arithmetic": t * t
        case "geometric": t * t * t
        case "exponential": (pow(2, 10 * t) - 1) / 1_023
        default: t
        }
        return (Double(minDelayTarget) + Double(maxDelayTarget - minDelayTarget) * shape).rounded()
    }

    private static func object(_ text: String?) -> JSONValue? {
        guard let text, let value = try? JSONParser.parse(Array(text.utf8)), case .object = value else { return nil }
        return value
    }

    private static func member(_ value: JSONValue, _ name: String) -> JSONValue? {
        guard case .object(let fields) = value else { return nil }
        return fields[name]
    }
}
