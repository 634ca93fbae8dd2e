import AWSWire
import Foundation
import KeyManagement

/// Turns a `TrentService.<Operation>` body into a typed call and its typed answer back into JSON.
struct KMSDispatcher: Sendable {
    typealias Handler = @Sendable ([UInt8], KMSRequestContext, KeyManagementService, AuditNotes) async throws -> Data

    private let handlers: [String: Handler]

    init(operations: [any KMSOperation.Type] = KMSOperationRegistry.operations) {
        var handlers: [String: Handler] = [:]
        for operation in operations {
            handlers[operation.name] = Self.handler(for: operation)
        }
        self.handlers = handlers
    }

    /// The handler of an operation; nil for a name the service model does not know.
    func handler(named name: String) -> Handler? {
        if let handler = handlers[name] { return handler }
        guard KMSServiceModel.operationNames.contains(name) else { return nil }
        return { _, _, _, _ in
            throw KMSError(.unsupportedOperation, "Arca does not support the \(name) operation yet.")
        }
    }

    var implementedOperationNames: Set<String> { Set(handlers.keys) }

    private static func handler<Operation: KMSOperation>(for operation: Operation.Type) -> Handler {
        let readOnly = AuditReadOnly.isReadOnly(Operation.name, service: "kms")
        return { body, context, kms, audit in
            let (input, json) = try AWSJSONCoding.decodeRequestKeepingJSON(Operation.Input.self, from: body)
            audit.noteRequest(json, schema: Operation.Input.schema)
            let output = try await Operation.handle(input, context: context, kms: kms)
            let response = AWSJSONCoding.encodeResponse(output)
            audit.noteResponse(response, readOnly: readOnly)
            return response
        }
    }
}
