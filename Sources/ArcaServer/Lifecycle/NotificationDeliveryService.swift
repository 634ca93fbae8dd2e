import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import ServiceLifecycle
import Topics

/// SNS's outbox of HTTP/S deliveries, drained once a second of real time and whenever the test
/// clock moves (``TopicService/deliverDue(limit:)``): what a restart finds in the outbox is
/// delivered then, and retries fall due on the injected clock.
struct NotificationDeliveryService: Service {
    let sns: TopicService
    let logger: Logger
    /// One drain at a time, whoever asks (the ticker, the clock route): no delivery is posted twice.
    let runs = BackgroundRuns()

    func run() async throws {
        await runs.loop { _ in await drain() }
    }

    /// Delivers what is due, after any drain under way.
    func runDue() async {
        await runs.once { await drain() }
    }

    /// A hundred at a time; a storage failure is logged and retried on the next tick.
    private func drain() async {
        do {
            while !Task.isCancelled, try await sns.deliverDue(limit: 100) == 100 {}
        } catch {
            logger.error("SNS deliveries failed; retrying", metadata: ["error": "\(error)"])
        }
    }
}

/// HTTP/S endpoints reached with Foundation's URL loading: a POST each, "Amazon SNS … times out
/// after 15 seconds".
struct URLSessionNotificationEndpoints: NotificationEndpoints {
    func post(_ body: [UInt8], headers: [(String, String)], to url: String) async throws -> Int {
        guard let target = URL(string: url) else { throw URLError(.badURL) }
        var request = URLRequest(url: target, timeoutInterval: 15)
        request.httpMethod = "POST"
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = Data(body)
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}
