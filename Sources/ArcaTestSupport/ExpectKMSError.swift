import KeyManagement
import Testing

/// Asserts that `body` throws a ``KMSError`` with this code (and, if given, this exact message).
public func expectKMSError<T>(_ code: KMSErrorCode, message: String? = nil,
                              sourceLocation: SourceLocation = #_sourceLocation,
                              _ body: () async throws -> T) async {
    do {
        _ = try await body()
        Issue.record("expected \(code.rawValue), but the call succeeded", sourceLocation: sourceLocation)
    } catch let error as KMSError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let message {
            #expect(error.message == message, sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("expected \(code.rawValue), got \(error)", sourceLocation: sourceLocation)
    }
}
