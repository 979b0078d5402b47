import Charts
import GPTModel

extension ReportPlanner {
    /// The model's learned position embeddings beside the sinusoidal encoding of the same size:
    /// as a heatmap, as curves, and as position-to-position similarity.
    func positionRecipes() -> [ReportRecipe] {
        Self.positionTableRecipes(model: analysis.model, modelName: analysis.modelName) + [embeddingSumRecipe()]
            + Self.rotaryRecipes(configuration: analysis.model.configuration)
    }

    /// The rotary figures of a model whose queries and keys are rotated (none otherwise):
    /// frequencies (with its scaling), angles, and q·k against distance.
    static func rotaryRecipes(configuration: GPTConfiguration) -> [ReportRecipe] {
        guard configuration.positionEncoding == .rotary else { return [] }
        let rope = RotaryPositions(configuration.rotaryEmbedding)
        let positions = min(configuration.contextLength, 128), hooks: [HookName] = [.rotQ(0), .rotK(0)]
        func item(_ stem: String, _ title: LocalizedText, _ explanation: LocalizedText) -> ReportItem {
            ReportItem(stem: stem, section: .positions, title: title, explanation: explanation, hooks: hooks)
        }
        return [
            ReportRecipe(item("positions.rotary-frequencies",
                LocalizedText(en: "Rotary positions: how fast each dimension pair turns", zh: "旋转位置编码：每个维度对转得多快"),
                LocalizedText(en: "This model adds no position vector. Instead each query and key is cut into dimension pairs, and pair i is turned by an angle that grows by θ_i per position; the first pairs turn fast, the last ones very slowly. A rope scaling, if the checkpoint has one, is drawn beside the unscaled frequencies.",
                              zh: "这个模型不加位置向量，而是把每个查询和键分成若干维度对，第 i 对每前进一个位置就多转 θ_i 的角度；前面的维度对转得快，后面的转得很慢。如果模型带有 rope 缩放，缩放前后的频率并排画出。"))) {
                RotaryFigure.frequencies(rope)
            },
            ReportRecipe(item("positions.rotary-angles",
                LocalizedText(en: "Rotary positions: the angle of every pair at every position", zh: "旋转位置编码：每个位置上每个维度对的角度"),
                LocalizedText(en: "The cosine of the rotation angle position × θ_i, for the first positions and every pair. It looks like the sinusoidal encoding, but it is applied to the queries and keys in every layer rather than added once to the input.",
                              zh: "旋转角度（位置 × θ_i）的余弦，画出前面若干位置和所有维度对。它看起来像正弦位置编码，但它作用在每一层的查询和键上，而不是在输入处加一次。"))) {
                RotaryFigure.angles(rope, positions: 0 ..< positions)
            },
            ReportRecipe(item("positions.rotary-distance",
                LocalizedText(en: "Rotary positions: q·k depends only on the distance", zh: "旋转位置编码：q·k 只取决于距离"),
                LocalizedText(en: "The same query and key rotated for their positions: the score is the same at positions (m, n) and (m + 1,000, n + 1,000), so attention sees only how far apart two tokens are, and for these vectors the score shrinks as they move apart.",
                              zh: "同一个查询和键按各自的位置旋转：在位置 (m, n) 和 (m + 1,000, n + 1,000) 处得分相同，所以注意力只看两个词元相距多远；对这组向量来说，距离越远，得分越小。"))) {
                RotaryFigure.distance(rope, distances: 256)
            },
        ]
    }

    /// The most positions the position figures draw: a longer context shows its first ones (the
    /// similarity figures hold positions² values, 80 GB for 100,000 positions).
    public static let maximumPositions = 2048

    /// The three comparisons of the position tables, which depend on the model alone (none
    /// when it has no learned table); they read ``ReportShared/Kind/positionTables``.
    static func positionTableRecipes(model: GPT, modelName: String) -> [ReportRecipe] {
        let shape = model.embedding.positionTable.shape
        guard shape.count == 2, shape[0] > 0, shape[1] > 0, shape[1] % 2 == 0 else { return [] }
        // One comparison figure of `kind`, drawn from the shared tables.
        func recipe(_ kind: PositionalFigureKind, _ stem: String, title: LocalizedText, explanation: LocalizedText) -> ReportRecipe {
            ReportRecipe(ReportItem(stem: stem, section: .positions, title: title, explanation: explanation, hooks: [.posEmbed]),
                         needs: [.positionTables]) { shared in
                let (learned, sinusoidal) = try shared.tables()
                return try PositionalEncodingFigure.comparison(kind, sinusoidal: sinusoidal, learned: learned)
            }
        }
        return [
            recipe(.heatmap, "positions.heatmap",
                title: LocalizedText(en: "Position vectors: fixed sinusoids beside learned wpe",
                                     zh: "位置向量：固定的正弦编码与学到的 wpe 对比"),
                explanation: LocalizedText(
                    en: "Each row is the vector added at one position, each column one of its dimensions, for every position of the context. On the left, sines and cosines whose wavelength grows from the first columns to the last (Vaswani et al. 2017); on the right, the vectors this checkpoint learned, which need not follow any formula.",
                    zh: "每一行是加在某个位置上的向量，每一列是它的一个维度，覆盖上下文中的所有位置。左边是正弦和余弦，波长从前面的列到后面的列逐渐变长（Vaswani 等，2017）；右边是这个模型学到的向量，它们不必遵循任何公式。")),
            recipe(.curves, "positions.curves",
                title: LocalizedText(en: "A few dimensions against position", zh: "几个维度随位置的变化"),
                explanation: LocalizedText(
                    en: "The same numbers as curves: one line per chosen dimension, position on the horizontal axis. Sinusoidal dimensions come in sine/cosine pairs with ever longer wavelengths; for the learned embeddings the dimensions that vary most are shown.",
                    zh: "把同样的数字画成曲线：每条线是一个选定的维度，横轴是位置。正弦编码的维度成对出现（正弦与余弦），波长越来越长；学到的嵌入则显示变化最大的几个维度。")),
            recipe(.similarity, "positions.similarity",
                title: LocalizedText(en: "Which positions look alike", zh: "哪些位置彼此相似"),
                explanation: LocalizedText(
                    en: "Cosine similarity between every pair of position vectors. A bright band along the diagonal means nearby positions get similar vectors, which is what lets attention tell near from far.",
                    zh: "任意两个位置向量之间的余弦相似度。沿对角线的亮带说明相邻位置的向量相似，注意力正是借此分辨远近。")),
        ]
    }

    /// The model's learned position table and the sinusoidal table of the same size.
    static func positionTables(model: GPT, modelName: String) -> Result<ReportShared.PositionTables, PositionalEncodingError> {
        Result { () throws(PositionalEncodingError) in
            let learned = try PositionTable.learned(model, modelName: modelName, positions: 0..<min(model.embedding.positionTable.shape[0], maximumPositions))
            return (learned, try PositionTable.sinusoidal(positions: learned.positions.count, dModel: learned.dimensions))
        }
    }
}
