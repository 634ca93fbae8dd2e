import Foundation
import ServiceCalls

/// The caller's queues in the region, by name, a page at a time when `MaxResults` is given.
///
/// "The response includes a maximum of 1,000 results. If you specify a value for the optional
/// QueueNamePrefix parameter, only queues with a name that begins with the specified value are
/// returned." "MaxResults – Maximum number of results to include in the response. Value range is
/// 1 to 1,000. You must set MaxResults to receive a value for NextToken in the response."
/// (ListQueues) The reasons for a refused MaxResults or NextToken are Arca's wording in AWS's
/// form, not recorded from AWS.
public enum ListQueues: SQSOperation {
    public static let name = "ListQueues"

    public static func perform(_ input: ListQueuesRequest, context: CallContext,
                               service sqs: QueueService) async throws -> ListQueuesResult {
        if let limit = input.maxResults, !(1...1_000).contains(limit) {
            throw SQSError.invalidParameterValue(String(limit), parameter: "MaxResults",
                                                 reason: "MaxResults must be an integer between 1 and 1000.")
        }
        var after: String?
        if let token = input.nextToken {
            guard let data = Data(base64Encoded: token), let name = String(data: data, encoding: .utf8), !name.isEmpty else {
                throw SQSError.invalidParameterValue(token, parameter: "NextToken", reason: "Invalid NextToken value.")
            }
            after = name
        }
        let (queues, more) = try sqs.listQueues(prefix: input.queueNamePrefix, after: after,
                                                limit: input.maxResults ?? 1_000, context: context)
        let next = input.maxResults != nil && more ? queues.last.map { Data($0.name.rawValue.utf8).base64EncodedString() } : nil
        return ListQueuesResult(queueUrls: queues.isEmpty ? nil : queues.map { $0.url(host: context.host) }, nextToken: next)
    }
}
