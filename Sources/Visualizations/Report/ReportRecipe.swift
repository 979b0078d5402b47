import Charts

/// A report figure not drawn yet: its page text plus the function that builds it. Reports plan
/// every figure first (so progress can count them) and build one at a time (so a full-context
/// report never holds every figure's data at once).
public struct ReportRecipe: Sendable {
    /// What the page says about the figure.
    public var item: ReportItem
    /// The shared values the figure is drawn from, computed before it is built.
    public var needs: Set<ReportShared.Kind>
    /// Builds the figure from the shared values.
    public var make: @Sendable (ReportShared) throws -> Figure

    /// A recipe for `item`, built by `make` from nothing shared.
    public init(_ item: ReportItem, make: @escaping @Sendable () throws -> Figure) {
        self.init(item, needs: []) { _ in try make() }
    }

    /// A recipe for `item`, built by `make` from the shared values `needs` names.
    public init(_ item: ReportItem, needs: Set<ReportShared.Kind>, make: @escaping @Sendable (ReportShared) throws -> Figure) {
        self.item = item
        self.needs = needs
        self.make = make
    }

    /// Builds the figure; `shared` must hold every value of ``needs``.
    public func build(_ shared: ReportShared = ReportShared()) throws -> ReportEntry {
        ReportEntry(item: item, figure: try make(shared))
    }
}
