import AWSWire
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import ServiceCalls

/// The HTTP stage of the pipeline: one endpoint for every AWS service.
///
/// A request gets its id, is routed by the route table (``ServiceRouter``), read, authenticated
/// (``RequestAuthenticator``), and handed with its caller to the ``ServicePipeline``, which
/// admits, runs, audits and counts it; the answer is rendered in the service's protocol. Every
/// response, error or not, carries an `x-amzn-RequestId`. Requests refused before they reach
/// the pipeline still pass its stages after the operation (metrics, the request log).
struct AWSEndpoint: Sendable {
    static let targetHeader = HTTPField.Name("X-Amz-Target")!

    let router: ServiceRouter
    let pipeline: ServicePipeline
    let authenticator: RequestAuthenticator
    let requestIDs: RequestIDGenerator
    let bodies: RequestBodyBudget

    func respond(to request: Request, context: ArcaRequestContext) async -> Response {
        var call = FinishedCall(requestID: requestIDs.next(), sourceIP: context.remoteAddress?.ipAddress,
                                userAgent: request.headers[.userAgent])
        let started = ContinuousClock.now
        // AWS JSON requests name their operation in X-Amz-Target; query requests in their form.
        let target = request.headers[Self.targetHeader]
        let isJSON = target != nil || (request.headers[.contentType] ?? "").hasPrefix("application/x-amz-json")
        // The body's memory is reserved before it is read and given back once it is answered.
        let bodySize = Self.reservedBodySize(request, maximum: router.maximumRequestBodySize)
        guard bodies.reserve(bodySize) else {
            let error = AWSProtocolError(awsErrorType: "ServiceUnavailable", httpStatusCode: 503,
                                         message: "Too many requests are being read; retry.")
            return await refuse(&call, error, started: started) { error, requestID in
                isJSON ? AWSResponse.jsonError(error, wire: AWSJSONProtocol(version: .v1_1, targetPrefix: ""), requestID: requestID)
                    : AWSResponse.xmlError(error, namespace: "", requestID: requestID)
            }
        }
        defer { bodies.release(bodySize) }
        if isJSON { return await respondToJSON(request, target: target ?? "", call: &call, started: started) }
        return await respondToQuery(request, call: &call, started: started)
    }

    private func respondToJSON(_ request: Request, target: String, call: inout FinishedCall,
                               started: ContinuousClock.Instant) async -> Response {
        guard let route = router.route(target: target) else {
            let wire = AWSJSONProtocol(version: .v1_1, targetPrefix: "")
            return await refuse(&call, AWSProtocolError.unknownOperation(target), started: started) {
                AWSResponse.jsonError($0, wire: wire, requestID: $1)
            }
        }
        let service = route.service
        let wire = route.wire
        call.service = service.name
        let render: @Sendable (any AWSErrorRenderable, String) -> Response = {
            AWSResponse.jsonError($0, wire: wire, requestID: $1)
        }
        let body: [UInt8]
        let context: CallContext
        do {
            let prechecked = try precheck(request, as: service, wire: .awsJSON(wire))
            body = try await collectBody(request, upTo: service.maximumRequestBodySize)
            context = try authenticate(prechecked, body: body, as: service, wire: .awsJSON(wire), call: call)
        } catch {
            return await refuse(&call, error, started: started, render: render)
        }
        call.context = context
        guard let outcome = await dispatch(route.operation, of: service, .json(body), wire: .awsJSON(wire),
                                           context: context, started: started) else {
            return await refuse(&call, AWSProtocolError.unknownOperation(route.operation), started: started, render: render)
        }
        switch outcome {
        case .success(let answer): return AWSResponse.json(answer, contentType: wire.contentType, requestID: call.requestID)
        case .failure(let error): return render(error, call.requestID)
        }
    }

    /// A query-protocol request (form body, or the URL's query string for GET), routed by the
    /// service of its SigV4 credential scope.
    private func respondToQuery(_ request: Request, call: inout FinishedCall,
                                started: ContinuousClock.Instant) async -> Response {
        let claimed = RequestAuthenticator.claimedSigningName(of: request)
        guard let route = claimed.flatMap(router.queryRoute(signingName:)) ?? router.fallbackQueryService else {
            return await refuse(&call, AWSProtocolError(awsErrorType: "InvalidAction", httpStatusCode: 400,
                                                        message: "Arca serves no query API."), started: started) {
                AWSResponse.xmlError($0, namespace: "", requestID: $1)
            }
        }
        let namespace = route.wire.xmlNamespace
        let render: @Sendable (any AWSErrorRenderable, String) -> Response = {
            AWSResponse.xmlError($0, namespace: namespace, requestID: $1)
        }
        let service = route.service
        let wire = WireProtocol.query(route.wire)
        let context: CallContext
        let parameters: AWSQueryParameters
        do {
            let prechecked = try precheck(request, as: service, wire: wire)
            let body = try await collectBody(request, upTo: service.maximumRequestBodySize)
            if let claimed, claimed != service.signingName {
                throw AWSProtocolError(awsErrorType: "UnsupportedOperation", httpStatusCode: 400,
                                       message: "Arca does not serve the \(claimed) query API yet.")
            }
            call.service = service.name
            context = try authenticate(prechecked, body: body, as: service, wire: wire, call: call)
            call.context = context
            parameters = try Self.resourceURL(of: request, for: service, adding: AWSQueryParameters(
                formURLEncoded: request.method == .get ? Array((request.uri.query ?? "").utf8) : body))
        } catch {
            return await refuse(&call, error, started: started, render: render)
        }
        guard let action = parameters.action else {
            return await refuse(&call, AWSProtocolError(awsErrorType: "MissingAction", httpStatusCode: 400,
                                                        message: "Missing Action"), started: started, render: render)
        }
        guard let outcome = await dispatch(action, of: service, .query(parameters), wire: wire, context: context,
                                           started: started) else {
            let error = AWSProtocolError(awsErrorType: "InvalidAction", httpStatusCode: 400,
                                         message: "Could not find operation \(action) for version \(route.wire.apiVersion)")
            return await refuse(&call, error, started: started, render: render)
        }
        switch outcome {
        case .success(let answer): return AWSResponse.xml(answer, requestID: call.requestID)
        case .failure(let error): return render(error, call.requestID)
        }
    }

    /// A request sent to a resource's own URL (an SQS queue URL) names that resource, unless its
    /// parameters name one themselves.
    static func resourceURL(of request: Request, for service: ServiceDescriptor,
                            adding parameters: AWSQueryParameters) -> AWSQueryParameters {
        let path = request.uri.path
        guard let name = service.resourceURLParameter, path != "/", !path.isEmpty,
              let host = request.head.authority else { return parameters }
        return parameters.adding(name, "http://\(host)\(path)")
    }

    /// Runs the operation `name` of `service` through the pipeline: an operation of the model Arca
    /// lacks answers the service's unsupported-operation error. Nil when the service has no such
    /// operation at all, which the protocol names in its own way.
    private func dispatch(_ name: String, of service: ServiceDescriptor, _ request: WireRequest, wire: WireProtocol,
                          context: CallContext, started: ContinuousClock.Instant) async -> CallOutcome<Data>? {
        switch service.operations.lookUp(name) {
        case .unknown:
            return nil
        case .unsupported:
            return await pipeline.run(service, operation: name, isReadOnly: isConventionallyReadOnly(name),
                                      context: context, started: started) { () throws -> Data in
                throw service.errors.unsupportedOperation(name)
            }
        case .implemented(let operation):
            return await pipeline.run(service, operation: operation.name, isReadOnly: operation.isReadOnly,
                                      context: context, started: started) {
                try await operation.answer(request, context: context, wire: wire)
            }
        }
    }

    /// What a request's body may take: its declared length up to `maximum`, the largest any
    /// service reads (a longer one is refused when read), that maximum if it declares none,
    /// nothing for a GET.
    static func reservedBodySize(_ request: Request, maximum: Int) -> Int {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared >= 0 {
            return min(declared, maximum)
        }
        return request.method == .get ? 0 : maximum
    }

    /// The request's body, up to the service's `maximum`; a larger one is `413`.
    private func collectBody(_ request: Request, upTo maximum: Int) async throws -> [UInt8] {
        do {
            let body = try await request.body.collect(upTo: maximum)
            return body.getBytes(at: body.readerIndex, length: body.readableBytes) ?? []
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            // `collect(upTo:)` throws NIO's NIOTooManyBytesError, which answers 413.
            throw AWSProtocolError(awsErrorType: "SerializationException", httpStatusCode: 413,
                                   message: "The request body is larger than \(maximum) bytes.")
        }
    }

    /// The checks of the signature that need no body; SigV4 failures are worded as the service
    /// words them.
    private func precheck(_ request: Request, as service: ServiceDescriptor, wire: WireProtocol) throws -> PrecheckedRequest {
        do throws(SigV4Error) {
            return try authenticator.precheck(request)
        } catch {
            throw service.errors.authenticationError(error, on: wire)
        }
    }

    /// The caller of an authenticated request to `service`; SigV4 failures are worded as the
    /// service words them.
    private func authenticate(_ request: PrecheckedRequest, body: [UInt8], as service: ServiceDescriptor,
                              wire: WireProtocol, call: FinishedCall) throws -> CallContext {
        let credential: IdentityDirectory.Credential
        let authentication: SigV4Authentication
        do throws(SigV4Error) {
            (credential, authentication) = try authenticator.authenticate(request, body: body)
        } catch {
            throw service.errors.authenticationError(error, on: wire)
        }
        guard authentication.service == service.signingName else {
            throw AWSProtocolError(awsErrorType: "InvalidSignatureException", httpStatusCode: 400,
                                   message: "Credential should be scoped to correct service: '\(service.signingName)'. ")
        }
        return CallContext(caller: credential.caller, region: authentication.region, requestID: call.requestID,
                           sourceIP: call.sourceIP, userAgent: call.userAgent, accessKeyID: authentication.accessKeyId,
                           host: request.host)
    }

    /// Answers a request refused before it reached an operation, after the stages that watch
    /// every call have seen it. Anything but an AWS error is the service's internal error.
    private func refuse(_ call: inout FinishedCall, _ error: any Error, started: ContinuousClock.Instant,
                        render: (any AWSErrorRenderable, String) -> Response) async -> Response {
        let internalError = router.service(named: call.service)?.errors.internalError
            ?? AWSProtocolError(awsErrorType: "InternalFailure", httpStatusCode: 500, message: "An internal error occurred.")
        if let error = error as? any AWSErrorRenderable {
            call.error = error
        } else {
            call.error = internalError
            call.unexpectedErrorType = String(describing: type(of: error))
        }
        call.duration = ContinuousClock.now - started
        // Refused calls have no operation, so no recorder holds them: nothing can fail here.
        await pipeline.finish(&call, internalError: internalError)
        return render(call.error ?? internalError, call.requestID)
    }
}
