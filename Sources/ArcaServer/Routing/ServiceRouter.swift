import ServiceCalls

/// The route table, built from the service descriptors: AWS JSON requests go to a service by
/// the prefix of their `X-Amz-Target`, query requests by the service their SigV4 credential
/// scope names.
struct ServiceRouter: Sendable {
    struct JSONRoute: Sendable {
        let service: ServiceDescriptor
        let wire: AWSJSONProtocol
        /// The operation name after the prefix.
        let operation: String
    }

    struct QueryRoute: Sendable {
        let service: ServiceDescriptor
        let wire: AWSQueryProtocol
    }

    private let jsonServices: [String: (ServiceDescriptor, AWSJSONProtocol)]
    private let queryServices: [String: (ServiceDescriptor, AWSQueryProtocol)]
    /// Who answers a query request whose signature names no service it could be routed by.
    let fallbackQueryService: QueryRoute?
    /// The largest request body any service reads: what a request may reserve before it is routed.
    let maximumRequestBodySize: Int

    /// - Precondition: no two services share a target prefix or, for the query protocol, a
    ///   signing name.
    init(services: [ServiceDescriptor]) {
        var json: [String: (ServiceDescriptor, AWSJSONProtocol)] = [:]
        var query: [String: (ServiceDescriptor, AWSQueryProtocol)] = [:]
        var fallback: QueryRoute?
        for service in services {
            for wire in service.protocols {
                switch wire {
                case .awsJSON(let protocolJSON):
                    precondition(json[protocolJSON.targetPrefix] == nil, "two services share \(protocolJSON.targetPrefix)")
                    json[protocolJSON.targetPrefix] = (service, protocolJSON)
                case .query(let protocolQuery):
                    precondition(query[service.signingName] == nil, "two query services sign as \(service.signingName)")
                    query[service.signingName] = (service, protocolQuery)
                    if fallback == nil { fallback = QueryRoute(service: service, wire: protocolQuery) }
                }
            }
        }
        jsonServices = json
        queryServices = query
        fallbackQueryService = fallback
        maximumRequestBodySize = services.map(\.maximumRequestBodySize).max() ?? ServiceDescriptor.defaultMaximumRequestBodySize
    }

    /// The service and operation an `X-Amz-Target` names (`TrentService.Encrypt`); nil for a
    /// prefix no service has.
    func route(target: String) -> JSONRoute? {
        guard let dot = target.lastIndex(of: ".") else { return nil }
        guard let (service, wire) = jsonServices[String(target[..<dot])] else { return nil }
        return JSONRoute(service: service, wire: wire, operation: String(target[target.index(after: dot)...]))
    }

    /// The query service that signs as `signingName`.
    func queryRoute(signingName: String) -> QueryRoute? {
        queryServices[signingName].map { QueryRoute(service: $0.0, wire: $0.1) }
    }

    /// The service of a name, among those routed to.
    func service(named name: AWSServiceName?) -> ServiceDescriptor? {
        guard let name else { return nil }
        return jsonServices.values.first { $0.0.name == name }?.0 ?? queryServices.values.first { $0.0.name == name }?.0
    }
}
