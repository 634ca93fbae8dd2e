import AccessPolicy
import Foundation
import Identity

/// One call as the service serving it sees it: who makes it, from where, and on whose behalf.
///
/// Every service's operations take this one context, whether the call came over HTTP signed
/// with SigV4 or from another service inside Arca (``ServiceClient``).
public struct CallContext: Sendable {
    public var caller: Caller
    /// The region of the call: the SigV4 credential scope's, or the calling service's.
    public var region: String
    public var requestID: String
    /// The caller's IP address (`aws:SourceIp`); nil for a call a service makes.
    public var sourceIP: String?
    public var userAgent: String?
    /// The access key that signed the request; nil for a call made in-process.
    public var accessKeyID: String?
    /// The host, with its port, the request was sent to (its `Host` header): what SQS builds the
    /// queue URLs it answers with. Nil for a call made in-process.
    public var host: String?
    /// The service through which the caller made this call, for a call a service makes *on a
    /// caller's behalf* (SQS calling KMS for the sender of a message).
    public var viaService: AWSServiceName?
    /// For a call made *as a service principal* for a resource (SNS delivering into a queue as
    /// `sns.amazonaws.com`): that resource, `aws:SourceArn` and `aws:SourceAccount`.
    public var sourceResource: SourceResource?
    /// What the call contributes to its audit record while it is served.
    public let notes: CallNotes

    public init(caller: Caller, region: String, requestID: String, sourceIP: String? = nil, userAgent: String? = nil,
                accessKeyID: String? = nil, host: String? = nil, viaService: AWSServiceName? = nil,
                sourceResource: SourceResource? = nil, notes: CallNotes = CallNotes()) {
        self.caller = caller
        self.region = region
        self.requestID = requestID
        self.sourceIP = sourceIP
        self.userAgent = userAgent
        self.accessKeyID = accessKeyID
        self.host = host
        self.viaService = viaService
        self.sourceResource = sourceResource
        self.notes = notes
    }

    /// The caller's account: where new resources go and bare names are looked up.
    public var account: AccountID { caller.principal.account }

    /// The same caller making a call through `service` on its behalf: the call SQS makes to KMS
    /// for the sender of a message. It keeps the caller, its region and its request id, and has
    /// no source IP (AWS reports the service as its source), a fresh record of its own.
    public func via(_ service: AWSServiceName) -> CallContext {
        CallContext(caller: caller, region: region, requestID: requestID, sourceIP: nil,
                    userAgent: service.principal, accessKeyID: accessKeyID, host: host, viaService: service,
                    sourceResource: sourceResource)
    }

    /// The global condition keys of this call: the caller's, and `aws:CurrentTime`,
    /// `aws:EpochTime`, `aws:RequestedRegion`, `aws:SourceIp`, `aws:ViaAWSService`,
    /// `aws:SourceArn` and `aws:SourceAccount` where they apply.
    public func conditionKeys(at now: Date, clockText: CurrentTimeText) -> PolicyConditionContext {
        var keys = caller.principalConditions
        // The request's keys and those an operation merges in (encryption context, algorithm).
        keys.reserveCapacity(keys.keys.count + 12)
        let epoch = EpochSeconds.clamped(now)
        keys.set(lowercasedKey: "aws:epochtime", .single(String(epoch)))
        keys.set(lowercasedKey: "aws:currenttime", .single(clockText.text(forEpochSecond: epoch)))
        keys.set(lowercasedKey: "aws:requestedregion", .single(region))
        if let sourceIP { keys.set(lowercasedKey: "aws:sourceip", .single(sourceIP)) }
        // "aws:ViaAWSService … true when a service uses the principal's credentials to make a
        // request on its behalf" (IAM global condition context keys).
        keys.set(lowercasedKey: "aws:viaawsservice", .single(viaService == nil ? "false" : "true"))
        if let sourceResource {
            keys.set(lowercasedKey: "aws:sourcearn", .single(sourceResource.arn))
            keys.set(lowercasedKey: "aws:sourceaccount", .single(sourceResource.account.rawValue))
        }
        return keys
    }
}

/// An AWS service by the name its endpoints and principals carry (`sqs`, `sns`, `kms`).
public struct AWSServiceName: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The service principal, `sqs.amazonaws.com`: CloudTrail's `invokedBy` and
    /// `sourceIPAddress` of the calls it makes.
    public var principal: String { "\(rawValue).amazonaws.com" }

    /// The service endpoint of a region, `sqs.us-east-1.amazonaws.com`: the value of
    /// `kms:ViaService` for the calls it makes on a caller's behalf.
    public func endpoint(in region: String) -> String { "\(rawValue).\(region).amazonaws.com" }

    public var description: String { rawValue }
}

/// The resource a service principal acts for: `aws:SourceArn` and `aws:SourceAccount`, the
/// confused-deputy condition keys.
public struct SourceResource: Hashable, Sendable {
    public var arn: String
    public var account: AccountID

    public init(arn: String, account: AccountID) {
        self.arn = arn
        self.account = account
    }
}

extension CallContext {
    /// Why a service whose resources have their own policies (SQS queues, SNS topics) refuses
    /// this call `action` on `resource`, in AWS's wording; nil when it is allowed. Within the
    /// resource's account the caller's IAM policies or the resource policy may allow; across
    /// accounts both must; an explicit deny anywhere wins (``ResourcePolicyEvaluator``).
    public func refusal(of action: String, on resource: String, resourcePolicy: CompiledPolicy?, at now: Date,
                        clockText: CurrentTimeText) -> String? {
        let request = PolicyRequest(principal: caller.policyPrincipal, action: action, resource: resource,
                                    context: conditionKeys(at: now, clockText: clockText))
        return ResourcePolicyEvaluator.evaluate(request, resourcePolicy: resourcePolicy, identityPolicies: caller.policies)
            .accessDeniedMessage(for: request)
    }
}
