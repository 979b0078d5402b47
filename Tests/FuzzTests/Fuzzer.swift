import Foundation

/// Runs a fuzz target: `iterations` cases, each a mutation of one of the seeds, from a fixed
/// seed so a failure replays exactly. Every case must return or throw; a Swift trap ends the
/// test process (the case's seed is printed first, see ``FuzzWatchdog``), and a case that runs
/// past ``FuzzWatchdog/caseSeconds`` is reported as a hang and ends it too.
///
/// `GPTSCOPE_FUZZ_ITERATIONS` sets the count for a long run (the default keeps `swift test`
/// short); `GPTSCOPE_FUZZ_SEED` shifts the seed to explore new cases.
struct Fuzzer {
    /// What a run did.
    struct Outcome: CustomStringConvertible {
        var target: String
        var cases = 0
        var values = 0
        var errors = 0
        var description: String { "\(target): \(cases) cases, \(values) values, \(errors) errors, 0 crashes, 0 hangs" }
    }

    let target: String
    let iterations: Int
    let seed: UInt64

    /// Cases per target in `swift test`.
    static let defaultIterations = 2000

    init(_ target: String, iterations: Int = Fuzzer.defaultIterations) {
        self.target = target
        let environment = ProcessInfo.processInfo.environment
        self.iterations = environment["GPTSCOPE_FUZZ_ITERATIONS"].flatMap(Int.init) ?? iterations
        var seed: UInt64 = 0xC0FF_EE00
        for byte in target.utf8 { seed = seed &* 31 &+ UInt64(byte) }
        self.seed = seed &+ (environment["GPTSCOPE_FUZZ_SEED"].flatMap(UInt64.init) ?? 0)
    }

    /// Mutates `seeds` and hands each case to `body`; a thrown error is a clean refusal.
    func run(seeds: [[UInt8]], _ body: ([UInt8]) throws -> Void) -> Outcome {
        run { random in
            let base = random.pick(seeds)
            return random.chance(1, in: 20) ? base : FuzzMutator.mutate(base, &random)
        } body: { try body($0) }
    }

    /// Generates each case with `make` and hands it to `body`.
    func run<Input>(make: (inout FuzzRandom) -> Input, body: (Input) throws -> Void) -> Outcome {
        var outcome = Outcome(target: target)
        for index in 0 ..< iterations {
            var random = FuzzRandom(seed: seed &+ UInt64(index))
            let input = make(&random)
            FuzzWatchdog.shared.begin(target, case: index, describing: input)
            do {
                try body(input)
                outcome.values += 1
            } catch {
                outcome.errors += 1
            }
            FuzzWatchdog.shared.end(target)
            outcome.cases += 1
        }
        return outcome
    }
}

/// Watches running fuzz cases from its own thread: one that runs longer than `caseSeconds`
/// is a hang, reported with its target, case number and input, and the process is stopped
/// (a synchronous call cannot be interrupted).
final class FuzzWatchdog: @unchecked Sendable {
    static let shared = FuzzWatchdog()

    /// The bound on one case (generous: debug builds on a loaded machine, or under a sanitizer).
    static let caseSeconds: Double = ProcessInfo.processInfo.environment["GPTSCOPE_FUZZ_CASE_SECONDS"].flatMap(Double.init) ?? 30

    private struct Running {
        var index: Int
        var started: Date
        var input: Any
    }

    private let lock = NSLock()
    private var running: [String: Running] = [:]

    private init() {
        let thread = Thread { [unowned self] in
            while true {
                Thread.sleep(forTimeInterval: 1)
                self.check()
            }
        }
        thread.start()
    }

    /// Set `GPTSCOPE_FUZZ_TRACE=1` to print each case before it runs (to find the one a trap ended).
    private static let trace = ProcessInfo.processInfo.environment["GPTSCOPE_FUZZ_TRACE"] == "1"

    func begin(_ target: String, case index: Int, describing input: Any) {
        if Self.trace { FileHandle.standardError.write(Data("fuzz \(target) case \(index): \(Self.describe(input))\n".utf8)) }
        lock.withLock { running[target] = Running(index: index, started: Date(), input: input) }
    }

    /// Hex for bytes, the value otherwise; long inputs shortened.
    static func describe(_ input: Any) -> String {
        if let bytes = input as? [UInt8] {
            return bytes.count <= 4096 ? bytes.map { String($0, radix: 16) }.joined(separator: " ") : "\(bytes.count) bytes"
        }
        return String(String(describing: input).prefix(4096))
    }

    func end(_ target: String) {
        lock.withLock { running[target] = nil }
    }

    private func check() {
        let late = lock.withLock { running.filter { Date().timeIntervalSince($0.value.started) > Self.caseSeconds } }
        guard let (target, run) = late.first else { return }
        FileHandle.standardError.write(Data(
            "fuzz hang: \(target) case \(run.index) ran past \(Self.caseSeconds) s; input: \(Self.describe(run.input))\n".utf8))
        abort()
    }
}
