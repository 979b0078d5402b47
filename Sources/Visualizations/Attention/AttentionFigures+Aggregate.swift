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
        let r = try resolve(range, tokens: analysis.tokens.count)
        var result: [[Double]] = []
        var rollout: Tensor? = nil
        let prefix = 0..<r.upperBound
        for layer in 0..<analysis.model.configuration.layerCount {
            let p = try pattern(analysis, layer: layer)
            switch kind {
            case .mean, .max:
                let w = p.restricted(to: r)
                result.append(masked(kind == .mean ? w.meanOverHeads : w.maxOverHeads, tokens: r.count, range: 0..<r.count))
            case .rollout:
                // One layer at a time, so only one layer's weights are held (long prompts); the
                // product goes through BLAS (a 1,024-token rollout is 12 products of 1024²).
                let t = prefix.count
                let window = prefix.count == p.tokens ? p : p.restricted(to: prefix)
                let a = AttentionRollout.withResidual(window.meanOverHeads, tokens: t)
                let layerMatrix = Tensor(shape: [t, t], scalars: a.map(Float.init))
                let next = rollout.map { matmul(layerMatrix, $0) } ?? layerMatrix  // [T, T] @ [T, T] -> [T, T]
                rollout = next
                result.append(masked(next.scalars.map(Double.init), tokens: t, range: r))
            }
        }
        return result
    }

    /// Mean, max or rollout of every layer as a grid of panels (one per layer) sharing a colorbar.
    public static func aggregate(_ analysis: PromptAnalysis, kind: AttentionAggregate, range: Range<Int>? = nil,
                                 scale: AttentionColorScale = .standard) throws -> Figure {
        let r = try resolve(range, tokens: analysis.tokens.count)
        let matrices = try aggregateMatrices(analysis, kind: kind, range: r)
        let layers = matrices.count
        let columns = layers <= 4 ? layers : Int(Double(layers).squareRoot().rounded(.up))
        var figure = panelGrid(analysis, matrices: matrices, range: r, columns: columns,
                               panelTitles: (0..<layers).map { kind == .rollout ? "after layer \($0)" : "layer \($0)" },
                               title: "\(analysis.modelName) · \(kind.title), layer by layer", scale: scale,
                               colorbarLabel: kind == .rollout ? "rollout weight" : "attention weight")
        figure.subtitle = promptLine(analysis, range: r) + "\n" + kind.explanation
        if kind == .rollout {
            let note = "Rollout (Abnar & Zuidema 2020): Ã = (mean over heads + I) / 2 per layer, multiplied from layer 0 up; a flow estimate, not an explanation."
            figure.footnote = [note, figure.footnote].compactMap { $0 }.joined(separator: "\n")
        }
        return figure
    }
}
