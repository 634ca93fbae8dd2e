import ServiceCalls

/// The rules every batch operation checks before any entry: "The maximum allowed individual
/// message size and the maximum total payload size (the sum of the individual lengths of all of
/// the batched messages) are both 256 KiB" (now 1 MiB), at most 10 entries, each with a distinct
/// id of alphanumeric characters, hyphens and underscores, at most 80 long. The messages are
/// recorded from AWS, but for the empty batch and the repeated id, worded after AWS's.
enum SQSBatch {
    static func check(ids: [String], entryShape: String) throws(SQSError) {
        guard !ids.isEmpty else {
            throw SQSError(.emptyBatchRequest, "There should be at least one \(entryShape) in the request.")
        }
        guard ids.count <= 10 else {
            throw SQSError(.tooManyEntriesInBatchRequest, "Maximum number of entries per request are 10. You have sent \(ids.count).")
        }
        for id in ids where !isValid(id) {
            throw SQSError(.invalidBatchEntryId, "A batch entry id can only contain alphanumeric characters, hyphens and underscores. "
                           + "It can be at most 80 letters long.")
        }
        var seen = Set<String>()
        for id in ids where !seen.insert(id).inserted {
            throw SQSError(.batchEntryIdsNotDistinct, "Id \(id) repeated.")
        }
    }

    static func isValid(_ id: String) -> Bool {
        (1...80).contains(id.utf8.count)
            && id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
    }

    /// A failed entry as the batch answers it.
    static func failure(_ id: String, _ error: SQSError) -> BatchResultErrorEntry {
        BatchResultErrorEntry(id: id, senderFault: error.code.httpStatusCode < 500, code: error.code.queryCode, message: error.message)
    }
}
