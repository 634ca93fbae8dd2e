import Foundation
import ServiceCalls

/// Looks up the management events of the caller's account in the request's region, newest first:
/// "who used this key, when, from where" (kms-developer-guide.md, Determining Past Usage).
///
/// Unlike AWS, whose events appear within minutes, every call made before this one is included:
/// the trail is flushed first.
public enum LookupEvents: CloudTrailOperation {
    public static let name = "LookupEvents"
    static let defaultMaxResults = 50

    public static func perform(_ input: LookupEventsRequest, context: CallContext,
                               service trail: AuditTrail) async throws -> LookupEventsResponse {
        try context.authorizeCloudTrail("cloudtrail:LookupEvents")
        if let start = input.startTime, let end = input.endTime, start > end {
            throw CloudTrailError(.invalidTimeRange, "Start time must be before the end time.")
        }
        let attribute = try attribute(of: input.lookupAttributes)
        var after: (time: Date, sequence: Int64)?
        if let token = input.nextToken {
            guard let parsed = parseToken(token) else { throw CloudTrailError(.invalidNextToken, "Invalid NextToken.") }
            after = parsed
        }
        // Arca records management events only; there are no Insights events.
        if input.eventCategory == .insight { return LookupEventsResponse(events: []) }
        let limit = input.maxResults ?? defaultMaxResults
        try await trail.ingest()
        let found = try await trail.store.lookup(AuditQuery(
            account: context.caller.principal.account.rawValue, region: context.region, startTime: input.startTime,
            endTime: input.endTime, attribute: attribute, limit: limit + 1, after: after))
        let page = found.prefix(limit)
        let next = found.count > limit ? page.last.map { token(time: $0.eventTime, sequence: $0.sequence) } : nil
        return LookupEventsResponse(events: page.map(event), nextToken: next)
    }

    static func event(_ record: StoredAuditRecord) -> Event {
        Event(eventId: record.eventID, eventName: record.eventName, readOnly: record.readOnly ? "true" : "false",
              accessKeyId: record.accessKeyID, eventTime: record.eventTime, eventSource: record.eventSource,
              username: record.userName,
              resources: record.resources.map { Resource(resourceType: $0.type, resourceName: $0.arn) },
              cloudTrailEvent: record.json)
    }

    /// "Currently the list can contain only one item."
    static func attribute(of attributes: [LookupAttribute]?) throws(CloudTrailError) -> AuditQuery.Attribute? {
        guard let attributes, !attributes.isEmpty else { return nil }
        guard attributes.count == 1, let attribute = attributes.first else {
            throw CloudTrailError(.invalidLookupAttributes, "You can only specify one lookup attribute.")
        }
        let value = attribute.attributeValue
        switch attribute.attributeKey {
        case .eventId: return .eventID(value)
        case .eventName: return .eventName(value)
        case .readOnly:
            guard value == "true" || value == "false" else {
                throw CloudTrailError(.invalidLookupAttributes, "ReadOnly must be true or false.")
            }
            return .readOnly(value == "true")
        case .username: return .userName(value)
        case .resourceType: return .resourceType(value)
        case .resourceName: return .resourceName(value)
        case .eventSource: return .eventSource(value)
        case .accessKeyId: return .accessKeyID(value)
        }
    }

    static func token(time: Date, sequence: Int64) -> String {
        Data("\(time.timeIntervalSince1970):\(sequence)".utf8).base64EncodedString()
    }

    static func parseToken(_ token: String) -> (time: Date, sequence: Int64)? {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: ":")
        guard parts.count == 2, let seconds = Double(parts[0]), let sequence = Int64(parts[1]) else { return nil }
        return (Date(timeIntervalSince1970: seconds), sequence)
    }
}
