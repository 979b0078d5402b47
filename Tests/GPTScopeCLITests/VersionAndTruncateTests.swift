import Foundation
import Testing

/// `--version`, the tokenizer line of `run`, and what `--truncate` says it dropped (issue 12, items 2 and 10).
@Suite struct VersionAndTruncateTests {
    @Test func versionPrintsOneLine() throws {
        let r = try CLIRunner.run(["--version"])
        #expect(r.exitCode == 0)
        #expect(r.stdout.hasPrefix("gptscope ") && r.stdout.split(separator: "\n").count == 1)
    }

    @Test func runNamesTheTokenizer() throws {
        let r = try CLIRunner.run(["run", "--prompt", "And God said"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Tokenizer: the built-in model's own byte-level BPE (gptscope-default, 4,096 tokens)"))
        #expect(r.stdout.contains("295") && r.stdout.contains("386"))  // tokenizers' ids for "And", " God"
        let json = try CLIRunner.run(["run", "--prompt", "And God said", "--json"])
        #expect(json.stdout.contains(#""tokenizer":"gptscope-default""#) || json.stdout.contains(#""tokenizer" : "gptscope-default""#))
    }

    /// "And God said, Let there be light: and there was light." is 14 tokens under the built-in
    /// vocabulary (Hugging Face `tokenizers`: 295 386 387 11 1547 379 294 1066 25 267 379 367 1066 13);
    /// ten copies are 140, so a context of 128 drops 12, and generating 5 drops 17.
    @Test func truncateSaysWhatItDropped() throws {
        let verse = "And God said, Let there be light: and there was light."
        let prompt = Array(repeating: verse, count: 10).joined(separator: " ")
        let r = try CLIRunner.run(["run", "--prompt", prompt, "--truncate"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stderr.contains("--truncate dropped the first 12 of 140 tokens (“And God said, Let there be light: and there was”) and kept the last 128"))
        let g = try CLIRunner.run(["generate", "--prompt", prompt, "--truncate", "--max-tokens", "5"])
        #expect(g.exitCode == 0, "\(g.stderr)")
        #expect(g.stderr.contains("dropped the first 17 of 140 tokens") && g.stderr.contains("leaving room for 5 more"))
        let quiet = try CLIRunner.run(["run", "--prompt", verse, "--truncate"])
        #expect(!quiet.stderr.contains("dropped"))
    }
}
