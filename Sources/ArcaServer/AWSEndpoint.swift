import AWSWire
import AuditTrail
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import IdentityManagement
import KeyManagement
import Logging
import SecurityTokens

/// The one endpoint every AWS service is served on: authenticate, route, answer.
///
/// AWS JSON requests are routed by `X-Amz-Target` (`TrentService.<Operation>` for KMS); query
/// requests (STS) by their `Action` and the service of their SigV4 credential scope. Every
/// response, error or not, carries an `x-amzn-RequestId`.
struct AWSEndpoint: Sendable {
    static let maximumBodySize = 1 << 20
    static let targetHeader = HTTPField.Name("X-Amz-Target")!

    let kms: KeyManagementService
    let sts: SecurityTokenService
    let iam: IdentityManagementService
    let verifier = SigV4Verifier()
    let dispatcher = KMSDispatcher()
    let stsDispatcher = QueryDispatcher.sts()
    let iamDispatcher = QueryDispatcher.iam()
    let cloudTrailDispatcher = CloudTrailDispatcher()
    let dependencies: KMSDependencies
    let requestIDs: RequestIDGenerator
    let trail: AuditTrail
    let metrics: RequestMetrics
    let requestRates: RequestRateLimiter
    let logger: Logger

    init(kms: KeyManagementService, sts: SecurityTokenService, iam: IdentityManagementService, trail: AuditTrail,
         metrics: RequestMetrics, requestRates: RequestRateLimiter, dependencies: KMSDependencies, logger: Logger) {
        self.kms = kms
        self.sts = sts
        self.iam = iam
        self.trail = trail
        self.metrics = metrics
        self.requestRates = requestRates
        self.logger = logger
        self.dependencies = dependencies
        self.requestIDs = RequestIDGenerator(dependencies: dependencies)
    }

    func respond(to request: Request, context: ArcaRequestContext) async -> Response {
        let requestID = requestIDs.next()
        let started = ContinuousClock.now
        var call = AuditedCall(requestID: requestID, sourceIP: context.remoteAddress?.ipAddress,
                               userAgent: request.headers[.userAgent])
        let response = await respond(to: request, call: &call, context: context)
        record(call)
        let seconds = observe(call, since: started)
        log(call, status: response.status.code, seconds: seconds)
        return response
    }

    private func respond(to request: Request, call: inout AuditedCall, context: ArcaRequestContext) async -> Response {
        let requestID = call.requestID
        // AWS JSON requests name their operation in X-Amz-Target; query requests in their form.
        let isQuery = request.headers[Self.targetHeader] == nil
            && !(request.headers[.contentType] ?? "").hasPrefix("application/x-amz-json")
        do {
            let body = try await request.body.collect(upTo: Self.maximumBodySize)
            let bytes = body.getBytes(at: body.readerIndex, length: body.readableBytes) ?? []
            if isQuery { return await respondToQuery(request, body: bytes, call: &call, context: context) }
            let (credential, authentication) = try authenticate(request, body: bytes, protocol: .json)
            guard let target = request.headers[Self.targetHeader], let dot = target.lastIndex(of: ".") else {
                return AWSResponse.error(AWSProtocolError.unknownOperation(), requestID: requestID)
            }
            let prefix = target[..<dot]
            let operation = String(target[target.index(after: dot)...])
            let service = prefix == CloudTrailServiceModel.targetPrefix ? "cloudtrail" : "kms"
            guard prefix == KMSServiceModel.targetPrefix || service == "cloudtrail" else {
                return AWSResponse.error(AWSProtocolError.unknownOperation(), requestID: requestID)
            }
            guard authentication.service == service else {
                throw AWSProtocolError(awsErrorType: "InvalidSignatureException", httpStatusCode: 400,
                                       message: "Credential should be scoped to correct service: '\(service)'. ")
            }
            if service == "cloudtrail" {
                guard let handler = cloudTrailDispatcher.handler(named: operation) else {
                    return AWSResponse.error(AWSProtocolError.unknownOperation(), requestID: requestID)
                }
                call.identify(credential, authentication, service: service, operation: operation)
                let cloudTrailContext = CloudTrailRequestContext(caller: credential, region: authentication.region,
                                                                 requestID: requestID, sourceIP: call.sourceIP)
                return AWSResponse.json(try await handler(bytes, cloudTrailContext, trail, call.notes), requestID: requestID)
            }
            guard let handler = dispatcher.handler(named: operation) else {
                return AWSResponse.error(AWSProtocolError.unknownOperation(), requestID: requestID)
            }
            call.identify(credential, authentication, service: service, operation: operation)
            try requestRates.enforce(operation, account: credential.principal.account, region: authentication.region)
            let notes = call.notes
            let kmsContext = KMSRequestContext(caller: credential.principal, region: authentication.region,
                                               requestID: requestID, identityPolicies: credential.policies,
                                               policyPrincipal: credential.policyPrincipal,
                                               principalConditions: credential.principalConditions,
                                               sourceIP: call.sourceIP, onKeyUsed: { notes.used($0) })
            let output = try await handler(bytes, kmsContext, kms, notes)
            return AWSResponse.json(output, requestID: requestID)
        } catch let error as any AWSErrorRenderable {
            call.failed(error)
            return AWSResponse.error(error, requestID: requestID)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return AWSResponse.error(AWSProtocolError(awsErrorType: "SerializationException", httpStatusCode: 413,
                                                      message: "The request body is larger than \(Self.maximumBodySize) bytes."),
                                     requestID: requestID)
        } catch {
            logger.error("internal error", metadata: ["requestId": "\(requestID)", "error": "\(type(of: error))"])
            let failure = AWSProtocolError.internalFailure()
            call.failed(failure)
            return AWSResponse.error(failure, requestID: requestID)
        }
    }

    /// A query-protocol request (form body, or the URL's query string for GET): STS or IAM, by
    /// the service of the credential scope.
    private func respondToQuery(_ request: Request, body: [UInt8], call: inout AuditedCall,
                                context: ArcaRequestContext) async -> Response {
        var namespace = STSServiceModel.xmlNamespace
        let requestID = call.requestID
        do {
            let (credential, authentication) = try authenticate(request, body: body, protocol: .query)
            let form = request.method == .get ? Array((request.uri.query ?? "").utf8) : body
            let parameters = try AWSQueryParameters(formURLEncoded: form)
            let sourceIP = call.sourceIP
            switch authentication.service {
            case "sts":
                let handler = try Self.handler(stsDispatcher, parameters)
                call.identify(credential, authentication, service: "sts", operation: parameters.action ?? "")
                let stsContext = STSRequestContext(caller: credential, region: authentication.region, requestID: requestID,
                                                   sourceIP: sourceIP)
                return AWSResponse.xml(try await handler(parameters, stsContext, sts, requestID, call.notes), requestID: requestID)
            case "iam":
                namespace = IAMServiceModel.xmlNamespace
                let handler = try Self.handler(iamDispatcher, parameters)
                call.identify(credential, authentication, service: "iam", operation: parameters.action ?? "")
                let iamContext = IAMRequestContext(caller: credential, requestID: requestID, region: authentication.region,
                                                   sourceIP: sourceIP)
                return AWSResponse.xml(try await handler(parameters, iamContext, iam, requestID, call.notes), requestID: requestID)
            default:
                throw AWSProtocolError(awsErrorType: "UnsupportedOperation", httpStatusCode: 400,
                                       message: "Arca does not serve the \(authentication.service) query API yet.")
            }
        } catch let error as any AWSErrorRenderable {
            call.failed(error)
            return AWSResponse.xmlError(error, namespace: namespace, requestID: requestID)
        } catch {
            logger.error("internal error", metadata: ["requestId": "\(requestID)", "error": "\(type(of: error))"])
            let failure = AWSProtocolError(awsErrorType: "InternalFailure", httpStatusCode: 500, message: "An internal error occurred.")
            call.failed(failure)
            return AWSResponse.xmlError(failure, namespace: namespace, requestID: requestID)
        }
    }

    /// The handler of the request's `Action`: `MissingAction` without one, `InvalidAction` for
    /// one the service does not have.
    private static func handler<C, S>(_ dispatcher: QueryDispatcher<C, S>,
                                      _ parameters: AWSQueryParameters) throws -> QueryDispatcher<C, S>.Handler {
        guard let action = parameters.action else {
            throw AWSProtocolError(awsErrorType: "MissingAction", httpStatusCode: 400, message: "Missing Action")
        }
        guard let handler = dispatcher.handler(named: action) else {
            throw AWSProtocolError(awsErrorType: "InvalidAction", httpStatusCode: 400,
                                   message: "Could not find operation \(action) for version \(dispatcher.apiVersion)")
        }
        return handler
    }

    enum WireProtocol { case json, query }

    /// Verifies the SigV4 signature and finds who signed it; failures are worded for the protocol.
    private func authenticate(_ request: Request, body: [UInt8],
                              protocol wire: WireProtocol) throws -> (IdentityDirectory.Credential, SigV4Authentication) {
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(request.headers.count + 1)
        // swift-http-types carries the Host header as the request's authority; SigV4 signs it as `host`.
        if let authority = request.head.authority { headers.append(("host", authority)) }
        for field in request.headers { headers.append((field.name.rawName, field.value)) }
        let signed = SigV4Request(method: request.method.rawValue, path: request.uri.path,
                                  query: request.uri.query ?? "", headers: headers, body: body)
        let sts = self.sts
        var signer: IdentityDirectory.Credential?
        do throws(SigV4Error) {
            let authentication = try verifier.verify(signed, now: dependencies.signatureClock(),
                                                     sessionsNow: dependencies.now()) { accessKeyID in
                guard let credential = sts.credential(forAccessKeyID: accessKeyID) else { return nil }
                signer = credential
                return SigV4Secret(secretAccessKey: credential.secretAccessKey, session: credential.session)
            }
            guard let signer else { throw SigV4Error(code: .unrecognizedClient, message: "The security token included in the request is invalid.") }
            return (signer, authentication)
        } catch {
            switch wire {
            case .json:
                throw AWSProtocolError(awsErrorType: error.jsonType, httpStatusCode: 400, message: error.message)
            case .query:
                let status = STSErrorCode(rawValue: error.queryCode)?.httpStatusCode ?? 400
                throw AWSProtocolError(awsErrorType: error.queryCode, httpStatusCode: status, message: error.message)
            }
        }
    }
}
