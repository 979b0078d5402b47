import Charts

/// A report figure not drawn yet: its page text plus the function that builds it. Reports plan
/// every figure first (so progress can count them) and build one at a time (so a full-context
/// report never holds every figure's data at once).
public struct ReportRecipe: Sendable {
    /// What the page says about the figure.
    public var item: ReportItem
    /// Builds the figure.
    public var make: @Sendable () throws -> Figure

    /// A recipe for `item`, built by `make`.
    public init(_ item: ReportItem, make: @escaping @Sendable () throws -> Figure) {
        self.item = item
        self.make = make
    }

    /// Builds the figure.
    public func build() throws -> ReportEntry {
        ReportEntry(item: item, figure: try make())
    }
}
