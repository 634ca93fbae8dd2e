import Crypto
import Synchronization

/// Reproducible "random" bytes: SHA-256 of a seed and a counter.
///
/// Tests that need to know which bytes became key material or a nonce use this, and can
/// regenerate the same stream from the same seed.
public final class SeededRandom: Sendable {
    private let state: Mutex<(seed: [UInt8], counter: UInt64, buffer: [UInt8])>

    public init(seed: String = "arca-tests") {
        state = Mutex((Array(seed.utf8), 0, []))
    }

    public func bytes(_ count: Int) -> [UInt8] {
        state.withLock { state in
            while state.buffer.count < count {
                var block = state.seed
                withUnsafeBytes(of: state.counter.bigEndian) { block.append(contentsOf: $0) }
                state.counter += 1
                state.buffer.append(contentsOf: SHA256.hash(data: block))
            }
            let out = Array(state.buffer.prefix(count))
            state.buffer.removeFirst(count)
            return out
        }
    }
}
