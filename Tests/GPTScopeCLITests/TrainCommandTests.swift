import Foundation
import Testing

/// `gptscope train` end to end on a tiny model, and its refusals of bad input.
struct TrainCommandTests {
    static let text = (0 ..< 60).map { i in
        "In the beginning \(i % 7) the model read line \(i % 5), and the loss went down.\n"
    }.joined()
    static let config = #"{"model_type": "gpt2", "vocab_size": 300, "n_positions": 16, "n_embd": 16, "n_layer": 1, "n_head": 2}"#

    static func folder(with files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-train-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, contents) in files { try Data(contents.utf8).write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    @Test func trainsWritesACheckpointOtherCommandsLoadAndResumes() throws {
        let folder = try Self.folder(with: ["c.txt": Self.text, "tiny.json": Self.config])
        defer { try? FileManager.default.removeItem(at: folder) }
        let tokenizer = try CLIRunner.run(["train-tokenizer", "--corpus", "c.txt", "--vocab-size", "300", "--out", "tok"], in: folder)
        #expect(tokenizer.exitCode == 0, "\(tokenizer.stderr)")
        let common = ["train", "--corpus", "c.txt", "--tokenizer", "tok", "--config", "tiny.json", "--context", "16",
                      "--batch", "2", "--eval-every", "2", "--save-every", "2", "--eval-sequences", "2", "--out", "model"]
        let first = try CLIRunner.run(common + ["--steps", "4"], in: folder)
        #expect(first.exitCode == 0, "\(first.stderr)")
        #expect(first.stdout.contains("unigram baseline"))
        for file in ["config.json", "model.safetensors", "vocab.json", "merges.txt", "tokenizer_config.json",
                     "train-log.json", "training_state.safetensors", "probes/step-000000.safetensors", "probes/step-000004.safetensors"] {
            #expect(first.writtenFiles.contains("model/" + file), "missing \(file)")
        }
        let run = try CLIRunner.run(["run", "--model", "model", "--prompt", "In the beginning"], in: folder)
        #expect(run.exitCode == 0, "\(run.stderr)")

        let again = try CLIRunner.run(common + ["--steps", "4"], in: folder)
        #expect(again.exitCode != 0)
        #expect(again.stderr.contains("--resume"))

        let resumed = try CLIRunner.run(common + ["--steps", "6", "--resume"], in: folder)
        #expect(resumed.exitCode == 0, "\(resumed.stderr)")
        let log = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("model/train-log.json"))) as? [String: Any]
        let steps = (log?["steps"] as? [[String: Any]])?.compactMap { $0["step"] as? Int }
        #expect(steps == [1, 2, 3, 4, 5, 6])
        #expect((log?["checkpoints"] as? [Int]) == [2, 4, 6])
    }

    @Test func trainsAnUntiedHeadAndWritesItAsTransformersReadsIt() throws {
        // With tie_word_embeddings false the head is its own matrix, trained and saved as
        // lm_head.weight, and config.json says so (left out, transformers would tie it to wte).
        let untied = Self.config.replacingOccurrences(of: "}", with: #", "tie_word_embeddings": false}"#)
        let folder = try Self.folder(with: ["c.txt": Self.text, "untied.json": untied])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CLIRunner.run(["train-tokenizer", "--corpus", "c.txt", "--vocab-size", "300", "--out", "tok"], in: folder).exitCode == 0)
        let common = ["train", "--corpus", "c.txt", "--tokenizer", "tok", "--config", "untied.json", "--context", "16",
                      "--batch", "2", "--eval-every", "2", "--save-every", "2", "--eval-sequences", "2", "--out", "model"]
        let first = try CLIRunner.run(common + ["--steps", "2"], in: folder)
        #expect(first.exitCode == 0, "\(first.stderr)")
        let config = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("model/config.json"))) as? [String: Any]
        #expect(config?["tie_word_embeddings"] as? Bool == false)
        let weights = try Data(contentsOf: folder.appendingPathComponent("model/model.safetensors"))
        #expect(weights.range(of: Data(#""lm_head.weight""#.utf8)) != nil)
        let params = try CLIRunner.run(["params", "model"], in: folder)
        #expect(params.exitCode == 0, "\(params.stderr)")
        // By hand: wte 300·16 = 4,800, wpe 16·16 = 256, block 1,120 + 2,160, ln_f 32, and a
        // head of its own, 4,800 more: 13,168 (tied: 8,368).
        #expect(params.stdout.contains("13,168 parameters") && params.stdout.contains("untied head"), "\(params.stdout)")
        let resumed = try CLIRunner.run(common + ["--steps", "4", "--resume"], in: folder)
        #expect(resumed.exitCode == 0, "\(resumed.stderr)")
    }

    @Test func ctrlCStopsAfterTheStepAndLeavesTheLastCheckpointToResumeFrom() throws {
        let folder = try Self.folder(with: ["c.txt": Self.text, "tiny.json": Self.config])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CLIRunner.run(["train-tokenizer", "--corpus", "c.txt", "--vocab-size", "300", "--out", "tok"], in: folder).exitCode == 0)
        let common = ["train", "--corpus", "c.txt", "--tokenizer", "tok", "--config", "tiny.json", "--context", "16",
                      "--batch", "2", "--eval-every", "1000", "--save-every", "3", "--eval-sequences", "1", "--out", "model"]
        let process = Process()
        process.executableURL = try CLIRunner.binary()
        process.arguments = common + ["--steps", "100000"]
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let state = folder.appendingPathComponent("model/training_state.safetensors")
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: state.path), Date() < deadline, process.isRunning { Thread.sleep(forTimeInterval: 0.05) }
        process.interrupt()   // SIGINT, as Ctrl-C
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let log = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("model/train-log.json"))) as? [String: Any]
        let saved = try #require((log?["checkpoints"] as? [Int])?.last)
        #expect(saved % 3 == 0 && saved < 100000)
        #expect(try CLIRunner.run(["run", "--model", "model", "--prompt", "In the"], in: folder).exitCode == 0)
        let resumed = try CLIRunner.run(common + ["--steps", String(saved + 2), "--resume"], in: folder)
        #expect(resumed.exitCode == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("Resuming") && resumed.stderr.contains("at step \(saved)"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("model").path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    /// One `Error:` line, a non-zero exit, and no --out folder left behind.
    static func expectRefusal(_ arguments: [String], files: [String: String], mentions: String) throws {
        let folder = try Self.folder(with: files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLIRunner.run(["train", "--steps", "2", "--out", "model"] + arguments, in: folder)
        #expect(result.exitCode != 0)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }
        #expect(errors.count == 1, "\(result.stderr)")
        #expect(errors.first?.contains(mentions) == true, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("model").path))
    }

    @Test func refusesAnEmptyCorpus() throws {
        try Self.expectRefusal(["--corpus", "empty.txt", "--config", "tiny.json"],
                               files: ["empty.txt": "", "tiny.json": Self.config], mentions: "corpus is empty")
    }

    @Test func refusesACorpusShorterThanTwoWindows() throws {
        try Self.expectRefusal(["--corpus", "short.txt", "--config", "tiny.json", "--context", "16"],
                               files: ["short.txt": "In the beginning was the word.", "tiny.json": Self.config], mentions: "lower --context")
    }

    @Test func refusesAModelTooLargeForMemory() throws {
        try Self.expectRefusal(["--corpus", "c.txt", "--preset", "gpt3-175b"], files: ["c.txt": Self.text], mentions: "needs about")
    }

    @Test func refusesAnOutputFolderItCannotWrite() throws {
        let folder = try Self.folder(with: ["c.txt": Self.text, "tiny.json": Self.config, "file": "x"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLIRunner.run(["train", "--steps", "2", "--corpus", "c.txt", "--config", "tiny.json", "--out", "file/model"], in: folder)
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("Error: cannot write to --out"), "\(result.stderr)")
        #expect(result.writtenFiles.sorted() == ["c.txt", "file", "tiny.json"])
    }
}
