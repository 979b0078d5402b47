import Foundation
import Testing
@testable import Visualizations

/// The report's figure workers: results in page order whatever order they ran in, and a
/// failure anywhere surfaces as itself, with no new job started after it.
@Suite struct FigureWorkersTests {
    private struct Boom: Error, Equatable { let index: Int }

    @Test("every index's result comes back, in order, from 1, 2 and 3 workers")
    func resultsInOrder() throws {
        for workers in 1...3 {
            let pool = FigureWorkers(count: 25, workers: workers) { index in index * index }
            let values = try (0..<25).map { try pool.result($0) }
            pool.finish()
            #expect(values == (0..<25).map { $0 * $0 }, "\(workers) workers")
        }
    }

    @Test("a failing job's own error is thrown, even when waiting on an index that never ran")
    func failureSurfaces() throws {
        let started = StartedIndices()
        // The back worker starts at index 39 and fails at once; the front worker may only get
        // through a few indices before the run is cancelled.
        let pool = FigureWorkers(count: 40, workers: 2) { index in
            started.add(index)
            if index == 39 { throw Boom(index: index) }
            Thread.sleep(forTimeInterval: 0.02)
            return index
        }
        #expect(throws: Boom(index: 39)) { for i in 0..<40 { _ = try pool.result(i) } }
        pool.finish()
        #expect(started.count < 40, "jobs kept starting after the failure")
    }
}

/// Indices whose job started, recorded from worker threads.
private final class StartedIndices: @unchecked Sendable {
    private let lock = NSLock()
    private var indices: Set<Int> = []
    func add(_ index: Int) { lock.withLock { _ = indices.insert(index) } }
    var count: Int { lock.withLock { indices.count } }
}
