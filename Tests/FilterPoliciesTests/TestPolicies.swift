/// Policies too long to spell out, written as Python's `json.dumps` writes them.
enum Policy {
    /// `{"key": ["value0", "value1", …]}`.
    static func values(_ key: String, count: Int) -> String {
        "{\(list(key, count))}"
    }

    /// `{"key1": ["value0", …], "key2": ["value0", …]}`.
    static func values(_ first: String, count firstCount: Int, and second: String, count secondCount: Int) -> String {
        "{\(list(first, firstCount)), \(list(second, secondCount))}"
    }

    private static func list(_ key: String, _ count: Int) -> String {
        "\"\(key)\": [" + (0..<count).map { "\"value\($0)\"" }.joined(separator: ", ") + "]"
    }
}
