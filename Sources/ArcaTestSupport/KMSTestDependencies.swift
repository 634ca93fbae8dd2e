import AWSWire
import AccessPolicy
import Foundation
import Identity
import KeyManagement
import ServiceCalls

/// A KMS wired to a manual clock, seeded randomness and an in-memory store.
public struct KMSTestHarness: Sendable {
    public let clock: ManualClock
    public let random: SeededRandom
    public let store: InMemoryKMSStore
    public let kms: KeyManagementService
    /// The request quotas, on the manual clock: the KMS throttles the operations whose quota
    /// depends on their key with it, and a KMS descriptor built with it throttles the rest.
    public let requestRates: RequestRateLimiter

    public init(seed: String = "arca-tests", store: InMemoryKMSStore = InMemoryKMSStore(),
                principals: any KnownPrincipals = AnyPrincipalExists(), requestQuotas: KMSRequestQuotaPreset = .off,
                requestRateAdjustments: [AccountID: [String: Double]] = [:], attestationRoot: [UInt8]? = nil) async throws {
        let clock = ManualClock()
        let random = SeededRandom(seed: seed)
        self.clock = clock
        self.random = random
        self.store = store
        let requestRates = RequestRateLimiter(preset: requestQuotas, adjustments: requestRateAdjustments,
                                              now: { clock.now })
        self.requestRates = requestRates
        self.kms = try await KeyManagementService(
            store: store,
            dependencies: KMSDependencies(now: { clock.now }, randomBytes: { random.bytes($0) }),
            principals: principals, keyUseAdmission: requestRates, attestationRoot: attestationRoot)
    }

    /// A request from the root of an account, in a region.
    public static func context(account: String = "111122223333", region: String = "us-east-1") -> CallContext {
        CallContext(caller: Caller(principal: .root(of: AccountID(account)!), policies: []), region: region,
                    requestID: "test-request")
    }

    /// A request from an IAM user of an account, with inline IAM policies (JSON documents).
    public static func user(_ name: String, account: String = "111122223333", region: String = "us-east-1",
                            policies: [String] = []) throws -> CallContext {
        let compiled = try policies.map { CompiledPolicy(try PolicyDocument(json: $0, kind: .identityBased)) }
        let principal = Principal.user(name, in: AccountID(account)!, userID: "AIDA\(name.uppercased())")
        return CallContext(caller: Caller(principal: principal, policies: compiled), region: region,
                           requestID: "test-request")
    }

    /// Runs one operation as AWS would: the input is checked against its shape's constraints first.
    public func call<Operation: KMSOperation>(_ operation: Operation.Type, _ input: Operation.Input,
                                              as context: CallContext = context()) async throws -> Operation.Output {
        let body = JSONWriter.encode(input)
        let checked: Operation.Input
        do {
            checked = try AWSJSONCoding.decodeRequest(Operation.Input.self, from: Array(body))
        } catch {
            switch error {
            case .validation(let message): throw KMSError(.validation, message)
            case .serialization(let message): throw KMSError(.serialization, message)
            }
        }
        return try await Operation.perform(checked, context: context, service: kms)
    }
}
