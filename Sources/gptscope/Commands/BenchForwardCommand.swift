import ArgumentParser
import Charts
import Foundation
import GPTModel
import TensorCore

/// `gptscope bench forward`: forward-pass and generation speed on a GPT-2-small-shaped model.
struct BenchForwardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forward",
        abstract: "Time the forward pass (recording off / every hook) and generation on a GPT-2-small shape.",
        discussion: """
        Writes a GPT-2-small-shaped checkpoint (124M parameters, random weights) to --dir (default: \
        a temporary folder; reused when it already holds one: any checkpoint GPTScope loads), loads it, and times the forward pass \
        at each --lengths T with recording off and with every hook recorded, then greedy generation \
        with the KV cache (--generate-tokens 0 skips it). Each time is the median of --repeat runs \
        after one warm-up (the JSON also gives the fastest run, the steadier figure on a busy \
        machine). Build with \
        -c release.

        Tests/Scripts/bench_forward.py runs Hugging Face transformers on the same checkpoint (eager \
        attention, float32, output_attentions and output_hidden_states, same thread count) and \
        prints both columns and the ratio.

        Examples:
          swift run -c release gptscope bench forward --dir output/bench-gpt2
          python3 Tests/Scripts/bench_forward.py --gptscope .build/release/gptscope --dir output/bench-gpt2
        """
    )

    @Option(help: "Where the random checkpoint lives (written if missing).")
    var dir: String?

    @Option(help: "Sequence lengths to time, comma-separated.")
    var lengths: String = "32,128,512,1024"

    @Option(help: "Timed runs per measurement (median reported).")
    var `repeat` = 3

    @Option(help: "Tokens to generate for the throughput measurement (0: skip it).")
    var generateTokens = 64

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1") }
        guard generateTokens == 0 || generateTokens >= 2 else {
            throw ValidationError("--generate-tokens must be 0 (skip) or at least 2 (the first token is the prompt's)")
        }
        guard parsedLengths.count > 0, parsedLengths.allSatisfy({ $0 >= 1 && $0 <= 1024 }) else {
            throw ValidationError("--lengths must be comma-separated integers in 1...1024")
        }
    }

    var parsedLengths: [Int] { lengths.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run() throws {
        let folder = dir.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-bench-gpt2")
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("model.safetensors").path) {
            Console.note("writing a GPT-2-small-shaped random checkpoint to \(folder.path) …")
            try RandomCheckpoint.write(GPTConfiguration(name: "gpt2-random"), to: folder)
        }
        Console.note("loading …")
        let loadStart = DispatchTime.now()
        let model = try GPT.load(directory: folder)
        let loadSeconds = seconds(since: loadStart)
        var generator = SplitMix64(seed: 1)
        var rows: [BenchForwardDocument.Row] = []
        for t in parsedLengths {
            let tokens = (0 ..< t).map { _ in Int(generator.next() % UInt64(model.configuration.vocabularySize)) }
            // (median, fastest) in ms and the bytes recorded, with recording off and with every hook.
            var measured: [(median: Double, fastest: Double, cacheBytes: Int)] = []
            for (label, filter) in [("off", HookFilter.none), ("all_hooks", HookFilter.all)] {
                Console.note("T = \(t), recording \(label == "off" ? "off" : "every hook") …")
                var cacheBytes = 0
                let times = try (0 ... `repeat`).map { _ -> Double in
                    let start = DispatchTime.now()
                    let (_, cache) = try model.run(tokens, hooks: filter, maxCacheBytes: Int.max)
                    cacheBytes = cache.byteCount
                    return seconds(since: start)
                }.dropFirst()   // the first run is a warm-up
                measured.append((median(Array(times)) * 1000, (times.min() ?? 0) * 1000, cacheBytes))
            }
            rows.append(BenchForwardDocument.Row(
                tokens: t, offMilliseconds: measured[0].median, offMinimumMilliseconds: measured[0].fastest,
                allHooksMilliseconds: measured[1].median, allHooksMinimumMilliseconds: measured[1].fastest,
                cacheBytes: measured[1].cacheBytes))
        }
        var tokensPerSecond: Double?, firstToken = 0.0
        if generateTokens > 0 {
            Console.note("generating \(generateTokens) tokens …")
            let prompt = (0 ..< 32).map { _ in Int(generator.next() % UInt64(model.configuration.vocabularySize)) }
            _ = try model.generate(prompt: prompt, maxTokens: 4)   // warm-up
            let start = DispatchTime.now()
            _ = try model.generate(prompt: prompt, maxTokens: generateTokens) { step in
                if step.position == prompt.count { firstToken = seconds(since: start) }
            }
            tokensPerSecond = Double(generateTokens - 1) / (seconds(since: start) - firstToken)
        }
        let peak = peakResidentBytes()
        if json {
            let document = BenchForwardDocument(
                checkpoint: folder.path, loadSeconds: loadSeconds, forward: rows, generateTokens: generateTokens,
                generateTokensPerSecond: tokensPerSecond, promptSeconds: firstToken, peakResidentBytes: peak,
                threads: ProcessInfo.processInfo.activeProcessorCount)
            print(try ModelJSON.text(document))
            return
        }
        // --dir may hold any checkpoint (the long-context benchmark passes a SmolLM2-shaped one): name what was loaded.
        let c = model.configuration
        print("\(folder.lastPathComponent): \(c.layerCount) layers, width \(c.embeddingWidth), \(NumberFormat.thousands(model.parameterCount)) parameters, "
              + "\(ProcessInfo.processInfo.activeProcessorCount) cores; load \(String(format: "%.2f", loadSeconds)) s")
        print("    T   recording off   every hook   recorded")
        for row in rows {
            print(String(format: "%5d   %10.1f ms   %7.1f ms   %@", row.tokens, row.offMilliseconds, row.allHooksMilliseconds,
                         Formatting.bytes(row.cacheBytes)))
        }
        if let tokensPerSecond {
            print(String(format: "generation (KV cache, 32-token prompt): %.1f tokens/s", tokensPerSecond))
        }
        print("peak resident memory: \(Formatting.bytes(peak))")
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

private func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

/// Peak resident set size of this process (Linux: VmHWM; elsewhere getrusage).
private func peakResidentBytes() -> Int {
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
       let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
       let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") {
        return kilobytes * 1024
    }
    #if os(macOS)
    var usage = rusage()
    guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
    return Int(usage.ru_maxrss)
    #else
    return 0
    #endif
}
