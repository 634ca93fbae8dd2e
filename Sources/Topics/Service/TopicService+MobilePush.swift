import Foundation
import ServiceCalls

extension TopicService {
    // MARK: Platform applications

    /// CreatePlatformApplication: the name and platform checked as SNS checks them (recorded
    /// messages); an application of the same name and platform is replaced.
    public func createApplication(name: String, platform: String, attributes: [String: String],
                                  context: CallContext) async throws -> String {
        try authorize("SNS:CreatePlatformApplication", resource: "*", policy: nil, context: context)
        guard !name.isEmpty else { throw SNSError.invalidParameter("", reason: "cannot be empty") }
        guard name.count <= 256 else { throw SNSError.invalidParameter(name, reason: "must be at most 256 characters long") }
        guard name.utf8.allSatisfy({ ResourceNameCharacters.isAllowed($0) || $0 == UInt8(ascii: ".") }) else {
            throw SNSError.invalidParameter(name, reason: "must contain only characters 'a'-'z', 'A'-'Z', '0'-'9', '_', '-', and '.'")
        }
        guard MobileApplication.platforms.contains(platform) else {
            throw SNSError.invalidParameter("Platform", reason: "\(platform) is not supported")
        }
        let kept = try MobileApplication.checked(attributes, creating: true, requiresPrincipal: platform != "GCM")
        let application = MobileApplication(arn: "arn:aws:sns:\(context.region):\(context.account.rawValue):app/\(platform)/\(name)",
                                            platform: platform, attributes: kept)
        try await registry.write { _ throws(SNSError) in ((), [.putApplication(application)]) }
        return application.arn
    }

    /// The application a `PlatformApplicationArn` names, read as SNS reads it.
    func application(_ arn: String, context: CallContext) throws(SNSError) -> MobileApplication {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6 else {
            throw SNSError.invalidParameter("PlatformApplicationArn", reason: "An ARN must have at least 6 elements, not \(parts.count)")
        }
        guard let application = registry.read({ $0.applications[arn] }), parts[4] == Substring(context.account.rawValue) else {
            throw SNSError(.notFound, "PlatformApplication does not exist")
        }
        return application
    }

    public func applicationAttributes(arn: String, context: CallContext) throws(SNSError) -> [String: String] {
        try authorize("SNS:GetPlatformApplicationAttributes", resource: arn, policy: nil, context: context)
        return try application(arn, context: context).reportedAttributes
    }

    public func setApplicationAttributes(arn: String, attributes: [String: String], context: CallContext) async throws {
        try authorize("SNS:SetPlatformApplicationAttributes", resource: arn, policy: nil, context: context)
        var found = try application(arn, context: context)
        found.attributes.merge(try MobileApplication.checked(attributes, creating: false, requiresPrincipal: false)) { _, new in new }
        let updated = found
        try await registry.write { _ throws(SNSError) in ((), [.putApplication(updated)]) }
    }

    /// DeletePlatformApplication: with its endpoints. One that does not exist is no error.
    public func deleteApplication(arn: String, context: CallContext) async throws {
        try authorize("SNS:DeletePlatformApplication", resource: arn, policy: nil, context: context)
        guard (try? application(arn, context: context)) != nil else { return }
        try await registry.write { _ throws(SNSError) in ((), [.deleteApplication(arn: arn)]) }
    }

    public func applications(nextToken: String?, context: CallContext) throws(SNSError) -> ([MobileApplication], String?) {
        try authorize("SNS:ListPlatformApplications", resource: "*", policy: nil, context: context)
        let prefix = "arn:aws:sns:\(context.region):\(context.account.rawValue):app/"
        let all = registry.read { state in state.applications.values.filter { $0.arn.hasPrefix(prefix) } }.sorted { $0.arn < $1.arn }
        return try Self.pageByARN(all, arn: \.arn, after: nextToken)
    }

    // MARK: Platform endpoints

    /// CreatePlatformEndpoint: "The CreatePlatformEndpoint action is idempotent, so if the
    /// requester already owns an endpoint with the same device token and attributes, that
    /// endpoint's ARN is returned without creating a new endpoint"; the same token with other
    /// attributes is refused (recorded message).
    public func createEndpoint(applicationARN: String, token: String, customUserData: String?, attributes: [String: String],
                               context: CallContext) async throws -> String {
        try authorize("SNS:CreatePlatformEndpoint", resource: applicationARN, policy: nil, context: context)
        let application = try application(applicationARN, context: context)
        var given = try MobileEndpoint.checked(attributes)
        given["Token"] = token
        if given["CustomUserData"] == nil, let customUserData { given["CustomUserData"] = customUserData }
        given["Enabled"] = given["Enabled"] ?? "true"
        let name = application.arn.split(separator: "/").last.map(String.init) ?? ""
        let arn = "arn:aws:sns:\(context.region):\(context.account.rawValue):endpoint/\(application.platform)/\(name)/"
            + uuid()
        let attributesGiven = given
        return try await registry.write { state throws(SNSError) in
            if let existing = state.endpoints.values.first(where: { $0.applicationARN == application.arn && $0.attributes["Token"] == token }) {
                guard existing.attributes == attributesGiven else {
                    throw SNSError.invalidParameter("Token", reason:
                        "Endpoint \(existing.arn) already exists with the same Token, but different attributes.")
                }
                return (existing.arn, [])
            }
            return (arn, [.putEndpoint(MobileEndpoint(arn: arn, applicationARN: application.arn, attributes: attributesGiven))])
        }
    }

    /// The endpoint an `EndpointArn` names, read as SNS reads it.
    func endpoint(_ arn: String, context: CallContext) throws(SNSError) -> MobileEndpoint {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6 else {
            throw SNSError.invalidParameter("EndpointArn", reason: "An ARN must have at least 6 elements, not \(parts.count)")
        }
        guard parts[5].split(separator: "/", omittingEmptySubsequences: false).count == 4 else {
            throw SNSError.invalidParameter("EndpointArn", reason: "Wrong number of slashes in relative portion of the ARN.")
        }
        guard let endpoint = registry.read({ $0.endpoints[arn] }), parts[4] == Substring(context.account.rawValue) else {
            throw SNSError(.notFound, "Endpoint does not exist")
        }
        return endpoint
    }

    public func endpointAttributes(arn: String, context: CallContext) throws(SNSError) -> [String: String] {
        try authorize("SNS:GetEndpointAttributes", resource: arn, policy: nil, context: context)
        return try endpoint(arn, context: context).attributes
    }

    public func setEndpointAttributes(arn: String, attributes: [String: String], context: CallContext) async throws {
        try authorize("SNS:SetEndpointAttributes", resource: arn, policy: nil, context: context)
        var found = try endpoint(arn, context: context)
        found.attributes.merge(try MobileEndpoint.checked(attributes)) { _, new in new }
        let updated = found
        try await registry.write { _ throws(SNSError) in ((), [.putEndpoint(updated)]) }
    }

    /// DeleteEndpoint: subscriptions to it stay (recorded from AWS). One that does not exist is no
    /// error.
    public func deleteEndpoint(arn: String, context: CallContext) async throws {
        try authorize("SNS:DeleteEndpoint", resource: arn, policy: nil, context: context)
        guard registry.read({ $0.endpoints[arn] }) != nil else { return }
        try await registry.write { _ throws(SNSError) in ((), [.deleteEndpoint(arn: arn)]) }
    }

    public func endpoints(applicationARN: String, nextToken: String?, context: CallContext) throws(SNSError) -> ([MobileEndpoint], String?) {
        try authorize("SNS:ListEndpointsByPlatformApplication", resource: applicationARN, policy: nil, context: context)
        let application = try application(applicationARN, context: context)
        let all = registry.read { state in state.endpoints.values.filter { $0.applicationARN == application.arn } }.sorted { $0.arn < $1.arn }
        return try Self.pageByARN(all, arn: \.arn, after: nextToken)
    }

    /// Publish to an endpoint (`TargetArn`): to the local inbox, the platform's entry of a
    /// structured message or its default. Recorded from AWS: an unknown target is "No endpoint
    /// found for the target arn specified"; a disabled endpoint answers `EndpointDisabled`.
    public func publish(toEndpoint arn: String, _ message: PublishedMessage, context: CallContext) async throws -> PublishReceipt {
        try authorize("SNS:Publish", resource: arn, policy: nil, context: context)
        guard let endpoint = registry.read({ $0.endpoints[arn] }),
              let application = registry.read({ $0.applications[endpoint.applicationARN] }) else {
            throw SNSError.invalidParameter("TargetArn", reason: "No endpoint found for the target arn specified")
        }
        guard endpoint.isEnabled else { throw SNSError(.endpointDisabled, "Endpoint is disabled") }
        let structured = try PublishRules.check(message, fifo: false, contentBasedDeduplication: false)
        let messageID = uuid()
        try await delivery.inbox?.deliver([InboxMessage(
            deliveryProtocol: "application", endpoint: arn, topicARN: nil, subscriptionARN: nil, messageType: "Notification",
            messageID: messageID, subject: nil, body: structured?[application.platform] ?? structured?["default"] ?? message.message,
            timestamp: now())])
        return PublishReceipt(messageID: messageID, sequenceNumber: nil)
    }

    static func pageByARN<T>(_ all: [T], arn: KeyPath<T, String>, after token: String?) throws(SNSError) -> ([T], String?) {
        var after: String?
        if let token {
            guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8) else {
                throw SNSError.invalidParameter("NextToken")
            }
            after = text
        }
        let rest = all.filter { after == nil || $0[keyPath: arn] > after! }
        let page = Array(rest.prefix(pageSize))
        return (page, rest.count > page.count ? page.last.map { Data($0[keyPath: arn].utf8).base64EncodedString() } : nil)
    }
}
