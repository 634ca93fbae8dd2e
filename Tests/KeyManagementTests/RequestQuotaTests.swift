import AWSWire
import ArcaTestSupport
import Foundation
import Identity
import Testing
@testable import KeyManagement

/// Request-rate quotas: the token bucket, the preset tables, and the limiter that keeps one
/// bucket per account, region and quota, all on a manual clock.
@Suite struct RequestQuotaTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)
    static let other = AccountID("222222222222")!

    /// How many of `count` requests at `time` the bucket admits.
    static func admitted(_ count: Int, from bucket: inout TokenBucket, at time: Date) -> Int {
        var admitted = 0
        for _ in 0..<count where bucket.take(at: time) { admitted += 1 }
        return admitted
    }

    // MARK: Token bucket

    @Test func aFullBucketAdmitsOneSecondOfRequestsThenThrottles() {
        var bucket = TokenBucket(requestsPerSecond: 5, now: Self.start)
        #expect(Self.admitted(6, from: &bucket, at: Self.start) == 5)
    }

    @Test func itRefillsAtTheRateAndNeverBeyondOneSecond() {
        var bucket = TokenBucket(requestsPerSecond: 5, now: Self.start)
        for _ in 0..<5 { _ = bucket.take(at: Self.start) }
        let refilled = [bucket.take(at: Self.start + 0.19), bucket.take(at: Self.start + 0.2), bucket.take(at: Self.start + 0.2)]
        #expect(refilled == [false, true, false])
        // An hour idle refills one second's worth, not an hour's.
        #expect(Self.admitted(10, from: &bucket, at: Self.start + 3600) == 5)
    }

    @Test func aSteadyRateAtTheQuotaIsNeverThrottled() {
        var bucket = TokenBucket(requestsPerSecond: 600, now: Self.start)
        #expect(Self.admitted(600, from: &bucket, at: Self.start) == 600)
        var admitted = 0
        for tick in 1...6000 where bucket.take(at: Self.start + Double(tick) / 600) { admitted += 1 }
        #expect(admitted == 6000)
    }

    @Test func quotasBelowOneRequestPerSecondAdmitOneRequestAtATime() {
        var bucket = TokenBucket(requestsPerSecond: 0.25, now: Self.start)
        let results = [bucket.take(at: Self.start), bucket.take(at: Self.start + 3.9), bucket.take(at: Self.start + 4),
                       bucket.take(at: Self.start + 4)]
        #expect(results == [true, false, true, false])
    }

    @Test func aZeroQuotaAdmitsNothing() {
        var bucket = TokenBucket(requestsPerSecond: 0, now: Self.start)
        #expect([bucket.take(at: Self.start), bucket.take(at: Self.start + 86_400)] == [false, false])
    }

    @Test func aClockMovingBackwardsRefillsNothing() {
        var bucket = TokenBucket(requestsPerSecond: 1, now: Self.start)
        let results = [bucket.take(at: Self.start), bucket.take(at: Self.start - 10), bucket.take(at: Self.start + 0.5),
                       bucket.take(at: Self.start + 1)]
        #expect(results == [true, false, false, true])
    }

    // MARK: Tables

    @Test func theReferenceTableSharesSixHundredAmongTheCryptographicOperations() {
        let table = KMSRequestQuotas.reference
        let shared = ["Encrypt", "Decrypt", "ReEncrypt", "GenerateRandom", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext"]
        for operation in shared {
            #expect(table.quota(for: operation) == .init(name: KMSRequestQuotas.cryptographicQuotaName, requestsPerSecond: 600))
        }
        #expect(table.quota(for: "CreateKey") == .init(name: "CreateKey request rate", requestsPerSecond: 5))
        #expect(table.quota(for: "DescribeKey")?.requestsPerSecond == 30)
        #expect(table.quota(for: "CreateGrant")?.requestsPerSecond == 15)
        // The guide lists 23 operations with a quota of their own, plus the shared one.
        #expect(table.quotaNames.count == 24)
        #expect(table.quota(for: "TagResource") == nil)
    }

    @Test func theCurrentTableDependsOnTheRegion() {
        #expect(KMSRequestQuotas.current(in: "us-east-1").quota(for: "Encrypt")?.requestsPerSecond == 100_000)
        #expect(KMSRequestQuotas.current(in: "eu-west-2").quota(for: "Decrypt")?.requestsPerSecond == 20_000)
        #expect(KMSRequestQuotas.current(in: "sa-east-1").quota(for: "GenerateDataKey")?.requestsPerSecond == 10_000)
        let table = KMSRequestQuotas.current(in: "sa-east-1")
        #expect(table.quota(for: "GenerateMac")?.name == KMSRequestQuotas.cryptographicQuotaName)
        #expect(table.quota(for: "DescribeKey")?.requestsPerSecond == 2000)
        #expect(table.quota(for: "GetParametersForImport")?.requestsPerSecond == 1)
        #expect(table.quota(for: "TagResource")?.requestsPerSecond == 10)
        #expect(table.quota(for: "Sign") == nil)
    }

    @Test func adjustingAQuotaChangesItForEveryOperationSharingIt() {
        let adjusted = KMSRequestQuotas.reference.adjusting(KMSRequestQuotas.cryptographicQuotaName, to: 1200)
        #expect(adjusted.quota(for: "Encrypt")?.requestsPerSecond == 1200)
        #expect(adjusted.quota(for: "GenerateRandom")?.requestsPerSecond == 1200)
        #expect(adjusted.quota(for: "CreateKey")?.requestsPerSecond == 5)
        #expect(KMSRequestQuotas.off.adjusting("CreateKey request rate", to: 1).quota(for: "CreateKey") == nil)
    }

    // MARK: Limiter

    @Test func sharedOperationsDrainOneBucketAndOthersTheirOwn() {
        let clock = ManualClock(Self.start)
        let limiter = RequestRateLimiter(preset: .reference, adjustments: [.default: [KMSRequestQuotas.cryptographicQuotaName: 2]],
                                         now: { clock.now })
        #expect(limiter.admit("Encrypt", account: .default, region: "us-east-1"))
        #expect(limiter.admit("GenerateDataKey", account: .default, region: "us-east-1"))
        #expect(!limiter.admit("Decrypt", account: .default, region: "us-east-1"))
        #expect(limiter.admit("ListKeys", account: .default, region: "us-east-1"))
        #expect(limiter.admit("TagResource", account: .default, region: "us-east-1"))
        clock.advance(by: 0.5)
        #expect(limiter.admit("Decrypt", account: .default, region: "us-east-1"))
        #expect(!limiter.admit("Encrypt", account: .default, region: "us-east-1"))
    }

    @Test func eachAccountAndRegionHasItsOwnBuckets() {
        let clock = ManualClock(Self.start)
        let limiter = RequestRateLimiter(preset: .reference, now: { clock.now })
        for _ in 0..<5 { #expect(limiter.admit("CreateKey", account: .default, region: "us-east-1")) }
        #expect(!limiter.admit("CreateKey", account: .default, region: "us-east-1"))
        #expect(limiter.admit("CreateKey", account: .default, region: "eu-west-1"))
        #expect(limiter.admit("CreateKey", account: Self.other, region: "us-east-1"))
        #expect(throws: AWSProtocolError.self) {
            try limiter.enforce("CreateKey", account: .default, region: "us-east-1")
        }
    }

    @Test func theThrottlingErrorIsAWSs() throws {
        let clock = ManualClock(Self.start)
        let limiter = RequestRateLimiter(preset: .current, adjustments: [Self.other: ["CreateKey request rate": 0]],
                                         now: { clock.now })
        let error = #expect(throws: AWSProtocolError.self) {
            try limiter.enforce("CreateKey", account: Self.other, region: "us-east-1")
        }
        #expect(error?.awsErrorType == "ThrottlingException")
        #expect(error?.httpStatusCode == 400)
        #expect(error?.message == "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.")
        try limiter.enforce("CreateKey", account: .default, region: "us-east-1")
    }

    @Test func offThrottlesNothing() {
        let limiter = RequestRateLimiter(preset: .off, adjustments: [.default: ["CreateKey request rate": 0]],
                                         now: { Self.start })
        #expect((0..<1000).allSatisfy { _ in limiter.admit("CreateKey", account: .default, region: "us-east-1") })
    }
}
