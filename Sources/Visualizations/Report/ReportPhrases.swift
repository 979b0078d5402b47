/// The page's own words (headings, labels, the attention caveat) in every language.
enum ReportPhrases {
    static let pageTitle = LocalizedText(en: "Inside the model", zh: "走进模型内部")
    static let model = LocalizedText(en: "Model", zh: "模型")
    static let prompt = LocalizedText(en: "Prompt", zh: "提示词")
    static let tokens = LocalizedText(en: "Tokens", zh: "词元数")
    static let nextToken = LocalizedText(en: "Most likely next token", zh: "最可能的下一个词元")
    static let dataFiles = LocalizedText(en: "The numbers behind every figure:", zh: "图背后的数据：")
    static let contents = LocalizedText(en: "Contents", zh: "目录")
    static let download = LocalizedText(en: "Files:", zh: "文件：")
    static let drawnFrom = LocalizedText(en: "drawn from", zh: "数据来自")
    static let token = LocalizedText(en: "Token", zh: "词元")
    static let probability = LocalizedText(en: "Probability", zh: "概率")
    static let caveatTitle = LocalizedText(en: "Attention weights are not explanations",
                                           zh: "注意力权重并不等于解释")
    static let caveat = LocalizedText(
        en: "A large weight shows where a head reads from, not why the model predicts what it does. Quite different attention patterns can lead to the same prediction, and the value vectors, the output projection, the MLPs and every later layer all reshape what a head passes on. Read these pictures as a map of information flow to be tested, not as the model's reasons.",
        zh: "权重大，只说明这个注意力头从哪里读取信息，并不说明模型为什么做出这个预测。截然不同的注意力模式可能得到同样的预测；而且值向量、输出投影、MLP 以及后面的每一层，都会改变一个头传递出去的内容。请把这些图看作有待检验的“信息流向图”，而不是模型做决定的理由。")
    static let footer = LocalizedText(
        en: "Written by GPTScope. Figures are PNG (with SVG alongside); the page needs no network and no JavaScript.",
        zh: "由 GPTScope 生成。图为 PNG 格式（另附 SVG）；本页无需联网，也不需要 JavaScript。")
}
