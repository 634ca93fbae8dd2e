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

    @Test func theCurrentTableHasAWSsQuotasPerKeyType() {
        let table = KMSRequestQuotas.current(in: "sa-east-1")
        let rsa = KMSRequestQuotas.Quota(name: "Cryptographic operations (RSA) request rate", requestsPerSecond: 1000)
        for use in ["Decrypt (RSA)", "Encrypt (RSA)", "ReEncrypt (RSA)", "Sign (RSA)", "Verify (RSA)"] {
            #expect(table.quota(for: use) == rsa, "\(use)")
        }
        let ecc = KMSRequestQuotas.Quota(name: "Cryptographic operations (ECC and SM2) request rate", requestsPerSecond: 1000)
        for use in ["DeriveSharedSecret (ECC)", "Sign (ECC)", "Verify (ECC)", "Encrypt (SM2)", "Decrypt (SM2)",
                    "ReEncrypt (SM2)", "Sign (SM2)", "Verify (SM2)", "DeriveSharedSecret (SM2)"] {
            #expect(table.quota(for: use) == ecc, "\(use)")
        }
        let mlDSA = KMSRequestQuotas.Quota(name: "Cryptographic operations (ML-DSA) request rate", requestsPerSecond: 1000)
        #expect(table.quota(for: "Sign (ML-DSA)") == mlDSA && table.quota(for: "Verify (ML-DSA)") == mlDSA)
        // Elliptic-curve keys cannot encrypt, and RSA keys cannot agree on keys.
        #expect(table.quota(for: "Encrypt (ECC)") == nil && table.quota(for: "DeriveSharedSecret (RSA)") == nil)
        // HMAC keys are symmetric: GenerateMac and VerifyMac share the symmetric quota.
        #expect(table.quota(for: "VerifyMac")?.name == KMSRequestQuotas.cryptographicQuotaName)
        #expect(table.quota(for: "GetPublicKey") == .init(name: "GetPublicKey request rate", requestsPerSecond: 2000))
        // Symmetric keys count under the operation's own name.
        #expect(KMSRequestQuotas.use("Encrypt", with: .symmetric) == "Encrypt")
        #expect(KMSRequestQuotas.use("Sign", with: .mlDSA) == "Sign (ML-DSA)")
    }

    @Test func dataKeyPairQuotasDependOnTheSpecAndInChinaOnTheRegion() {
        func rate(_ spec: DataKeyPairSpec, in region: String) -> Double? {
            let table = KMSRequestQuotas.current(in: region)
            let quota = table.quota(for: KMSRequestQuotas.use("GenerateDataKeyPair", generating: spec))
            #expect(quota == table.quota(for: KMSRequestQuotas.use("GenerateDataKeyPairWithoutPlaintext", generating: spec)))
            return quota?.requestsPerSecond
        }
        for spec: DataKeyPairSpec in [.eccNistP256, .eccNistP384, .eccNistP521, .eccSecgP256k1, .eccNistEdwards25519] {
            #expect(rate(spec, in: "us-east-1") == 100)
        }
        #expect([rate(.rsa2048, in: "eu-west-1"), rate(.rsa3072, in: "eu-west-1"), rate(.rsa4096, in: "eu-west-1")] == [20, 4, 1])
        #expect([rate(.rsa2048, in: "cn-north-1"), rate(.rsa3072, in: "cn-northwest-1"), rate(.rsa4096, in: "cn-north-1")] == [1, 0.5, 0.1])
        #expect(rate(.sm2, in: "cn-north-1") == 25)
        let table = KMSRequestQuotas.current(in: "us-east-1")
        #expect(table.quota(for: "GenerateDataKeyPair (RSA_3072)")?.name == "GenerateDataKeyPair (RSA_3072) request rate")
        #expect(table.quota(for: "GenerateDataKeyPair (SM2)")?.name == "GenerateDataKeyPair (SM2 — China Regions only) request rate")
        // Each spec has a quota of its own; none is the symmetric one.
        #expect(Set(DataKeyPairSpec.allCases.map { table.quota(for: KMSRequestQuotas.use("GenerateDataKeyPair", generating: $0))?.name }).count
                == DataKeyPairSpec.allCases.count)
        #expect(table.quota(for: "GenerateDataKeyPair") == nil)
    }

    @Test func everyKeyDependentOperationHasAQuotaForSomeKeyType() {
        let table = KMSRequestQuotas.current(in: "us-east-1")
        for operation in KMSRequestQuotas.keyDependentOperations {
            let uses = KeyQuotaType.allCases.map { KMSRequestQuotas.use(operation, with: $0) }
                + DataKeyPairSpec.allCases.map { KMSRequestQuotas.use(operation, generating: $0) }
            #expect(uses.contains { table.quota(for: $0) != nil }, "\(operation)")
        }
        // The operations whose quota is fixed are admitted before they run.
        for operation in ["GenerateMac", "VerifyMac", "GenerateDataKey", "GenerateRandom", "GetPublicKey"] {
            #expect(!KMSRequestQuotas.keyDependentOperations.contains(operation))
        }
    }

    @Test func theReferenceTableNamesNoQuotaOfAsymmetricOrHMACKeys() {
        let table = KMSRequestQuotas.reference
        for operation in KMSRequestQuotas.keyDependentOperations {
            for type in KeyQuotaType.allCases where type != .symmetric {
                #expect(table.quota(for: KMSRequestQuotas.use(operation, with: type)) == nil)
            }
            for spec in DataKeyPairSpec.allCases {
                #expect(table.quota(for: KMSRequestQuotas.use(operation, generating: spec)) == nil)
            }
        }
        for operation in ["Sign", "Verify", "DeriveSharedSecret", "GenerateMac", "VerifyMac", "GetPublicKey"] {
            #expect(table.quota(for: operation) == nil)
        }
    }

    @Test func keysCountAgainstTheQuotaOfTheirType() {
        #expect(KeySpec.allCases.filter { $0.quotaType == .symmetric } == [.symmetricDefault, .hmac224, .hmac256, .hmac384, .hmac512])
        #expect(KeySpec.allCases.filter { $0.quotaType == .ecc }
                == [.eccNistP256, .eccNistP384, .eccNistP521, .eccSecgP256k1, .eccNistEdwards25519])
        #expect(KeySpec.allCases.filter { $0.quotaType == .rsa } == [.rsa2048, .rsa3072, .rsa4096])
        #expect(KeySpec.allCases.filter { $0.quotaType == .mlDSA } == [.mlDsa44, .mlDsa65, .mlDsa87])
        #expect(KeySpec.sm2.quotaType == .sm2)
    }

    @Test func adjustingAQuotaChangesItForEveryOperationSharingIt() {
        let adjusted = KMSRequestQuotas.reference.adjusting(KMSRequestQuotas.cryptographicQuotaName, to: 1200)
        #expect(adjusted.quota(for: "Encrypt")?.requestsPerSecond == 1200)
        #expect(adjusted.quota(for: "GenerateRandom")?.requestsPerSecond == 1200)
        #expect(adjusted.quota(for: "CreateKey")?.requestsPerSecond == 5)
        #expect(KMSRequestQuotas.off.adjusting("CreateKey request rate", to: 1).quota(for: "CreateKey") == nil)
        let rsa = KMSRequestQuotas.current(in: "us-east-1").adjusting(KMSRequestQuotas.rsaQuotaName, to: 3)
        #expect(rsa.quota(for: "Sign (RSA)")?.requestsPerSecond == 3 && rsa.quota(for: "Decrypt (RSA)")?.requestsPerSecond == 3)
        #expect(rsa.quota(for: "Sign (ECC)")?.requestsPerSecond == 1000)
    }

    @Test func theKeyTypeQuotasCanBeAdjustedByName() {
        let names = KMSRequestQuotaPreset.current.quotaNames
        for name in ["Cryptographic operations (RSA) request rate", "Cryptographic operations (ECC and SM2) request rate",
                     "Cryptographic operations (ML-DSA) request rate", "GenerateDataKeyPair (ECC_SECG_P256K1) request rate",
                     "GenerateDataKeyPair (RSA_4096) request rate", "GenerateDataKeyPair (SM2 — China Regions only) request rate"] {
            #expect(names.contains(name), "\(name)")
        }
        #expect(!KMSRequestQuotaPreset.reference.quotaNames.contains(KMSRequestQuotas.rsaQuotaName))
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
