import Foundation

/// Paging of ListQueues and ListDeadLetterSourceQueues: "MaxResults – Maximum number of results
/// to include in the response. Value range is 1 to 1,000. You must set MaxResults to receive a
/// value for NextToken in the response." The token is the last name answered, base64-encoded.
///
/// The reasons for a refused MaxResults or NextToken are Arca's wording in AWS's form, not
/// recorded from AWS.
struct QueuePaging {
    /// Names after this one.
    var after: String?
    var limit: Int
    let paged: Bool

    init(maxResults: Int?, nextToken: String?) throws(SQSError) {
        if let maxResults, !(1...1_000).contains(maxResults) {
            throw SQSError.invalidParameterValue(String(maxResults), parameter: "MaxResults",
                                                 reason: "MaxResults must be an integer between 1 and 1000.")
        }
        if let nextToken {
            guard let data = Data(base64Encoded: nextToken), let name = String(data: data, encoding: .utf8), !name.isEmpty else {
                throw SQSError.invalidParameterValue(nextToken, parameter: "NextToken", reason: "Invalid NextToken value.")
            }
            after = name
        }
        limit = maxResults ?? 1_000
        paged = maxResults != nil
    }

    /// The token of the page after `page`, when there is one and the caller pages.
    func nextToken(after page: [QueueAddress], more: Bool) -> String? {
        guard paged, more, let last = page.last else { return nil }
        return Data(last.name.rawValue.utf8).base64EncodedString()
    }
}
