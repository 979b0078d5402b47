import GPTModel

/// Splits a sweep's resumed runs into batches small enough to keep memory bounded and large
/// enough that every matrix product sees hundreds of rows.
enum ResumedBatches {
    /// Rows per batch: past a few hundred rows `sgemm` runs near its peak, so more only costs memory.
    static let maxRows = 1024
    /// Bytes of keys and values the batch's runs may hold (each run has its own cache).
    static let maxCacheBytes = 256 << 20

    /// `body` on consecutive batches of `runs` (resumed runs of a `tokens`-long prompt on
    /// `model`), results concatenated in order.
    static func run<R>(_ runs: [ResumedRun], model: GPT, tokens t: Int, _ body: ([ResumedRun]) -> [R]) -> [R] {
        let c = model.configuration
        let cacheBytes = max(1, 2 * t * c.keyValueHeadCount * c.headWidth * c.layerCount * MemoryLayout<Float>.stride)
        let maxRuns = max(1, maxCacheBytes / cacheBytes)
        var results: [R] = [], batch: [ResumedRun] = [], rows = 0
        results.reserveCapacity(runs.count)
        for run in runs {
            let runRows = t - run.start
            if !batch.isEmpty, rows + runRows > maxRows || batch.count == maxRuns {
                results += body(batch)
                batch.removeAll(keepingCapacity: true)
                rows = 0
            }
            batch.append(run)
            rows += runRows
        }
        if !batch.isEmpty { results += body(batch) }
        return results
    }
}
