/// The chapters of a report, in teaching order: the order a forward pass meets them.
public enum ReportSection: String, Sendable, CaseIterable, Codable, Comparable {
    /// How the text becomes token ids.
    case tokens
    /// Token embeddings: one learned vector per token.
    case embeddings
    /// Positional encodings: how the model knows word order.
    case positions
    /// The model's block diagram, from its configuration.
    case architecture
    /// Attention, layer by layer.
    case attention
    /// The residual stream and the MLPs through the layers.
    case residual
    /// The next-token predictions.
    case predictions
    /// Experiments on the model: ablation, activation patching, attribution.
    case experiments
    /// Where the model's parameters are.
    case parameters

    /// Sections compare in teaching order.
    public static func < (a: ReportSection, b: ReportSection) -> Bool {
        a.order < b.order
    }

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// The section heading.
    public var title: LocalizedText {
        switch self {
        case .tokens: return LocalizedText(en: "Tokens", zh: "词元（token）")
        case .embeddings: return LocalizedText(en: "Embeddings", zh: "词嵌入")
        case .positions: return LocalizedText(en: "Positions", zh: "位置编码")
        case .architecture: return LocalizedText(en: "The architecture", zh: "模型结构")
        case .attention: return LocalizedText(en: "Attention, layer by layer", zh: "逐层看注意力")
        case .residual: return LocalizedText(en: "Residual stream and MLP", zh: "残差流与 MLP")
        case .predictions: return LocalizedText(en: "Predictions", zh: "预测下一个词元")
        case .experiments: return LocalizedText(en: "Experiments", zh: "动手实验")
        case .parameters: return LocalizedText(en: "Parameters", zh: "参数都在哪里")
        }
    }

    /// One or two sentences that open the section.
    public var introduction: LocalizedText {
        switch self {
        case .tokens:
            return LocalizedText(
                en: "The model never sees letters: a byte-level BPE tokenizer cuts the prompt into tokens, and each token becomes an integer id. Everything that follows happens once per token position.",
                zh: "模型看不到字母本身：字节级 BPE 分词器先把提示词切成一个个词元，每个词元对应一个整数编号。后面的所有计算，都是按词元的位置逐个进行的。")
        case .embeddings:
            return LocalizedText(
                en: "Each token id selects one row of the token-embedding matrix wte: a vector of d_model numbers that the model learned in training. These vectors are the model's first representation of the prompt.",
                zh: "每个词元编号从词嵌入矩阵 wte 中取出一行：一个长度为 d_model 的向量，是模型在训练中学到的。这些向量就是模型对提示词最初的表示。")
        case .positions:
            return LocalizedText(
                en: "Attention by itself ignores word order, so a position vector is added to every token vector before the first block. GPT-1 and GPT-2 learn these vectors (wpe); the original Transformer used fixed sines and cosines.",
                zh: "注意力本身并不区分词的先后，所以在进入第一个模块之前，每个词元向量都要加上一个位置向量。GPT-1 和 GPT-2 的位置向量（wpe）是学出来的，而最初的 Transformer 用的是固定的正弦、余弦函数。")
        case .architecture:
            return LocalizedText(
                en: "The vectors now pass through a stack of identical blocks, each an attention sublayer and an MLP added back into the residual stream. The diagram is drawn from the configuration alone, with the real size of every tensor.",
                zh: "这些向量接着穿过一摞结构相同的模块，每个模块由注意力子层和 MLP 组成，它们的输出都加回残差流。下面的结构图完全由模型配置画出，每个张量都标着真实的尺寸。")
        case .attention:
            return LocalizedText(
                en: "In every layer each head lets every position gather information from itself and the positions before it; the weights of one query row sum to 1. The figures go from the whole model down to single layers.",
                zh: "在每一层中，每个注意力头让每个位置从自身以及前面的位置收集信息；同一查询行的权重之和为 1。下面的图从整个模型一直看到单独的每一层。")
        case .residual:
            return LocalizedText(
                en: "Every block reads the residual stream and adds its attention and MLP outputs back into it. Following the stream layer by layer shows how the prediction forms.",
                zh: "每个模块都从残差流中读取信息，再把注意力和 MLP 的输出加回残差流。逐层追踪这条“信息主干”，可以看到预测是怎样一步步形成的。")
        case .predictions:
            return LocalizedText(
                en: "After the last block, the final LayerNorm and the unembedding turn each position's vector into scores for every token in the vocabulary; a softmax makes them probabilities.",
                zh: "经过最后一个模块后，最终的 LayerNorm 和反嵌入（unembedding）把每个位置的向量变成对词表中每个词元的打分，再经 softmax 变成概率。")
        case .experiments:
            return LocalizedText(
                en: "Pictures of attention show where a head looks, not what it does. Here parts of the model are changed and the output watched: a head switched off, an activation pasted in from another prompt, the final logit split into each head's share.",
                zh: "注意力图只显示一个头在“看”哪里，而不是它做了什么。这里我们动手改变模型的某些部分，再观察输出：关掉一个头、从另一个提示词贴入一个激活、把最终的 logit 拆成每个头的份额。")
        case .parameters:
            return LocalizedText(
                en: "The parameter count follows from the configuration alone. These charts show where this model's parameters sit and how it compares with GPT-1, GPT-2 and GPT-3.",
                zh: "参数量完全由模型配置决定。下面的图展示了这个模型的参数分布在哪些部件中，以及它与 GPT-1、GPT-2、GPT-3 的比较。")
        }
    }
}
