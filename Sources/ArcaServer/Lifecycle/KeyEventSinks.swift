import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KeyManagement
import Logging

/// Where key lifecycle events go: a JSON-lines file and/or an HTTP webhook (`events:` in the
/// config file, `--events-file`, `--events-webhook`).
///
/// Events are sent after the change they report is durable; one the process dies before sending
/// is lost (at most the events of one lifecycle tick).
struct KeyEventSinks: Sendable {
    var file: String?
    var webhook: URL?
    let logger: Logger

    var isEmpty: Bool { file == nil && webhook == nil }

    func deliver(_ documents: [KeyLifecycleEventDocument]) async {
        guard !documents.isEmpty else { return }
        let lines = documents.map(\.jsonLine)
        if let file { append(lines, to: file) }
        if let webhook {
            for line in lines { await post(line, to: webhook) }
        }
    }

    /// Appends one line per event and syncs the file.
    private func append(_ lines: [String], to path: String) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard descriptor >= 0 else {
            logger.error("cannot open the events file", metadata: ["path": "\(path)", "errno": "\(errno)"])
            return
        }
        defer { close(descriptor) }
        let bytes = Array(lines.map { $0 + "\n" }.joined().utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if written != bytes.count || fsync(descriptor) != 0 {
            logger.error("cannot write the events file", metadata: ["path": "\(path)", "errno": "\(errno)"])
        }
    }

    /// POSTs one event as `application/json`; a failure is logged, not retried.
    private func post(_ line: String, to url: URL) async {
        var request = URLRequest(url: url, timeoutInterval: 10)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(line.utf8)
        do {
            let (_, response) = try await URLSession.shared.data(for: request)
            if let status = (response as? HTTPURLResponse)?.statusCode, !(200..<300).contains(status) {
                logger.warning("the events webhook answered \(status)", metadata: ["url": "\(url)"])
            }
        } catch {
            logger.warning("cannot reach the events webhook", metadata: ["url": "\(url)", "error": "\(error)"])
        }
    }
}
