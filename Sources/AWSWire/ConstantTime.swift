/// Comparison of secrets (signatures, session tokens, receipt handles) that takes the same time
/// wherever they differ, so timing reveals nothing but the length.
public enum ConstantTime {
    public static func equal(_ expected: [UInt8], _ provided: some Collection<UInt8>) -> Bool {
        var difference: UInt8 = expected.count == provided.count ? 0 : 1
        var providedIndex = provided.startIndex
        for byte in expected {
            let other: UInt8
            if providedIndex != provided.endIndex {
                other = provided[providedIndex]
                providedIndex = provided.index(after: providedIndex)
            } else {
                other = 0
            }
            difference |= byte ^ other
        }
        return difference == 0
    }
}
