import Testing
@testable import TensorCore

/// The memory estimate's arithmetic, the budget's bisection and the refusal, against hand-worked numbers.
struct MemoryBudgetTests {
    /// A forward pass of the 1-layer, 2-head test model (C 8, F 32, V 300) over n tokens:
    /// scores and pattern 4·2·2·n² = 16n², the rest 1,840n bytes (see GPTModelTests).
    static func pass(_ n: Int) -> MemoryEstimate {
        var e = MemoryEstimate(subject: "\(MemoryHint.grouped(n)) tokens")
        e.add("scores and pattern", 2, 2, n, n, bytesPerElement: 4)
        e.add("the rest", n, 1840, bytesPerElement: 1)
        return e
    }

    @Test func partsAreAddedInDouble() {
        #expect(Self.pass(60_000).bytes == 57_710_400_000)
        // Int.max² elements would trap as Int; as a Double it is just a huge request.
        var huge = MemoryEstimate(subject: "huge")
        huge.add("square", Int.max, Int.max, bytesPerElement: 4)
        #expect(huge.bytes.isFinite && huge.bytes > 3.4e38)
    }

    @Test func largestFindsTheBiggestSizeThatFits() {
        // 16n² + 1,840n ≤ 2³⁰: n = 8,134 gives 1,073,557,856; n = 8,135 gives 1,073,820,000.
        let budget = MemoryBudget(availableBytes: 0x1p30)
        #expect(budget.largest(upTo: 60_000, Self.pass) == 8134)
        #expect(budget.largest(upTo: 100, Self.pass) == 100)
        #expect(MemoryBudget(availableBytes: 100).largest(upTo: 60_000, Self.pass) == nil)
    }

    @Test func refusalCarriesTheEstimateTheAvailableMemoryAndTheHint() {
        var estimate = Self.pass(60_000)
        estimate.hints = [.fewerTokens(maximum: 8134)]
        let budget = MemoryBudget(availableBytes: 0x1p30)
        #expect(throws: MemoryError.exceedsAvailable(estimate: estimate, availableBytes: 0x1p30)) { try budget.check(estimate) }
        // 57,710,400,000 B / 2³⁰ = 53.75 GiB.
        #expect(MemoryError.exceedsAvailable(estimate: estimate, availableBytes: 0x1p30).description
            == "this needs about 53.7 GiB (60,000 tokens) but 1.0 GiB is available; use fewer tokens (at most 8,134)")
        try? MemoryBudget(availableBytes: 6e10).check(estimate)
        #expect(MemoryBudget(availableBytes: 6e10).fits(estimate))
    }

    @Test func bytesAreFormattedInBinaryUnits() {
        #expect(MemoryEstimate.format(512) == "512 B")
        #expect(MemoryEstimate.format(1536) == "1.5 KiB")
        #expect(MemoryEstimate.format(14.2 * 0x1p30) == "14.2 GiB")
        #expect(MemoryEstimate.format(0x1p40 * 2.5e7) == "2.5e+07 TiB")
    }

    @Test func availableMemoryIsReadFromMeminfo() {
        let meminfo = "MemTotal:       24576000 kB\nMemFree:         1000000 kB\nMemAvailable:   10240000 kB\nBuffers:  5 kB\n"
        #expect(MemoryBudget.memAvailableKiB(meminfo) == 10_240_000)
        #expect(MemoryBudget.memAvailableKiB("MemTotal: 5 kB\n") == nil)
        #expect(MemoryBudget.system().availableBytes > 0)
    }
}
