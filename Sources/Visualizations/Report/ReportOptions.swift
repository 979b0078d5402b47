import Charts

/// Choices for one report: page language, file formats, which layers get their own figures.
public struct ReportOptions: Sendable {
    /// The page's language.
    public var language: ReportLanguage
    /// Formats written for every figure; the page shows the first raster one (PNG) and links the rest.
    public var formats: [OutputFormat]
    /// Layers that get per-layer figures (nil: every layer). Whole-model figures always show every layer.
    public var layers: [Int]?
    /// PNG pixels per point.
    public var scale: Double
    /// How many next-token candidates the summary and the prediction figures list.
    public var topK: Int
    /// Words whose embeddings the PCA figure places (nil: ``defaultWords``).
    public var words: [String]?
    /// Tokens generated greedily after the prompt for the generation figure (0: no figure).
    public var generateTokens: Int
    /// What the tensors file holds (and so which hooks the prompt records).
    public var tensors: ReportTensors
    /// Sections left out of the page (and their figures not drawn).
    public var skippedSections: Set<ReportSection>

    /// Words that show structure in GPT-2 and in the built-in model alike: pairs of kings and
    /// queens, men and women, parents and children, and opposites of the sky and the day.
    public static let defaultWords = ["king", "queen", "man", "woman", "father", "mother", "son", "daughter",
                                      "day", "night", "sun", "moon", "heaven", "earth"]

    /// Options with defaults: English, PNG + SVG, every layer, 2 pixels per point, top 10, the
    /// default words, 8 generated tokens, the figures' tensors saved, every section.
    public init(language: ReportLanguage = .en, formats: [OutputFormat] = [.png, .svg], layers: [Int]? = nil,
                scale: Double = 2, topK: Int = 10, words: [String]? = nil, generateTokens: Int = 8,
                tensors: ReportTensors = .figures, skippedSections: Set<ReportSection> = []) {
        self.language = language
        self.formats = formats
        self.layers = layers
        self.scale = scale
        self.topK = topK
        self.words = words
        self.generateTokens = generateTokens
        self.tensors = tensors
        self.skippedSections = skippedSections
    }

    /// The layers to draw one by one for a model with `layerCount` blocks, in order.
    public func selectedLayers(layerCount: Int) -> [Int] {
        guard let layers else { return Array(0..<layerCount) }
        return Array(Set(layers.filter { (0..<layerCount).contains($0) })).sorted()
    }
}
