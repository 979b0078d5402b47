import Foundation

/// Runs one job per index on a few background threads and hands the results back in index
/// order, so a report draws figures on every core while its progress stays in page order.
///
/// Workers take the next index as they become free: even-numbered workers from the front of the
/// list, odd-numbered ones from the back, so a slow job near the end (the logit lens) starts
/// early rather than running alone after everything else. ``result(_:)`` waits for one index. After
/// ``cancel()`` no new job starts, and ``finish()`` waits for the running ones, so nothing keeps
/// writing into a folder the caller is about to discard.
final class FigureWorkers<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let job: @Sendable (Int) throws -> Value
    // Guarded by `condition`.
    private var front = 0
    private var back: Int
    private var running = 0
    private var cancelled = false
    private var results: [Int: Result<Value, any Error>] = [:]
    private var firstFailure: (any Error)?

    /// Starts `workers` threads (at least 1) running `job` for every index in `0 ..< count`.
    init(count: Int, workers: Int, job: @escaping @Sendable (Int) throws -> Value) {
        self.job = job
        back = count - 1
        let threads = max(1, min(workers, count))
        running = threads
        for worker in 0..<threads {
            DispatchQueue.global(qos: .userInitiated).async { self.work(fromBack: worker % 2 == 1) }
        }
    }

    private func work(fromBack: Bool) {
        while let index = take(fromBack: fromBack) {
            let result = Result { try job(index) }
            condition.lock()
            results[index] = result
            if case .failure(let error) = result {
                cancelled = true
                if firstFailure == nil { firstFailure = error }
            }
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// The next index to run from the front or the back, or nil when all are taken or the run
    /// was cancelled.
    private func take(fromBack: Bool) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard !cancelled, front <= back else { return nil }
        if fromBack {
            back -= 1
            return back + 1
        }
        front += 1
        return front - 1
    }

    /// The value for `index`, waiting until it is computed; rethrows the job's error.
    func result(_ index: Int) throws -> Value {
        condition.lock()
        defer { condition.unlock() }
        while results[index] == nil {
            // A failure elsewhere stopped the workers before `index` started: report that failure.
            if cancelled, running == 0 { throw firstFailure ?? CancellationError() }
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
