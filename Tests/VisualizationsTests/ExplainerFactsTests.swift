import Testing
import Tokenization
@testable import Visualizations

/// Every number of the explainer box against an independent reference.
@Suite struct ExplainerFactsTests {
    let gpt2 = try! Tokenizer.gpt2()

    @Test func numbersFromThePresets() throws {
        let f = try ExplainerFacts(prompt: "Tokenization is unintuitive", tokenizer: gpt2, gpt2Tokenizer: gpt2)
        // Hugging Face transformers' counts (Tests/GPTModelTests/Fixtures/parameter_counts.json).
        #expect(f.gpt2Total == 124_439_808)
        #expect(f.gpt2XLTotal == 1_557_611_200)
        // Radford et al. 2019, Table 2: 117M and 1542M; 12 and 48 layers; d_model 1600.
        #expect(f.gpt2Published == 117e6 && f.gpt2XLPublished == 1542e6)
        #expect(f.gpt2Layers == 12 && f.gpt2XLLayers == 48 && f.gpt2XLWidth == 1_600)
        // Brown et al. 2020, Table 2.1: n_ctx 2048, d_model 12288; Vaswani et al. 2017: d_model 512.
        #expect(f.gpt3Context == 2_048 && f.gpt3Width == 12_288 && f.transformerWidth == 512)
        #expect(!f.transformerHasContext)
        // By hand: 12 × 12,288² + 13 × 12,288 = 1,812,099,072; (50,257 + 2,048) × 12,288 = 642,723,840.
        #expect(f.gpt3PerLayer == 1_812_099_072 && f.gpt3Layers == 96)
        #expect(f.gpt3EmbeddingTables == 642_723_840)
        // 6 × 174,604,259,328 × 300e9 = 3.142876667904e23 (Table D.1: 3.14E+23).
        #expect(f.gpt3TrainingTokens == 300e9)
        #expect(abs(f.gpt3TrainingFLOPs - 3.142876667904e23) / 3.142876667904e23 < 1e-12)
        // GPT-2's wpe: 1,024 × 768.
        #expect(f.gpt2PositionEncoding == .learned && f.gpt2PositionParameters == 786_432)
    }

    /// tiktoken's GPT-2 encoding: "Tokenization is unintuitive" → [30642, 1634, 318, 17679, 33740];
    /// each character of 人工智能正在改变世界 alone → [1, 2, 3, 2, 2, 2, 3, 2, 2, 2]; together 21.
    @Test func tokensAreNotWords() throws {
        let f = try ExplainerFacts(prompt: "Tokenization is unintuitive", tokenizer: gpt2, gpt2Tokenizer: gpt2)
        #expect(f.promptTokens == 5 && f.promptWords == 3 && f.promptChineseCharacters == 0)
        #expect(f.chineseSample == ExplainerFacts.defaultChineseSample)
        #expect(f.tokensPerChineseCharacter == 1...3)
        #expect(f.chineseSampleTokens == 21 && f.chineseSampleCharacters == 10)

        let named = try ExplainerFacts(prompt: "a b", tokenizer: gpt2, tokenizerName: "my-model", gpt2Tokenizer: gpt2)
        #expect(named.items(.en).last?.fact.contains("2 words and 2 tokens under the my-model tokenizer") == true)

        let zh = try ExplainerFacts(prompt: "智 change", tokenizer: gpt2, gpt2Tokenizer: gpt2)
        #expect(zh.chineseSample == "智" && zh.tokensPerChineseCharacter == 3...3)  // 智 alone: 3 tokens
    }

    @Test(arguments: ReportLanguage.allCases)
    func everyLanguageHasEveryEntry(_ language: ReportLanguage) throws {
        let f = try ExplainerFacts(prompt: "人工智能正在改变世界", tokenizer: gpt2, gpt2Tokenizer: gpt2)
        let items = f.items(language)
        #expect(items.count == 7)
        #expect(!ExplainerFacts.heading(language).isEmpty)
        let text = items.map { $0.claim + $0.fact }.joined()
        for number in ["124,439,808", "1,557,611,200", "2,048", "12,288", "1,812,099,072", "3.14e23", "786,432", "1–3"] {
            #expect(text.contains(number), "\(language): \(number)")
        }
    }
}
