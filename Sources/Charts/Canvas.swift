/// A free-form drawing (token chips, a head view, diagrams): shapes in the canvas' own
/// coordinate system, scaled uniformly to fit the panel it is placed in.
public struct Canvas: Sendable {
    /// One drawing primitive.
    public enum Shape: Sendable {
        /// A rectangle with optional rounded corners.
        case rect(Rect, fill: Color?, stroke: Stroke?, cornerRadius: Double)
        /// A polyline (or polygon when `closed`).
        case path([Point], closed: Bool, fill: Color?, stroke: Stroke?)
        /// A circle.
        case circle(center: Point, radius: Double, fill: Color?, stroke: Stroke?)
        /// One line of text.
        case text(String, at: Point, font: Font, color: Color, anchor: TextAnchor, rotation: Double)
        /// A raster image (hard pixel edges).
        case image(RasterImage, in: Rect)
        /// Straight lines of one width, each drawn over the ones before.
        case lines([LineSegment], width: Double)
    }

    /// The coordinate space shapes are given in.
    public var size: Size
    /// Shapes in drawing order.
    public var shapes: [Shape] = []

    /// Creates an empty canvas of `size` units.
    public init(size: Size) { self.size = size }

    /// Adds a rectangle.
    public mutating func rect(_ r: Rect, fill: Color?, stroke: Stroke? = nil, cornerRadius: Double = 0) {
        shapes.append(.rect(r, fill: fill, stroke: stroke, cornerRadius: cornerRadius))
    }
    /// Adds a straight line.
    public mutating func line(from a: Point, to b: Point, stroke: Stroke) {
        shapes.append(.path([a, b], closed: false, fill: nil, stroke: stroke))
    }
    /// Adds a polyline or polygon.
    public mutating func path(_ points: [Point], closed: Bool = false, fill: Color? = nil, stroke: Stroke? = nil) {
        shapes.append(.path(points, closed: closed, fill: fill, stroke: stroke))
    }
    /// Adds a circle.
    public mutating func circle(center: Point, radius: Double, fill: Color?, stroke: Stroke? = nil) {
        shapes.append(.circle(center: center, radius: radius, fill: fill, stroke: stroke))
    }
    /// Adds text.
    public mutating func text(_ s: String, at p: Point, font: Font, color: Color = Theme.standard.text,
                              anchor: TextAnchor = .leftMiddle, rotation: Double = 0) {
        shapes.append(.text(s, at: p, font: font, color: color, anchor: anchor, rotation: rotation))
    }
    /// Adds many straight lines of one width at once (faster in PNG than one `line` each).
    public mutating func lines(_ segments: [LineSegment], width: Double) {
        shapes.append(.lines(segments, width: width))
    }
    /// Adds a raster image.
    public mutating func image(_ image: RasterImage, in r: Rect) {
        shapes.append(.image(image, in: r))
    }

    /// Draws into `frame`, scaled uniformly and centred.
    func draw(in frame: Rect, renderer: any Renderer) {
        guard size.width > 0, size.height > 0 else { return }
        let k = min(frame.width / size.width, frame.height / size.height)
        let ox = frame.x + (frame.width - size.width * k) / 2, oy = frame.y + (frame.height - size.height * k) / 2
        func p(_ q: Point) -> Point { Point(ox + q.x * k, oy + q.y * k) }
        func r(_ q: Rect) -> Rect { Rect(x: ox + q.x * k, y: oy + q.y * k, width: q.width * k, height: q.height * k) }
        func s(_ st: Stroke?) -> Stroke? { st.map { Stroke($0.color, width: $0.width * k, dash: $0.dash.map { $0 * k }) } }
        for shape in shapes {
            switch shape {
            case let .rect(q, fill, stroke, radius):
                renderer.rect(r(q), fill: fill, stroke: s(stroke), cornerRadius: radius * k)
            case let .path(points, closed, fill, stroke):
                renderer.path(points.map(p), closed: closed, fill: fill, stroke: s(stroke))
            case let .circle(center, radius, fill, stroke):
                renderer.circle(center: p(center), radius: radius * k, fill: fill, stroke: s(stroke))
            case let .text(text, at, font, color, anchor, rotation):
                var f = font
                f.size *= k
                renderer.text(text, at: p(at), font: f, color: color, anchor: anchor, rotation: rotation)
            case let .image(img, q):
                renderer.image(img, in: r(q))
            case let .lines(segments, width):
                renderer.lines(segments.map { LineSegment(from: p($0.from), to: p($0.to), color: $0.color) }, width: width * k)
            }
        }
    }
}
