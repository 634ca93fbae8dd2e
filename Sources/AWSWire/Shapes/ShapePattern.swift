import Foundation

/// A `pattern` constraint of the service model, compiled once.
///
/// Service-model patterns are Java regular expressions matched against the whole value (AWS's
/// validators use `Pattern.matches`); the ICU engine behind `NSRegularExpression` understands the
/// `\uXXXX` escapes they use.
public struct ShapePattern: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable after creation and documented thread-safe.
    public let source: String
    private let regex: NSRegularExpression?

    public init(_ source: String) {
        self.source = source
        var anchored = source
        if !anchored.hasPrefix("^") { anchored = "^(?:" + anchored + ")" }
        if !anchored.hasSuffix("$") { anchored += "$" }
        self.regex = try? NSRegularExpression(pattern: anchored)
    }

    /// Whether the whole value matches; a pattern the engine cannot compile constrains nothing.
    public func matches(_ value: String) -> Bool {
        guard let regex else { return true }
        let range = NSRange(value.startIndex..<value.endIndex, in: value)
        return regex.firstMatch(in: value, options: [.anchored], range: range) != nil
    }
}
