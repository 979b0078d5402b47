/// Settings of one axis of an `Axes`: scale kind, limits, label and tick style.
public struct Axis: Sendable {
    /// Axis title (e.g. "parameters").
    public var label: String?
    /// Linear, log, or band; band axes take their categories from the artists.
    public var kind: Scale.Kind
    /// Fixed limits (nil: fitted to the data with nice bounds).
    public var limits: ClosedRange<Double>?
    /// Make a linear axis include 0.
    public var includeZero: Bool
    /// Tick label format.
    public var format: TickFormat
    /// Tick label rotation in degrees (x axis: e.g. -45 or -90 for long category names).
    public var tickLabelAngle: Double
    /// Draw grid lines at major ticks (value axes only).
    public var grid: Bool
    /// Hide ticks, tick labels and the label (thumbnails).
    public var hidden: Bool
    /// About how many major ticks a linear axis gets (nil: from the available length).
    public var tickTarget: Int?
    /// Category labels longer than this many points are cut with "…".
    public var maxLabelWidth: Double = 150
    /// Band labels used instead of the categories when the axis is too short to label every
    /// category and must thin them (one per category, e.g. tokens prefixed with their
    /// position, `"17 ·the"`), so each remaining tick still says which row or column it marks.
    public var thinnedLabels: [String]?

    /// Creates an axis.
    public init(label: String? = nil, kind: Scale.Kind = .linear, limits: ClosedRange<Double>? = nil,
                includeZero: Bool = false, format: TickFormat = .automatic, tickLabelAngle: Double = 0,
                grid: Bool = true, hidden: Bool = false, tickTarget: Int? = nil) {
        self.label = label; self.kind = kind; self.limits = limits; self.includeZero = includeZero
        self.format = format; self.tickLabelAngle = tickLabelAngle; self.grid = grid; self.hidden = hidden
        self.tickTarget = tickTarget
    }
}
