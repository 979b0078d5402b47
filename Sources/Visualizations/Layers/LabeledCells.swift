import Charts

/// A heatmap whose cells carry text: one raster image for the colours (as every heatmap), then
/// a label per cell, and a second smaller line when the cell is tall enough. Cells too small
/// for text stay colour only.
struct LabeledCells: Artist {
    /// The colours (row 0 on top); its own value printing is off.
    var heatmap: Heatmap
    /// Row-major cell texts ("" for none).
    var labels: [String]
    /// Row-major second lines ("" for none), e.g. the probability.
    var details: [String]
    /// Row-major: draw this cell's label bold and outline the cell.
    var emphasized: [Bool]

    /// Narrower cells are colour only: a token cut to one letter would mislead.
    static let minimumTextWidth = 28.0

    var extent: DataExtent { heatmap.extent }

    func draw(in ctx: PlotContext) {
        var colours = heatmap
        colours.showValues = false
        colours.draw(in: ctx)
        let rows = heatmap.rows, columns = heatmap.columns
        guard rows > 0, columns > 0 else { return }
        let area = ctx.rect(x0: 0, y0: 0, x1: Double(columns), y1: Double(rows))
        let cw = area.width / Double(columns), ch = area.height / Double(rows)
        guard cw >= Self.minimumTextWidth, ch >= 10 else { return }
        let twoLines = ch >= 26
        let labelFont = Font(size: min(11.5, ch * (twoLines ? 0.4 : 0.62)))
        let detailFont = Font(size: min(9, ch * 0.3))
        for r in 0 ..< rows {
            for c in 0 ..< columns {
                let i = r * columns + c
                let value = heatmap[r, c]
                let fill = value.isNaN ? heatmap.mapping.maskedColor : heatmap.mapping.color(for: value)
                let ink = fill.luminance > 0.35 ? Color(hex: 0x1a1a1a) : .white
                let x = area.x + (Double(c) + 0.5) * cw, y = area.y + (Double(r) + 0.5) * ch
                if emphasized[i] {
                    let cell = Rect(x: area.x + Double(c) * cw + 1, y: area.y + Double(r) * ch + 1, width: cw - 2, height: ch - 2)
                    ctx.renderer.rect(cell, fill: nil, stroke: Stroke(ink, width: 1.4), cornerRadius: 2)
                }
                var font = labelFont
                font.bold = emphasized[i]
                let text = ctx.measurer.truncate(labels[i], font, toWidth: cw - 5)
                let labelY = twoLines && !details[i].isEmpty ? y - ch * 0.17 : y
                ctx.renderer.text(text, at: Point(x, labelY), font: font, color: ink, anchor: .center)
                if twoLines, !details[i].isEmpty {
                    ctx.renderer.text(ctx.measurer.truncate(details[i], detailFont, toWidth: cw - 4),
                                      at: Point(x, y + ch * 0.25), font: detailFont, color: ink.withAlpha(0.85), anchor: .center)
                }
            }
        }
    }
}
