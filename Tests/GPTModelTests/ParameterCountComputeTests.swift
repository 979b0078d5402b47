import Testing
@testable import GPTModel

@Suite("FLOPs and training compute")
struct ParameterCountComputeTests {
    /// Kaplan et al. 2020: 2·N + 2·n_layer·n_ctx·d_attn; for GPT-2 small by hand,
    /// N = 85,056,000, so 170,112,000 + 2 × 12 × 1,024 × 768 = 188,986,368.
    @Test func gpt2ForwardFLOPsByHand() throws {
        let e = ComputeEstimate(ParameterBreakdown(try GPTConfiguration.preset(named: "gpt2")))
        #expect(e.nonEmbeddingParameters == 85_056_000)
        #expect(e.forwardFLOPsPerToken == 188_986_368)
        #expect(e.logitsFLOPsPerToken == 2 * 768 * 50_257)
    }

    @Test func contextOverrideChangesOnlyTheAttentionTerm() throws {
        let b = ParameterBreakdown(try GPTConfiguration.preset(named: "gpt2"))
        let short = ComputeEstimate(b, contextLength: 128)
        #expect(short.forwardFLOPsPerToken == 170_112_000 + 2 * 12 * 128 * 768)
    }

    /// Brown et al. 2020, Table D.1: GPT-3 175B, 300B tokens, 3.14E+23 FLOPs. By hand:
    /// 6 × 174,604,259,328 × 300 × 10⁹ = 1,047,625,555,968 × 3 × 10¹¹ = 3.142876667904 × 10²³,
    /// which rounds to the paper's 3.14e23. The 300B tokens come from the preset.
    @Test func gpt3TrainingComputeMatchesPaper() throws {
        let b = ParameterBreakdown(try GPTConfiguration.preset(named: "gpt3-175b"))
        #expect(b.configuration.publishedTrainingTokens == 300e9)
        let flops = try #require(ComputeEstimate(b, trainingTokens: b.configuration.publishedTrainingTokens).trainingFLOPs)
        #expect(abs(flops - 3.142876667904e23) / 3.142876667904e23 < 1e-12)
        #expect((flops / 1e21).rounded() / 100 == 3.14)
    }

    /// The original Transformer has no fixed context (Vaswani et al. 2017, §3.5, §5.1): its FLOPs
    /// use a labelled assumption, never a context of its own, unless a length is given.
    @Test func transformerContextIsAnAssumption() throws {
        let c = try GPTConfiguration.preset(named: "transformer-base")
        #expect(!c.hasFixedContext)
        #expect(c.fixedContextLength == nil)
        let b = ParameterBreakdown(c)
        let assumed = ComputeEstimate(b)
        #expect(assumed.contextIsAssumed)
        #expect(!ComputeEstimate(b, contextLength: 100).contextIsAssumed)
        // Sinusoidal positions have no parameters whatever the assumed length.
        #expect(b.count(in: .positionEmbedding) == 0)
        let gpt2 = try GPTConfiguration.preset(named: "gpt2")
        #expect(gpt2.fixedContextLength == 1_024)
        #expect(!ComputeEstimate(ParameterBreakdown(gpt2)).contextIsAssumed)
    }
}
