/// The canonical policy read token by token, as SNS's rule compiler reads it with a Jackson
/// `JsonParser`, so that a refusal can name the column Jackson would name.
///
/// Jackson's `getCurrentLocation()` is the column just past what the parser has consumed, and it
/// consumes in a particular way: reading a member name also reads the start of the member's value
/// (all of a number or literal, only the opening quote of a string), and a string's content is read
/// only when `getText()` asks for it or the next token is requested. Recorded refusals show each
/// case: `{"key":[{"suffix":100}]}` is refused at column 22 (after `100`), `{"key":{"suffix":"value"}}`
/// at column 19 (after the opening quote of `"value"`).
struct RuleReader {
    private let source: CanonicalPolicyText
    private var current = -1
    /// Jackson's `_inputPtr`: offset of the next code unit to read.
    private var pointer = 0
    /// Jackson's `_tokenIncomplete`: the current string's content is still unread.
    private var stringPending = false

    init(_ source: CanonicalPolicyText) {
        self.source = source
    }

    /// The current token; `nil` before the first and after the last.
    var token: RuleToken? {
        source.tokens.indices.contains(current) ? source.tokens[current] : nil
    }

    /// Advances as Jackson's `nextToken()` does and answers the new token's kind.
    @discardableResult
    mutating func next() -> RuleToken.Kind? {
        if let token, token.kind == .fieldName {
            // The value was read ahead with the name; only its kind is handed out now.
            current += 1
            return self.token?.kind
        }
        if stringPending, let token { pointer = token.end }
        stringPending = false
        current += 1
        guard let token else { return nil }
        switch token.kind {
        case .fieldName:
            let value = source.tokens[current + 1]
            stringPending = value.kind == .string
            pointer = stringPending ? value.start + 1 : value.end
        case .string:
            pointer = token.start + 1
            stringPending = true
        default:
            pointer = token.end
        }
        return token.kind
    }

    /// Jackson's `getText()`: reading a pending string consumes it.
    mutating func text() -> String {
        guard let token else { return "" }
        if stringPending, token.kind == .string {
            pointer = token.end
            stringPending = false
        }
        return token.text
    }

    /// The member name of the current `fieldName` token, as `getCurrentName()` gives it.
    var name: String { token?.text ?? "" }

    /// Jackson's column: one past the offset of the next code unit to read.
    var column: Int { pointer + 1 }

    /// The canonical policy text, as Jackson quotes it in a location.
    var sourceText: String { source.text }
}
