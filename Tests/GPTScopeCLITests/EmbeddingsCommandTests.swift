import Foundation
import Testing

/// `gptscope embeddings` end to end on the fixture GPT-2 (50,257 tokens, width 16, random weights).
@Suite("gptscope embeddings, end to end")
struct EmbeddingsCommandTests {
    let model = ModelFixtures.path("gpt2-fullvocab")

    @Test func everyKindFromAPrompt() throws {
        let r = try CLIRunner.run(["embeddings", "--model", model, "--prompt", "The cat sat on 中华", "--words", "king,queen,man,woman"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        for kind in ["tokens", "sum", "similarity", "pca"] {
            #expect(r.writtenFiles.contains("output/embeddings-gpt2-fullvocab.\(kind).png"), "\(r.writtenFiles)")
        }
    }

    @Test func tokensAsSVGWithTokenLabels() throws {
        let r = try CLIRunner.run(["embeddings", "--model", model, "--prompt", "The cat sat on 中华", "--kind", "tokens",
                                   "--dims", "all", "--out", "e.svg"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let svg = try String(contentsOf: r.directory.appendingPathComponent("e.svg"), encoding: .utf8)
        #expect(svg.contains("token embeddings, 8 tokens × 16 numbers"))
        #expect(svg.contains(">中</text>") && svg.contains(">华</text>"))
        #expect(svg.contains("cat</text>"))
        #expect(r.writtenFiles == ["e.svg"])
    }

    @Test func pcaNeedsNoPrompt() throws {
        let r = try CLIRunner.run(["embeddings", "--model", model, "--kind", "pca", "--words", "king, queen ,man,woman,中华", "--out", "p.svg"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let svg = try String(contentsOf: r.directory.appendingPathComponent("p.svg"), encoding: .utf8)
        #expect(svg.contains("5 words' token embeddings, 2-D PCA") && svg.contains("queen</text>") && svg.contains("(4 tokens)"))
    }

    @Test func builtInModelWithItsExamplePrompt() throws {
        let r = try CLIRunner.run(["embeddings", "--kind", "tokens", "--dims", "8", "--out", "d.svg"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let svg = try String(contentsOf: r.directory.appendingPathComponent("d.svg"), encoding: .utf8)
        #expect(svg.contains("gptscope-default · “And God said") && svg.contains("× 8 numbers"))
    }

    @Test func idsAndRange() throws {
        let r = try CLIRunner.run(["embeddings", "--model", model, "--ids", "464,3797,3332,319,262,2603", "--kind", "similarity",
                                   "--range", "1:5", "--stage", "sum", "--out", "s.png"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.writtenFiles == ["s.png"])
    }

    @Test func badInputFailsWithOneClearLineAndNoFile() throws {
        let tiny = ModelFixtures.path("gpt1-tiny")
        let cases: [([String], String)] = [
            (["--model", model, "--kind", "pca", "--words", "king,,queen"], "--words has an empty entry at place 2"),
            (["--model", model, "--kind", "pca", "--words", "king,queen,king"], "'king' appears twice"),
            (["--model", model, "--kind", "pca", "--words", "king,queen"], "needs at least 3 words"),
            (["--model", tiny, "--kind", "pca", "--words", "king,queen,man"], "gpt1-tiny has no tokenizer"),
            (["--model", model, "--kind", "pca"], "--kind pca needs --words"),
            (["--model", model], "give --prompt TEXT or --ids"),
            (["--model", model, "--prompt", "a b", "--ids", "1"], "only one of --prompt and --ids"),
            (["--model", model, "--prompt", "Hello there", "--dims", "0"], "--dims must be a number"),
            (["--model", model, "--prompt", "Hello there", "--range", "1:9"], "positions 1:9 are not inside 0:2"),
            (["--model", model, "--prompt", "Hello there", "--kind", "cloud"], "--kind must be tokens, sum, similarity, pca or all"),
            (["--model", model, "--ids", "1,99999"], "outside the vocabulary"),
        ]
        for (arguments, message) in cases {
            let r = try CLIRunner.run(["embeddings"] + arguments + ["--out", "x.png"])
            #expect(r.exitCode != 0, "\(arguments)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }.count == 1, "\(arguments): \(r.stderr)")
            #expect(r.writtenFiles.isEmpty, "\(arguments): \(r.writtenFiles)")
        }
    }

    @Test func helpTeaches() throws {
        let r = try CLIRunner.run(["embeddings", "--help"])
        #expect(r.exitCode == 0)
        #expect(r.stdout.contains("token-embedding") && r.stdout.contains("Examples:"))
        #expect(r.stdout.contains("--words king,queen,man,woman"))
    }
}
