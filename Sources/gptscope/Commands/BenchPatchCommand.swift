import ArgumentParser
import Experiments
import Foundation
import GPTModel
import TensorCore

/// `gptscope bench patch`: the resid_pre patching sweep, resumed from the corrupt run's cached
/// state, against the naive L·T full forward passes.
struct BenchPatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patch",
        abstract: "Time the resid_pre patching sweep: resumed from layer l vs L·T full forward passes.",
        discussion: """
        On a GPT-2-small-shaped random checkpoint (or --model), patches the clean run's resid_pre \
        into the corrupt run at every layer × position, twice: naively, one full forward pass per \
        cell (L·T passes, logits at every position), and as `gptscope patch` does it: each patch \
        resumed at layer l and position p from the corrupt run's recorded state, a layer's patches \
        run as one batch, patches that paste the corrupt run's own value not run at all, logits \
        at the last position only. Prints both times (the resumed one with and without its two \
        recorded setup runs), their ratio, and the largest difference between the two grids. \
        Build with -c release.

        Example:
          swift run -c release gptscope bench patch --dir output/bench-gpt2 --tokens 32
        """
    )

    @Option(help: "Where the random GPT-2-small checkpoint lives (written if missing).")
    var dir: String?

    @Option(help: "A checkpoint to time instead of the random GPT-2-small one.")
    var model: String?

    @Option(help: "Prompt length T.")
    var tokens = 32

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard (2 ... 1024).contains(tokens) else { throw ValidationError("--tokens must be 2...1024, got \(tokens)") }
    }

    struct Document: Encodable {
        let layers: Int
        let tokens: Int
        let naiveSeconds: Double
        let resumedSeconds: Double
        let resumedWithSetupSeconds: Double
        let ratio: Double
        let maxScoreDifference: Double
    }

    func run() throws {
        let gpt: GPT
        if let model {
            gpt = try GPT.load(directory: URL(fileURLWithPath: model))
        } else {
            let folder = dir.map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-bench-gpt2")
            if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("model.safetensors").path) {
                Console.note("writing a GPT-2-small-shaped random checkpoint to \(folder.path) …")
                try RandomCheckpoint.write(GPTConfiguration(name: "gpt2-random"), to: folder)
            }
            gpt = try GPT.load(directory: folder)
        }
        let c = gpt.configuration
        guard tokens <= c.contextLength else { throw ValidationError("--tokens \(tokens) exceeds the context of \(c.contextLength)") }
        var generator = SplitMix64(seed: 7)
        let clean = (0 ..< tokens).map { _ in Int(generator.next() % UInt64(c.vocabularySize)) }
        var corrupt = clean
        corrupt[tokens / 2] = (clean[tokens / 2] + 1) % c.vocabularySize
        let metric = try LogitDifference(answer: 0, wrong: 1, vocabularySize: c.vocabularySize)

        Console.note("resumed sweep (L = \(c.layerCount), T = \(tokens)) …")
        let setupStart = DispatchTime.now()
        let patching = try ActivationPatching(model: gpt, clean: clean, corrupt: corrupt, metric: metric)
        let sweepStart = DispatchTime.now()
        let resumed = patching.layerByPosition(HookName.residPre)
        let resumedSeconds = seconds(since: sweepStart), withSetup = seconds(since: setupStart)

        Console.note("naive sweep: \(c.layerCount * tokens) full forward passes …")
        let (_, cleanCache) = try gpt.run(clean, hooks: HookFilter(patterns: ["blocks.*.hook_resid_pre"]))
        let naiveStart = DispatchTime.now()
        var difference = 0.0
        for l in 0 ..< c.layerCount {
            let source = cleanCache[.residPre(l)]!
            for p in 0 ..< tokens {
                let logits = try gpt.run(corrupt, interventions: [.replace(.residPre(l), .position(p), with: source.row(p))]).logits
                difference = max(difference, abs(patching.scale(metric(logits, row: tokens - 1)) - resumed[l][p]))
            }
        }
        let naiveSeconds = seconds(since: naiveStart)
        let document = Document(layers: c.layerCount, tokens: tokens, naiveSeconds: naiveSeconds, resumedSeconds: resumedSeconds,
                                resumedWithSetupSeconds: withSetup, ratio: withSetup / naiveSeconds, maxScoreDifference: difference)
        if json {
            print(try ModelJSON.text(document))
            return
        }
        print("\(c.name): L = \(c.layerCount), T = \(tokens), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print(String(format: "naive (L·T = %d full passes):       %8.3f s", c.layerCount * tokens, naiveSeconds))
        print(String(format: "resumed sweep:                      %8.3f s", resumedSeconds))
        print(String(format: "resumed sweep + 2 setup runs:       %8.3f s  (%.2f× the naive time)", withSetup, document.ratio))
        print(String(format: "largest score difference between the two: %.2e", difference))
    }
}

private func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}
