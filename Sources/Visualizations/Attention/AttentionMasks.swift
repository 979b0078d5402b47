import Charts

/// Which keys a query may attend to: the masks of decoder-only Transformers, drawn side by side.
///
/// GPT-3 "use[s] alternating dense and locally banded sparse attention patterns in the layers of
/// the transformer, similar to the Sparse Transformer" (Brown et al. 2020, §2.1, citing Child et
/// al. 2019). The band width was not published, so the figure states the width it assumes.
public enum AttentionMask: Sendable, Equatable {
    /// Every earlier key and the query's own (GPT-1, GPT-2, GPT-3's dense layers, Llama).
    case causal
    /// The last `width` keys up to and including the query's own, in one layer (GPT-3's sparse layers).
    case banded(width: Int)
    /// The last `width` keys in every layer (Mistral's sliding window).
    case slidingWindow(width: Int)

    /// Whether query position `query` may attend to key position `key`.
    public func allows(query: Int, key: Int) -> Bool {
        switch self {
        case .causal: key <= query
        case .banded(let w), .slidingWindow(let w): key <= query && query - key < w
        }
    }

    /// The mask for `n` positions as rows (queries) of 0/1 (1: may attend).
    public func matrix(_ n: Int) -> [[Double]] {
        (0..<n).map { q in (0..<n).map { k in allows(query: q, key: k) ? 1 : 0 } }
    }

    /// How many (query, key) pairs are allowed among `n` positions.
    public func allowedCount(_ n: Int) -> Int {
        (0..<n).reduce(0) { total, q in total + (0..<n).filter { allows(query: q, key: $0) }.count }
    }
}

/// The figure of ``AttentionMask``: causal, GPT-3's dense and banded layers, and a sliding window.
public struct AttentionMaskFigure: Sendable {
    /// Positions drawn (rows and columns).
    public var context: Int
    /// The band width assumed for GPT-3's locally banded layers.
    public var band: Int
    /// The sliding window's width.
    public var window: Int

    /// A figure over `context` positions; `band` and `window` default to a quarter of it (at least 2).
    public init(context: Int = 16, band: Int? = nil, window: Int? = nil) {
        self.context = context
        self.band = band ?? max(2, context / 4)
        self.window = window ?? max(2, context / 4)
    }

    /// The panels, left to right: (title, mask).
    public var panels: [(String, AttentionMask)] {
        [("Causal", .causal),
         ("GPT-3 layers 0, 2, 4, …: dense", .causal),
         ("GPT-3 layers 1, 3, 5, …: banded", .banded(width: band)),
         ("Sliding window, every layer", .slidingWindow(width: window))]
    }

    /// Four heatmaps side by side: a dark cell is a key (column) the query (row) may attend to.
    public func figure() -> Figure {
        let mapping = ColorMapping(normalize: .linear(0, 1), colormap: Colormap(name: "mask", colors: [Color(hex: 0xF4F4F4), Color(hex: 0x1F4E99)]))
        var figure = Figure(width: 1100, height: 420, title: "Which keys each query may attend to",
                            subtitle: "\(context) positions; row = query, column = key; dark = allowed. Causal: GPT-1, GPT-2, Llama (every layer). "
                                + "GPT-3 alternates dense and locally banded layers (Brown et al. 2020, §2.1; Child et al. 2019).\n"
                                + "Band width assumed for GPT-3: w = \(band) (not published); sliding window: w = \(window).")
        for (i, (title, mask)) in panels.enumerated() {
            let heatmap = Heatmap(rows: context, columns: context, values: mask.matrix(context).flatMap { $0 }, mapping: mapping, showValues: false)
            let allowed = mask.allowedCount(context)
            var axes = Axes.heatmap(heatmap, title: title,
                                    xLabel: "key position · \(allowed) of \(context * context) pairs allowed", yLabel: "query position")
            axes.colorbar = nil
            figure.add(axes, row: 0, column: i)
        }
        figure.footnote = "GPT-3's band width was not published: this figure assumes w = \(band). "
            + "The sliding window w = \(window) is applied in every layer (Mistral 7B uses 4,096), so information travels w − 1 positions per layer;\n"
            + "GPT-3's dense layers in between let every token reach the whole context every second layer."
        return figure
    }
}
