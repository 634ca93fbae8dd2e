import AWSWire
import Foundation

/// A service's operations by name, bound to the service they run on: the one table from
/// operation name to operation.
///
/// Operations of the service model that are not registered answer the service's
/// unsupported-operation error; names the model does not know are unknown operations.
public struct OperationRegistry: Sendable {
    private let operations: [String: RegisteredOperation]
    /// Every operation name of the service model's API version.
    public let modelOperationNames: Set<String>

    /// `unreadable` words a request that does not fit its input shape as the service words it;
    /// by default the AWS JSON or query error of the shape check stands.
    public init<Service: Sendable>(service: Service, operations: [any ServiceOperation<Service>.Type],
                                   modelOperationNames: Set<String>, unreadable: UnreadableRequest? = nil) {
        var table: [String: RegisteredOperation] = [:]
        for operation in operations {
            table[operation.name] = RegisteredOperation(operation, service: service, unreadable: unreadable)
        }
        self.operations = table
        self.modelOperationNames = modelOperationNames
    }

    public func operation(named name: String) -> RegisteredOperation? { operations[name] }

    public var implementedOperationNames: Set<String> { Set(operations.keys) }

    /// What a name is to this service.
    public func lookUp(_ name: String) -> Lookup {
        if let operation = operations[name] { return .implemented(operation) }
        return modelOperationNames.contains(name) ? .unsupported : .unknown
    }

    public enum Lookup: Sendable {
        case implemented(RegisteredOperation)
        /// In the service model, not in Arca.
        case unsupported
        /// Not an operation of the service at all.
        case unknown
    }
}

/// One operation with its types erased: it reads its input from the wire, runs, and writes its
/// answer for the wire, noting request and answer for the audit record on the way.
public struct RegisteredOperation: Sendable {
    public let name: String
    public let isReadOnly: Bool
    private let answer: @Sendable (WireRequest, CallContext, WireProtocol) async throws -> Data

    init<Operation: ServiceOperation>(_ operation: Operation.Type, service: Operation.Service, unreadable: UnreadableRequest?) {
        name = Operation.name
        isReadOnly = Operation.isReadOnly
        answer = { request, context, wire in
            let input: Operation.Input
            do {
                switch request {
                case .json(let body):
                    let decoded = try AWSJSONCoding.decodeRequestKeepingJSON(Operation.Input.self, from: body)
                    context.notes.noteRequest(decoded.json, schema: Operation.Input.schema)
                    input = decoded.shape
                case .query(let parameters):
                    let decoded = try AWSQueryCoding.decodeRequestKeepingJSON(Operation.Input.self, from: parameters)
                    context.notes.noteRequest(decoded.json, schema: Operation.Input.schema)
                    input = decoded.shape
                }
            } catch let error as AWSRequestError {
                throw unreadable?(error, request, Operation.Input.schema) ?? error
            }
            let output = try await Operation.perform(input, context: context, service: service)
            if !Operation.isReadOnly { context.notes.noteResponse(output) }
            switch wire {
            case .awsJSON:
                return AWSJSONCoding.encodeResponse(output)
            case .query(let query):
                let hasResult = (Operation.Output.self as? any AWSQueryOutput.Type)?.hasResultElement ?? true
                return AWSQueryCoding.encodeResponse(output, hasResultElement: hasResult, action: Operation.name,
                                                     namespace: query.xmlNamespace, requestID: context.requestID)
            }
        }
    }

    /// Decodes the request, runs the operation and encodes its answer.
    public func answer(_ request: WireRequest, context: CallContext, wire: WireProtocol) async throws -> Data {
        try await answer(request, context, wire)
    }
}

/// How a service words a request that does not fit its input shape: the shape check's error, the
/// request, and the input's schema in; the error to answer with out.
public typealias UnreadableRequest = @Sendable (AWSRequestError, WireRequest, ShapeSchema) -> any Error

/// A request's input as it came over the wire.
public enum WireRequest: Sendable {
    /// An AWS JSON body.
    case json([UInt8])
    /// The parameters of a query-protocol request.
    case query(AWSQueryParameters)
}

extension CallNotes {
    /// Notes an output shape by its JSON form.
    public func noteResponse<Shape: AWSShape>(_ shape: Shape) {
        if let json = Self.json(of: shape) { noteResponse(json, schema: Shape.schema) }
    }

    private static func json(of shape: some AWSShape) -> JSONValue? {
        var writer = JSONWriter()
        shape.write(to: &writer)
        // The JSON is the generated writer's own; the parser reads all it writes.
        return try? JSONParser.parse(writer.bytes)
    }
}
