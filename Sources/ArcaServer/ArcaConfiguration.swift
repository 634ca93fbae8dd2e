import Foundation
import Identity
import KeyManagement
import Logging
import NIOCore
import Queues
import Yams

/// Everything `buildApplication` needs: where to listen, where data lives, who may call, and the
/// clock and randomness the service runs on.
public struct ArcaConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    public var port: Int = 4566
    public var dataDirectory: String = "./arca-data"
    /// Where the root key is read from; see ``RootKeySource``.
    public var rootKey: RootKeySource = .defaultFile
    public var identities = IdentityConfiguration()
    public var logLevel: Logger.Level = .info
    /// JSON lines (the default) or plain text, on standard error.
    public var logFormat: LogFormat = .json
    /// Threads that accept connections and parse HTTP. Request handlers run on Swift's
    /// concurrency pool, which already uses every core; giving the I/O loops half of them
    /// (at least one) keeps the two from competing for the same cores.
    public var eventLoopThreads: Int = max(1, System.coreCount / 2)
    /// Seconds a connection may go without sending or receiving before it is closed: idle
    /// keep-alive connections, connections that never send a request, and requests whose
    /// headers or body stop arriving.
    public var idleTimeout = 60
    /// Bytes of request bodies held in memory at once, across every connection (64 MiB: 64
    /// bodies of the 1 MiB maximum); a request that would pass it is refused with HTTP 503.
    public var requestBodyMemory = 64 << 20
    public var dependencies: KMSDependencies = .system
    /// `--dev-clock`: serve `GET`/`POST /_arca/clock` to read and advance the wall clock every
    /// schedule uses (a test aid; off by default).
    public var devClock = false
    /// Where key lifecycle events (rotation, material expiry, deletion) are sent.
    public var events = EventTargets()
    /// Key, alias and grant quotas per account (`quotas:` in the config file); others get the reference's.
    public var resourceQuotas: [AccountID: KMSResourceQuotas] = [:]
    /// The request-rate quota table (`--request-quotas`, `requestQuotas:`): AWS's current quotas
    /// unless the operator picks the reference's table or turns throttling off.
    public var requestQuotas: KMSRequestQuotaPreset = .current
    /// Request-rate quota increases per account (`requestRates:` of a `quotas:` entry): quota name
    /// to requests per second.
    public var requestRateAdjustments: [AccountID: [String: Double]] = [:]
    /// SQS's "Messages per queue (in flight)" quota (`sqsInFlightLimit:`), AWS's 120,000 unless
    /// the operator raises or lowers it.
    public var sqsInFlightLimit = QueueService.defaultInFlightLimit
    /// Where SNS's subscribers reach Arca (`snsPublicURL:`, `http://arca.example:4566`): the base of
    /// the links notifications carry. Without it, the host a request reached.
    public var snsPublicURL: String?

    /// One entry of `quotas:` in the config file.
    struct QuotaEntry: Decodable {
        var account: AccountID
        var keys: Int?
        var aliases: Int?
        var grantsPerKey: Int?
        var grantsPerGranteePerKey: Int?
        var requestRates: [String: Double]?
    }

    /// `events:` of the config file: a JSON-lines file and/or a webhook URL.
    public struct EventTargets: Sendable, Decodable {
        public var file: String?
        public var webhook: URL?

        public init(file: String? = nil, webhook: URL? = nil) {
            self.file = file
            self.webhook = webhook
        }
    }

    public init() {}

    /// Where the root key comes from, in the order an operator's choices win.
    public enum RootKeySource: Sendable {
        /// `<data-dir>/root.key`, created with mode 0600 on first start.
        case defaultFile
        /// A file the operator names (`--root-key-file`); created if absent.
        case file(String)
        /// Base64 of 32 bytes (`ARCA_ROOT_KEY`).
        case base64(String)
    }

    /// Chooses the log format by name: `json` or `text`.
    public mutating func chooseLogFormat(_ name: String) throws {
        guard let format = LogFormat(rawValue: name) else {
            throw ArcaConfigurationError("logFormat must be json or text, not \(name)")
        }
        logFormat = format
    }

    /// Chooses the request-rate quota table by name: `reference`, `current` or `off`.
    public mutating func chooseRequestQuotas(_ name: String) throws {
        guard let preset = KMSRequestQuotaPreset(rawValue: name) else {
            throw ArcaConfigurationError("requestQuotas must be one of reference, current, off, not \(name)")
        }
        requestQuotas = preset
    }

    /// Applies a YAML config file: `host`, `port`, `dataDir`, `rootKeyFile`, `logLevel`, `logFormat`,
    /// `eventLoopThreads`, `idleTimeout`, `accounts`, `events`, `quotas` (per account: `account`, `keys`, `aliases`,
    /// `grantsPerKey`, `grantsPerGranteePerKey`, `requestRates`), `requestQuotas`, `sqsInFlightLimit`, `snsPublicURL`.
    public mutating func apply(configFile path: String) throws {
        guard let text = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) else {
            throw ArcaConfigurationError("cannot read config file \(path)")
        }
        let file: ArcaConfigFile
        do {
            file = try YAMLDecoder().decode(ArcaConfigFile.self, from: text)
        } catch {
            throw ArcaConfigurationError("config file \(path) is not valid: \(error)")
        }
        if let host = file.host { self.host = host }
        if let port = file.port { self.port = port }
        if let dataDir = file.dataDir { self.dataDirectory = dataDir }
        if let rootKeyFile = file.rootKeyFile { self.rootKey = .file(rootKeyFile) }
        if let level = file.logLevel {
            guard let parsed = Logger.Level(rawValue: level) else {
                throw ArcaConfigurationError("logLevel must be one of trace, debug, info, notice, warning, error, critical")
            }
            self.logLevel = parsed
        }
        if let format = file.logFormat { try chooseLogFormat(format) }
        if let threads = file.eventLoopThreads {
            guard threads > 0 else { throw ArcaConfigurationError("eventLoopThreads must be at least 1") }
            self.eventLoopThreads = threads
        }
        if let idleTimeout = file.idleTimeout {
            guard idleTimeout > 0 else { throw ArcaConfigurationError("idleTimeout must be at least 1 second") }
            self.idleTimeout = idleTimeout
        }
        if let accounts = file.accounts { self.identities.accounts = accounts }
        for entry in file.quotas ?? [] {
            let reference = KMSResourceQuotas.reference
            let quotas = KMSResourceQuotas(keys: entry.keys ?? reference.keys, aliases: entry.aliases ?? reference.aliases,
                                           grantsPerKey: entry.grantsPerKey ?? reference.grantsPerKey,
                                           grantsPerGranteePerKey: entry.grantsPerGranteePerKey ?? reference.grantsPerGranteePerKey)
            guard [quotas.keys, quotas.aliases, quotas.grantsPerKey, quotas.grantsPerGranteePerKey].allSatisfy({ $0 >= 0 }) else {
                throw ArcaConfigurationError("quotas must not be negative")
            }
            self.resourceQuotas[entry.account] = quotas
            if let rates = entry.requestRates {
                let known = KMSRequestQuotaPreset.allCases.reduce(into: Set<String>()) { $0.formUnion($1.quotaNames) }
                for (name, rate) in rates {
                    guard known.contains(name) else {
                        throw ArcaConfigurationError("requestRates: unknown quota \"\(name)\"; quotas are named as in AWS Service Quotas, e.g. \"CreateKey request rate\" or \"\(KMSRequestQuotas.cryptographicQuotaName)\"")
                    }
                    guard rate >= 0, rate.isFinite else { throw ArcaConfigurationError("requestRates must not be negative") }
                }
                self.requestRateAdjustments[entry.account] = rates
            }
        }
        if let preset = file.requestQuotas { try chooseRequestQuotas(preset) }
        if let url = file.snsPublicURL {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil,
                  parsed.path.isEmpty || parsed.path == "/" else {
                throw ArcaConfigurationError("snsPublicURL must be an http or https URL without a path")
            }
            self.snsPublicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        if let limit = file.sqsInFlightLimit {
            guard limit > 0 else { throw ArcaConfigurationError("sqsInFlightLimit must be at least 1") }
            self.sqsInFlightLimit = limit
        }
        if let events = file.events {
            if let webhook = events.webhook, !["http", "https"].contains(webhook.scheme ?? "") {
                throw ArcaConfigurationError("events.webhook must be an http or https URL")
            }
            self.events = events
        }
    }
}

/// The YAML config file's shape.
struct ArcaConfigFile: Decodable {
    var host: String?
    var port: Int?
    var dataDir: String?
    var rootKeyFile: String?
    var logLevel: String?
    var logFormat: String?
    var eventLoopThreads: Int?
    var idleTimeout: Int?
    var accounts: [IdentityConfiguration.Account]?
    var events: ArcaConfiguration.EventTargets?
    var quotas: [ArcaConfiguration.QuotaEntry]?
    var requestQuotas: String?
    var sqsInFlightLimit: Int?
    var snsPublicURL: String?
}

public struct ArcaConfigurationError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
