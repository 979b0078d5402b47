/// One straight line of a batch drawn with ``Renderer/lines(_:width:)``.
public struct LineSegment: Sendable, Hashable {
    /// Start point.
    public var from: Point
    /// End point.
    public var to: Point
    /// Colour, usually translucent (its alpha is the line's opacity).
    public var color: Color

    /// Creates a segment.
    public init(from: Point, to: Point, color: Color) {
        self.from = from; self.to = to; self.color = color
    }
}
