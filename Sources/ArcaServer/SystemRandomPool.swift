#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Random bytes from the operating system's CSPRNG, fetched a block at a time.
///
/// swift-crypto's key generation on Linux asks `SystemRandomNumberGenerator` for eight bytes per
/// call, which is one `getrandom` system call each: a nonce and an event id cost four calls per
/// request (`perf` put them at ~5 µs of an Encrypt). The pool fills 4 KiB with sixteen calls of
/// `getentropy` (256 bytes each, its limit) and hands out slices, each byte once; a served slice
/// is zeroed in the pool, so bytes already handed out (nonces, data keys) do not stay behind in it.
final class SystemRandomPool: Sendable {
    static let blockSize = 4096

    private struct State {
        var block = [UInt8](repeating: 0, count: SystemRandomPool.blockSize)
        var next = SystemRandomPool.blockSize
    }

    private let state = Mutex(State())

    func bytes(_ count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        // A request larger than a block (never made on the hot path) is served by itself.
        guard count <= Self.blockSize else { return Self.fill(count: count) }
        return state.withLock { state in
            if state.next + count > Self.blockSize {
                state.block.withUnsafeMutableBytes { Self.fill($0) }
                state.next = 0
            }
            let range = state.next..<(state.next + count)
            let served = Array(state.block[range])
            state.block.withUnsafeMutableBytes { buffer in
                _ = buffer[range].initializeMemory(as: UInt8.self, repeating: 0)
            }
            state.next += count
            return served
        }
    }

    private static func fill(count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { fill($0) }
        return bytes
    }

    /// Fills `buffer` from the kernel's CSPRNG (`getentropy`, which blocks only until the kernel's
    /// generator is first seeded and then never fails for lengths up to 256).
    private static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        var filled = 0
        while filled < buffer.count {
            let length = min(256, buffer.count - filled)
            guard getentropy(buffer.baseAddress! + filled, length) == 0 else {
                fatalError("getentropy failed with errno \(errno): no secure randomness")
            }
            filled += length
        }
    }
}
