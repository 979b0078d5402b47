import Charts
import Foundation
import TensorCore

extension AttentionFigures {
    /// One `[R, R]` matrix per layer for `kind`, over the window `range` (future masked as NaN).
    ///
    /// Rollout is computed over positions `0..<range.upperBound` (exact: causal rows never
    /// depend on later positions) and then windowed.
    public static func aggregateMatrices(_ analysis: PromptAnalysis, kind: AttentionAggregate,
                                         range: Range<Int>? = nil) throws -> [[Double]] {
        var result: [[Double]] = []
        var layers = try AggregateLayers(analysis, kind: kind, range: range)
        while let m = try layers.next() { result.append(m) }
        return result
    }

    /// The matrices of ``aggregateMatrices(_:kind:range:)`` one layer at a time, so a figure
    /// holds one `[R, R]` matrix (and the rollout's running product) instead of every layer's.
    struct AggregateLayers {
        let analysis: PromptAnalysis
        let kind: AttentionAggregate
        let range: Range<Int>
        private var layer = 0
        private var rollout: Tensor? = nil

        init(_ analysis: PromptAnalysis, kind: AttentionAggregate, range: Range<Int>?) throws {
            self.analysis = analysis
            self.kind = kind
            self.range = try resolve(range, tokens: analysis.tokens.count)
        }

        /// The next layer's matrix, nil after the last layer.
        mutating func next() throws -> [Double]? {
            guard layer < analysis.model.configuration.layerCount else { return nil }
            defer { layer += 1 }
            let p = try pattern(analysis, layer: layer), r = range
            switch kind {
            case .mean, .max:
                // The whole prompt needs no windowed copy of the layer.
                let w = r.count == p.tokens ? p : p.restricted(to: r)
                return masked(kind == .mean ? w.meanOverHeads : w.maxOverHeads, tokens: r.count, range: 0..<r.count)
            case .rollout:
                // One layer at a time, so only one layer's weights are held (long prompts); the
                // product goes through BLAS (a 1,024-token rollout is 12 products of 1024²).
                let prefix = 0..<r.upperBound, t = prefix.count
                let window = prefix.count == p.tokens ? p : p.restricted(to: prefix)
                let a = AttentionRollout.withResidual(window.meanOverHeads, tokens: t)
                let layerMatrix = Tensor(shape: [t, t], scalars: a.map(Float.init))
                let next = rollout.map { matmul(layerMatrix, $0) } ?? layerMatrix  // [T, T] @ [T, T] -> [T, T]
                rollout = next
                return masked(next.scalars.map(Double.init), tokens: t, range: r)
            }
        }
    }

    /// Mean, max or rollout of every layer as a grid of panels (one per layer) sharing a colorbar.
    public static func aggregate(_ analysis: PromptAnalysis, kind: AttentionAggregate, range: Range<Int>? = nil,
                                 scale: AttentionColorScale = .standard) throws -> Figure {
        let r = try resolve(range, tokens: analysis.tokens.count)
        var matrices = try AggregateLayers(analysis, kind: kind, range: r)
        let layers = analysis.model.configuration.layerCount
        let columns = layers <= 4 ? layers : Int(Double(layers).squareRoot().rounded(.up))
        var figure = try panelGrid(analysis, panels: layers, range: r, columns: columns,
                                   panelTitles: (0..<layers).map { kind == .rollout ? "after layer \($0)" : "layer \($0)" },
                                   title: "\(analysis.modelName) · \(kind.title), layer by layer", scale: scale,
                                   colorbarLabel: kind == .rollout ? "rollout weight" : "attention weight") { _ in
            guard let m = try matrices.next() else { throw AttentionFigureError.missingPattern(layer: layers) }
            return m
        }
        figure.subtitle = promptLine(analysis, range: r) + "\n" + kind.explanation
        if kind == .rollout {
            let note = "Rollout (Abnar & Zuidema 2020): Ã = (mean over heads + I) / 2 per layer, multiplied from layer 0 up; a flow estimate, not an explanation."
            figure.footnote = [note, figure.footnote].compactMap { $0 }.joined(separator: "\n")
        }
        return figure
    }
}
