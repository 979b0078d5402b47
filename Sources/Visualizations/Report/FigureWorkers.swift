import Foundation

/// Runs one job per index on a few background threads and hands the results back in index
/// order, so a report draws figures on every core while its progress stays in page order.
///
/// Workers take the next index as they become free; ``result(_:)`` waits for one index. After
/// ``cancel()`` no new job starts, and ``finish()`` waits for the running ones, so nothing keeps
/// writing into a folder the caller is about to discard.
final class FigureWorkers<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private let job: @Sendable (Int) throws -> Value
    // Guarded by `condition`.
    private var next = 0
    private var running = 0
    private var cancelled = false
    private var results: [Int: Result<Value, any Error>] = [:]

    /// Starts `workers` threads (at least 1) running `job` for every index in `0 ..< count`.
    init(count: Int, workers: Int, job: @escaping @Sendable (Int) throws -> Value) {
        self.count = count
        self.job = job
        let threads = max(1, min(workers, count))
        running = threads
        for _ in 0..<threads {
            DispatchQueue.global(qos: .userInitiated).async { self.work() }
        }
    }

    private func work() {
        while let index = take() {
            let result = Result { try job(index) }
            condition.lock()
            results[index] = result
            if case .failure = result { cancelled = true }
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// The next index to run, or nil when all are taken or the run was cancelled.
    private func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard !cancelled, next < count else { return nil }
        next += 1
        return next - 1
    }

    /// The value for `index`, waiting until it is computed; rethrows the job's error.
    func result(_ index: Int) throws -> Value {
        condition.lock()
        defer { condition.unlock() }
        while results[index] == nil {
            // A failure elsewhere stops the workers before `index` may have started.
            if cancelled, running == 0 { throw CancellationError() }
            condition.wait()
        }
        guard let result = results.removeValue(forKey: index) else { throw CancellationError() }
        return try result.get()
    }

    /// Stops starting new jobs.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.unlock()
    }

    /// Waits until every worker thread has stopped.
    func finish() {
        condition.lock()
        while running > 0 { condition.wait() }
        condition.unlock()
    }
}
