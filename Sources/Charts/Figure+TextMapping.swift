/// Rewriting a figure's words, e.g. to translate it: every text a reader reads as language —
/// titles, subtitles, footnotes, axis labels, legends, colorbar labels, bar categories, grid
/// label titles, annotations and canvas text — goes through one function; data labels that are
/// tokens or numbers (heatmap rows and columns, scatter point labels, tick values) do not.
///
/// Layout runs when the figure is drawn, so translated text of any length is measured and
/// placed like the original.
extension Figure {
    /// A copy with every word passed through `transform`.
    public func mappingText(_ transform: (String) -> String) -> Figure {
        var f = self
        f.title = title.map(transform)
        f.subtitle = subtitle.map(transform)
        f.footnote = footnote.map(transform)
        f.rowLabels = rowLabels?.map(transform)
        f.columnLabels = columnLabels?.map(transform)
        f.rowLabelTitle = rowLabelTitle.map(transform)
        f.columnLabelTitle = columnLabelTitle.map(transform)
        f.legend = legend.map { $0.mappingText(transform) }
        f.colorbar = colorbar?.mappingText(transform)
        f.panels = panels.map { panel in
            var p = panel
            switch panel.content {
            case .axes(let axes): p.content = .axes(axes.mappingText(transform))
            case .canvas(let canvas): p.content = .canvas(canvas.mappingText(transform))
            }
            return p
        }
        return f
    }

    /// Every word `mappingText` would pass on, in drawing order (for tests: which texts a
    /// translated figure still shows in English).
    public var texts: [String] {
        var collected: [String] = []
        _ = mappingText { collected.append($0); return $0 }
        return collected
    }
}

extension Axes {
    /// A copy with title, axis labels, colorbar label and artists' words passed through `transform`.
    public func mappingText(_ transform: (String) -> String) -> Axes {
        var a = self
        a.title = title.map(transform)
        a.x.label = x.label.map(transform)
        a.y.label = y.label.map(transform)
        a.colorbar = colorbar?.mappingText(transform)
        a.artists = artists.map { $0.mappingText(transform) }
        return a
    }
}

extension Canvas {
    /// A copy whose text shapes are passed through `transform`.
    public func mappingText(_ transform: (String) -> String) -> Canvas {
        var c = self
        c.shapes = shapes.map { shape in
            guard case let .text(s, at, font, color, anchor, rotation) = shape else { return shape }
            return .text(transform(s), at: at, font: font, color: color, anchor: anchor, rotation: rotation)
        }
        return c
    }
}

extension Colorbar {
    /// A copy with its labels passed through `transform`.
    public func mappingText(_ transform: (String) -> String) -> Colorbar {
        var c = self
        c.label = label.map(transform)
        c.maskedLabel = maskedLabel.map(transform)
        return c
    }
}

extension LegendEntry {
    /// A copy with its label passed through `transform`.
    public func mappingText(_ transform: (String) -> String) -> LegendEntry {
        LegendEntry(transform(label), swatch: swatch)
    }
}

extension BarChart {
    /// Category names, series names and the words in value labels ("124.4M · paper 117M");
    /// numbers pass through unchanged.
    public func mappingText(_ transform: (String) -> String) -> any Artist {
        var b = self
        b.categories = categories.map(transform)
        b.series = series.map { var s = $0; s.name = transform(s.name); s.labels = s.labels?.map(transform); return s }
        b.totalLabels = totalLabels?.map(transform)
        return b
    }
}

extension LineSeries {
    /// The legend name is a word.
    public func mappingText(_ transform: (String) -> String) -> any Artist {
        var l = self
        l.name = transform(name)
        return l
    }
}

extension ReferenceLine {
    /// The label is a word.
    public func mappingText(_ transform: (String) -> String) -> any Artist {
        var r = self
        r.label = label.map(transform)
        return r
    }
}

extension ScatterSeries {
    /// The legend name is a word; point labels are tokens and stay.
    public func mappingText(_ transform: (String) -> String) -> any Artist {
        var s = self
        s.name = transform(name)
        return s
    }
}

extension TextAnnotation {
    /// An annotation is a word.
    public func mappingText(_ transform: (String) -> String) -> any Artist {
        var t = self
        t.text = transform(text)
        return t
    }
}
