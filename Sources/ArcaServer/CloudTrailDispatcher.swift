import AWSWire
import AuditTrail
import Foundation

/// Turns a `CloudTrail_20131101.<Operation>` body into a typed call over the audit trail.
struct CloudTrailDispatcher: Sendable {
    typealias Handler = @Sendable ([UInt8], CloudTrailRequestContext, AuditTrail, AuditNotes) async throws -> Data

    private let handlers: [String: Handler]

    init(operations: [any CloudTrailOperation.Type] = CloudTrailOperationRegistry.operations) {
        var handlers: [String: Handler] = [:]
        for operation in operations { handlers[operation.name] = Self.handler(for: operation) }
        self.handlers = handlers
    }

    /// The handler of an operation; nil for a name the service model does not know.
    func handler(named name: String) -> Handler? {
        if let handler = handlers[name] { return handler }
        guard CloudTrailServiceModel.operationNames.contains(name) else { return nil }
        return { _, _, _, _ in
            throw CloudTrailError(.unsupportedOperation, "Arca does not support the \(name) operation yet.")
        }
    }

    var implementedOperationNames: Set<String> { Set(handlers.keys) }

    private static func handler<Operation: CloudTrailOperation>(for operation: Operation.Type) -> Handler {
        return { body, context, trail, audit in
            let (input, json) = try AWSJSONCoding.decodeRequestKeepingJSON(Operation.Input.self, from: body)
            audit.noteRequest(json, schema: Operation.Input.schema)
            return AWSJSONCoding.encodeResponse(try await Operation.handle(input, context: context, trail: trail))
        }
    }
}
