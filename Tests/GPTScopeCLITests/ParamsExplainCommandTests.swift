import Foundation
import Testing

/// `gptscope params --explain` and the facts `params` now states: group subtotals, the original
/// Transformer without a context, GPT-3 13B's total.
@Suite("gptscope params --explain and parameter facts, end to end")
struct ParamsExplainCommandTests {
    @Test func explainComputesEveryFact() throws {
        let r = try CLIRunner.run(["params", "--explain", "--prompt", "Tokenization is unintuitive"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        // The view wraps lines; compare with the spaces and line breaks collapsed.
        let flat = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for text in [
            "124,439,808", "117M", "1.5B", "1,557,611,200",     // GPT-2 small vs the paper and vs XL (HF counts)
            "48 layers",                                       // GPT-2 XL
            "2,048 tokens", "12,288", "512",                   // GPT-3's context vs its width; the Transformer's width
            "1,812,099,072",                                   // 12 × 12,288² + 13 × 12,288
            "3.14e23", "174,604,259,328", "300B",              // 6·P·D
            "1,024 × 768 = 786,432",                           // GPT-2's learned position table
            // tiktoken's GPT-2 encoding: "Tokenization is unintuitive" → 5 ids, 3 words; each
            // character of 人工智能正在改变世界 alone → [1, 2, 3, 2, 2, 2, 3, 2, 2, 2], 21 in all.
            "3 words and 5 tokens", "1.67 tokens per word", "1–3 tokens", "10 characters and 21 tokens",
        ] {
            #expect(flat.contains(text), "\(text)")
        }
        #expect(r.writtenFiles.isEmpty)
    }

    @Test func explainInChineseCountsTheChinesePrompt() throws {
        let r = try CLIRunner.run(["params", "--explain", "--lang", "zh", "--prompt", "人工智能正在改变世界"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("科普文章常弄错的数字"))
        // tiktoken: 21 GPT-2 tokens for these 10 characters. Chinese wraps anywhere: join the lines.
        let joined = r.stdout.replacingOccurrences(of: "\n   ", with: "")
        #expect(joined.contains("10 个汉字，用 gpt2 分词器切分是 21 个词元"))
        #expect(r.stdout.contains("1,812,099,072"))
    }

    @Test func explainTakesNoModels() throws {
        let r = try CLIRunner.run(["params", "gpt2", "--explain"])
        #expect(r.exitCode != 0)
        #expect(r.stderr.contains("--explain takes no models"))
        let lang = try CLIRunner.run(["params", "--explain", "--lang", "fr"])
        #expect(lang.exitCode != 0 && lang.stderr.contains("--lang must be en, zh or zh-Hant"))
    }

    /// The four group sums of GPT-2 small, by hand in GPTModelTests.ParameterCountPaperTests.
    @Test func detailPrintsGroupSubtotals() throws {
        let r = try CLIRunner.run(["params", "gpt2"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        for (label, count) in [("Embeddings (token + position tables)", "39,383,808"), ("Attention", "28,348,416"),
                               ("MLP", "56,669,184"), ("Normalization (LayerNorm)", "38,400")] {
            #expect(r.stdout.split(separator: "\n").contains { $0.contains(label) && $0.contains(count) }, "\(label)")
        }
    }

    /// Vaswani et al. 2017 has no fixed context: JSON says null, the table says none, and the FLOPs
    /// assumption is labelled.
    @Test func transformerHasNoContext() throws {
        let json = try CLIRunner.run(["params", "transformer-base", "gpt2", "--json"])
        #expect(json.exitCode == 0, "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let models = try #require(document["models"] as? [[String: Any]])
        let transformer = try #require(models.first?["configuration"] as? [String: Any])
        #expect(transformer["contextLength"] is NSNull)
        #expect(models.first?["flopsContextAssumed"] as? Bool == true)
        let gpt2 = try #require(models.last?["configuration"] as? [String: Any])
        #expect((gpt2["contextLength"] as? NSNumber)?.intValue == 1_024)
        #expect(models.last?["flopsContextAssumed"] as? Bool == false)

        let table = try CLIRunner.run(["params", "transformer-base", "gpt2"])
        let row = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("  transformer-base") })
        #expect(row.contains("none (sinusoidal)"))
        #expect(row.contains("*"), "the FLOPs under an assumed context are marked")
        #expect(table.stdout.contains("n_ctx = 512 is an assumption"))

        let detail = try CLIRunner.run(["params", "transformer-base"])
        #expect(detail.stdout.contains("n_ctx = none (sinusoidal)"))
        #expect(detail.stdout.contains("is an assumption"))
    }

    /// Brown et al. 2020, Table D.1: 12,850M; exactly 12,853,386,240 with d_model 5120 = 40 × 128.
    @Test func gpt3_13bTotal() throws {
        let r = try CLIRunner.run(["params", "gpt3-13b"])
        #expect(r.stdout.contains("12,853,386,240"))
        #expect(r.stdout.contains("d = 5,120"))
    }
}
