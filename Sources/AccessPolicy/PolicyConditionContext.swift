/// The value of one condition key in a request: a single string or a set of strings.
///
/// "*Single-valued* condition context keys have at most one value in the request context."
/// "*Multivalued* condition context keys can have multiple values in the request context."
/// (IAM User Guide, Single-valued vs. multivalued context keys). `kms:EncryptionContextKeys` and
/// `kms:GrantOperations` are multivalued; an empty set is read as a missing key.
public enum PolicyConditionValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    case single(String)
    case set([String])

    public init(stringLiteral value: String) {
        self = .single(value)
    }

    public init(arrayLiteral elements: String...) {
        self = .set(elements)
    }

    /// The values in order; one for `.single`.
    public var values: [String] {
        switch self {
        case .single(let value): [value]
        case .set(let values): values
        }
    }

    /// The value a policy variable is replaced with: only single values can be substituted.
    ///
    /// "You can use any single-valued context key as a policy variable, but you can't use a
    /// multivalued context key as a policy variable." (IAM User Guide, Single-valued vs.
    /// multivalued context keys)
    var singleValue: String? {
        if case .single(let value) = self { return value }
        return nil
    }
}

/// The condition keys of a request and their values, looked up without regard to case.
///
/// "Condition key names are not case-sensitive." (IAM JSON policy elements: Condition). Keys are
/// stored lowercased, so a lookup by a policy's pre-lowercased key allocates nothing.
public struct PolicyConditionContext: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    private var storage: [String: PolicyConditionValue]

    public init() {
        storage = [:]
    }

    public init(dictionaryLiteral elements: (String, PolicyConditionValue)...) {
        storage = [:]
        for (key, value) in elements {
            self[key] = value
        }
    }

    /// The value of `key`, in any spelling of its case; setting `nil` removes it.
    public subscript(key: String) -> PolicyConditionValue? {
        get { storage[key.lowercased()] }
        set { storage[key.lowercased()] = newValue }
    }

    /// Sets a key the caller already spells in lowercase (a literal such as `"kms:keyspec"`), so
    /// the hot path lowercases nothing.
    public mutating func set(lowercasedKey key: String, _ value: PolicyConditionValue) {
        assert(key == key.lowercased(), "\(key) is not lowercase")
        storage[key] = value
    }

    /// Makes room for `count` keys, so a context built key by key is allocated once.
    public mutating func reserveCapacity(_ count: Int) {
        storage.reserveCapacity(count)
    }

    /// Adds every key of `other`, replacing those already present, without lowercasing again.
    public mutating func merge(_ other: PolicyConditionContext) {
        // Grown once: merging key by key would resize the table several times per decision.
        storage.reserveCapacity(storage.count + other.storage.count)
        storage.merge(other.storage) { _, new in new }
    }

    /// Every key, lowercased.
    public var keys: Dictionary<String, PolicyConditionValue>.Keys { storage.keys }

    /// The values of a key that is already lowercased, or `nil` when it is missing or an empty set.
    func values(forLowercasedKey key: String) -> PolicyConditionValue? {
        guard let value = storage[key] else { return nil }
        if case .set(let values) = value, values.isEmpty { return nil }
        return value
    }
}
