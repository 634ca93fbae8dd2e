import AWSWire
import Foundation
import Identity
import Synchronization

/// Throttles KMS requests: one token bucket per account, region and quota.
///
/// "Each quota is calculated independently for each Region of each AWS account", and "for
/// cross-account requests, AWS KMS throttles the account that makes the requests, not the account
/// that owns the KMS key" (AWS KMS Developer Guide, Request quotas): the caller's account and the
/// request's region name the bucket. Buckets run on the injected clock, so tests move time instead
/// of waiting for a bucket to refill.
public final class RequestRateLimiter: Sendable {
    private struct Scope: Hashable {
        var account: AccountID
        var region: String
    }

    private struct BucketKey: Hashable {
        var scope: Scope
        var quota: String
    }

    private struct State {
        var tables: [Scope: KMSRequestQuotas] = [:]
        var buckets: [BucketKey: TokenBucket] = [:]
    }

    private let preset: KMSRequestQuotaPreset
    /// Per-account quota increases: quota name to requests per second.
    private let adjustments: [AccountID: [String: Double]]
    private let now: @Sendable () -> Date
    private let state = Mutex(State())

    public init(preset: KMSRequestQuotaPreset, adjustments: [AccountID: [String: Double]] = [:],
                now: @escaping @Sendable () -> Date) {
        self.preset = preset
        self.adjustments = adjustments
        self.now = now
    }

    /// Counts a request of `operation` against its quota: true if it may go on, false if it is
    /// throttled. Operations without a quota always go on.
    public func admit(_ operation: String, account: AccountID, region: String) -> Bool {
        if preset == .off { return true }
        let scope = Scope(account: account, region: region)
        let time = now()
        return state.withLock { state in
            let table: KMSRequestQuotas
            if let known = state.tables[scope] {
                table = known
            } else {
                table = quotas(for: scope)
                state.tables[scope] = table
            }
            guard let quota = table.quota(for: operation) else { return true }
            let key = BucketKey(scope: scope, quota: quota.name)
            var bucket = state.buckets[key] ?? TokenBucket(requestsPerSecond: quota.requestsPerSecond, now: time)
            let admitted = bucket.take(at: time)
            state.buckets[key] = bucket
            return admitted
        }
    }

    /// Throws `ThrottlingException` when the request is over its quota.
    public func enforce(_ operation: String, account: AccountID, region: String) throws(AWSProtocolError) {
        guard admit(operation, account: account, region: region) else { throw KMSRequestQuotas.throttled }
    }

    private func quotas(for scope: Scope) -> KMSRequestQuotas {
        var table = preset.quotas(in: scope.region)
        for (name, rate) in adjustments[scope.account] ?? [:] {
            table = table.adjusting(name, to: rate)
        }
        return table
    }
}
