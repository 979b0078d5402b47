import Testing
@testable import Visualizations

/// The report's task group: never more than `width` jobs at once, results taken in by the
/// caller (so order is the caller's choice), unlocked jobs run, and the first failure cancels
/// the rest and is the error thrown. No timing: jobs yield instead of sleeping.
@Suite struct BoundedTaskGroupTests {
    private struct Boom: Error, Equatable { let index: Int }

    /// Counts jobs inside their body at the same time, and which jobs started.
    private actor Gauge {
        private(set) var running = 0
        private(set) var most = 0
        private(set) var started: [Int] = []
        func enter(_ index: Int) {
            running += 1
            most = max(most, running)
            started.append(index)
        }
        func leave() { running -= 1 }
    }

    /// A job that stays inside its body across several suspension points, so jobs started
    /// together overlap in the gauge.
    private static func job(_ index: Int, _ gauge: Gauge) -> BoundedTaskGroup.Job<(Int, Int)> {
        {
            await gauge.enter(index)
            for _ in 0..<20 { await Task.yield() }
            await gauge.leave()
            return (index, index * index)
        }
    }

    @Test("at most width jobs run at once; every result comes back once, placed by index", arguments: [1, 2, 3, 8])
    func bounded(width: Int) async throws {
        let gauge = Gauge()
        var squares = [Int?](repeating: nil, count: 30)
        try await BoundedTaskGroup.run(width: width, jobs: (0..<30).map { Self.job($0, gauge) }) { index, square in
            #expect(squares[index] == nil, "job \(index) delivered twice")
            squares[index] = square
            return []
        }
        #expect(squares == (0..<30).map { $0 * $0 })
        let most = await gauge.most
        #expect(most >= 1 && most <= width, "\(most) jobs ran at once with width \(width)")
        // Queued jobs start in order (only width 1 fixes the order of whole runs).
        if width == 1 { #expect(await gauge.started == Array(0..<30)) }
    }

    @Test("jobs a result unlocks run too, ahead of the jobs still waiting")
    func unlockedJobs() async throws {
        var order: [Int] = []
        // Width 1: the jobs run one after the other, so the order is fixed.
        func job(_ value: Int) -> BoundedTaskGroup.Job<Int> { { value } }
        try await BoundedTaskGroup.run(width: 1, jobs: [job(0), job(1), job(2)]) { value in
            order.append(value)
            return value == 0 ? [job(10), job(11)] : value == 10 ? [job(100)] : []
        }
        #expect(order == [0, 10, 100, 11, 1, 2])
    }

    @Test("a failing job's own error is thrown, the running job is cancelled, no later job starts")
    func failure() async {
        let gauge = Gauge()
        // Job 0 runs until it is cancelled; job 1 fails at once; jobs 2… must never start.
        var jobs: [BoundedTaskGroup.Job<Int>] = [
            {
                await gauge.enter(0)
                while !Task.isCancelled { await Task.yield() }
                await gauge.leave()
                throw CancellationError()
            },
            {
                await gauge.enter(1)
                // Fail only once job 0 is inside its body, so that it is running when cancelled.
                while await !gauge.started.contains(0) { await Task.yield() }
                throw Boom(index: 1)
            },
        ]
        for index in 2..<40 {
            jobs.append { await gauge.enter(index); return index }
        }
        await #expect(throws: Boom(index: 1)) {
            try await BoundedTaskGroup.run(width: 2, jobs: jobs) { _ in [] }
        }
        #expect(await gauge.started.sorted() == [0, 1])
        // Job 0 had left its body (been cancelled and returned) before `run` threw.
        #expect(await gauge.running == 1)   // job 1 entered and threw without leaving
    }

    @Test("an error thrown while taking in a result stops the run and is the one thrown")
    func receiveFailure() async {
        let gauge = Gauge()
        let jobs: [BoundedTaskGroup.Job<Int>] = (0..<10).map { index in { await gauge.enter(index); return index } }
        await #expect(throws: Boom(index: 0)) {
            try await BoundedTaskGroup.run(width: 1, jobs: jobs) { value in throw Boom(index: value) }
        }
        #expect(await gauge.started == [0])
    }

    @Test("a cancelled caller starts nothing")
    func cancelledCaller() async {
        let gauge = Gauge()
        let jobs: [BoundedTaskGroup.Job<Int>] = (0..<5).map { index in { await gauge.enter(index); return index } }
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await BoundedTaskGroup.run(width: 2, jobs: jobs) { _ in [] }
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(await gauge.started.isEmpty)
    }
}
