import Charts

/// One figure of a report: the figure itself with what the page says about it.
public struct ReportEntry: Sendable {
    /// Stem, section, heading, explanation and source hooks.
    public var item: ReportItem
    /// The figure (the writer chooses PNG, SVG or PDF).
    public var figure: Figure

    /// An entry from its parts.
    public init(item: ReportItem, figure: Figure) {
        self.item = item
        self.figure = figure
    }
}
