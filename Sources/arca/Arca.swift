import ArcaServer
import ArgumentParser
import Foundation
import Logging

@main
struct Arca: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arca",
        abstract: "A self-hosted key management service that speaks the AWS KMS API.",
        subcommands: [Serve.self, Audit.self],
        defaultSubcommand: Serve.self
    )
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server.")

    @Option(help: "Address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (default 4566).")
    var port: Int?

    @Option(name: .customLong("data-dir"), help: "Directory for the database and the root key (default ./arca-data).")
    var dataDir: String?

    @Option(help: "YAML config file: accounts, users, roles, access keys, and any of the options above.")
    var config: String?

    @Option(name: .customLong("root-key-file"), help: "File holding the root key (created with mode 0600 if absent). ARCA_ROOT_KEY (base64) overrides it.")
    var rootKeyFile: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String?

    @Option(name: .customLong("log-format"), help: "json (one JSON object per line, the default) or text.")
    var logFormat: String?

    @Option(name: .customLong("event-loop-threads"), help: "Threads for connections and HTTP parsing (default: half the cores, at least 1).")
    var eventLoopThreads: Int?

    @Option(name: .customLong("idle-timeout"), help: "Seconds before an idle or stalled connection is closed (default 60).")
    var idleTimeout: Int?

    @Flag(name: .customLong("dev-clock"), help: "Test aid: serve GET/POST /_arca/clock to read and advance the clock that rotation, expiry and deletion schedules use.")
    var devClock = false

    @Option(name: .customLong("events-file"), help: "Append key lifecycle events (EventBridge JSON, one per line) to this file.")
    var eventsFile: String?

    @Option(name: .customLong("events-webhook"), help: "POST each key lifecycle event (EventBridge JSON) to this http(s) URL.")
    var eventsWebhook: String?

    @Option(name: .customLong("request-quotas"),
            help: "Request-rate quotas: current (AWS's current quotas, the default), reference (the guide's table) or off.")
    var requestQuotas: String?

    func run() async throws {
        var configuration = ArcaConfiguration()
        if let config { try configuration.apply(configFile: config) }
        if let host { configuration.host = host }
        if devClock { configuration.devClock = true }
        if let eventsFile { configuration.events.file = eventsFile }
        if let eventsWebhook {
            guard let url = URL(string: eventsWebhook), ["http", "https"].contains(url.scheme ?? "") else {
                throw ValidationError("--events-webhook must be an http or https URL")
            }
            configuration.events.webhook = url
        }
        if let requestQuotas {
            do { try configuration.chooseRequestQuotas(requestQuotas) } catch { throw ValidationError("--request-quotas: \(error)") }
        }
        if let port { configuration.port = port }
        if let dataDir { configuration.dataDirectory = dataDir }
        if let rootKeyFile { configuration.rootKey = .file(rootKeyFile) }
        if let eventLoopThreads {
            guard eventLoopThreads > 0 else { throw ValidationError("--event-loop-threads must be at least 1") }
            configuration.eventLoopThreads = eventLoopThreads
        }
        if let idleTimeout {
            guard idleTimeout > 0 else { throw ValidationError("--idle-timeout must be at least 1") }
            configuration.idleTimeout = idleTimeout
        }
        if let encoded = ProcessInfo.processInfo.environment["ARCA_ROOT_KEY"] { configuration.rootKey = .base64(encoded) }
        if let logLevel {
            guard let level = Logger.Level(rawValue: logLevel) else { throw ValidationError("unknown log level \(logLevel)") }
            configuration.logLevel = level
        }
        if let logFormat {
            do { try configuration.chooseLogFormat(logFormat) } catch { throw ValidationError("--log-format: \(error)") }
        }
        bootstrapLogging(format: configuration.logFormat, level: configuration.logLevel)
        let app = try await buildApplication(configuration: configuration)
        try await app.runService()
    }
}

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Work with the audit trail's log files.",
                                                    subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every audit log file against its signed digest, as `aws cloudtrail validate-logs` does.",
            discussion: """
                Prints each modified, deleted or inserted file, each invalid digest, and the records the database \
                holds as sealed that no log file contains; exits 1 if there is any. Pin the digest keys with \
                --public-key or --public-key-fingerprint (from `aws cloudtrail list-public-keys` or the server's \
                start-up log) so that whoever can edit the data directory cannot re-sign it with a key of their own.
                """)

        @Option(name: .customLong("data-dir"), help: "The data directory of the server (default ./arca-data).")
        var dataDir: String = "./arca-data"

        @Option(name: .customLong("root-key-file"), help: "The root key file, if not <data-dir>/root.key. ARCA_ROOT_KEY (base64) overrides it. Not needed with a pinned key.")
        var rootKeyFile: String?

        @Option(name: .customLong("public-key"), help: "Trust only this digest public key (PEM or DER file); repeat for earlier keys.")
        var publicKeys: [String] = []

        @Option(name: .customLong("public-key-fingerprint"), help: "Trust only the digest public key with this hex SHA-256 fingerprint; repeat for earlier keys.")
        var fingerprints: [String] = []

        func run() async throws {
            var source: ArcaConfiguration.RootKeySource = rootKeyFile.map { .file($0) } ?? .defaultFile
            if let encoded = ProcessInfo.processInfo.environment["ARCA_ROOT_KEY"] { source = .base64(encoded) }
            let (report, keys) = try await verifyAuditLogs(dataDirectory: dataDir, rootKey: source, publicKeyFiles: publicKeys,
                                                           publicKeyFingerprints: fingerprints)
            for finding in report.findings { print(finding) }
            print("Digest keys trusted: \(keys.map(\.fingerprint).joined(separator: ", ")).")
            if report.awaitingDigest > 0 {
                print("\(report.awaitingDigest) log files sealed since the last digest match the database; the next digest lists them.")
            }
            if report.findings.isEmpty {
                print("\(report.logFiles) log files, \(report.sealedRecords) sealed records and \(report.digests) digests are valid.")
            } else {
                print("\(report.findings.count) problems in \(report.logFiles) log files and \(report.digests) digests.")
                throw ExitCode(1)
            }
        }
    }
}
