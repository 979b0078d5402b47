import Foundation
import GPTModel

/// The report's `summary.json`: model, configuration, prompt, tokens, top predictions, and every
/// figure with its files and source hooks. Schema `gptscope.report/1`.
public struct ReportSummary: Codable, Sendable {
    /// One prompt token.
    public struct Token: Codable, Sendable, Equatable {
        /// Position in the prompt, from 0.
        public var position: Int
        /// Token id.
        public var id: Int
        /// Display label (`·the`, `<e5>`).
        public var label: String
    }

    /// One written figure.
    public struct FigureRecord: Codable, Sendable, Equatable {
        /// File stem.
        public var stem: String
        /// Chapter.
        public var section: ReportSection
        /// Heading in the page's language.
        public var title: String
        /// Files written, relative to the report folder.
        public var files: [String]
        /// Recorded hooks it was drawn from (saved in the tensors file).
        public var hooks: [String]
        /// Width in points (PNG pixels = points × scale).
        public var width: Double
        /// Height in points.
        public var height: Double
        /// Seconds spent building the figure (`build`) and encoding each format (`png`, `svg`, `pdf`).
        public var seconds: [String: Double]
    }

    /// Always `gptscope.report/1`.
    public var schema = "gptscope.report/1"
    /// The model's short name.
    public var model: String
    /// Its configuration, as `gptscope params --json` names the fields.
    public var configuration: GPTConfiguration
    /// The page's language.
    public var language: ReportLanguage
    /// PNG pixels per point.
    public var scale: Double
    /// The prompt text.
    public var prompt: String
    /// The prompt's tokens.
    public var tokens: [Token]
    /// The most likely next tokens.
    public var predictions: [ReportPrediction]
    /// Every figure, in page order.
    public var figures: [FigureRecord]
    /// The safetensors file holding the tensors behind the figures ("": none written, `--tensors none`).
    public var tensorsFile: String
    /// Names of the tensors in it.
    public var tensors: [String]

    /// The summary as pretty-printed JSON with sorted keys.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // A model loaded with --allow-nonfinite gives NaN probabilities: written as the string "NaN".
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return try encoder.encode(self)
    }
}
