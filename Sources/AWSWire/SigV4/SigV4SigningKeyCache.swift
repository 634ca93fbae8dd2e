import Crypto
import Synchronization

/// A small bounded, thread-safe cache of derived SigV4 signing keys.
///
/// "kSecret = your secret access key; kDate = HMAC("AWS4" + kSecret, Date);
/// kRegion = HMAC(kDate, Region); kService = HMAC(kRegion, Service);
/// kSigning = HMAC(kService, "aws4_request")" (Calculate the signature, AWS SigV4
/// documentation). The key changes once a day per (secret, region, service), so four
/// HMACs per request become one dictionary lookup. The HMAC keyed with it is kept too, so
/// a request does not redo the key's inner and outer pads either. When full, the oldest
/// entry goes.
public final class SigV4SigningKeyCache: Sendable {
    struct Key: Hashable {
        var secret: String
        var date: String
        var region: String
        var service: String
    }

    struct Entry {
        var key: SymmetricKey
        /// An HMAC already keyed with `key`; a value type, so each request updates its own copy.
        var keyed: HMAC<SHA256>
    }

    struct State {
        var keys: [Key: Entry] = [:]
        /// Insertion order, as a ring: `order[next]` is the next to evict once full.
        var order: [Key] = []
        var next = 0
    }

    /// The most entries kept at once.
    public let capacity: Int
    private let state: Mutex<State>

    public init(capacity: Int = 256) {
        precondition(capacity > 0, "a signing key cache needs room for one key")
        self.capacity = capacity
        self.state = Mutex(State())
    }

    /// How many keys are cached now.
    public var count: Int { state.withLock { $0.keys.count } }

    /// The signing key for the scope, derived at most once while it stays cached.
    func signingKey(secret: String, date: Substring, region: Substring, service: Substring) -> SymmetricKey {
        entry(secret: secret, date: date, region: region, service: service).key
    }

    /// An HMAC-SHA256 keyed with the scope's signing key, ready to sign a string to sign.
    func signer(secret: String, date: Substring, region: Substring, service: Substring) -> HMAC<SHA256> {
        entry(secret: secret, date: date, region: region, service: service).keyed
    }

    private func entry(secret: String, date: Substring, region: Substring, service: Substring) -> Entry {
        let key = Key(secret: secret, date: String(date), region: String(region), service: String(service))
        if let cached = state.withLock({ $0.keys[key] }) { return cached }
        let derived = Self.derive(secret: secret, date: date, region: region, service: service)
        let entry = Entry(key: derived, keyed: HMAC<SHA256>(key: derived))
        state.withLock { state in
            guard state.keys[key] == nil else { return }
            if state.order.count < capacity {
                state.order.append(key)
            } else {
                state.keys[state.order[state.next]] = nil
                state.order[state.next] = key
                state.next = (state.next + 1) % capacity
            }
            state.keys[key] = entry
        }
        return entry
    }

    /// Derives kSigning from the secret and the credential scope.
    static func derive(secret: String, date: Substring, region: Substring, service: Substring) -> SymmetricKey {
        var step = hmac(SymmetricKey(data: Array(("AWS4" + secret).utf8)), date.utf8)
        step = hmac(step, region.utf8)
        step = hmac(step, service.utf8)
        return hmac(step, "aws4_request".utf8)
    }

    private static func hmac(_ key: SymmetricKey, _ message: some Sequence<UInt8>) -> SymmetricKey {
        SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(message), using: key))
    }
}
