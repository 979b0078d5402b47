/// The three pictures of a position table.
public enum PositionalFigureKind: String, Sendable, CaseIterable {
    /// Positions × dimensions as colours.
    case heatmap
    /// Several dimensions as curves against position.
    case curves
    /// The position-by-position similarity matrix.
    case similarity
}
