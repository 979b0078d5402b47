import Charts
import Foundation
import GPTModel
import Testing
import Tokenization
@testable import Visualizations

/// Embedding matrices, word look-up and PCA against numpy (Tests/Scripts/embedding_reference.py),
/// the eigen solver on a hand-worked case, errors, and the figures' SVG.
@Suite struct EmbeddingTests {
    let tokenizer = try! Tokenizer.gpt2()

    func analysis(_ text: String) throws -> PromptAnalysis {
        let model = try PositionalEncodingTests.model("gpt2-fullvocab")
        return try PromptAnalysis.run(model: model, modelName: "gpt2-fullvocab", ids: tokenizer.encode(text), tokenizer: tokenizer)
    }

    /// `a` equals `b` up to `tolerance`, element by element.
    func close(_ a: [Double], _ b: [Double], _ tolerance: Double) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
    }

    @Test func eigenSolverOnHandWorkedMatrices() {
        // [[2, 1], [1, 2]]: eigenvalues 3 and 1 with eigenvectors (1, 1)/√2 and (1, −1)/√2.
        let e = SymmetricEigen([2, 1, 1, 2], n: 2)
        #expect(close(e.values, [3, 1], 1e-12))
        #expect(abs(abs(e.vectors[0][0]) - 0.5.squareRoot()) < 1e-12 && abs(e.vectors[0][0] - e.vectors[0][1]) < 1e-12)
        // diag(1, 5, 3) is already diagonal: sorted values, unit vectors.
        let d = SymmetricEigen([1, 0, 0, 0, 5, 0, 0, 0, 3], n: 3)
        #expect(d.values == [5, 3, 1])
        #expect(d.vectors[0] == [0, 1, 0])
    }

    @Test func pcaMatchesNumpy() throws {
        for ref in try PositionalEncodingTests.reference().pca {
            let p = try PrincipalComponents.fit(ref.values ?? [], rows: ref.rows ?? 0, columns: ref.columns ?? 0)
            for k in 0..<2 {
                #expect(close(p.components[k], ref.components[k], 1e-9))
                #expect(close(p.scores.map { $0[k] }, ref.scores.map { $0[k] }, 1e-9))
            }
            #expect(close(p.explainedVariance, ref.explained_variance, 1e-9))
            #expect(close(p.explainedVarianceRatio, ref.explained_variance_ratio, 1e-12))
        }
    }

    @Test func wordEmbeddingsAreTokenMeansAsNumpyComputes() throws {
        let ref = try PositionalEncodingTests.reference().words
        let model = try PositionalEncodingTests.model(ref.model)
        let words = try WordEmbeddings.lookup(ref.words, model: model, tokenizer: tokenizer, modelName: ref.model)
        #expect(words.tokenIDs == ref.token_ids)
        #expect(words.tokenIDs.contains { $0.count > 1 })  // the multi-token case is exercised
        #expect(close(words.vectors, ref.vectors, 1e-6))
        let p = try words.principalComponents()
        for k in 0..<2 { #expect(close(p.scores.map { $0[k] }, ref.scores.map { $0[k] }, 1e-5)) }
        #expect(close(p.explainedVarianceRatio, ref.explained_variance_ratio, 1e-6))
    }

    @Test func wordErrorsAreOneClearLine() throws {
        let gpt2 = try PositionalEncodingTests.model("gpt2-fullvocab")
        #expect(throws: EmbeddingError.emptyWord(index: 1)) { try WordEmbeddings.lookup(["king", "", "man"], model: gpt2, tokenizer: tokenizer, modelName: "m") }
        #expect(throws: EmbeddingError.duplicateWord("man")) { try WordEmbeddings.lookup(["man", "king", "man"], model: gpt2, tokenizer: tokenizer, modelName: "m") }
        #expect(throws: EmbeddingError.noTokenizer(model: "gpt1-tiny")) {
            try WordEmbeddings.lookup(["king"], model: gpt2, tokenizer: nil, modelName: "gpt1-tiny")
        }
        // GPT-2's " king" is token 5822, outside a 300-token vocabulary.
        let tiny = try PositionalEncodingTests.model("gpt1-tiny")
        #expect(throws: EmbeddingError.unknownWord("king", tokenID: 5822, vocabularySize: 300)) {
            try WordEmbeddings.lookup(["king"], model: tiny, tokenizer: tokenizer, modelName: "gpt1-tiny")
        }
        let two = try WordEmbeddings.lookup(["king", "queen"], model: gpt2, tokenizer: tokenizer, modelName: "m")
        #expect(throws: EmbeddingError.tooFewWords(2, needed: 3)) { try EmbeddingFigure.pca(two, modelName: "m") }
        for e in [EmbeddingError.emptyWord(index: 0), .unknownWord("x", tokenID: 9, vocabularySize: 3), .tooFewWords(2, needed: 3)] {
            #expect(!e.description.contains("\n"))
        }
    }

    @Test func promptEmbeddingsMatchTheRecordedHooks() throws {
        let a = try analysis("The cat sat on the mat")
        let recorded = PromptEmbeddings(a)
        let looked = PromptEmbeddings(model: a.model, modelName: "m", ids: a.tokens.ids, tokenizer: tokenizer)
        #expect(recorded.token == looked.token)
        #expect(recorded.position == looked.position)
        // The sum is what block 0 receives.
        let resid = try #require(a.cache[.residPre(0)]).scalars.map(Double.init)
        #expect(close(recorded.sum, resid, 1e-6))
        // wte row of the first token.
        let id = a.tokens.ids[0]
        #expect(recorded.token[0..<16].elementsEqual(a.model.embedding.tokenTable.row(id).scalars.map(Double.init)))
    }

    @Test func tokenSimilarityOfARepeatedToken() throws {
        let a = try analysis(" cat dog cat")
        #expect(a.tokens.ids[0] == a.tokens.ids[2])
        let e = PromptEmbeddings(a)
        let s = SimilarityMeasure.cosine.matrix(e.token, rows: 3, columns: e.width)
        #expect(abs(s[0 * 3 + 2] - 1) < 1e-6)        // the same token: the same vector
        #expect(abs(s[1 * 3 + 0] - s[0 * 3 + 1]) < 1e-6)
        for i in 0..<3 { #expect(abs(s[i * 3 + i] - 1) < 1e-6) }
        // After adding positions the two "cat"s differ.
        let sum = SimilarityMeasure.cosine.matrix(e.sum, rows: 3, columns: e.width)
        #expect(sum[0 * 3 + 2] < 0.999)
    }

    @Test func figuresHaveOneImagePerMatrixAndTextLabels() throws {
        let a = try analysis("The cat sat on 中华")
        let tokens = try EmbeddingFigure.tokens(a, dimensions: 8).svg()
        #expect(SVGText.heatmapSizes(tokens) == [[8, 8]])  // 8 tokens × 8 dims, one pixel per cell
        let t = SVGText.texts(tokens)
        #expect(t.contains("·cat") && t.contains("中") && t.contains("华"))
        #expect(t.contains { $0.hasPrefix("gpt2-fullvocab · “The cat sat on 中华”: token embeddings, 8 tokens × 8 numbers") })
        #expect(t.contains("-0.03") || t.contains { $0.range(of: #"^-?\d\.\d\d$"#, options: .regularExpression) != nil })

        let sum = try EmbeddingFigure.sum(a).svg()
        #expect(SVGText.heatmapSizes(sum) == [[16, 8], [16, 8], [16, 8]])
        #expect(SVGText.imageSizes(sum).count == 4)  // one shared colorbar
        #expect(SVGText.texts(sum).contains("= sum (blocks.0.hook_resid_pre)"))

        let sim = try EmbeddingFigure.similarity(a).svg()
        #expect(SVGText.heatmapSizes(sim) == [[8, 8]])
        #expect(SVGText.texts(sim).contains("1.00"))

        let words = try WordEmbeddings.lookup(["king", "queen", "man", "woman", "中华"], model: a.model, tokenizer: tokenizer, modelName: "gpt2-fullvocab")
        let pca = try EmbeddingFigure.pca(words, modelName: "gpt2-fullvocab").svg()
        let pt = SVGText.texts(pca)
        #expect(pt.contains("queen") && pt.contains("中华 (4 tokens)"))
        #expect(pt.contains { $0.hasPrefix("PC1 · ") } && pt.contains { $0.hasPrefix("PC2 · ") })
        #expect(throws: EmbeddingError.rangeOutside(lower: 3, upper: 20, tokens: 8)) { try EmbeddingFigure.tokens(a, range: 3..<20) }
        #expect(throws: EmbeddingError.invalidDimensionCount(0)) { try EmbeddingFigure.tokens(a, dimensions: 0) }
    }

    @Test func positionPanelsAreNumberedByPosition() throws {
        // wpe rows belong to positions, not to the tokens sitting there: the position panel of
        // the sum and the position similarity are numbered 0, 1, … and titled "position".
        let a = try analysis("The cat sat on the mat")
        let sum = SVGText.texts(try EmbeddingFigure.sum(a).svg())
        #expect(sum.filter { $0 == "position" }.count == 1 && sum.filter { $0 == "token" }.count == 2)
        let positions = SVGText.texts(try EmbeddingFigure.similarity(a, stage: .position).svg())
        #expect(positions.filter { $0 == "position" }.count == 2 && !positions.contains("·cat"))
        #expect(positions.contains("0") && positions.contains("5"))
        #expect(positions.contains { $0.hasSuffix("position-to-position cosine similarity") })
        // The token stage keeps its token labels.
        #expect(SVGText.texts(try EmbeddingFigure.similarity(a).svg()).contains("·cat"))
    }

    @Test func longPromptsRenderWithRanges() throws {
        let model = try PositionalEncodingTests.model("gpt2-fullvocab")
        let ids = Array(tokenizer.encode(String(repeating: "the model reads 中文 tokens ", count: 6)).prefix(32))
        let e = PromptEmbeddings(model: model, modelName: "gpt2-fullvocab", ids: ids, tokenizer: tokenizer)
        for figure in [try EmbeddingFigure.tokens(e, dimensions: nil), try EmbeddingFigure.sum(e), try EmbeddingFigure.similarity(e, stage: .sum)] {
            #expect(try figure.pngData(scale: 1).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
        let cut = try EmbeddingFigure.tokens(e, range: 20..<32).svg()
        #expect(SVGText.texts(cut).contains { $0.contains("tokens 20–31 of 32") })
    }
}
