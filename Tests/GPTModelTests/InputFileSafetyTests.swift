#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import GPTModel

/// config.json values of the right JSON type but unusable, and model files that are not regular
/// files: each refused at once, in one line naming the key or the path.
@Suite struct InputFileSafetyTests {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-safety-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private let sizes = #""model_type": "gpt2", "vocab_size": 100, "n_positions": 64, "n_layer": 2, "n_head": 4"#

    private func loading(_ json: String) throws -> (GPTConfigurationError?, String) {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("config.json")
        try Data(json.utf8).write(to: file)
        let error = #expect(throws: GPTConfigurationError.self) { try GPTConfiguration.load(configFile: file) }
        return (error, file.path)
    }

    @Test func fractionalWidthNamesKeyAndValue() throws {
        let (error, path) = try loading("{\(sizes), \"n_embd\": 192.5}")
        #expect(error == .notWholeNumber(path: path, key: "n_embd", found: 192.5))
        #expect(error?.description == "\(path): key n_embd must be a whole number, found 192.5; fix its value")
    }

    @Test func hugeAndFractionalCountsInEveryLayout() throws {
        let (huge, hugePath) = try loading("{\(sizes), \"n_embd\": 1e30}")
        #expect(huge == .notWholeNumber(path: hugePath, key: "n_embd", found: 1e30))
        #expect(huge?.description == "\(hugePath): key n_embd must be a whole number below 2^53, found 1e+30; fix its value")
        let (layers, layersPath) = try loading(#"{"model_type": "openai-gpt", "vocab_size": 10, "n_positions": 8, "n_embd": 8, "n_layer": 2.5, "n_head": 2}"#)
        #expect(layers == .notWholeNumber(path: layersPath, key: "n_layer", found: 2.5))
        let (heads, headsPath) = try loading(#"{"model_type": "llama", "vocab_size": 10, "hidden_size": 8, "intermediate_size": 16, "num_hidden_layers": 1, "num_attention_heads": 2, "num_key_value_heads": 0.5}"#)
        #expect(heads == .notWholeNumber(path: headsPath, key: "num_key_value_heads", found: 0.5))
    }

    @Test func wholeNumbersWrittenAsFloatsAndFractionalEpsilonsAreFine() throws {
        let c = try GPTConfiguration.decode(Data("{\(sizes), \"n_embd\": 32.0, \"layer_norm_epsilon\": 1e-5}".utf8), name: "x", path: "x.json")
        #expect(c.embeddingWidth == 32 && c.layerNormEpsilon == 1e-5)
    }

    @Test func stringWhereANumberBelongsStillNamesTheType() throws {
        let (error, path) = try loading("{\(sizes), \"n_embd\": \"768\"}")
        #expect(error == .wrongType(path: path, key: "n_embd", expected: "an integer"))
        #expect(error?.description == "\(path): key n_embd must be an integer; fix its value")
    }

    @Test func namedPipeConfigIsRefusedWithoutBlocking() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("config.json")
        #expect(mkfifo(file.path, 0o600) == 0)
        #expect(throws: GPTConfigurationError.unreadable(path: file.path, reason: "it is a named pipe, not a regular file")) {
            try GPTConfiguration.load(configFile: file)
        }
    }

    @Test func modelFileThatIsNotARegularFileIsRefused() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("model.safetensors")
        #expect(mkfifo(pipe.path, 0o600) == 0)
        #expect(throws: SafetensorsError.cannotOpen(path: pipe.path, reason: "it is a named pipe, not a regular file")) {
            try SafetensorsFile(contentsOf: pipe)
        }
        let directory = folder.appendingPathComponent("weights.safetensors")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        #expect(throws: SafetensorsError.cannotOpen(path: directory.path, reason: "it is a folder")) {
            try SafetensorsFile(contentsOf: directory)
        }
        #expect(throws: SafetensorsError.cannotOpen(path: "/dev/zero", reason: "it is a character device, not a regular file")) {
            try SafetensorsFile(contentsOf: URL(fileURLWithPath: "/dev/zero"))
        }
        // Through the checkpoint loader: a folder whose model.safetensors is a pipe.
        try Data(#"{"model_type": "gpt2", "vocab_size": 10, "n_positions": 8, "n_embd": 8, "n_layer": 1, "n_head": 2}"#.utf8)
            .write(to: folder.appendingPathComponent("config.json"))
        let error = #expect(throws: SafetensorsError.self) { try GPT.load(directory: folder) }
        #expect(error?.description == "cannot open safetensors file \(pipe.path): it is a named pipe, not a regular file")
    }

    /// 2 × 12 × 10^18 × 768 does not fit an Int: the estimate is a Double, so it is merely large.
    /// 2N = 2 × 85,056,000 (GPT-2 small without its embedding tables) = 170,112,000.
    @Test func hugeContextDoesNotOverflowTheFLOPs() throws {
        let gpt2 = ParameterBreakdown(try GPTConfiguration.preset(named: "gpt2"))
        let huge = ComputeEstimate(gpt2, contextLength: 1_000_000_000_000_000_000).forwardFLOPsPerToken
        #expect(abs(huge - (170_112_000 + 1.8432e22)) / 1.8432e22 < 1e-12)
        let long = ComputeEstimate(gpt2, contextLength: 1_000_000_000_000)
        #expect(long.forwardFLOPsPerToken == 170_112_000 + 18_432_000_000_000_000)
    }

    @Test func writeFailureNamesTheReason() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        let url = file.appendingPathComponent("c.safetensors")  // its "folder" is a regular file
        let error = #expect(throws: SafetensorsError.self) { try SafetensorsWriter.write([:], to: url) }
        guard case let .cannotWrite(path, reason) = error else { Issue.record("wrong case: \(String(describing: error))"); return }
        #expect(path == url.path)
        #expect(!reason.contains("Domain") && !reason.contains("could not be completed"), "\(reason)")
    }
}
