import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits loops over rows across the cores, but only when the work is large enough to pay for it.
public enum Parallel {
    /// Number of chunks worth using; at least 1.
    public static var coreCount: Int { max(1, ProcessInfoShim.activeProcessorCount) }

    /// Calls `body` on disjoint sub-ranges covering `0 ..< count`, in parallel when the total
    /// work (`count * costPerItem`, roughly in scalar operations) exceeds a threshold.
    public static func forEachRange(
        _ count: Int, costPerItem: Int = 1, _ body: @Sendable (Range<Int>) -> Void
    ) {
        guard count > 0 else { return }
        // Below ~64k scalar ops a thread hop costs more than it saves.
        let chunks = isSerial ? 1 : min(count, coreCount, max(1, count * costPerItem / 65_536))
        if chunks <= 1 {
            body(0 ..< count)
            return
        }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            body(count * chunk / chunks ..< count * (chunk + 1) / chunks)
        }
    }

    /// Calls `body(i)` for `i` in `0 ..< count` concurrently (for a few large, equal pieces of work).
    public static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
        if count == 1 || isSerial {
            for i in 0 ..< count { body(i) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }

    /// Runs `body` with every TensorCore kernel it calls on the calling thread alone.
    ///
    /// For work that already runs beside other busy threads (a report draws figures on every
    /// core while the logit lens and the generation run in the background): splitting it over
    /// the cores as well only adds thread hand-offs and, for memory-bound generation steps,
    /// cores waiting on the same memory. Nests; the previous mode is restored afterwards.
    public static func serially<R>(_ body: () throws -> R) rethrows -> R {
        let previous = pthread_getspecific(serialKey)
        pthread_setspecific(serialKey, UnsafeRawPointer(bitPattern: 1))
        defer { pthread_setspecific(serialKey, previous) }
        return try body()
    }

    /// Whether the calling thread is inside ``serially(_:)``.
    public static var isSerial: Bool { pthread_getspecific(serialKey) != nil }

    /// The thread-specific flag behind ``serially(_:)`` (created once, never deleted).
    private static let serialKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
}

import Foundation

/// Isolates the Foundation dependency for the core count.
enum ProcessInfoShim {
    static let activeProcessorCount = ProcessInfo.processInfo.activeProcessorCount
}
