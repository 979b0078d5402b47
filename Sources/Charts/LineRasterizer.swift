/// Antialiased straight lines composited in floating point into a premultiplied RGBA buffer,
/// for PNG output of many translucent lines at once.
///
/// A head view draws about 1,500 lines whose opacity is an attention weight. Cairo strokes each
/// one separately through its general scan converter, which walks every covered row in 15
/// sub-rows: 30 µs a line, 50 ms a figure. Here each line is walked along its major axis, one
/// pixel column (or row) at a time, covering a band of the line's thickness across it with
/// exact box-filter coverage: the same picture to the eye, several times faster. Lines are
/// composited "over" one another in order, as separate strokes would be.
struct LineRasterizer {
    /// Device-pixel position of the buffer's top-left pixel.
    let originX: Int, originY: Int
    /// Buffer size in pixels.
    let width: Int, height: Int
    /// Premultiplied (R, G, B, A) per pixel, row-major.
    private(set) var pixels: [SIMD4<Float>]

    /// An empty (transparent) buffer covering pixels `originX ..< originX + width` × `originY ..< originY + height`.
    init(originX: Int, originY: Int, width: Int, height: Int) {
        self.originX = originX
        self.originY = originY
        self.width = max(0, width)
        self.height = max(0, height)
        pixels = [SIMD4<Float>](repeating: .zero, count: self.width * self.height)
    }

    /// Composites `segments` (device pixels) in order, each `lineWidth` pixels wide.
    ///
    /// The buffer is filled one strip of rows at a time, every line clipped to the strip: a
    /// strip fits in the core's cache, the whole buffer (10 MB for a head view) does not, and
    /// walking it line by line waited on memory more than it computed. Each pixel still sees
    /// the lines in their order.
    mutating func draw(_ segments: [LineSegment], lineWidth: Double, stripRows: Int? = nil) {
        let strip = max(1, stripRows ?? Self.stripBytes / max(1, width * MemoryLayout<SIMD4<Float>>.stride))
        // Each segment's vertical reach, so that a strip skips the segments that miss it cheaply
        // (a 1,024-point curve is a thousand short segments, each in a few strips only).
        let reach = segments.map { (min($0.from.y, $0.to.y) - lineWidth, max($0.from.y, $0.to.y) + lineWidth) }
        for top in stride(from: originY, to: originY + height, by: strip) {
            let rows = top ..< min(top + strip, originY + height)
            let low = Double(rows.lowerBound), high = Double(rows.upperBound)
            for (segment, (from, to)) in zip(segments, reach) where !(to < low || from > high) {
                draw(from: segment.from, to: segment.to, lineWidth: lineWidth, color: segment.color, rows: rows)
            }
        }
    }

    /// Bytes of buffer per strip: well inside a 1 MB L2 cache.
    static let stripBytes = 256 << 10

    /// Composites a line from `a` to `b` (device pixels) of `lineWidth` pixels with butt ends,
    /// touching only the buffer rows in `rows` (all of them when nil).
    mutating func draw(from a: Point, to b: Point, lineWidth: Double, color: Color, rows: Range<Int>? = nil) {
        let rows = rows ?? originY ..< originY + height
        let dx = b.x - a.x, dy = b.y - a.y
        guard lineWidth > 0, color.alpha > 0, dx != 0 || dy != 0 else { return }
        // Lines with ends beyond a billion pixels (or NaN) are not drawn: every coordinate below
        // then converts to Int without range checks, by `floor` (libm is a call per pixel).
        let limit = Self.coordinateLimit
        guard abs(a.x) < limit, abs(a.y) < limit, abs(b.x) < limit, abs(b.y) < limit, lineWidth < limit else { return }
        let source = SIMD4<Float>(Float(color.red), Float(color.green), Float(color.blue), 1) * Float(color.alpha)
        // Walk the major axis, one pixel column (x-major) or row (y-major) at a time.
        let xMajor = abs(dx) >= abs(dy)
        let (p0, p1): ((Double, Double), (Double, Double)) = {
            let s = xMajor ? (a.x, a.y) : (a.y, a.x), e = xMajor ? (b.x, b.y) : (b.y, b.x)
            return s.0 <= e.0 ? (s, e) : (e, s)
        }()
        let slope = (p1.1 - p0.1) / (p1.0 - p0.0)                 // |slope| <= 1
        let half = lineWidth * (1 + slope * slope).squareRoot() / 2   // half the band across the major axis
        let majorOrigin = xMajor ? originX : originY, minorOrigin = xMajor ? originY : originX
        let majorCount = xMajor ? width : height, minorCount = xMajor ? height : width
        // Step between neighbouring pixels along the minor axis, and along the major one.
        let minorStep = xMajor ? width : 1, majorStep = xMajor ? 1 : width
        var firstColumn = max(Self.floor(p0.0), majorOrigin)
        var lastColumn = min(-Self.floor(-p1.0) - 1, majorOrigin + majorCount - 1)      // ⌈p1⌉ - 1
        // Clip to the strip of rows: directly when rows are the major axis, otherwise to the
        // columns whose band [centre ± half] can reach the strip.
        var minorLow = minorOrigin, minorHigh = minorOrigin + minorCount - 1
        if xMajor {
            minorLow = max(minorLow, rows.lowerBound)
            minorHigh = min(minorHigh, rows.upperBound - 1)
            if slope != 0 {
                let enter = (Double(rows.lowerBound) - half - p0.1) / slope + p0.0
                let leave = (Double(rows.upperBound) + half - p0.1) / slope + p0.0
                firstColumn = max(firstColumn, Self.pixel(min(enter, leave).rounded(.down)) - 1)
                lastColumn = min(lastColumn, Self.pixel(max(enter, leave).rounded(.up)) + 1)
            } else if p0.1 + half < Double(rows.lowerBound) || p0.1 - half >= Double(rows.upperBound) {
                return
            }
        } else {
            firstColumn = max(firstColumn, rows.lowerBound)
            lastColumn = min(lastColumn, rows.upperBound - 1)
        }
        guard firstColumn <= lastColumn, minorLow <= minorHigh else { return }
        pixels.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            @inline(__always) func blend(_ pixel: UnsafeMutablePointer<SIMD4<Float>>, _ coverage: Float) {
                pixel.pointee = source * coverage + pixel.pointee * (1 - source.w * coverage)
            }
            for column in firstColumn ... lastColumn {
                let start = max(Double(column), p0.0), end = min(Double(column + 1), p1.0)
                let along = end - start                           // share of this pixel column inside the line
                guard along > 0 else { continue }
                let centre = p0.1 + ((start + end) / 2 - p0.0) * slope
                let low = centre - half, high = centre + half
                // The band's first and last rows are partly covered, the rows between fully.
                let top = Self.floor(low), bottom = Self.floor(high)
                let columnPixel = base + (column - majorOrigin) * majorStep - minorOrigin * minorStep
                if top == bottom {
                    if top >= minorLow && top <= minorHigh { blend(columnPixel + top * minorStep, Float((high - low) * along)) }
                    continue
                }
                if top >= minorLow && top <= minorHigh {
                    blend(columnPixel + top * minorStep, Float((Double(top + 1) - low) * along))
                }
                let inner = max(top + 1, minorLow), innerEnd = min(bottom - 1, minorHigh)
                if inner <= innerEnd {
                    let share = Float(along)
                    for row in inner ... innerEnd { blend(columnPixel + row * minorStep, share) }
                }
                if bottom >= minorLow && bottom <= minorHigh, high > Double(bottom) {
                    blend(columnPixel + bottom * minorStep, Float((high - Double(bottom)) * along))
                }
            }
        }
    }

    /// Coordinates (in pixels) beyond which a line is not drawn.
    static let coordinateLimit = 1e9

    /// `⌊x⌋` for |x| well inside Int's range, without libm's `floor` call.
    @inline(__always)
    private static func floor(_ x: Double) -> Int {
        let i = Int(x)                       // truncates toward zero
        return Double(i) > x ? i - 1 : i
    }

    /// A whole-pixel coordinate as an Int, clamped far outside any buffer (an almost flat
    /// line's strip bounds can be astronomically large, and NaN means no pixel).
    private static func pixel(_ value: Double) -> Int {
        guard !value.isNaN else { return Int.min / 2 }
        return Int(min(max(value, -1e12), 1e12))
    }

    /// The buffer as Cairo's ARGB32: native-endian UInt32, premultiplied, rounded to 8 bits.
    func argb32() -> [UInt32] {
        // Scalar on purpose: SIMD float-to-integer conversions are generic, lane-by-lane code.
        @inline(__always) func byte(_ v: Float) -> UInt32 {
            let x = v * 255 + 0.5
            return x <= 0 ? 0 : (x >= 255 ? 255 : UInt32(x))
        }
        return [UInt32](unsafeUninitializedCapacity: pixels.count) { out, count in
            pixels.withUnsafeBufferPointer { source in
                for i in source.indices {
                    let p = source[i]
                    // Most of a curve's bounding box is untouched.
                    guard p.w > 0 else { out[i] = 0; continue }
                    let a = byte(p.w)
                    // Premultiplied channels never exceed alpha, also after rounding.
                    out[i] = a << 24 | min(a, byte(p.x)) << 16 | min(a, byte(p.y)) << 8 | min(a, byte(p.z))
                }
            }
            count = pixels.count
        }
    }
}
