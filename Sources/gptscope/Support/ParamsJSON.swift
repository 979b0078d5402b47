import Foundation
import GPTModel

/// The `gptscope params --json` document (schema `gptscope.params/1`).
///
/// Per model: `name`, exact integer `total`, and `components` — `{name, count, …}` in model order,
/// whose counts sum to `total` — plus the configuration, group sums, the published figure,
/// FLOPs, memory and (with `--tokens`) training compute. Keys are camelCase.
struct ParamsJSON: Encodable {
    var schema = "gptscope.params/1"
    var conventions = ParameterBreakdown.conventions
    var forwardFlopsFormula = ComputeEstimate.forwardFormula + " (Kaplan et al. 2020; N = non-embedding parameters)"
    var trainingFlopsFormula = ComputeEstimate.trainingFormula + " (\(ComputeEstimate.trainingSymbols))"
    var models: [Model]

    struct Model: Encodable {
        var name: String
        var source: String
        var configuration: Configuration
        var total: Int
        var published: Double?
        var publishedDifference: Double?
        var embedding: Int
        var nonEmbedding: Int
        var perLayer: Int
        var perEncoderLayer: Int?
        var groups: [String: Int]
        var components: [Component]
        var forwardFlopsPerToken: Double
        var flopsContext: Int
        /// True when `flopsContext` is an assumption: the model has no fixed context (`contextLength` null).
        var flopsContextAssumed: Bool
        var logitsFlopsPerToken: Double
        var weightBytes: [String: Int]
        var trainingTokens: Double?
        var trainingFlops: Double?
    }

    struct Configuration: Encodable {
        var vocabSize, dModel, layers, encoderLayers, heads, keyValueHeads, dHead, dAttn, dFF: Int
        /// `null` for a model without a fixed context (the original Transformer).
        var contextLength: Nullable<Int>
        /// Why the model has no fixed context, when it has none.
        var noFixedContext: String?
        var normalization, normPlacement, activation, positionEncoding, mlp: String
        var finalNorm, tiedOutputHead, attentionBias, mlpBias: Bool
    }

    struct Component: Encodable {
        var name: String
        var count: Int
        var group: String
        var stack: String?
        var layers: Int
        var share: Double
        var formula: String
        var arithmetic: String
        var note: String?
    }

    init(_ models: [(ParameterBreakdown, ComputeEstimate)]) {
        self.models = models.map { b, e in
            let c = b.configuration
            return Model(
                name: c.name, source: c.source,
                configuration: Configuration(
                    vocabSize: c.vocabularySize, dModel: c.embeddingWidth,
                    layers: c.layerCount, encoderLayers: c.encoderLayerCount, heads: c.headCount,
                    keyValueHeads: c.keyValueHeadCount, dHead: c.headWidth, dAttn: c.attentionWidth, dFF: c.mlpWidth,
                    contextLength: Nullable(c.fixedContextLength), noFixedContext: c.noFixedContextReason,
                    normalization: c.normalization.rawValue, normPlacement: c.normPlacement.rawValue,
                    activation: c.activation.rawValue, positionEncoding: c.positionEncoding.rawValue,
                    mlp: c.mlpKind.rawValue, finalNorm: c.hasFinalNorm, tiedOutputHead: c.tiedOutputHead,
                    attentionBias: c.attentionBias, mlpBias: c.mlpBias),
                total: b.total, published: b.publishedTotal, publishedDifference: b.differenceFromPublished,
                embedding: b.embeddingCount, nonEmbedding: b.nonEmbeddingCount, perLayer: b.parametersPerLayer,
                perEncoderLayer: b.parametersPerEncoderLayer,
                groups: Dictionary(uniqueKeysWithValues: ParameterGroup.allCases.map { ($0.rawValue, b.count(in: $0)) }),
                components: b.components.map {
                    Component(
                        name: $0.name, count: $0.count, group: $0.group.rawValue, stack: $0.stack?.rawValue,
                        layers: $0.layers, share: b.share(of: $0), formula: $0.formula,
                        arithmetic: $0.arithmetic, note: $0.note)
                },
                forwardFlopsPerToken: e.forwardFLOPsPerToken, flopsContext: e.contextLength,
                flopsContextAssumed: e.contextIsAssumed,
                logitsFlopsPerToken: e.logitsFLOPsPerToken,
                weightBytes: Dictionary(uniqueKeysWithValues: WeightPrecision.allCases.map { ($0.rawValue, b.weightBytes(at: $0)) }),
                trainingTokens: e.trainingTokens, trainingFlops: e.trainingFLOPs)
        }
    }

    /// An optional value written as JSON `null` when absent, rather than leaving the key out.
    struct Nullable<Value: Encodable>: Encodable {
        var value: Value?
        init(_ value: Value?) { self.value = value }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            if let value { try container.encode(value) } else { try container.encodeNil() }
        }
    }

    /// Pretty-printed UTF-8 text.
    func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
