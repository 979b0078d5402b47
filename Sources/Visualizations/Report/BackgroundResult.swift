import Foundation

/// A value computed on a background thread, started at once and waited for on first use.
final class BackgroundResult<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Value?

    /// Starts `work` on a global queue.
    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = work()
            self.done.signal()
        }
    }

    /// The value, waiting for the work to finish (re-signalled so later reads do not block).
    var value: Value {
        done.wait()
        done.signal()
        // The semaphore orders the worker's write before this read; the worker always writes.
        guard let result else { preconditionFailure("BackgroundResult signalled without a value") }
        return result
    }
}
