import AWSWire

/// The transport-free part of every call: admission (request quotas), the operation, then the
/// stages that record and watch it (audit, metrics, request log).
///
/// The HTTP endpoint runs every request through here after authenticating it, and
/// ``ServiceClient`` runs the calls one service makes to another through the same stages, so a
/// KMS call SQS makes for a sender is throttled, audited and counted like any other.
public struct ServicePipeline: Sendable {
    public var recorders: [any CallRecorder]
    public var observers: [any CallObserver]

    public init(recorders: [any CallRecorder] = [], observers: [any CallObserver] = []) {
        self.recorders = recorders
        self.observers = observers
    }

    /// Runs one operation of `service` for `context`: admits it, runs `body`, records and
    /// observes the call, and answers what the caller is to be told.
    public func run<Output: Sendable>(
        _ service: ServiceDescriptor, operation: String, isReadOnly: Bool, context: CallContext,
        started: ContinuousClock.Instant = .now, _ body: () async throws -> Output
    ) async -> CallOutcome<Output> {
        var call = FinishedCall(requestID: context.requestID, sourceIP: context.sourceIP, userAgent: context.userAgent)
        call.service = service.name
        call.operation = operation
        call.isReadOnly = isReadOnly
        call.context = context
        call.auditAllowList = service.auditAllowList
        var result: CallOutcome<Output>
        do {
            try service.admission?.admit(operation, context: context)
            result = .success(try await body())
        } catch let error as any AWSErrorRenderable {
            result = .failure(error)
        } catch {
            call.unexpectedErrorType = String(describing: type(of: error))
            result = .failure(service.errors.internalError)
        }
        if case .failure(let error) = result { call.error = error }
        call.duration = ContinuousClock.now - started
        if let failure = await finish(&call, internalError: service.errors.internalError) {
            result = .failure(failure)
        }
        return result
    }

    /// Records and observes a finished call. Returns the error the call must fail with instead
    /// when a recorder could not hold it.
    @discardableResult
    public func finish(_ call: inout FinishedCall, internalError: AWSProtocolError) async -> (any AWSErrorRenderable)? {
        var failure: (any AWSErrorRenderable)?
        for recorder in recorders {
            do {
                try await recorder.record(call)
            } catch {
                call.error = internalError
                call.unexpectedErrorType = String(describing: type(of: error))
                failure = internalError
            }
        }
        for observer in observers { observer.observe(call) }
        return failure
    }
}

/// What a call answers: its output, or the error its caller is told.
public enum CallOutcome<Output: Sendable>: Sendable {
    case success(Output)
    case failure(any AWSErrorRenderable)

    /// The output, or the error thrown.
    public func get() throws -> Output {
        switch self {
        case .success(let output): return output
        case .failure(let error): throw error
        }
    }
}
