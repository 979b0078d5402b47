/// How a stroke looks: colour, width in points and an optional dash pattern.
public struct Stroke: Sendable, Hashable {
    /// Line colour.
    public var color: Color
    /// Line width in points.
    public var width: Double
    /// Dash pattern in points (empty: solid).
    public var dash: [Double]

    /// Creates a stroke.
    public init(_ color: Color, width: Double = 1, dash: [Double] = []) {
        self.color = color; self.width = width; self.dash = dash
    }
}

/// Where a text's anchor point sits relative to the text.
public struct TextAnchor: Sendable, Hashable {
    /// Horizontal alignment of the anchor.
    public enum Horizontal: Sendable, Hashable { case start, middle, end }
    /// Vertical alignment of the anchor.
    public enum Vertical: Sendable, Hashable { case top, middle, baseline, bottom }
    /// Horizontal part.
    public var horizontal: Horizontal
    /// Vertical part.
    public var vertical: Vertical

    /// Creates an anchor.
    public init(_ horizontal: Horizontal, _ vertical: Vertical) {
        self.horizontal = horizontal; self.vertical = vertical
    }

    /// Left edge, vertical centre.
    public static let leftMiddle = TextAnchor(.start, .middle)
    /// Centre of the text.
    public static let center = TextAnchor(.middle, .middle)
    /// Right edge, vertical centre.
    public static let rightMiddle = TextAnchor(.end, .middle)
    /// Horizontal centre, top edge.
    public static let topCenter = TextAnchor(.middle, .top)
    /// Horizontal centre, bottom edge.
    public static let bottomCenter = TextAnchor(.middle, .bottom)
    /// Left edge, top edge.
    public static let topLeft = TextAnchor(.start, .top)
}

/// The drawing protocol every back end implements (Cairo for PNG/PDF, our own writer for SVG).
/// Coordinates are figure points, y downwards. Layout happens before any of these calls.
public protocol Renderer: AnyObject {
    /// A rectangle, optionally with rounded corners.
    func rect(_ rect: Rect, fill: Color?, stroke: Stroke?, cornerRadius: Double)
    /// A polyline or polygon through `points`.
    func path(_ points: [Point], closed: Bool, fill: Color?, stroke: Stroke?)
    /// A circle.
    func circle(center: Point, radius: Double, fill: Color?, stroke: Stroke?)
    /// One line of text anchored at `point`, rotated by `rotation` degrees (negative: counter-clockwise).
    func text(_ text: String, at point: Point, font: Font, color: Color, anchor: TextAnchor, rotation: Double)
    /// A raster image stretched into `rect` with hard pixel edges (heatmap cells, one pixel each).
    func image(_ image: RasterImage, in rect: Rect)
    /// Many straight lines of one width, drawn in order, each over the ones before (a head
    /// view's). Back ends may rasterise them together; the default strokes them one by one.
    func lines(_ segments: [LineSegment], width: Double)
    /// Restricts drawing to `rect` until the matching `popClip()`.
    func pushClip(_ rect: Rect)
    /// Ends the innermost clip.
    func popClip()
}

extension Renderer {
    /// A straight line segment.
    public func line(from a: Point, to b: Point, stroke: Stroke) {
        path([a, b], closed: false, fill: nil, stroke: stroke)
    }

    /// Strokes every segment separately.
    public func lines(_ segments: [LineSegment], width: Double) {
        for segment in segments { line(from: segment.from, to: segment.to, stroke: Stroke(segment.color, width: width)) }
    }

    /// Text with no rotation.
    public func text(_ text: String, at point: Point, font: Font, color: Color, anchor: TextAnchor) {
        self.text(text, at: point, font: font, color: color, anchor: anchor, rotation: 0)
    }
}

/// The baseline y of a text whose anchor's vertical part is `vertical` at `y`.
func baselineY(_ y: Double, _ vertical: TextAnchor.Vertical, _ size: TextSize) -> Double {
    switch vertical {
    case .top: return y + size.ascent
    case .middle: return y + (size.ascent - size.descent) / 2
    case .baseline: return y
    case .bottom: return y - size.descent
    }
}
