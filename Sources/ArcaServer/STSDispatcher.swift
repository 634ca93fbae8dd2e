import AWSWire
import Foundation
import Identity
import SecurityTokens

/// Turns an STS query request into a typed call, and its typed answer into the XML AWS sends.
struct STSDispatcher: Sendable {
    typealias Handler = @Sendable (AWSQueryParameters, STSRequestContext, SecurityTokenService) async throws -> Data

    private let handlers: [String: Handler]

    init(operations: [any STSOperation.Type] = STSOperationRegistry.operations) {
        var handlers: [String: Handler] = [:]
        for operation in operations {
            handlers[operation.name] = Self.handler(for: operation)
        }
        self.handlers = handlers
    }

    /// The handler of an action; nil for one the service model does not know.
    func handler(named name: String) -> Handler? {
        if let handler = handlers[name] { return handler }
        guard STSServiceModel.operationNames.contains(name) else { return nil }
        return { _, _, _ in throw STSError("UnsupportedOperation", "Arca does not support the \(name) operation yet.") }
    }

    var implementedOperationNames: Set<String> { Set(handlers.keys) }

    private static func handler<Operation: STSOperation>(for operation: Operation.Type) -> Handler {
        return { parameters, context, sts in
            let input = try AWSQueryCoding.decodeRequest(Operation.Input.self, from: parameters)
            let output = try await Operation.handle(input, context: context, sts: sts)
            return AWSQueryCoding.encodeResponse(output, action: Operation.name, namespace: STSServiceModel.xmlNamespace,
                                                 requestID: context.requestID)
        }
    }
}
