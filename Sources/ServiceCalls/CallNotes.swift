import AWSWire
import Synchronization

/// What one call contributes to its audit record, noted while it is served: its request and
/// answer with their model shapes, and the resources it used.
///
/// Notes hold the request as it came; only the audit stage decides what of it a record keeps
/// (``AuditAllowList``), so nothing here is ever written anywhere as it is.
public final class CallNotes: Sendable {
    private struct State {
        var request: NotedShape?
        var response: NotedShape?
        var resources: [CallResource] = []
        var additionalEventData: JSONValue?
    }

    private let state = Mutex(State())

    public init() {}

    public var request: NotedShape? { state.withLock { $0.request } }
    public var response: NotedShape? { state.withLock { $0.response } }
    public var resources: [CallResource] { state.withLock { $0.resources } }
    /// What the record's `additionalEventData` says: facts of the call that are neither request nor
    /// answer (an attested call's enclave).
    public var additionalEventData: JSONValue? { state.withLock { $0.additionalEventData } }

    public func noteAdditionalEventData(_ data: JSONValue) {
        state.withLock { $0.additionalEventData = data }
    }

    /// Notes a resource the call authorized an action on, allowed or not (each once).
    public func used(_ resource: CallResource) {
        state.withLock { state in
            if !state.resources.contains(resource) { state.resources.append(resource) }
        }
    }

    public func noteRequest(_ json: JSONValue, schema: ShapeSchema) {
        state.withLock { $0.request = NotedShape(json: json, schema: schema) }
    }

    public func noteResponse(_ json: JSONValue, schema: ShapeSchema) {
        state.withLock { $0.response = NotedShape(json: json, schema: schema) }
    }
}

/// A request or answer in its JSON form, with the model shape that says what its members are.
public struct NotedShape: Sendable {
    public var json: JSONValue
    public var schema: ShapeSchema
}

/// A resource a call used: the `resources` of its CloudTrail record. A resource of another
/// account puts the record in that account's trail too.
public struct CallResource: Hashable, Sendable {
    public var arn: String
    public var accountID: String
    /// The CloudFormation type CloudTrail names it by, such as `AWS::KMS::Key`.
    public var type: String

    public init(arn: String, accountID: String, type: String) {
        self.arn = arn
        self.accountID = accountID
        self.type = type
    }
}
