import Charts
import GPTModel

extension ReportPlanner {
    /// Attention: the whole model, head scores, one closer look, the aggregates, then layer by layer.
    func attentionRecipes() -> [ReportRecipe] {
        let analysis = self.analysis
        let layerCount = analysis.model.configuration.layerCount
        let allPatterns = (0..<layerCount).map { HookName.pattern($0) }
        // Scores are cheap (one pass over each pattern); they pick the heads worth a closer look.
        let scores = headScores
        let (previous, first, current) = (HeadScoreKind.previousToken.name, HeadScoreKind.firstToken.name, HeadScoreKind.currentToken.name)
        let (duplicate, induction) = (HeadScoreKind.duplicateToken.name, HeadScoreKind.induction.name)
        var recipes = [
            ReportRecipe(ReportItem(
                stem: "attention.model", section: .attention,
                title: LocalizedText(en: "Every head of every layer", zh: "所有层、所有头一览"),
                explanation: LocalizedText(
                    en: "One thumbnail per head: rows are layers, columns are heads, and inside each thumbnail queries run down and keys across, with the masked future in grey. Look for shapes that repeat: a bright diagonal (a token attending to itself), a line just below it (to the previous token), a bright first column (parking attention on the first token).",
                    zh: "每个小图是一个注意力头：行是层，列是头；小图内部纵向是查询、横向是键，灰色是被遮住的“未来”。留意反复出现的形状：亮的对角线（关注自身）、紧贴对角线下方的一条线（关注前一个词元）、亮的第一列（把注意力“停放”在第一个词元上）。"),
                hooks: allPatterns)
            ) { try AttentionFigures.model(analysis) },
            ReportRecipe(ReportItem(
                stem: "attention.scores", section: .attention,
                title: LocalizedText(en: "Which heads do what: head scores", zh: "哪些头在做什么：头部评分"),
                explanation: LocalizedText(
                    en: "For each layer and head, the mean attention it puts where an ideal \(previous.en), \(first.en) or \(current.en) head would look: 1 is an ideal head, and each panel gives the chance level, what a head spreading its attention evenly scores. When the prompt repeats tokens, \(duplicate.en) and \(induction.en) scores are added. Only heads starred (at least halfway from chance to 1) are named after the kind; use the bright cells to find heads worth a closer look.",
                    zh: "对每一层的每个头，计算它放在理想的“\(previous.zh)头”“\(first.zh)头”“\(current.zh)头”应看位置上的平均注意力：1 表示理想的头，每个面板还给出随机水平，即把注意力平均分配的头所得的分数。如果提示词中有重复的词元，还会加上“\(duplicate.zh)”和“\(induction.zh)（induction）”评分。只有带星号的头（得分至少达到随机水平与 1 的中点）才称为该类头；颜色亮的格子就是值得细看的头。"),
                hooks: allPatterns)
            ) { try AttentionFigures.headScoresFigure(analysis) },
        ]
        if let focus = focusHead(scores) {
            recipes.append(ReportRecipe(ReportItem(
                stem: "attention.L\(focus.layer).H\(focus.head)", section: .attention,
                title: LocalizedText(en: "A closer look: layer \(focus.layer), head \(focus.head) (\(focus.kind.name.en) score \(Self.scoreText(focus.score)))",
                                     zh: "细看一个头：第 \(focus.layer) 层第 \(focus.head) 个头（\(focus.kind.name.zh)评分 \(Self.scoreText(focus.score))）"),
                explanation: LocalizedText(
                    en: "The head with the highest \(focus.kind.name.en) score, as a full heatmap. Each row is a query token and shows how its attention (summing to 1) is spread over itself and the earlier tokens; the grey upper triangle is the masked future, which is different from a weight of zero.",
                    zh: "这是\(focus.kind.name.zh)评分最高的头，画成完整的热力图。每一行是一个查询词元，显示它的注意力（总和为 1）如何分配给自身和之前的词元；右上方的灰色三角是被遮住的未来位置，这与权重为零是两回事。"),
                hooks: [.pattern(focus.layer)])
            ) { try AttentionFigures.head(analysis, layer: focus.layer, head: focus.head) })
        }
        recipes += aggregateRecipes(allPatterns)
        for layer in layers {
            recipes += layerRecipes(layer, scores: scores)
        }
        return recipes
    }

    private func aggregateRecipes(_ hooks: [HookName]) -> [ReportRecipe] {
        let analysis = self.analysis
        let texts: [(AttentionAggregate, LocalizedText, LocalizedText)] = [
            (.mean, LocalizedText(en: "Each layer's heads averaged", zh: "每层所有头的平均"),
             LocalizedText(
                en: "One panel per layer: the mean of that layer's heads, so you see where the layer as a whole moves information. Averaging blurs heads that disagree, so compare it with the maximum below.",
                zh: "每个面板对应一层，是该层所有头的平均值，可以看出这一层整体把信息从哪里搬到哪里。平均会把意见不同的头“抹平”，所以请与下面的最大值图对照着看。")),
            (.max, LocalizedText(en: "The strongest head at every cell", zh: "每个位置上最强的头"),
             LocalizedText(
                en: "One panel per layer: for every query and key, the largest weight any head of the layer gives. A bright cell means at least one head attends strongly there, even if the average hides it.",
                zh: "每个面板对应一层：对每一对查询和键，取该层所有头中最大的权重。格子亮，说明至少有一个头在这里关注得很强，即使平均值把它掩盖了。")),
            (.rollout, LocalizedText(en: "Attention rollout through the layers", zh: "注意力展开（rollout）"),
             LocalizedText(
                en: "Attention rollout (Abnar & Zuidema 2020) adds the residual connection as an identity to each layer's head average and multiplies the layers from the bottom up, estimating how much of each position's state after layer L traces back to each input token. It ignores the values and the MLPs, so treat it as a rough picture of information flow.",
                zh: "注意力展开（Abnar 与 Zuidema，2020）把残差连接当作单位矩阵加到每层的头平均上，再从底层往上逐层相乘，估计第 L 层之后每个位置的状态有多少来自各个输入词元。它忽略了值向量和 MLP，因此只能当作信息流的粗略图景。")),
        ]
        return texts.map { kind, title, text in
            ReportRecipe(ReportItem(stem: "attention.\(kind.rawValue)", section: .attention, title: title, explanation: text, hooks: hooks)) {
                try AttentionFigures.aggregate(analysis, kind: kind)
            }
        }
    }

    private func layerRecipes(_ layer: Int, scores: [HeadScores]) -> [ReportRecipe] {
        let analysis = self.analysis
        let group = LocalizedText(en: "Layer \(layer)", zh: "第 \(layer) 层")
        let heads = viewHeads(layer: layer, scores: scores)
        let headList = heads.map(String.init).joined(separator: ", ")
        // Lines stay readable for a few dozen tokens; longer prompts show their beginning.
        let shown = min(analysis.tokens.count, Self.headViewPositions)
        let window = shown < analysis.tokens.count
            ? LocalizedText(en: " Only the first \(shown) positions are drawn.", zh: "图中只画出前 \(shown) 个位置。")
            : LocalizedText(en: "", zh: "")
        return [
            ReportRecipe(ReportItem(
                stem: "attention.L\(layer).heads", section: .attention, group: group,
                title: LocalizedText(en: "Layer \(layer): every head", zh: "第 \(layer) 层：所有注意力头"),
                explanation: LocalizedText(
                    en: "The heads of layer \(layer) side by side on one colour scale. Rows are queries (the token doing the looking), columns are keys (the tokens looked at); every row sums to 1, and the grey triangle is the masked future.",
                    zh: "第 \(layer) 层的各个头并排放在同一色标下。行是查询（正在“看”的词元），列是键（被看的词元）；每一行的和为 1，灰色三角是被遮住的未来位置。"),
                hooks: [.pattern(layer)])
            ) { try AttentionFigures.layer(analysis, layer: layer) },
            ReportRecipe(ReportItem(
                stem: "attention.L\(layer).headview", section: .attention, group: group,
                title: LocalizedText(en: "Layer \(layer): head view of heads \(headList)", zh: "第 \(layer) 层：头视图（第 \(headList) 个头）"),
                explanation: LocalizedText(
                    en: "The same weights drawn as lines, as BertViz does: each token on the left attends to tokens on the right, and a line's opacity is its weight. Each head gets its own panel in its own colour, so heads never blur together; these are the layer's heads with the highest head scores." + window.en,
                    zh: "用连线画出同样的权重，就像 BertViz 那样：左边的每个词元关注右边的词元，线越不透明，权重越大。每个头单独一个面板、各用一种颜色，不会混在一起；这里选的是该层头部评分最高的几个头。" + window.zh),
                hooks: [.pattern(layer)])
            ) { try AttentionFigures.headView(analysis, layer: layer, heads: heads, range: 0..<shown) },
        ]
    }

    /// The head with the best previous-token score, or the best induction score when the prompt
    /// repeats itself and an induction head stands out more: compared by how far each is from
    /// chance towards 1, (score − chance) / (1 − chance), since the kinds' chance levels differ.
    func focusHead(_ scores: [HeadScores]) -> (layer: Int, head: Int, kind: HeadScoreKind, score: Double)? {
        let preferred: [HeadScoreKind] = [.induction, .previousToken]
        let candidates = scores.filter { preferred.contains($0.kind) && $0.queries > 0 }.compactMap { s in
            s.top(1).first.map { (layer: $0.layer, head: $0.head, kind: s.kind, score: $0.score, lift: ($0.score - s.chance) / max(1e-9, 1 - s.chance)) }
        }
        return candidates.max { $0.lift < $1.lift }.map { ($0.layer, $0.head, $0.kind, $0.score) }
    }

    /// Up to three heads of `layer` for the head view: the best of each score kind, most telling kinds first.
    func viewHeads(layer: Int, scores: [HeadScores]) -> [Int] {
        let order: [HeadScoreKind] = [.induction, .previousToken, .duplicateToken, .firstToken, .currentToken]
        var heads: [Int] = []
        for kind in order {
            guard let row = scores.first(where: { $0.kind == kind })?.scores[safe: layer],
                  let best = row.indices.max(by: { row[$0] < row[$1] }), !heads.contains(best) else { continue }
            heads.append(best)
            if heads.count == 3 { break }
        }
        return heads.isEmpty ? [0] : heads.sorted()
    }

    /// The head view draws at most this many positions.
    static let headViewPositions = 32

    static func scoreText(_ value: Double) -> String { String(format: "%.2f", value) }
}

fileprivate extension Array {
    /// The element at `index`, or nil outside the array.
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
