/// Sizes of a figure of token × dimension matrices: cells as large as fit (at most 44 points),
/// square when that fills the panel reasonably, otherwise stretched (at least 120 points tall).
struct MatrixLayout {
    /// Figure width in points.
    let figureWidth: Double
    /// Figure height in points.
    let figureHeight: Double
    /// Whether the cells can be square.
    let squareCells: Bool

    init(rows: Int, columns: Int, panels: Int, stacked: Bool) {
        let across = stacked ? 1 : panels, down = stacked ? panels : 1
        figureWidth = across == 1 ? 960 : 1280
        // The room one panel's cells get, after token labels, colorbar and gaps.
        let plotWidth = (figureWidth - 260) / Double(across) - (across > 1 ? 40 : 0)
        let plotHeight = (down == 1 ? 640.0 : 300.0)
        let cell = min(44, plotWidth / Double(columns), plotHeight / Double(rows))
        // Up to 48 tokens every row keeps room for its label (16 points), even if that makes
        // the cells taller than wide; longer prompts are thinned by the axis instead.
        let rowHeight = rows <= 48 ? max(cell, min(16, plotHeight / Double(rows))) : cell
        let height = max(120, rowHeight * Double(rows))
        // Square cells unless that leaves a thin strip (few tokens, or very many): then the
        // cells stretch to fill the panel.
        squareCells = rowHeight == cell && height == cell * Double(rows) && cell * Double(columns) >= 0.5 * plotWidth
        let panelHeight = height + (panels > 1 ? 30 : 0)
        figureHeight = 190 + Double(down) * panelHeight + Double(down - 1) * 60
    }
}
