import Charts
import GPTModel

extension ReportPlanner {
    /// The pictures explainers draw by hand, drawn exactly: the prompt cut into training samples,
    /// the architecture with its real shapes, the attention masks, the softmax step of one head,
    /// each token's surprisal and the sampling distributions. The page sorts them into their
    /// chapters (tokens, architecture, attention, predictions) in this order.
    func explainerRecipes() -> [ReportRecipe] {
        let analysis = self.analysis
        let c = analysis.model.configuration
        let name = analysis.modelName
        let labels = TokenAxisLabels.labels(analysis.tokens, numbered: false)
        var recipes = [
            ReportRecipe(ReportItem(
                stem: "tokens.samples", section: .tokens,
                title: LocalizedText(en: "How text becomes training samples", zh: "文本怎样变成训练样本"),
                explanation: LocalizedText(
                    en: "Training cuts text into windows of \(c.contextLength) tokens, and each window holds one (context → next token) pair per position: the model learns to predict every token from all the tokens before it, in one forward pass. Here the prompt is cut that way, so every token after the first is a target once; a corpus of D tokens yields about D such pairs.",
                    zh: "训练时，文本被切成长度为 \(c.contextLength) 个词元的窗口，窗口中的每个位置都是一对“上文 → 下一个词元”：模型在一次前向计算中，学习根据前面所有词元预测每一个词元。这里把提示词也这样切开，除第一个词元外，每个词元都恰好当一次预测目标；D 个词元的语料大约能得到 D 对这样的样本。"))
            ) { try TrainingSamplesFigure(labels: labels, context: c.contextLength, modelName: name).figure() },
            ReportRecipe(ReportItem(
                stem: "architecture", section: .architecture,
                title: LocalizedText(en: "The block diagram of \(name), with its real shapes", zh: "\(name) 的结构图（标注真实形状）"),
                explanation: LocalizedText(
                    en: "Every edge carries the shape of the tensor flowing along it (T is the number of tokens) and every box its parameter count, all computed from the configuration. The grey frame is one block, repeated \(c.layerCount) times; the arrows on its left are the residual connections, and the norms sit where this model puts them.",
                    zh: "每条连线上标着流经它的张量形状（T 是词元个数），每个方框标着它的参数量，全部由模型配置算出。灰色框是一个模块，重复 \(c.layerCount) 次；左侧的箭头是残差连接，归一化层画在这个模型实际放置它们的位置。"))
            ) { try ArchitectureDiagram(c).figure() },
        ]
        recipes.append(ReportRecipe(ReportItem(
            stem: "architecture.gpt1-gpt2", section: .architecture,
            title: LocalizedText(en: "GPT-1 beside GPT-2: what moved", zh: "GPT-1 与 GPT-2 并排：哪里变了"),
            explanation: LocalizedText(
                en: "GPT-2 kept GPT-1's 12 blocks of width 768 but moved each LayerNorm from after the residual add to before the sublayer, added a final LayerNorm, and grew the vocabulary and the context. The boxes outlined in red are the ones that changed.",
                zh: "GPT-2 保留了 GPT-1 的 12 个宽度为 768 的模块，但把每个 LayerNorm 从残差相加之后挪到了子层之前，又在最后加了一个 LayerNorm，并扩大了词表和上下文长度。红框标出的就是改变了的部件。"))
        ) {
            try ArchitectureComparison(try GPTConfiguration.preset(named: "gpt1"), try GPTConfiguration.preset(named: "gpt2")).figure()
        })
        recipes += attentionStepRecipes()
        recipes += [
            ReportRecipe(ReportItem(
                stem: "predictions.surprisal", section: .predictions,
                title: LocalizedText(en: "How surprising each token was", zh: "每个词元有多出乎意料"),
                explanation: LocalizedText(
                    en: "Each token is coloured by its surprisal, −log p(token | the tokens before it), read from the model's own prediction at the previous position. The mean over the prompt is exactly the cross-entropy loss that training lowers.",
                    zh: "每个词元按它的“意外程度”着色，即 −log p(该词元 | 前面的词元)，取自模型在前一个位置上的预测。整段提示词上的平均值，正是训练时要降低的交叉熵损失。"))
            ) { try SurprisalStrip(surprisals: analysis.surprisals(), labels: labels, modelName: name).figure() },
            ReportRecipe(ReportItem(
                stem: "predictions.sampling", section: .predictions,
                title: LocalizedText(en: "Temperature, top-k and top-p", zh: "温度、top-k 与 top-p"),
                explanation: LocalizedText(
                    en: "The next-token distribution after the prompt at three temperatures: dividing the logits by T below 1 sharpens it and above 1 flattens it, and T → 0 is greedy decoding. The right panel also keeps only the top 10 tokens and then the smallest set reaching 90% probability, renormalized, in the order gptscope generate applies them.",
                    zh: "提示词之后下一个词元在三种温度下的分布：把 logits 除以小于 1 的 T 会让分布更尖锐，大于 1 则更平坦，T → 0 就是贪心解码。最右一栏还先只保留前 10 个词元，再保留概率累计达到 90% 的最小集合并重新归一化，顺序与 gptscope generate 相同。"))
            ) {
                let logits = analysis.logits
                let v = logits.shape[1], t = logits.shape[0]
                let last = logits.scalars[((t - 1) * v)..<(t * v)]  // [T, V] -> the last row [V]
                let plain = SamplingDistributions(logits: last, temperatures: [0.5, 1])
                let cut = SamplingDistributions(logits: last, temperatures: [2], topK: 10, topP: 0.9)
                let both = SamplingDistributions(model: plain.model, distributions: plain.distributions + cut.distributions)
                let labeler = TokenLabeler(tokenizer: analysis.tokenizer)
                return both.figure(label: labeler.label, shown: 10, context: "\(name) after \(analysis.promptForTitle()) (\(t) tokens)")
            },
        ]
        return recipes
    }

    /// The attention masks, and the softmax step of the head the attention chapter looks at closely.
    private func attentionStepRecipes() -> [ReportRecipe] {
        let analysis = self.analysis
        let t = analysis.tokens.count
        let focus = focusHead(headScores)
        let (layer, head) = (focus?.layer ?? 0, focus?.head ?? 0)
        let shown = min(t, Self.softmaxStepPositions)
        let context = min(16, max(8, t))
        return [
            ReportRecipe(ReportItem(
                stem: "attention.masks", section: .attention,
                title: LocalizedText(en: "Which keys a query may attend to: masks", zh: "查询能看到哪些键：注意力掩码"),
                explanation: LocalizedText(
                    en: "A causal mask lets each position attend to itself and every earlier position, as in this model. GPT-3 alternates such dense layers with locally banded ones that see only the last few positions (its band width was not published, so the figure states the width it assumes), and a sliding window applies the band in every layer.",
                    zh: "因果掩码让每个位置只能关注自身和之前的所有位置，本模型就是如此。GPT-3 让这种稠密层与只看最近几个位置的局部带状层交替出现（带宽没有公开，图中注明了所假设的宽度）；滑动窗口则在每一层都使用这种带状掩码。"))
            ) { AttentionMaskFigure(context: context).figure() },
            ReportRecipe(ReportItem(
                stem: "attention.softmax.L\(layer).H\(head)", section: .attention,
                title: LocalizedText(en: "The softmax step: layer \(layer), head \(head)", zh: "softmax 这一步：第 \(layer) 层第 \(head) 个头"),
                explanation: LocalizedText(
                    en: "Left, the scores q·k/√d_head before softmax, with the masked future in grey; middle, the pattern softmax makes of each row; right, each weight times the length of the key's value vector. A large weight on a short value vector moves little information, so the right panel shows what the head actually passes on.",
                    zh: "左图是 softmax 之前的打分 q·k/√d_head，灰色是被遮住的未来位置；中图是 softmax 把每一行变成的注意力权重；右图是每个权重乘以对应键的值向量长度。权重大但值向量很短，传过去的信息也很少，所以右图显示的才是这个头真正传递了多少。"),
                hooks: [.attnScores(layer), .pattern(layer), .v(layer)])
            ) {
                let source = try Self.softmaxStepAnalysis(analysis, layer: layer, positions: shown)
                return try AttentionFigures.softmaxStep(source, layer: layer, head: head, range: 0..<shown)
            },
        ]
    }

    /// The softmax-step figure draws at most this many positions.
    static let softmaxStepPositions = 24
}
