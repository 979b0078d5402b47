/// Everything `index.html` shows, already written to disk: the model and prompt, the figures
/// with their files, and the top predictions. ``ReportHTML`` turns it into the page.
public struct ReportPage: Sendable {
    /// A figure written to disk.
    public struct Figure: Sendable {
        /// Its page text.
        public var item: ReportItem
        /// Size in points (CSS pixels); the PNG has `scale` times as many pixels.
        public var width: Double
        /// Height in points.
        public var height: Double
        /// The files written for it, relative to the page (`attention.L0.heads.png`, `….svg`).
        public var files: [String]
        /// Seconds spent building the figure, then encoding each format (keyed `build`, `png`, `svg`, `pdf`).
        public var seconds: [String: Double]

        /// A written figure.
        public init(item: ReportItem, width: Double, height: Double, files: [String], seconds: [String: Double] = [:]) {
            self.item = item
            self.width = width
            self.height = height
            self.files = files
            self.seconds = seconds
        }

        /// The file the page shows: the PNG.
        public var image: String? { files.first { $0.hasSuffix(".png") } }
    }

    /// The page's language.
    public var language: ReportLanguage
    /// The model's short name.
    public var modelName: String
    /// One line on the model's shape, e.g. "GPT-2 · 12 layers · 12 heads · d_model 768".
    public var modelDescription: String
    /// The prompt's text.
    public var prompt: String
    /// Number of prompt tokens.
    public var tokenCount: Int
    /// The figures in page order.
    public var figures: [Figure]
    /// The most likely next tokens.
    public var predictions: [ReportPrediction]
    /// Name of the safetensors file with the tensors behind the figures ("": none written).
    public var tensorsFile: String
    /// What the tensors file holds, said beside its link (nil: nothing said).
    public var tensorsNote: LocalizedText?
    /// Name of the JSON summary.
    public var summaryFile: String
    /// The numbers explainers often get wrong, computed for this prompt (nil: no box).
    public var explainers: ExplainerFacts?

    /// A page from its parts.
    public init(language: ReportLanguage, modelName: String, modelDescription: String, prompt: String, tokenCount: Int,
                figures: [Figure], predictions: [ReportPrediction], tensorsFile: String = "tensors.safetensors",
                summaryFile: String = "summary.json", explainers: ExplainerFacts? = nil, tensorsNote: LocalizedText? = nil) {
        self.language = language
        self.modelName = modelName
        self.modelDescription = modelDescription
        self.prompt = prompt
        self.tokenCount = tokenCount
        self.figures = figures
        self.predictions = predictions
        self.tensorsFile = tensorsFile
        self.summaryFile = summaryFile
        self.explainers = explainers
        self.tensorsNote = tensorsNote
    }
}
