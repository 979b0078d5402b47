#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing

/// End-to-end runs of issue #19's data-safety cases (and #17's strict UTF-8): each bad input
/// exits non-zero with one `Error:` line naming the option, key or path, and Windows line
/// endings load like LF. Expected ids and merges come from transformers / tokenizers fixtures.
@Suite struct InputSafetyCommandTests {
    static let tokenizationFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("TokenizationTests/Fixtures")

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The single `Error:` line of a failed run (and that there is exactly one).
    func errorLine(_ result: CLIRunner.Result, _ arguments: [String]) -> String {
        #expect(result.exitCode != 0, "\(arguments)")
        let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }
        #expect(lines.count == 1, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.contains("Domain="), "\(arguments): \(result.stderr)")
        return lines.first.map(String.init) ?? ""
    }

    /// Runs `gptscope` through /bin/sh so that arguments can hold bytes a Swift String cannot.
    func runShell(_ script: String) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "sh", try CLIRunner.binary().path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    // MARK: CRLF

    @Test func crlfMergesAndVocabularyGiveTransformersIDs() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["vocab.json", "merges.txt"] {
            let text = try String(contentsOf: Self.tokenizationFixtures.appendingPathComponent("tiny_vocab/\(name)"), encoding: .utf8)
            try Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8).write(to: folder.appendingPathComponent(name))
        }
        let result = try CLIRunner.run(["tokenize", "--model", folder.path, "--json", "Hello world"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        struct Output: Decodable { let ids: [Int] }
        // transformers' ids for "Hello world" with this vocabulary (tiny_vocab/expected.json).
        #expect(try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8)).ids == [72, 101, 259, 111, 265])
    }

    @Test func crlfCorpusTrainsTheSameMergesAsHuggingFace() throws {
        let folder = try folder()
        let corpus = try String(contentsOf: Self.tokenizationFixtures.appendingPathComponent("bpe/corpus.txt"), encoding: .utf8)
        #expect(!corpus.contains("\r") && corpus.contains("\n"))
        try Data(corpus.replacingOccurrences(of: "\n", with: "\r\n").utf8).write(to: folder.appendingPathComponent("corpus.txt"))
        let result = try CLIRunner.run(["train-tokenizer", "--corpus", "corpus.txt", "--vocab-size", "600", "--out", "tok"], in: folder)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let merges = try String(contentsOf: folder.appendingPathComponent("tok/merges.txt"), encoding: .utf8)
        let expected = try String(contentsOf: Self.tokenizationFixtures.appendingPathComponent("bpe/hf/merges.txt"), encoding: .utf8)
        #expect(merges == expected)  // tokenizers' BpeTrainer on the LF corpus
    }

    // MARK: Strict UTF-8

    @Test func invalidUTF8ArgumentsAreRefused() throws {
        let prompt = try runShell(#"exec "$1" run --prompt "$(printf 'ab\ncd\351')""#)
        #expect(prompt.status != 0)
        #expect(prompt.stderr == "Error: the argument after --prompt is not valid UTF-8 (line 2, byte offset 5: 0xe9); "
            + "pass UTF-8 text, or save raw bytes to a file and use gptscope tokenize --file FILE --bytes\n")
        let inline = try runShell(#"exec "$1" run --prompt="$(printf 'a\300\200')""#)
        #expect(inline.stderr.hasPrefix("Error: the value of --prompt is not valid UTF-8 (line 1, byte offset 1: 0xc0)"))
        let text = try runShell(#"exec "$1" tokenize -- "$(printf 'x\355\240\200')""#)  // a UTF-16 surrogate
        #expect(text.status != 0)
        #expect(text.stderr.hasPrefix("Error: command-line argument 3 is not valid UTF-8 (line 1, byte offset 1: 0xed)"))
    }

    @Test func invalidUTF8StandardInputIsRefused() throws {
        let result = try runShell(#"printf 'ok\r\nabc\364\220\200\200' | "$1" tokenize --file -"#)  // above U+10FFFF
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("Error: standard input is not valid UTF-8 (line 2, byte offset 7: 0xf4); "))
        #expect(result.stderr.contains("--bytes"))
    }

    @Test func invalidUTF8CorpusNamesLineAndOffset() throws {
        let folder = try folder()
        try Data(Array("first line\r\nsecond ".utf8) + [0xC0, 0xAF]).write(to: folder.appendingPathComponent("bad.txt"))
        let arguments = ["train-tokenizer", "--corpus", "bad.txt", "--out", "tok"]
        let line = errorLine(try CLIRunner.run(arguments, in: folder), arguments)
        #expect(line.hasPrefix("Error: corpus bad.txt is not valid UTF-8 (byte offset 19) on line 2 (0xc0)"), "\(line)")
    }

    // MARK: Not regular files

    @Test func namedPipeAsModelFilesIsRefusedAtOnce() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("pipe-weights")
        try FileManager.default.createDirectory(at: model, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: ModelFixtures.path("gpt1-tiny")).appendingPathComponent("config.json"),
                                         to: model.appendingPathComponent("config.json"))
        #expect(mkfifo(model.appendingPathComponent("model.safetensors").path, 0o600) == 0)
        let config = folder.appendingPathComponent("pipe-config")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        #expect(mkfifo(config.appendingPathComponent("config.json").path, 0o600) == 0)
        let vocab = folder.appendingPathComponent("pipe-vocab")
        try FileManager.default.createDirectory(at: vocab, withIntermediateDirectories: true)
        #expect(mkfifo(vocab.appendingPathComponent("vocab.json").path, 0o600) == 0)
        try Data("#version: 0.2\n".utf8).write(to: vocab.appendingPathComponent("merges.txt"))

        // Before the fix each of these blocked forever in open(); a regression hangs this test.
        let cases: [([String], String)] = [
            (["run", "--model", model.path, "--ids", "1,2"], "\(model.path)/model.safetensors: it is a named pipe, not a regular file"),
            (["params", config.path], "cannot read \(config.path)/config.json: it is a named pipe, not a regular file"),
            (["tokenize", "--model", vocab.path, "hi"], "cannot read \(vocab.path)/vocab.json: it is a named pipe, not a regular file"),
            (["tokenize", "--vocab", "/dev/zero", "hi"], "cannot read /dev/zero: it is a character device, not a regular file"),
        ]
        for (arguments, message) in cases {
            let line = errorLine(try CLIRunner.run(arguments), arguments)
            #expect(line.contains(message), "\(line)")
        }
    }

    // MARK: Values

    @Test func fractionalConfigValueNamesTheKey() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("config.json")
        try Data(#"{"model_type": "gpt2", "vocab_size": 4096, "n_positions": 128, "n_embd": 192.5, "n_layer": 4, "n_head": 6}"#.utf8).write(to: file)
        let arguments = ["params", file.path]
        #expect(errorLine(try CLIRunner.run(arguments), arguments)
            == "Error: \(file.path): key n_embd must be a whole number, found 192.5; fix its value")
    }

    @Test func hugeOptionValuesNameTheOption() throws {
        let cases: [([String], String)] = [
            (["layers", "--kind", "probs", "--top-k", "1000000000"], "Error: --top-k must be 1...100 (bars in the next-token figure), got 1000000000"),
            (["report", "--top-k", "1000000000", "--out", "r"], "Error: --top-k must be 1...100 (bars in the next-token figure), got 1000000000"),
            (["run", "--prompt", "hi", "--max-cache", "1000000000000000"],
             "Error: --max-cache must be 1...1,073,741,824 (MB, i.e. up to 1 PiB), got 1000000000000000"),
        ]
        for (arguments, message) in cases {
            let result = try CLIRunner.run(arguments)
            #expect(errorLine(result, arguments) == message)
            #expect(result.writtenFiles.isEmpty)
        }
        // Before, a context of 10^18 crashed params with an integer overflow in the FLOPs estimate;
        // now it prints 2N + 2·12·10^18·768 = 1.84e22 FLOPs per token.
        let context = try CLIRunner.run(["params", "gpt2", "--context", "1000000000000000000"])
        #expect(context.exitCode == 0, "\(context.stderr)")
        #expect(context.stdout.contains("1.84e22"), "\(context.stdout)")
        // The largest accepted --max-cache runs (its bytes, 2^50, do not overflow).
        let largest = try CLIRunner.run(["run", "--prompt", "hi", "--max-cache", "1073741824", "--hooks", "blocks.0.hook_resid_pre"])
        #expect(largest.exitCode == 0, "\(largest.stderr)")
    }

    // MARK: Write errors

    /// A path through a regular file fails like a read-only disk does, even for root (who
    /// ignores permissions); a full disk is covered by FileAccessTests with /dev/full.
    @Test func writeFailuresAreOneLineWithPathAndReason() throws {
        let folder = try folder()
        try Data("x".utf8).write(to: folder.appendingPathComponent("file"))
        let blocked = folder.appendingPathComponent("file").path
        let cases: [([String], String)] = [
            (["params", "gpt2", "--chart", "file/x.png"], "Error: cannot write \(blocked)/x.png: a part of the path is a file, not a folder"),
            (["tokenize", "hi", "--chart", "file/x.svg"], "Error: cannot write \(blocked)/x.svg: a part of the path is a file, not a folder"),
            (["attention", "--out", "file/x.png"], "Error: cannot write \(blocked): it is a file, where a folder is needed"),
            (["run", "--prompt", "hi", "--save-cache", "file/sub/c.safetensors"], "Error: cannot write \(blocked)/sub: a part of the path is a file, not a folder"),
        ]
        for (arguments, message) in cases {
            let result = try CLIRunner.run(arguments, in: folder)
            #expect(errorLine(result, arguments) == message)
            #expect(result.writtenFiles == ["file"], "\(arguments): \(result.writtenFiles)")
        }
    }
}
