import Synchronization

/// Bounds the memory that request bodies hold at once, across every connection.
///
/// A body is read only after its headers pass the signature's checks that need no body (a known
/// access key, a current date), but a client that knows a public access key id (the default
/// `test`) could still open many connections and send a 1 MiB body on each. Each request reserves
/// its declared `Content-Length` (the most a body may be if it declares none) before its body is
/// read, and gives it back when it is answered; a request that does not fit is refused at once
/// with HTTP 503, which SDKs retry.
final class RequestBodyBudget: Sendable {
    let limit: Int
    private let reserved = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Reserves `bytes`; false, reserving nothing, if that would pass the limit.
    func reserve(_ bytes: Int) -> Bool {
        var current = reserved.load(ordering: .relaxed)
        while true {
            guard bytes <= limit - current else { return false }
            let (exchanged, original) = reserved.compareExchange(expected: current, desired: current + bytes,
                                                                 ordering: .acquiringAndReleasing)
            if exchanged { return true }
            current = original
        }
    }

    func release(_ bytes: Int) {
        reserved.subtract(bytes, ordering: .acquiringAndReleasing)
    }

    /// Bytes reserved now.
    var inUse: Int { reserved.load(ordering: .relaxed) }
}
