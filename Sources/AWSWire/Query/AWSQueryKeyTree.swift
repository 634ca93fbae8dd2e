/// The parameters of a query request as a tree of their dot-separated name segments.
///
/// `Tags.member.1.Key=a` becomes `Tags → member → 1 → Key = "a"`, so the decoder finds a list's
/// elements or a structure's members by looking at one node's children instead of scanning every
/// name. A name of more than ``maximumDepth`` segments matches no shape of an AWS query model and
/// is ignored like any unknown parameter, so a hostile name cannot build (and later release,
/// recursively) a chain of nodes deep enough to exhaust the stack.
final class AWSQueryKeyTree {
    static let maximumDepth = 64

    /// The value of the parameter whose name ends here, if one does.
    private(set) var value: String?
    private(set) var children: [Substring: AWSQueryKeyTree] = [:]

    init(_ parameters: [String: String]) {
        for (name, value) in parameters {
            let segments = name.split(separator: ".", maxSplits: Self.maximumDepth, omittingEmptySubsequences: false)
            guard segments.count <= Self.maximumDepth else { continue }
            var node = self
            for segment in segments {
                if let child = node.children[segment] {
                    node = child
                } else {
                    let child = AWSQueryKeyTree()
                    node.children[segment] = child
                    node = child
                }
            }
            node.value = value
        }
    }

    private init() {}

    subscript(segment: String) -> AWSQueryKeyTree? { children[Substring(segment)] }

    /// The children named by a 1-based index (`1`, `2`, … without leading zeros), in index order.
    ///
    /// Other children are not elements and are ignored like any unknown parameter. Gaps are
    /// closed up: AWS's own clients number from 1 without gaps, and ordering by index never lets
    /// a huge index allocate anything.
    var indexedChildren: [AWSQueryKeyTree] {
        children.compactMap { segment, child -> (Int, AWSQueryKeyTree)? in
            guard let first = segment.utf8.first, first != UInt8(ascii: "0"), segment.utf8.count <= 9,
                segment.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                let index = Int(segment)
            else { return nil }
            return (index, child)
        }
        .sorted { $0.0 < $1.0 }
        .map(\.1)
    }
}
