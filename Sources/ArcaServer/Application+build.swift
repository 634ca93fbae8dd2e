import AuditTrail
import Foundation
import Hummingbird
import NIOPosix
import Identity
import IdentityManagement
import KeyManagement
import Logging
import Queues
import SecurityTokens
import ServiceCalls
import ServiceLifecycle
import Storage
import Topics

/// Builds the whole server from a configuration: storage, the KMS, the endpoint and its routes.
///
/// `arca serve` and the tests call this same function.
public func buildApplication(configuration: ArcaConfiguration) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "arca")
    logger.logLevel = configuration.logLevel
    var dependencies = configuration.dependencies
    // With --dev-clock every schedule runs on a clock tests can move; signatures keep real time.
    let devClock = configuration.devClock ? DevClock(base: dependencies.now) : nil
    if let devClock {
        dependencies = KMSDependencies(now: devClock.now, randomBytes: dependencies.randomBytes,
                                       signatureClock: dependencies.signatureClock)
    }

    let rootKey: RootKey
    switch configuration.rootKey {
    case .defaultFile:
        rootKey = try RootKey.loadOrCreate(at: configuration.dataDirectory + "/root.key",
                                           randomBytes: dependencies.randomBytes)
    case .file(let path):
        rootKey = try RootKey.loadOrCreate(at: path, randomBytes: dependencies.randomBytes)
    case .base64(let encoded):
        rootKey = try RootKey(base64: encoded)
    }
    // SQLKit logs every statement with its binds at debug: wrapped key material and secrets have
    // no place in a log, so the database logs from info up whatever the server's level.
    var databaseLogger = logger
    databaseLogger.logLevel = max(logger.logLevel, .info)
    let database = try await SQLiteDatabase.open(path: configuration.dataDirectory + "/arca.sqlite", logger: databaseLogger)
    let store = SQLKMSStore(database: database, rootKey: rootKey, randomBytes: dependencies.randomBytes)
    let identities = try await IdentityRegistry(
        configured: try IdentityDirectory(configuration: configuration.identities, loadedAt: dependencies.now()),
        store: SQLIAMStore(database: database, rootKey: rootKey, randomBytes: dependencies.randomBytes))
    let trail = try await AuditTrail.build(dataDirectory: configuration.dataDirectory, database: database, rootKey: rootKey,
                                           dependencies: dependencies, logger: logger)
    // One limiter admits every KMS call: most before the operation runs (the KMS descriptor), those
    // whose quota depends on the key once the key is known (keyUseAdmission).
    let requestRates = RequestRateLimiter(preset: configuration.requestQuotas,
                                          adjustments: configuration.requestRateAdjustments, now: dependencies.now)
    let kms = try await KeyManagementService(store: store, dependencies: dependencies, principals: identities,
                                             grantTokenKey: rootKey.derivedKey(for: "grant-tokens"),
                                             importKey: rootKey.derivedKey(for: "key-import"),
                                             usageHistory: AuditKeyUsageHistory(trail: trail),
                                             resourceQuotas: { [quotas = configuration.resourceQuotas] account in
                                                 quotas[account] ?? .reference
                                             },
                                             keyUseAdmission: requestRates)
    let sessions = try await SessionRegistry(
        store: SQLSessionStore(database: database, rootKey: rootKey, randomBytes: dependencies.randomBytes),
        now: dependencies.now())
    let sts = SecurityTokenService(identities: identities, sessions: sessions, now: dependencies.now,
                                   randomBytes: dependencies.randomBytes)
    let iam = IdentityManagementService(identities: identities, now: dependencies.now, randomBytes: dependencies.randomBytes)
    let metrics = RequestMetrics()
    let eventIDs = dependencies
    let pipeline = ServicePipeline(
        recorders: [AuditRecorder(trail: trail, now: dependencies.now, eventID: { eventIDs.uuid() })],
        observers: [metrics, RequestLog(logger: logger)])
    // SQS gets SSE-KMS data keys from the KMS in-process, through the pipeline every call takes;
    // SSE-SQS seals data keys under a key SQS owns, derived from the root key like every key of Arca.
    let kmsClient = ServiceClient(descriptor: .kms(kms, requestRates: requestRates), service: kms, pipeline: pipeline)
    let sqs = try await QueueService(
        store: SQLQueueStore(database: database), messages: SQLMessageStore(database: database),
        keyring: MessageKeyring(managedKey: rootKey.derivedKey(for: "sqs-managed-sse"), randomBytes: dependencies.randomBytes,
                                kms: QueueDataKeys(client: kmsClient, metrics: metrics)),
        arrivals: MessageArrivals { onShutdown, body in await withGracefulShutdownHandler(operation: body, onGracefulShutdown: onShutdown) },
        inFlightLimit: configuration.sqsInFlightLimit, now: dependencies.now, randomBytes: dependencies.randomBytes)
    // SNS signs notifications with a key of its own, kept wrapped under the root key, and delivers
    // into queues through the SQS pipeline as `sns.amazonaws.com`.
    let notificationSigner = SNSNotificationSigner(key: try NotificationSigningKeyFile.loadOrCreate(
        at: configuration.dataDirectory + "/" + NotificationSigningKeyFile.name, rootKey: rootKey,
        randomBytes: dependencies.randomBytes, now: dependencies.now()))
    let sqsClient = ServiceClient(descriptor: .sqs(sqs), service: sqs, pipeline: pipeline)
    let inbox = SQLLocalInbox(database: database, wrappingKey: rootKey.derivedKey(for: "sns-inbox"),
                              randomBytes: dependencies.randomBytes)
    let sns = try await TopicService(
        store: SQLTopicStore(database: database), signer: notificationSigner,
        delivery: NotificationDelivery(queues: NotificationQueueDeliveries(client: sqsClient, metrics: metrics, logger: logger),
                                       outbox: SQLDeliveryOutbox(database: database), endpoints: URLSessionNotificationEndpoints(),
                                       inbox: inbox, wrappingKey: rootKey.derivedKey(for: "sns-outbox"),
                                       publicURL: configuration.snsPublicURL),
        keyring: TopicKeyring(kms: TopicDataKeys(client: kmsClient, metrics: metrics)),
        now: dependencies.now, randomBytes: dependencies.randomBytes)
    // Every service Arca serves, named here and nowhere else in the server. The first query
    // service answers query requests whose signature names none.
    let services: [ServiceDescriptor] = [
        .kms(kms, requestRates: requestRates), .cloudTrail(trail), .sts(sts), .iam(iam), .sqs(sqs), .sns(sns),
    ]
    let requestIDs = RequestIDGenerator(dependencies: dependencies)
    let endpoint = AWSEndpoint(
        router: ServiceRouter(services: services), pipeline: pipeline,
        authenticator: RequestAuthenticator(sts: sts, signatureClock: dependencies.signatureClock, now: dependencies.now),
        requestIDs: requestIDs,
        bodies: RequestBodyBudget(limit: configuration.requestBodyMemory))

    let router = Router(context: ArcaRequestContext.self)
    // `SigningCertURL`: the certificate notifications are signed with.
    let certificate = notificationSigner.key.certificatePEM
    router.get(RouterPath(notificationSigner.certificatePath)) { _, _ in
        Response(status: .ok, headers: [.contentType: "application/x-pem-file"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: certificate)))
    }
    router.addLocalInboxRoutes(inbox: inbox)
    router.get("/_arca/health") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
    }
    let lifecycle = KeyLifecycleService(
        kms: kms, events: KeyEventSinks(file: configuration.events.file, webhook: configuration.events.webhook, logger: logger),
        logger: logger)
    let housekeeping = QueueHousekeepingService(sqs: sqs, logger: logger)
    let deliveries = NotificationDeliveryService(sns: sns, logger: logger)
    if let devClock {
        router.addDevClockRoutes(clock: devClock, lifecycle: lifecycle, housekeeping: housekeeping, deliveries: deliveries)
    }
    let clock = dependencies.now
    router.get("/_arca/metrics") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.render(keys: kms.allKeys(), now: clock()))))
    }
    router.post("/") { request, context in await endpoint.respond(to: request, context: context) }
    // SQS takes requests at queue URLs too (`http://<host>/<account>/<queue>`), in either protocol.
    router.post("/:account/:queue") { request, context in await endpoint.respond(to: request, context: context) }
    // A GET to `/` is a query API request, or one of the links SNS sends (`SubscribeURL`,
    // `UnsubscribeURL`).
    let links = NotificationLinks(sns: sns, requestIDs: requestIDs)
    router.get("/") { request, context in
        if let answer = await links.respond(to: request) { return answer }
        return await endpoint.respond(to: request, context: context)
    }

    let startupLogger = logger
    let host = configuration.host
    let port = configuration.port
    return Application(
        router: router,
        // Idle and stalled connections are closed, so none holds a socket or a half-read body forever.
        server: .http1(configuration: .init(idleTimeout: .seconds(Int64(configuration.idleTimeout)))),
        configuration: .init(address: .hostname(host, port: port), serverName: "Arca"),
        // Services stop in reverse order: the lifecycle first, then the audit trail's last flush
        // and seal, then the database.
        services: [DatabaseCloser(database: database), AuditService(trail: trail, now: dependencies.now, logger: logger), lifecycle,
                   housekeeping, deliveries],
        onServerRunning: { channel in
            let address = channel.localAddress?.port.map { "http://\(host):\($0)" } ?? "http://\(host):\(port)"
            startupLogger.info("Arca listening on \(address)")
            startupLogger.info("Default credentials: AWS_ACCESS_KEY_ID=\(IdentityDirectory.defaultAccessKeyID) AWS_SECRET_ACCESS_KEY=\(IdentityDirectory.defaultSecretAccessKey) (root of account \(AccountID.default))")
        },
        eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup(numberOfThreads: configuration.eventLoopThreads)),
        logger: logger
    )
}

extension IdentityRegistry: KnownPrincipals {
    public func accountExists(_ accountID: String) -> Bool {
        AccountID(accountID).map(current.accounts.contains) ?? false
    }

    public func principalExists(_ arn: String) -> Bool {
        current.principalARNs.contains(arn)
    }
}

/// Closes the database once the server has stopped taking requests.
struct DatabaseCloser: Service {
    let database: SQLiteDatabase

    func run() async throws {
        try? await gracefulShutdown()
        try await database.close()
    }
}
