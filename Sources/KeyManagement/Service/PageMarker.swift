import Foundation

/// The opaque `Marker`/`NextMarker` of list operations: where the next page starts.
enum PageMarker {
    /// One page of `items` starting at `marker`, and the marker of the page after it, if any.
    static func page<T>(_ items: [T], limit: Int?, defaultLimit: Int, marker: String?) throws(KMSError) -> (page: ArraySlice<T>, next: String?) {
        var start = 0
        if let marker {
            guard let data = Data(base64Encoded: marker), let text = String(data: data, encoding: .utf8),
                  text.hasPrefix("offset:"), let offset = Int(text.dropFirst(7)), offset >= 0, offset <= items.count else {
                throw KMSError(.invalidMarker, "Invalid marker")
            }
            start = offset
        }
        let end = min(items.count, start + (limit ?? defaultLimit))
        let next = end < items.count ? Data("offset:\(end)".utf8).base64EncodedString() : nil
        return (items[start..<end], next)
    }
}
