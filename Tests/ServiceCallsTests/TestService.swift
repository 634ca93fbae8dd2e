import AWSWire
import Foundation
import Identity
import ServiceCalls

/// A service for the pipeline's own tests: one operation that echoes its input, one that fails
/// as the test asks.
final class EchoService: Sendable {}

struct EchoInput: AWSShape, Equatable {
    var text: String?
    var secret: Data?

    static let schema: ShapeSchema = .structure([
        .init("Text", .string(max: 10)),
        .init("Secret", .blob()),
    ])

    init(text: String? = nil, secret: Data? = nil) {
        self.text = text
        self.secret = secret
    }

    init(json: JSONValue) throws(AWSRequestError) {
        let fields = try json.fields()
        self.init(text: try fields.optional("Text"), secret: try fields.optional("Secret"))
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("Text", text)
        writer.member("Secret", secret)
        writer.endObject()
    }
}

enum Echo: ServiceOperation {
    static let name = "PutEcho"

    static func perform(_ input: EchoInput, context: CallContext, service: EchoService) async throws -> EchoInput {
        input
    }
}

struct Boom: Error {}

enum Explode: ServiceOperation {
    static let name = "Explode"

    static func perform(_ input: EchoInput, context: CallContext, service: EchoService) async throws -> EchoInput {
        throw Boom()
    }
}

/// Admits every call until told to refuse.
struct Refusing: CallAdmission {
    func admit(_ operation: String, context: CallContext) throws {
        throw AWSProtocolError(awsErrorType: "ThrottlingException", httpStatusCode: 400, message: "Rate exceeded")
    }
}

/// Keeps every call it sees; fails when asked.
final class CapturingStage: CallRecorder, CallObserver, @unchecked Sendable {
    // @unchecked: tests await each call before reading; the lock guards the array anyway.
    private let lock = NSLock()
    private var seen: [FinishedCall] = []
    let failing: Bool

    init(failing: Bool = false) { self.failing = failing }

    var calls: [FinishedCall] { lock.withLock { seen } }

    func record(_ call: FinishedCall) async throws {
        lock.withLock { seen.append(call) }
        if failing { throw Boom() }
    }

    func observe(_ call: FinishedCall) {
        lock.withLock { seen.append(call) }
    }
}

extension ServiceDescriptor {
    static func echo(admission: (any CallAdmission)? = nil) -> ServiceDescriptor {
        ServiceDescriptor(
            name: AWSServiceName("echo"),
            protocols: [.awsJSON(AWSJSONProtocol(version: .v1_0, targetPrefix: "Echo"))],
            operations: OperationRegistry(service: EchoService(), operations: [Echo.self, Explode.self],
                                          modelOperationNames: ["PutEcho", "Explode", "Missing"]),
            errors: ServiceErrors(status: { _ in nil },
                                  internalError: AWSProtocolError(awsErrorType: "EchoInternal", httpStatusCode: 500,
                                                                  message: "internal"),
                                  unsupportedOperation: { AWSProtocolError(awsErrorType: "Unsupported", httpStatusCode: 400,
                                                                           message: $0) }),
            auditAllowList: AuditAllowList(textMembers: ["Text"]),
            admission: admission)
    }
}

func rootContext(account: String = "111122223333") -> CallContext {
    CallContext(caller: Caller(principal: .root(of: AccountID(account)!), policies: []), region: "us-east-1",
                requestID: "req-1", sourceIP: "10.0.0.1")
}
