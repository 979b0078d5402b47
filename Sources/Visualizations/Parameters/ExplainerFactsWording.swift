import Charts
import Foundation

/// The words of ``ExplainerFacts`` in one language: a heading, and each entry as a function of
/// the computed numbers. One table per language, written for that language rather than translated
/// word for word; a new language (e.g. Traditional Chinese) is one more table.
struct ExplainerFactsWording: Sendable {
    /// The box's heading.
    var heading: String
    /// Each entry, in order, from the numbers.
    var entries: [@Sendable (ExplainerFacts) -> ExplainerFact]

    func items(_ facts: ExplainerFacts) -> [ExplainerFact] { entries.map { $0(facts) } }

    static func table(for language: ReportLanguage) -> ExplainerFactsWording {
        switch language {
        case .en: english
        case .zh: chinese
        case .zhHant: traditional
        }
    }

    // MARK: Shared number formats

    static func n(_ value: Int) -> String { NumberFormat.thousands(value) }
    static func published(_ value: Double) -> String { NumberFormat.compact(value) }
    /// A published total as headlines round it: 1,542M → "1.5B".
    static func roughly(_ value: Double) -> String { NumberFormat.human(value, digits: 1) }
    /// 3.14e23
    static func scientific(_ value: Double) -> String {
        String(format: "%.2e", value).replacingOccurrences(of: "e+", with: "e")
    }
    static func ratio(_ a: Int, _ b: Int) -> String { b > 0 ? String(format: "%.2f", Double(a) / Double(b)) : "—" }
    static func percent(_ part: Int, of whole: Int) -> String {
        whole > 0 ? String(format: "%.1f%%", 100 * Double(part) / Double(whole)) : "—"
    }
    static func range(_ r: ClosedRange<Int>) -> String { r.lowerBound == r.upperBound ? "\(r.lowerBound)" : "\(r.lowerBound)–\(r.upperBound)" }
    /// Petaflop/s-days, the unit of GPT-3's Table D.1: FLOPs / (10¹⁵ × 86,400).
    static func petaflopDays(_ flops: Double) -> String { NumberFormat.thousands(Int((flops / 8.64e19).rounded())) }

    // MARK: English

    static let english = ExplainerFactsWording(heading: "Numbers explainers often get wrong", entries: [
        { f in ExplainerFact(
            claim: "“GPT-2 has \(published(f.gpt2Published)) parameters” — or “\(roughly(f.gpt2XLPublished))”",
            fact: "GPT-2 small, the model everyone runs, has exactly \(n(f.gpt2Total)) parameters: the paper's "
                + "\(published(f.gpt2Published)) was a miscount that OpenAI later corrected. The "
                + "\(roughly(f.gpt2XLPublished)) (exactly \(n(f.gpt2XLTotal))) is GPT-2 XL, a different model.") },
        { f in ExplainerFact(
            claim: "“GPT-2 has \(f.gpt2Layers) layers”",
            fact: "Only GPT-2 small does. GPT-2 XL, the model of the headlines, stacks \(f.gpt2XLLayers) layers "
                + "of width \(n(f.gpt2XLWidth)).") },
        { f in ExplainerFact(
            claim: "“The context grew from \(n(f.transformerWidth)) to \(n(f.gpt3Width)) tokens”",
            fact: "Both numbers are widths (d_model): the original Transformer's \(n(f.transformerWidth)) and "
                + "GPT-3's \(n(f.gpt3Width)). GPT-3's context is \(n(f.gpt3Context)) tokens; the original "
                + "Transformer has " + (f.transformerHasContext ? "a fixed context" : "no fixed context at all: its sinusoidal positions extend to any length") + ".") },
        { f in ExplainerFact(
            claim: "“Most of GPT-3's parameters are its word embeddings”",
            fact: "Each of GPT-3 175B's \(f.gpt3Layers) layers holds \(n(f.gpt3PerLayer)) parameters "
                + "(about \(NumberFormat.human(Double(f.gpt3PerLayer), digits: 2))); together they are "
                + "\(percent(f.gpt3Layers * f.gpt3PerLayer, of: f.gpt3Total)) of the total. The token and position "
                + "tables hold \(NumberFormat.human(Double(f.gpt3EmbeddingTables))) "
                + "(\(percent(f.gpt3EmbeddingTables, of: f.gpt3Total))).") },
        { f in ExplainerFact(
            claim: "“Training GPT-3 took \(scientific(f.gpt3TrainingFLOPs)) FLOPS”",
            fact: "It is an amount of work, not a speed: 6·P·D with P = \(n(f.gpt3Total)) parameters and "
                + "D = \(NumberFormat.human(f.gpt3TrainingTokens, digits: 0)) training tokens gives "
                + "\(scientific(f.gpt3TrainingFLOPs)) floating-point operations (\(petaflopDays(f.gpt3TrainingFLOPs)) "
                + "petaflop/s-days): 2 per parameter per token forward, 4 backward.") },
        { f in ExplainerFact(
            claim: "“GPT-2 uses sinusoidal position encodings”",
            fact: f.gpt2PositionEncoding == .learned
                ? "GPT-2 learns its positions: a trained table of \(n(f.gpt2Context)) × \(n(f.gpt2Width)) "
                    + "= \(n(f.gpt2PositionParameters)) parameters. The fixed sines and cosines are the original Transformer's."
                : "GPT-2's positions are \(f.gpt2PositionEncoding.rawValue).") },
        { f in ExplainerFact(
            claim: "“A token is a word”",
            fact: promptSentence(f) + " Under GPT-2's byte-level BPE one Chinese character takes "
                + "\(range(f.tokensPerChineseCharacter)) tokens on its own: “\(f.chineseSample)” is "
                + "\(f.chineseSampleCharacters) characters and \(f.chineseSampleTokens) tokens.") },
    ])

    private static func promptSentence(_ f: ExplainerFacts) -> String {
        if f.promptChineseCharacters > f.promptWords {
            return "This prompt is \(f.promptChineseCharacters) Chinese characters and \(f.promptTokens) tokens "
                + "under the \(f.tokenizerName) tokenizer (\(ratio(f.promptTokens, f.promptChineseCharacters)) tokens per character)."
        }
        return "This prompt is \(f.promptWords) words and \(f.promptTokens) tokens under the \(f.tokenizerName) "
            + "tokenizer (\(ratio(f.promptTokens, f.promptWords)) tokens per word)."
    }

    // MARK: Simplified Chinese

    static let chinese = ExplainerFactsWording(heading: "科普文章常弄错的数字", entries: [
        { f in ExplainerFact(
            claim: "“GPT-2 有 \(published(f.gpt2Published)) 个参数”，或者“\(roughly(f.gpt2XLPublished))”",
            fact: "大家实际运行的 GPT-2 小模型恰好有 \(n(f.gpt2Total)) 个参数；论文里的 \(published(f.gpt2Published)) "
                + "是算错的，OpenAI 后来做了更正。\(roughly(f.gpt2XLPublished))（精确值 \(n(f.gpt2XLTotal))）"
                + "说的是 GPT-2 XL，另一个模型。") },
        { f in ExplainerFact(
            claim: "“GPT-2 有 \(f.gpt2Layers) 层”",
            fact: "只有 GPT-2 小模型是 \(f.gpt2Layers) 层。上了新闻的 GPT-2 XL 有 \(f.gpt2XLLayers) 层，"
                + "宽度 \(n(f.gpt2XLWidth))。") },
        { f in ExplainerFact(
            claim: "“上下文从 \(n(f.transformerWidth)) 增长到 \(n(f.gpt3Width)) 个词元”",
            fact: "这两个数都是宽度（d_model）：原始 Transformer 的 \(n(f.transformerWidth)) 和 GPT-3 的 "
                + "\(n(f.gpt3Width))。GPT-3 的上下文是 \(n(f.gpt3Context)) 个词元；原始 Transformer "
                + (f.transformerHasContext ? "有固定的上下文。" : "根本没有固定的上下文：正弦位置编码可以延伸到任意长度。")) },
        { f in ExplainerFact(
            claim: "“GPT-3 的参数大多在词嵌入里”",
            fact: "GPT-3 175B 的 \(f.gpt3Layers) 层每层有 \(n(f.gpt3PerLayer)) 个参数"
                + "（约 \(NumberFormat.human(Double(f.gpt3PerLayer), digits: 2))），合计占总数的 "
                + "\(percent(f.gpt3Layers * f.gpt3PerLayer, of: f.gpt3Total))；词元表和位置表只有 "
                + "\(NumberFormat.human(Double(f.gpt3EmbeddingTables)))（\(percent(f.gpt3EmbeddingTables, of: f.gpt3Total))）。") },
        { f in ExplainerFact(
            claim: "“训练 GPT-3 用了 \(scientific(f.gpt3TrainingFLOPs)) FLOPS”",
            fact: "这是计算总量，不是速度：6·P·D，P = \(n(f.gpt3Total)) 个参数，D = "
                + "\(NumberFormat.human(f.gpt3TrainingTokens, digits: 0)) 个训练词元，得到 "
                + "\(scientific(f.gpt3TrainingFLOPs)) 次浮点运算（\(petaflopDays(f.gpt3TrainingFLOPs)) petaflop/s-天）："
                + "每个参数每个词元前向 2 次、反向 4 次。") },
        { f in ExplainerFact(
            claim: "“GPT-2 用的是正弦位置编码”",
            fact: f.gpt2PositionEncoding == .learned
                ? "GPT-2 的位置是学出来的：一张 \(n(f.gpt2Context)) × \(n(f.gpt2Width)) "
                    + "= \(n(f.gpt2PositionParameters)) 个参数的可训练表。固定的正弦、余弦编码属于原始 Transformer。"
                : "GPT-2 的位置编码是 \(f.gpt2PositionEncoding.rawValue)。") },
        { f in ExplainerFact(
            claim: "“一个词元就是一个词”",
            fact: promptSentenceZh(f) + "在 GPT-2 的字节级 BPE 下，单独一个汉字要 \(range(f.tokensPerChineseCharacter)) "
                + "个词元：“\(f.chineseSample)”共 \(f.chineseSampleCharacters) 个字、\(f.chineseSampleTokens) 个词元。") },
    ])

    // MARK: Traditional Chinese

    /// The Simplified table converted by ``TraditionalChinese`` (Taiwan usage, glossary terms).
    /// The Chinese text that was measured and the tokenizer's name are data, not wording: they
    /// are kept out of the conversion (swapped for private-use placeholders) and shown as they are.
    static let traditional = ExplainerFactsWording(
        heading: TraditionalChinese.convert(chinese.heading),
        entries: chinese.entries.map { entry in
            { f in
                var shielded = f
                shielded.chineseSample = sampleMark
                shielded.tokenizerName = tokenizerMark
                let item = entry(shielded)
                func convert(_ s: String) -> String {
                    TraditionalChinese.convert(s).replacingOccurrences(of: sampleMark, with: f.chineseSample)
                        .replacingOccurrences(of: tokenizerMark, with: f.tokenizerName)
                }
                return ExplainerFact(claim: convert(item.claim), fact: convert(item.fact))
            }
        })

    private static let sampleMark = "\u{E000}"
    private static let tokenizerMark = "\u{E001}"

    private static func promptSentenceZh(_ f: ExplainerFacts) -> String {
        if f.promptChineseCharacters > f.promptWords {
            return "这个提示词有 \(f.promptChineseCharacters) 个汉字，用 \(f.tokenizerName) 分词器切分是 \(f.promptTokens) "
                + "个词元（每字 \(ratio(f.promptTokens, f.promptChineseCharacters)) 个）。"
        }
        return "这个提示词有 \(f.promptWords) 个词（以空格分隔），用 \(f.tokenizerName) 分词器切分是 \(f.promptTokens) 个词元"
            + "（每词 \(ratio(f.promptTokens, f.promptWords)) 个）。"
    }
}
