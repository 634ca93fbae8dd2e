import AWSWire
import Foundation
import Identity
import IdentityManagement
import SecurityTokens

/// Turns a query request of one service (STS, IAM) into a typed call, and its typed answer into
/// the XML AWS sends.
struct QueryDispatcher<Context: Sendable, Service: Sendable>: Sendable {
    typealias Handler = @Sendable (AWSQueryParameters, Context, Service, _ requestID: String, AuditNotes) async throws -> Data

    let namespace: String
    let apiVersion: String
    private let handlers: [String: Handler]
    private let modelOperations: Set<String>

    /// The handler of an action; nil for one the service model does not know, and for one it
    /// knows that Arca does not implement, a handler answering `UnsupportedOperation`.
    func handler(named name: String) -> Handler? {
        if let handler = handlers[name] { return handler }
        guard modelOperations.contains(name) else { return nil }
        return { _, _, _, _, _ in
            throw AWSProtocolError(awsErrorType: "UnsupportedOperation", httpStatusCode: 400,
                                   message: "Arca does not support the \(name) operation yet.")
        }
    }

    var implementedOperationNames: Set<String> { Set(handlers.keys) }
}

extension QueryDispatcher where Context == STSRequestContext, Service == SecurityTokenService {
    static func sts(operations: [any STSOperation.Type] = STSOperationRegistry.operations) -> Self {
        func handler<Operation: STSOperation>(_ operation: Operation.Type) -> Handler {
            let readOnly = AuditReadOnly.isReadOnly(Operation.name, service: "sts")
            return { parameters, context, sts, requestID, audit in
                let input = try AWSQueryCoding.decodeRequest(Operation.Input.self, from: parameters)
                audit.noteQuery(input, output: nil as Operation.Output?, readOnly: readOnly)
                let output = try await Operation.handle(input, context: context, sts: sts)
                audit.noteQuery(nil as Operation.Input?, output: output, readOnly: readOnly)
                return AWSQueryCoding.encodeResponse(output, action: Operation.name, namespace: STSServiceModel.xmlNamespace,
                                                     requestID: requestID)
            }
        }
        return Self(namespace: STSServiceModel.xmlNamespace, apiVersion: STSServiceModel.apiVersion,
                    handlers: Dictionary(uniqueKeysWithValues: operations.map { ($0.name, handler($0)) }),
                    modelOperations: STSServiceModel.operationNames)
    }
}

extension QueryDispatcher where Context == IAMRequestContext, Service == IdentityManagementService {
    static func iam(operations: [any IAMOperation.Type] = IAMOperationRegistry.operations) -> Self {
        func handler<Operation: IAMOperation>(_ operation: Operation.Type) -> Handler {
            let readOnly = AuditReadOnly.isReadOnly(Operation.name, service: "iam")
            return { parameters, context, iam, requestID, audit in
                let input = try AWSQueryCoding.decodeRequest(Operation.Input.self, from: parameters)
                audit.noteQuery(input, output: nil as Operation.Output?, readOnly: readOnly)
                let output = try await Operation.handle(input, context: context, iam: iam)
                audit.noteQuery(nil as Operation.Input?, output: output, readOnly: readOnly)
                return AWSQueryCoding.encodeResponse(output, action: Operation.name, namespace: IAMServiceModel.xmlNamespace,
                                                     requestID: requestID)
            }
        }
        return Self(namespace: IAMServiceModel.xmlNamespace, apiVersion: IAMServiceModel.apiVersion,
                    handlers: Dictionary(uniqueKeysWithValues: operations.map { ($0.name, handler($0)) }),
                    modelOperations: IAMServiceModel.operationNames)
    }
}
