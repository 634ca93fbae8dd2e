import AWSWire
import Foundation

/// The request-rate quotas of KMS: which operations count against which quota, and how many
/// requests per second each allows in one account and region.
///
/// "AWS KMS throttles API requests at different limits depending on the API operation. … The API
/// operations in the first row share a limit of 600 requests per second. … The remaining API
/// operations have a unique limit for requests per second, which means the limit is not shared"
/// (kms-developer-guide.md, Limits, Requests per second). Operations no quota names are not
/// throttled.
///
/// The cryptographic quotas of AWS's current table also depend on the type of key a request uses
/// (``KeyQuotaType``): those rows list key uses such as "Sign (RSA)" rather than operations, and the
/// operations they name count themselves once their key is known
/// (``keyDependentOperations``).
public struct KMSRequestQuotas: Sendable, Equatable {
    /// One quota: a bucket some operations share, with its rate.
    public struct Quota: Sendable, Hashable {
        /// The quota's name in AWS Service Quotas, e.g. "CreateKey request rate"; also the name
        /// a config file adjusts it by.
        public var name: String
        /// May be below one (AWS has quotas of one request every few seconds).
        public var requestsPerSecond: Double
    }

    /// The quota each throttled operation, or key use ("Sign (RSA)", ``use(_:with:)``), counts against.
    public private(set) var quotaByOperation: [String: Quota]

    /// A table from quota names, each with its operations (or key uses), to rates.
    init(_ table: [(name: String, operations: [String], requestsPerSecond: Double)]) {
        var byOperation: [String: Quota] = [:]
        for row in table {
            for operation in row.operations {
                byOperation[operation] = Quota(name: row.name, requestsPerSecond: row.requestsPerSecond)
            }
        }
        quotaByOperation = byOperation
    }

    /// The quota `operation` (or a key use, ``use(_:with:)``) counts against, if any.
    public func quota(for operation: String) -> Quota? {
        quotaByOperation[operation]
    }

    /// The names of the quotas, each once.
    public var quotaNames: Set<String> { Set(quotaByOperation.values.map(\.name)) }

    /// The same table with one quota's rate changed (a quota increase, as AWS grants on request).
    public func adjusting(_ name: String, to requestsPerSecond: Double) -> KMSRequestQuotas {
        var copy = self
        for (operation, quota) in quotaByOperation where quota.name == name {
            copy.quotaByOperation[operation] = Quota(name: name, requestsPerSecond: requestsPerSecond)
        }
        return copy
    }

    /// No request is throttled.
    public static let off = KMSRequestQuotas([])

    /// The shared name of the quota of the symmetric cryptographic operations.
    public static let cryptographicQuotaName = "Cryptographic operations (symmetric) request rate"
    /// The shared quota of the cryptographic operations with RSA keys.
    public static let rsaQuotaName = "Cryptographic operations (RSA) request rate"
    /// The shared quota of the cryptographic operations with elliptic-curve and SM2 keys, named as
    /// the table names it (the page's prose calls it "Cryptographic operations (ECC) request rate").
    public static let eccQuotaName = "Cryptographic operations (ECC and SM2) request rate"
    /// The shared quota of the cryptographic operations with ML-DSA keys.
    public static let mlDSAQuotaName = "Cryptographic operations (ML-DSA) request rate"

    /// The reference's table (kms-developer-guide.md, Limits, Requests per second).
    ///
    /// It predates asymmetric and HMAC keys and names none of their operations or quotas: Sign,
    /// Verify, DeriveSharedSecret, GenerateMac, VerifyMac, GetPublicKey, GenerateDataKeyPair and
    /// Encrypt, Decrypt and ReEncrypt with an RSA key are not throttled. Its shared quota covers
    /// Encrypt, Decrypt and ReEncrypt with symmetric keys, the only keys it knew.
    public static let reference = KMSRequestQuotas(
        [(cryptographicQuotaName, ["Encrypt", "Decrypt", "ReEncrypt", "GenerateRandom", "GenerateDataKey",
                                   "GenerateDataKeyWithoutPlaintext"], 600)]
            + individual([
                "CancelKeyDeletion": 5, "CreateAlias": 5, "CreateGrant": 15, "CreateKey": 5, "DeleteAlias": 5,
                "DescribeKey": 30, "DisableKey": 5, "DisableKeyRotation": 5, "EnableKey": 5, "EnableKeyRotation": 5,
                "GetKeyPolicy": 30, "GetKeyRotationStatus": 5, "ListAliases": 5, "ListGrants": 5,
                "ListKeyPolicies": 5, "ListKeys": 5, "ListRetirableGrants": 5, "PutKeyPolicy": 5, "RetireGrant": 15,
                "RevokeGrant": 15, "ScheduleKeyDeletion": 5, "UpdateAlias": 5, "UpdateKeyDescription": 5,
            ]))

    /// AWS's current table (AWS KMS Developer Guide, "Request quotas", as published in 2026) for
    /// one region: the symmetric cryptographic operations share 100,000 requests per second in
    /// us-east-1, us-west-2 and eu-west-1, 20,000 in six more regions and 10,000 elsewhere.
    ///
    /// The cryptographic quotas "vary with the AWS Region and the type of KMS key used in the
    /// request. Each quota is calculated separately":
    /// - "Cryptographic operations (symmetric) request rate" applies to Decrypt, Encrypt,
    ///   GenerateDataKey, GenerateDataKeyWithoutPlaintext, GenerateMac, GenerateRandom, ReEncrypt
    ///   and VerifyMac, with symmetric encryption keys and HMAC keys.
    /// - "Cryptographic operations (RSA) request rate": Decrypt, Encrypt, ReEncrypt, Sign and
    ///   Verify, "1,000 (shared) for RSA KMS keys".
    /// - "Cryptographic operations (ML-DSA) request rate": Sign and Verify, "1,000 (shared) for
    ///   ML-DSA KMS keys".
    /// - "Cryptographic operations (ECC and SM2) request rate": DeriveSharedSecret, Sign and
    ///   Verify, and Decrypt, Encrypt and ReEncrypt "only supported for SM2 (China Regions only)
    ///   KMS keys", "1,000 (shared) for elliptic curve (ECC) and SM2 (China Regions only) KMS keys".
    /// - "GenerateDataKeyPair (RSA_2048) request rate" and one more per key pair spec, each shared
    ///   by GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext (``dataKeyPairQuotas(in:)``).
    ///
    /// GetPublicKey has a quota of its own whatever the key ("GetPublicKey request rate", 2000).
    /// The custom key store quotas do not apply: Arca has no custom key stores.
    public static func current(in region: String) -> KMSRequestQuotas {
        let cryptographic: Double = switch region {
        case "us-east-1", "us-west-2", "eu-west-1": 100_000
        case "us-east-2", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "eu-central-1", "eu-west-2": 20_000
        default: 10_000
        }
        return KMSRequestQuotas(
            [(cryptographicQuotaName, ["Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext",
                                       "GenerateMac", "GenerateRandom", "ReEncrypt", "VerifyMac"], cryptographic),
             (rsaQuotaName, uses(["Decrypt", "Encrypt", "ReEncrypt", "Sign", "Verify"], with: .rsa), 1000),
             (mlDSAQuotaName, uses(["Sign", "Verify"], with: .mlDSA), 1000),
             (eccQuotaName, uses(["DeriveSharedSecret", "Sign", "Verify"], with: .ecc)
                 + uses(["Decrypt", "DeriveSharedSecret", "Encrypt", "ReEncrypt", "Sign", "Verify"], with: .sm2), 1000)]
                + dataKeyPairQuotas(in: region)
                + individual([
                    "CancelKeyDeletion": 5, "ConnectCustomKeyStore": 5, "CreateAlias": 5, "CreateCustomKeyStore": 5,
                    "CreateGrant": 50, "CreateKey": 5, "DeleteAlias": 15, "DeleteCustomKeyStore": 5,
                    "DeleteImportedKeyMaterial": 15, "DescribeCustomKeyStores": 5, "DescribeKey": 2000, "DisableKey": 5,
                    "DisableKeyRotation": 5, "DisconnectCustomKeyStore": 5, "EnableKey": 5, "EnableKeyRotation": 15,
                    "GetKeyLastUsage": 5, "GetKeyPolicy": 1000, "GetKeyRotationStatus": 1000,
                    "GetParametersForImport": 1, "GetPublicKey": 2000, "ImportKeyMaterial": 15, "ListAliases": 500,
                    "ListGrants": 100, "ListKeyPolicies": 100, "ListKeyRotations": 100, "ListKeys": 500,
                    "ListResourceTags": 2000, "ListRetirableGrants": 100, "PutKeyPolicy": 15, "ReplicateKey": 5,
                    "RetireGrant": 50, "RevokeGrant": 50, "RotateKeyOnDemand": 5, "ScheduleKeyDeletion": 15,
                    "TagResource": 10, "UntagResource": 5, "UpdateAlias": 5, "UpdateCustomKeyStore": 5,
                    "UpdateKeyDescription": 5, "UpdatePrimaryRegion": 5,
                ]))
    }

    /// Quotas of one operation each, named as AWS Service Quotas names them.
    static func individual(_ rates: [String: Double]) -> [(name: String, operations: [String], requestsPerSecond: Double)] {
        rates.sorted { $0.key < $1.key }.map { ("\($0.key) request rate", [$0.key], $0.value) }
    }

    /// What a throttled request is answered: "You have exceeded the rate at which you may call
    /// KMS. Reduce the frequency of your calls." with HTTP 400 (AWS KMS Developer Guide,
    /// Throttling).
    public static let throttled = AWSProtocolError(
        awsErrorType: "ThrottlingException", httpStatusCode: 400,
        message: "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.")
}

/// The request quota tables `arca serve --request-quotas` chooses from.
public enum KMSRequestQuotaPreset: String, Sendable, CaseIterable {
    /// The reference's table: 600 shared by the symmetric cryptographic operations, mostly 5 for
    /// the rest; no quota for the operations of asymmetric and HMAC keys.
    case reference
    /// AWS's current quotas, which depend on the region.
    case current
    /// No throttling.
    case off

    public func quotas(in region: String) -> KMSRequestQuotas {
        switch self {
        case .reference: .reference
        case .current: .current(in: region)
        case .off: .off
        }
    }

    /// Every quota name the preset has in some region, for checking a config file's adjustments.
    public var quotaNames: Set<String> {
        quotas(in: "us-east-1").quotaNames
    }
}

/// A token bucket: it holds one second of requests (at least one request) and refills at the
/// quota's rate, so a steady rate up to the quota passes and a burst above it is throttled.
public struct TokenBucket: Sendable, Equatable {
    public let capacity: Double
    public let rate: Double
    public private(set) var tokens: Double
    public private(set) var refilledAt: Date

    /// A full bucket for `requestsPerSecond`.
    public init(requestsPerSecond: Double, now: Date) {
        rate = max(0, requestsPerSecond)
        // A quota of zero admits nothing; any other admits at least one request at a time.
        capacity = rate == 0 ? 0 : max(1, rate)
        tokens = capacity
        refilledAt = now
    }

    /// Takes one token if there is one: true if the request may go on.
    ///
    /// A clock that moved backwards refills nothing.
    public mutating func take(at now: Date) -> Bool {
        let elapsed = now.timeIntervalSince(refilledAt)
        if elapsed > 0 {
            tokens = min(capacity, tokens + elapsed * rate)
            refilledAt = now
        }
        // Dates carry about 0.1 µs of rounding, which at thousands of requests per second leaves
        // a refill a hair short of a whole token; a request at exactly the quota's rate must pass.
        guard tokens >= 0.99 else { return false }
        tokens = max(0, tokens - 1)
        return true
    }
}
