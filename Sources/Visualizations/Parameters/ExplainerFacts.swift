import GPTModel
import Tokenization

/// Numbers that explainers of GPT models often get wrong, each computed here from the built-in
/// presets, a tokenizer and the prompt — none is typed in.
///
/// The report shows them as a short box; `gptscope params --explain` prints them. Wording lives
/// in one table per language (``ExplainerFactsWording``); this type holds only the numbers.
public struct ExplainerFacts: Sendable, Equatable {
    /// GPT-2 small's exact parameter count (124,439,808).
    public var gpt2Total: Int
    /// The total the GPT-2 paper printed for it ("117M").
    public var gpt2Published: Double
    /// GPT-2 XL's exact parameter count.
    public var gpt2XLTotal: Int
    /// The total the paper printed for GPT-2 XL (1,542M, the "1.5B" of the headlines).
    public var gpt2XLPublished: Double
    /// GPT-2 XL's layers (48).
    public var gpt2XLLayers: Int
    /// GPT-2 XL's width d_model.
    public var gpt2XLWidth: Int
    /// GPT-2 small's layers (the 12 often quoted for GPT-2 as a whole).
    public var gpt2Layers: Int
    /// GPT-2 small's width d_model.
    public var gpt2Width: Int

    /// GPT-3 175B's context (2,048 tokens).
    public var gpt3Context: Int
    /// GPT-3 175B's width d_model (12,288), often mistaken for a context.
    public var gpt3Width: Int
    /// The original Transformer's width d_model (512), often mistaken for its context.
    public var transformerWidth: Int
    /// Whether the original Transformer has a fixed context (it does not).
    public var transformerHasContext: Bool

    /// GPT-3 175B's layers.
    public var gpt3Layers: Int
    /// GPT-3 175B's parameters per layer (1.81B).
    public var gpt3PerLayer: Int
    /// GPT-3 175B's exact total, the P of 6·P·D.
    public var gpt3Total: Int
    /// GPT-3 175B's token and position tables.
    public var gpt3EmbeddingTables: Int

    /// GPT-3 175B's training tokens D (300B, Table D.1).
    public var gpt3TrainingTokens: Double
    /// 6·P·D for GPT-3 175B, in FLOPs (≈ 3.14e23).
    public var gpt3TrainingFLOPs: Double

    /// How GPT-2 encodes positions (learned).
    public var gpt2PositionEncoding: GPTConfiguration.PositionEncoding
    /// The parameters of GPT-2's position table, n_ctx × d.
    public var gpt2PositionParameters: Int
    /// GPT-2's context, the rows of its position table.
    public var gpt2Context: Int

    /// The name of the tokenizer that counted the prompt (e.g. `gpt2`, or the model's name).
    public var tokenizerName: String
    /// The prompt's tokens under that tokenizer.
    public var promptTokens: Int
    /// Whitespace-separated words in the prompt.
    public var promptWords: Int
    /// Chinese (ideographic) characters in the prompt.
    public var promptChineseCharacters: Int

    /// Chinese text measured with GPT-2's tokenizer, one character at a time: the prompt's own
    /// Chinese characters when it has some, else ``defaultChineseSample``.
    public var chineseSample: String
    /// The fewest and most GPT-2 tokens one character of ``chineseSample`` takes on its own.
    public var tokensPerChineseCharacter: ClosedRange<Int>
    /// GPT-2 tokens for the whole of ``chineseSample``.
    public var chineseSampleTokens: Int
    /// Characters in ``chineseSample``.
    public var chineseSampleCharacters: Int

    /// The Chinese text measured when the prompt has none ("artificial intelligence is changing the world").
    public static let defaultChineseSample = "人工智能正在改变世界"

    /// The same sentence as Taiwan writes it, measured for a Traditional Chinese reader: its
    /// characters are other byte sequences, so GPT-2 splits them differently.
    public static let traditionalChineseSample = "人工智慧正在改變世界"

    /// The Chinese text measured for a reader of `language` when the prompt has none.
    public static func chineseSample(for language: ReportLanguage) -> String {
        language == .zhHant ? traditionalChineseSample : defaultChineseSample
    }

    /// Computes every number.
    ///
    /// - Parameters:
    ///   - prompt: the text the report (or `params --explain`) looks at.
    ///   - tokenizer: the model's own tokenizer, which counts the prompt's tokens.
    ///   - tokenizerName: how to name `tokenizer` in the text (default: its own name, which for a
    ///     checkpoint is its file, `vocab.json`; the report passes the model's name).
    ///   - gpt2Tokenizer: GPT-2's byte-level BPE (`Tokenizer.gpt2()`), which counts Chinese characters.
    ///   - fallbackChineseSample: the Chinese text measured when the prompt has none.
    public init(prompt: String, tokenizer: Tokenizer, tokenizerName: String? = nil, gpt2Tokenizer: Tokenizer,
                fallbackChineseSample: String = defaultChineseSample) throws {
        let gpt2 = ParameterBreakdown(try GPTConfiguration.preset(named: "gpt2"))
        let gpt2XL = ParameterBreakdown(try GPTConfiguration.preset(named: "gpt2-xl"))
        let gpt3 = ParameterBreakdown(try GPTConfiguration.preset(named: "gpt3-175b"))
        let transformer = try GPTConfiguration.preset(named: "transformer-base")

        gpt2Total = gpt2.total
        gpt2Published = gpt2.publishedTotal ?? 0
        gpt2XLTotal = gpt2XL.total
        gpt2XLPublished = gpt2XL.publishedTotal ?? 0
        gpt2XLLayers = gpt2XL.configuration.layerCount
        gpt2XLWidth = gpt2XL.configuration.embeddingWidth
        gpt2Layers = gpt2.configuration.layerCount
        gpt2Width = gpt2.configuration.embeddingWidth

        gpt3Context = gpt3.configuration.contextLength
        gpt3Width = gpt3.configuration.embeddingWidth
        transformerWidth = transformer.embeddingWidth
        transformerHasContext = transformer.hasFixedContext

        gpt3Layers = gpt3.configuration.layerCount
        gpt3PerLayer = gpt3.parametersPerLayer
        gpt3Total = gpt3.total
        gpt3EmbeddingTables = gpt3.embeddingTablesCount

        let tokens = gpt3.configuration.publishedTrainingTokens ?? 0
        gpt3TrainingTokens = tokens
        gpt3TrainingFLOPs = ComputeEstimate(gpt3, trainingTokens: tokens).trainingFLOPs ?? 0

        gpt2PositionEncoding = gpt2.configuration.positionEncoding
        gpt2PositionParameters = gpt2.count(in: .positionEmbedding)
        gpt2Context = gpt2.configuration.contextLength

        self.tokenizerName = tokenizerName ?? tokenizer.name
        promptTokens = tokenizer.encode(prompt).count
        promptWords = prompt.split(whereSeparator: \.isWhitespace).count
        let promptChinese = prompt.filter(Self.isChinese)
        promptChineseCharacters = promptChinese.count

        chineseSample = promptChinese.isEmpty ? fallbackChineseSample : String(promptChinese)
        let perCharacter = chineseSample.map { gpt2Tokenizer.encode(String($0)).count }
        tokensPerChineseCharacter = (perCharacter.min() ?? 0)...(perCharacter.max() ?? 0)
        chineseSampleTokens = gpt2Tokenizer.encode(chineseSample).count
        chineseSampleCharacters = chineseSample.count
    }

    /// The box's heading in `language`.
    public static func heading(_ language: ReportLanguage) -> String {
        ExplainerFactsWording.table(for: language).heading
    }

    /// The facts in `language`, in the order the box shows them.
    public func items(_ language: ReportLanguage) -> [ExplainerFact] {
        ExplainerFactsWording.table(for: language).items(self)
    }

    /// Whether `character` is a Chinese (CJK ideographic) character.
    static func isChinese(_ character: Character) -> Bool {
        character.unicodeScalars.contains { $0.properties.isIdeographic }
    }
}

/// One entry of the box: what is often said, and what the numbers say.
public struct ExplainerFact: Sendable, Equatable {
    /// The claim as explainers tend to put it.
    public var claim: String
    /// The correction, every number computed.
    public var fact: String

    /// Creates an entry.
    public init(claim: String, fact: String) {
        self.claim = claim
        self.fact = fact
    }
}
