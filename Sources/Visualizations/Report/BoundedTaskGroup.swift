/// Runs jobs as child tasks of one throwing task group, at most `width` of them at a time.
///
/// Jobs start in the order they are queued. Each finished job's output is handed to `receive`,
/// on the calling task and in the order the jobs finish; `receive` keeps whatever state it needs
/// (no locks: it never runs concurrently with itself) and returns the jobs that output unlocked,
/// which start ahead of those still waiting. The first error, thrown by a job or by `receive`,
/// cancels the running jobs, starts no new one and is the error `run` throws, after every
/// running job has returned (a task group always waits for its children), so nothing a job
/// writes outlives the call.
///
/// ```swift
/// var squares = [Int](repeating: 0, count: 10)
/// try await BoundedTaskGroup.run(width: 2, jobs: (0..<10).map { i in { (i, i * i) } }) { i, square in
///     squares[i] = square
///     return []
/// }
/// ```
enum BoundedTaskGroup {
    /// One piece of work for ``run(width:jobs:receive:)``.
    typealias Job<Output> = @Sendable () async throws -> Output

    /// Runs `jobs`, and the jobs `receive` returns, with at most `width` (at least 1) running at once.
    static func run<Output: Sendable>(
        width: Int, jobs: [Job<Output>], receive: (Output) throws -> [Job<Output>]
    ) async throws {
        try await withThrowingTaskGroup(of: Output.self) { group in
            var waiting = jobs
            var running = 0
            while true {
                while running < max(1, width), !waiting.isEmpty {
                    // A cancelled caller (the user pressed ^C) starts nothing more.
                    try Task.checkCancellation()
                    let job = waiting.removeFirst()
                    group.addTask { try Task.checkCancellation(); return try await job() }
                    running += 1
                }
                guard let output = try await group.next() else { return }
                running -= 1
                waiting.insert(contentsOf: try receive(output), at: 0)
            }
        }
    }
}
