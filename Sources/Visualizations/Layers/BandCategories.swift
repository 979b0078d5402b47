import Charts

/// Names the bands of a band x axis without drawing anything, so that lines can be drawn over
/// named categories (category i spans [i, i + 1]; plot its value at i + 0.5).
struct BandCategories: Artist {
    /// One name per band, left to right.
    var categories: [String]

    var extent: DataExtent {
        var e = DataExtent(x: 0 ... Double(max(1, categories.count)))
        e.xCategories = categories
        return e
    }

    func draw(in context: PlotContext) {}
}
