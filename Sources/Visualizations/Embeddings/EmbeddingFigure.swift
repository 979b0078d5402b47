import Charts
import Foundation

/// Pictures of the embedding step of a prompt: the token-embedding matrix ("5 tokens × 64
/// numbers"), token + position = the input of block 0, token-to-token cosine similarity, and
/// a labelled 2-D PCA of chosen words' embeddings.
///
/// ```swift
/// let analysis = try PromptAnalysis.run(model: gpt, modelName: "gpt2", ids: ids, tokenizer: tok)
/// try EmbeddingFigure.tokens(analysis, dimensions: 64).write(to: URL(fileURLWithPath: "embed.png"))
/// ```
public enum EmbeddingFigure {
    /// The prompt's token embeddings as a tokens × dimensions matrix: the first `dimensions`
    /// (nil: all) of each token's vector, positions `range` (nil: all).
    public static func tokens(_ analysis: PromptAnalysis, dimensions: Int? = 64, range: Range<Int>? = nil) throws(EmbeddingError) -> Figure {
        try matrixFigure(PromptEmbeddings(analysis), stages: [.token], dimensions: dimensions, range: range)
    }

    /// `tokens(_:dimensions:range:)` from embeddings looked up without a forward pass.
    public static func tokens(_ embeddings: PromptEmbeddings, dimensions: Int? = 64, range: Range<Int>? = nil) throws(EmbeddingError) -> Figure {
        try matrixFigure(embeddings, stages: [.token], dimensions: dimensions, range: range)
    }

    /// Token embedding + position embedding = the vector block 0 receives, three matrices on
    /// one colour scale.
    public static func sum(_ analysis: PromptAnalysis, dimensions: Int? = 64, range: Range<Int>? = nil) throws(EmbeddingError) -> Figure {
        try matrixFigure(PromptEmbeddings(analysis), stages: [.token, .position, .sum], dimensions: dimensions, range: range)
    }

    /// `sum(_:dimensions:range:)` from embeddings looked up without a forward pass.
    public static func sum(_ embeddings: PromptEmbeddings, dimensions: Int? = 64, range: Range<Int>? = nil) throws(EmbeddingError) -> Figure {
        try matrixFigure(embeddings, stages: [.token, .position, .sum], dimensions: dimensions, range: range)
    }

    /// Token-to-token cosine similarity of the prompt's `stage` vectors (default: the token
    /// embeddings, so repeated tokens score exactly 1).
    public static func similarity(_ analysis: PromptAnalysis, stage: EmbeddingStage = .token, range: Range<Int>? = nil) throws(EmbeddingError) -> Figure {
        try similarity(PromptEmbeddings(analysis), stage: stage, range: range)
    }

    /// `similarity(_:stage:range:)` from embeddings looked up without a forward pass.
    public static func similarity(_ e: PromptEmbeddings, stage: EmbeddingStage = .token, range: Range<Int>? = nil) throws(EmbeddingError) -> Figure {
        let r = try checked(range, tokens: e.tokens)
        let rows = e.slice(e.matrix(stage), rows: r, columns: e.width)
        let s = SimilarityMeasure.cosine.matrix(rows, rows: r.count, columns: e.width)
        let mapping = ColorMapping(normalize: .centered(at: 0, halfRange: 1), colormap: .diverging, maskedColor: Color(hex: 0xa8a8a8))
        let labels = TokenAxisLabels.labels(e.tokenizedText, range: r)
        let map = Heatmap(rows: r.count, columns: r.count, values: s, mapping: mapping, rowLabels: labels, columnLabels: labels,
                          format: IndexedHeatmap.cellFormat)
        // Position embeddings depend on the position alone, not on the token there: their
        // rows and columns are numbered positions.
        let byPosition = stage == .position
        let axes = byPosition
            ? IndexedHeatmap(heatmap: map, rowIndices: r, columnIndices: r)
                .axes(title: nil, xLabel: "position", yLabel: "position", colorbarLabel: "cosine similarity")
            : Axes.heatmap(map, xLabel: "token", yLabel: "token", colorbarLabel: "cosine similarity")
        let items = byPosition ? "positions" : "tokens"
        let side = min(760, max(420, 14 * Double(r.count) + 200))
        return Figure(axes, width: max(940, side + 220), height: side + 170,
                      title: "\(e.modelName) · \(e.promptForTitle(limit: 36)): \(byPosition ? "position-to-position" : "token-to-token") cosine similarity",
                      subtitle: "Cell (i, j) = a·b / (|a||b|) for the \(stage.label) a, b of \(items) i and j, \(rangeText(r, of: e.tokens)); "
                        + "1 on the diagonal.\n"
                        + (stage == .token ? "Repeated tokens have the same embedding (cell = 1); a trained model gives related words similar vectors."
                           : byPosition ? "A position's row of wpe is the same whatever token sits there; similar rows mean the model sees those positions alike."
                           : "Position embeddings are added, so even a repeated token differs by position."))
    }

    /// The words of `words` projected on their first two principal components, labelled.
    public static func pca(_ words: WordEmbeddings, modelName: String) throws(EmbeddingError) -> Figure {
        let p = try words.principalComponents(2)
        let labels = zip(words.words, words.tokenIDs).map { w, ids in ids.count > 1 ? "\(w) (\(ids.count) tokens)" : w }
        let pct = p.explainedVarianceRatio.map { String(format: "%.1f%%", $0 * 100) }
        var axes = Axes(x: Axis(label: "PC1 · \(pct[0]) of the variance"), y: Axis(label: "PC2 · \(pct[1]) of the variance"))
        axes.add(ScatterSeries("", x: p.scores.map { $0[0] }, y: p.scores.map { $0[1] }, labels: labels,
                               color: Color.tableau10[0], size: 5))
        axes.add(ReferenceLine(.horizontal, at: 0, stroke: Stroke(Color(hex: 0xbbbbbb), width: 0.8, dash: [3, 3]), inLegend: false))
        axes.add(ReferenceLine(.vertical, at: 0, stroke: Stroke(Color(hex: 0xbbbbbb), width: 0.8, dash: [3, 3]), inLegend: false))
        axes.equalAspect = true
        axes.legend = .none
        let how = words.leadingSpace ? "tokenized with a leading space as inside a sentence (\" \(words.words[0])\")" : "tokenized as given"
        return Figure(axes, width: 860, height: 720,
                      title: "\(modelName): \(words.words.count) words' token embeddings, 2-D PCA",
                      subtitle: "Each point is one word's row of wte, \(how); a word split into several tokens is their mean.\n"
                        + "PCA: the two directions in which these words differ most (\(pct[0]) + \(pct[1]) of their variance); equal units on both axes.")
    }

    // MARK: - Matrices

    /// One panel per stage, tokens as rows and dimensions as columns, on one shared colour
    /// scale: a diverging map centred at 0 reaching the 99th percentile of |value| (the rare
    /// larger values take the end colours).
    static func matrixFigure(_ e: PromptEmbeddings, stages: [EmbeddingStage], dimensions: Int?, range: Range<Int>?) throws(EmbeddingError) -> Figure {
        let r = try checked(range, tokens: e.tokens)
        if let dimensions, dimensions < 1 { throw .invalidDimensionCount(dimensions) }
        let n = min(e.width, dimensions ?? e.width)
        let matrices = stages.map { e.slice(e.matrix($0), rows: r, columns: n) }
        let limit = IndexedHeatmap.robustHalfRange(matrices.flatMap { $0 })
        let mapping = ColorMapping(normalize: .centered(at: 0, halfRange: max(limit, 1e-12)), colormap: .diverging,
                                   maskedColor: Color(hex: 0xa8a8a8))
        let labels = TokenAxisLabels.labels(e.tokenizedText, range: r)
        let stacked = stages.count > 1 && 6 * r.count <= n  // very wide matrices go under each other
        let layout = MatrixLayout(rows: r.count, columns: n, panels: stages.count, stacked: stacked)
        let single = stages.count == 1
        var figure = Figure(width: layout.figureWidth, height: layout.figureHeight,
                            title: "\(e.modelName) · \(e.promptForTitle(limit: 36)): "
                              + (single ? "token embeddings, \(NumberFormat.thousands(r.count)) tokens × \(n) numbers" : "token + position = the input of block 0"),
                            subtitle: matrixSubtitle(stages: stages, shown: n, width: e.width, range: r, tokens: e.tokens, limit: limit))
        for (i, stage) in stages.enumerated() {
            let map = Heatmap(rows: r.count, columns: n, values: matrices[i], mapping: mapping, rowLabels: labels,
                              showValues: r.count * n <= 200 ? nil : false, format: IndexedHeatmap.cellFormat)
            // wpe rows belong to positions, whatever token sits there: number them.
            var axes = IndexedHeatmap(heatmap: map, rowIndices: stage == .position ? r : nil, columnIndices: 0..<n)
                .axes(title: single ? nil : panelTitle(stage), xLabel: "dimension", yLabel: stage == .position ? "position" : "token",
                      colorbarLabel: "value")
            axes.equalAspect = layout.squareCells
            if !single { axes.colorbar = nil }
            figure.add(axes, row: stacked ? i : 0, column: stacked ? 0 : i)
        }
        if !single {
            figure.colorbar = Colorbar(mapping: mapping, label: "value")
            figure.spacing = Size(36, 18)
        }
        return figure
    }

    static func panelTitle(_ stage: EmbeddingStage) -> String {
        switch stage {
        case .token: return "token embedding wte[token]"
        case .position: return "+ position embedding wpe[position]"
        case .sum: return "= sum (blocks.0.hook_resid_pre)"
        }
    }

    static func matrixSubtitle(stages: [EmbeddingStage], shown: Int, width: Int, range: Range<Int>, tokens: Int, limit: Double) -> String {
        let dims = shown == width ? "all \(NumberFormat.thousands(width)) dimensions" : "the first \(shown) of \(NumberFormat.thousands(width)) dimensions"
        let scale = "colours centred at 0, reaching ±\(String(format: "%.3g", limit)) (99th percentile of |value|)"
        if stages.count == 1 {
            return "Each row is one token's vector, looked up in the embedding table wte by the token's id: \(dims), \(rangeText(range, of: tokens)).\n"
                + "This is all the model knows about a token before attention mixes in the others; \(scale)."
        }
        return "The same row of wpe is added to whatever token sits at that position, so the model sees both what and where: \(dims),\n"
            + "\(rangeText(range, of: tokens)); one colour scale for the three matrices, \(scale)."
    }

    static func rangeText(_ r: Range<Int>, of tokens: Int) -> String {
        r.count == tokens ? "all \(tokens) tokens" : "tokens \(r.lowerBound)–\(r.upperBound - 1) of \(tokens)"
    }

    static func checked(_ range: Range<Int>?, tokens: Int) throws(EmbeddingError) -> Range<Int> {
        guard let range else { return 0..<tokens }
        guard range.lowerBound >= 0, range.upperBound <= tokens, !range.isEmpty else {
            throw .rangeOutside(lower: range.lowerBound, upper: range.upperBound, tokens: tokens)
        }
        return range
    }
}
