extension Figure {
    static let margin = 16.0

    /// Lays the figure out and draws it through `r`.
    func render(into r: any Renderer, measurer m: TextMeasurer) {
        let theme = self.theme
        r.rect(Rect(x: 0, y: 0, width: width, height: height), fill: theme.background, stroke: nil, cornerRadius: 0)
        var top = Self.margin - 2
        let inner = width - 2 * Self.margin

        if let title, !title.isEmpty {
            let text = m.truncate(title, theme.titleFont, toWidth: inner)
            r.text(text, at: Point(Self.margin, top), font: theme.titleFont, color: theme.text, anchor: .topLeft)
            top += m.measure(text, theme.titleFont).height + 3
        }
        for text in subtitleLines(m) {
            r.text(text, at: Point(Self.margin, top), font: theme.subtitleFont, color: theme.mutedText, anchor: .topLeft)
            top += m.measure("Ag", theme.subtitleFont).height + 1
        }
        if title != nil || subtitle != nil { top += 10 }

        if !legend.isEmpty {
            let box = LegendBox(entries: legend, font: theme.legendFont)
            let flow = box.flow(m, width: inner)
            box.draw(r, m, origin: Point(Self.margin, top), positions: flow.positions, theme: theme)
            top += flow.size.height + 12
        }

        var bottom = height - Self.margin + 4
        if let footnote, !footnote.isEmpty {
            let lines = footnoteLines(m)
            let lh = m.measure("Ag", theme.footnoteFont).height + 1
            bottom -= Double(lines.count) * lh
            for (i, line) in lines.enumerated() {
                r.text(line, at: Point(Self.margin, bottom + Double(i) * lh + 2),
                       font: theme.footnoteFont, color: theme.mutedText, anchor: .topLeft)
            }
            bottom -= 8
        }

        var grid = Rect(x: Self.margin, y: top, width: inner, height: max(0, bottom - top))
        var colorbarSlot: Rect?
        if let colorbar {
            let w = colorbar.width(m, theme: theme)
            grid.width -= w + 8
            colorbarSlot = Rect(x: grid.maxX + 8, y: grid.y, width: w, height: grid.height)
        }
        let labelFont = theme.labelFont
        let labelLH = m.measure("Ag", labelFont).height
        var rowLabelWidth = 0.0
        if let rowLabels, !rowLabels.isEmpty {
            rowLabelWidth = max(m.maxWidth(rowLabels, labelFont), rowLabelTitle.map { m.measure($0, labelFont).width } ?? 0) + 10
            grid = grid.inset(left: rowLabelWidth)
        }
        if columnLabels?.isEmpty == false || rowLabelTitle != nil { grid = grid.inset(top: labelLH + 6) }
        if columnLabelTitle != nil { grid = grid.inset(top: labelLH + 4) }
        if var slot = colorbarSlot { slot.y = grid.y; slot.height = grid.height; colorbarSlot = slot }

        let (rows, columns) = gridSize
        let colW = weights(columnWeights, count: columns)
        let rowW = weights(rowWeights, count: rows)
        let usableW = grid.width - spacing.width * Double(columns - 1)
        let usableH = grid.height - spacing.height * Double(rows - 1)
        func cellRect(_ row: Int, _ col: Int, _ rs: Int, _ cs: Int) -> Rect {
            let x = grid.x + colW[0..<col].reduce(0, +) * usableW + Double(col) * spacing.width
            let y = grid.y + rowW[0..<row].reduce(0, +) * usableH + Double(row) * spacing.height
            let w = colW[col..<min(columns, col + cs)].reduce(0, +) * usableW + Double(cs - 1) * spacing.width
            let h = rowW[row..<min(rows, row + rs)].reduce(0, +) * usableH + Double(rs - 1) * spacing.height
            return Rect(x: x, y: y, width: max(0, w), height: max(0, h))
        }

        var layouts: [Int: AxesLayout] = [:]
        for (i, panel) in panels.enumerated() {
            if case .axes(let axes) = panel.content {
                layouts[i] = AxesLayout(axes, cell: cellRect(panel.row, panel.column, panel.rowSpan, panel.columnSpan), measurer: m, theme: theme)
            }
        }
        if uniformPlots { Self.unify(&layouts, panels: panels) }
        for (i, panel) in panels.enumerated() {
            switch panel.content {
            case .axes(let axes):
                if let layout = layouts[i] { axes.draw(layout, renderer: r, measurer: m, theme: theme) }
            case .canvas(let canvas):
                canvas.draw(in: cellRect(panel.row, panel.column, panel.rowSpan, panel.columnSpan), renderer: r)
            }
        }

        if let rowLabels {
            for (i, label) in rowLabels.enumerated() where i < rows {
                let c = cellRect(i, 0, 1, 1)
                r.text(label, at: Point(grid.x - 8, c.midY), font: labelFont, color: theme.text, anchor: .rightMiddle)
            }
            if let rowLabelTitle {
                r.text(rowLabelTitle, at: Point(grid.x - 8, grid.y - 6), font: Font(size: labelFont.size, bold: true),
                       color: theme.text, anchor: TextAnchor(.end, .bottom))
            }
        }
        if let columnLabels {
            for (j, label) in columnLabels.enumerated() where j < columns {
                let c = cellRect(0, j, 1, 1)
                r.text(label, at: Point(c.midX, grid.y - 6), font: labelFont, color: theme.text, anchor: .bottomCenter)
            }
        }
        if let columnLabelTitle {
            let y = grid.y - 6 - (columnLabels?.isEmpty == false ? labelLH + 4 : 0)
            r.text(columnLabelTitle, at: Point(grid.midX, y), font: Font(size: labelFont.size, bold: true),
                   color: theme.text, anchor: .bottomCenter)
        }
        if let colorbar, let slot = colorbarSlot {
            colorbar.draw(r, m, slot: slot.inset(top: 4, bottom: 4), theme: theme)
        }
    }

    /// `uniformPlots`: every plot takes the smallest plot's size, at the largest left edge of
    /// its grid column and the largest top edge of its grid row.
    static func unify(_ layouts: inout [Int: AxesLayout], panels: [Panel]) {
        guard let width = layouts.values.map(\.plot.width).min(), let height = layouts.values.map(\.plot.height).min() else { return }
        var left: [Int: Double] = [:], top: [Int: Double] = [:]
        for (i, layout) in layouts {
            left[panels[i].column] = max(left[panels[i].column] ?? -.infinity, layout.plot.x)
            top[panels[i].row] = max(top[panels[i].row] ?? -.infinity, layout.plot.y)
        }
        for i in Array(layouts.keys) {
            let x = left[panels[i].column] ?? 0, y = top[panels[i].row] ?? 0
            layouts[i]?.plot = Rect(x: x, y: y, width: width, height: height)
            if let slot = layouts[i]?.colorbarSlot { layouts[i]?.colorbarSlot = Rect(x: x + width, y: y, width: slot.width, height: height) }
        }
    }

    /// Normalised weights (equal when missing or malformed).
    private func weights(_ w: [Double]?, count: Int) -> [Double] {
        guard let w, w.count == count, w.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            return Array(repeating: 1 / Double(count), count: count)
        }
        let total = w.reduce(0, +)
        return w.map { $0 / total }
    }
}

extension Figure {
    /// The figure height at which a single full-width panel gets exactly `panelHeight` points:
    /// the panel plus the title block, legend and footnote that ``render(into:measurer:)`` lays
    /// out around it. Figures whose content has a natural height (token chips, merge lists)
    /// use it to size themselves.
    public func height(fittingPanelHeight panelHeight: Double, measurer m: TextMeasurer) -> Double {
        let theme = self.theme
        var top = Self.margin - 2
        if let title, !title.isEmpty { top += m.measure(title, theme.titleFont).height + 3 }
        top += Double(subtitleLines(m).count) * (m.measure("Ag", theme.subtitleFont).height + 1)
        if title != nil || subtitle != nil { top += 10 }
        if !legend.isEmpty {
            let box = LegendBox(entries: legend, font: theme.legendFont)
            top += box.flow(m, width: width - 2 * Self.margin).size.height + 12
        }
        var bottom = Self.margin - 4
        if let footnote, !footnote.isEmpty {
            bottom += Double(footnoteLines(m).count) * (m.measure("Ag", theme.footnoteFont).height + 1) + 8
        }
        return top + panelHeight + bottom + 1
    }

    /// The subtitle as drawn: its lines, each wrapped onto at most two lines of the figure's
    /// width so a long line keeps its end (``render(into:measurer:)`` and the height use the same).
    func subtitleLines(_ m: TextMeasurer) -> [String] {
        guard let subtitle, !subtitle.isEmpty else { return [] }
        return subtitle.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { m.wrap(String($0), theme.subtitleFont, toWidth: width - 2 * Self.margin, maxLines: 2) }
    }

    /// The footnote as drawn, wrapped like the subtitle.
    func footnoteLines(_ m: TextMeasurer) -> [String] {
        guard let footnote, !footnote.isEmpty else { return [] }
        return footnote.split(separator: "\n").flatMap { m.wrap(String($0), theme.footnoteFont, toWidth: width - 2 * Self.margin, maxLines: 2) }
    }
}
