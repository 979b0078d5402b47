import CairoKit

/// Draws through a Cairo context: PNG (image surface at a device scale) and PDF (vector surface).
final class CairoRenderer: Renderer {
    private let context: Context
    private let measurer: TextMeasurer
    /// Device pixels per figure point (PNG scale); 1 for PDF.
    private let deviceScale: Double
    /// Vector output keeps heatmap pixels hard-edged at any zoom.
    private let isVector: Bool
    private var currentFont: (family: String, font: Font)?

    init(context: Context, measurer: TextMeasurer, deviceScale: Double, isVector: Bool) throws {
        self.context = context
        self.measurer = measurer
        self.deviceScale = deviceScale
        self.isVector = isVector
        try context.disableMetricHinting()
        context.setRoundJoins()
    }

    private func setColor(_ c: Color) {
        context.setColor(red: c.red, green: c.green, blue: c.blue, alpha: c.alpha)
    }

    private func apply(_ stroke: Stroke) {
        setColor(stroke.color)
        context.setLineWidth(stroke.width)
        context.setDash(stroke.dash)
    }

    private func finish(fill: Color?, stroke: Stroke?) {
        if let fill {
            setColor(fill)
            if stroke != nil { context.fillPreserve() } else { context.fill() }
        }
        if let stroke {
            apply(stroke)
            context.stroke()
        }
        context.newPath()
    }

    func rect(_ r: Rect, fill: Color?, stroke: Stroke?, cornerRadius: Double) {
        let radius = min(cornerRadius, r.width / 2, r.height / 2)
        if radius <= 0 {
            context.rectangle(r.x, r.y, r.width, r.height)
        } else {
            context.newPath()
            context.arc(centerX: r.maxX - radius, centerY: r.y + radius, radius: radius, from: -.pi / 2, to: 0)
            context.arc(centerX: r.maxX - radius, centerY: r.maxY - radius, radius: radius, from: 0, to: .pi / 2)
            context.arc(centerX: r.x + radius, centerY: r.maxY - radius, radius: radius, from: .pi / 2, to: .pi)
            context.arc(centerX: r.x + radius, centerY: r.y + radius, radius: radius, from: .pi, to: 1.5 * .pi)
            context.closePath()
        }
        finish(fill: fill, stroke: stroke)
    }

    func path(_ points: [Point], closed: Bool, fill: Color?, stroke: Stroke?) {
        guard let first = points.first else { return }
        // A long, solid, opaque polyline (a curve of 1,024 positions) rasterises much faster as
        // its segments: Cairo's stroker slows down on jagged paths (4 noisy curves: 90 ms).
        // Each inner end is extended by half the width along its segment, so consecutive
        // segments overlap at the joint instead of leaving a notch; opaque, the overlap cannot show.
        if !isVector, !closed, fill == nil, let stroke, stroke.dash.isEmpty, stroke.color.alpha >= 1,
           points.count >= Self.rasterisedPolylinePoints {
            var segments: [LineSegment] = []
            segments.reserveCapacity(points.count - 1)
            let last = points.count - 2
            for i in 0...last {
                var a = points[i], b = points[i + 1]
                let dx = b.x - a.x, dy = b.y - a.y, length = (dx * dx + dy * dy).squareRoot()
                if length > 0 {
                    let ex = dx / length * stroke.width / 2, ey = dy / length * stroke.width / 2
                    if i > 0 { a = Point(a.x - ex, a.y - ey) }
                    if i < last { b = Point(b.x + ex, b.y + ey) }
                }
                segments.append(LineSegment(from: a, to: b, color: stroke.color))
            }
            lines(segments, width: stroke.width)
            return
        }
        context.move(to: first.x, first.y)
        for p in points.dropFirst() { context.line(to: p.x, p.y) }
        if closed { context.closePath() }
        finish(fill: fill, stroke: stroke)
    }

    func circle(center: Point, radius: Double, fill: Color?, stroke: Stroke?) {
        context.newPath()
        context.arc(centerX: center.x, centerY: center.y, radius: radius, from: 0, to: 2 * .pi)
        context.closePath()
        finish(fill: fill, stroke: stroke)
    }

    func text(_ text: String, at point: Point, font: Font, color: Color, anchor: TextAnchor, rotation: Double) {
        guard !text.isEmpty else { return }
        let size = measurer.measure(text, font)
        let dx: Double
        switch anchor.horizontal {
        case .start: dx = 0
        case .middle: dx = -size.width / 2
        case .end: dx = -size.width
        }
        let dy = baselineY(0, anchor.vertical, size)
        setColor(color)
        context.save()
        context.translate(point.x, point.y)
        if rotation != 0 { context.rotate(rotation * .pi / 180) }
        var x = dx
        for run in font.runs(text) {
            if currentFont?.family != run.family || currentFont?.font != font {
                context.selectFont(family: run.family, size: font.size, bold: font.bold, italic: font.italic)
                currentFont = (run.family, font)
            }
            context.showText(run.text, x: x, y: dy)
            x += measurer.runWidth(run, font)
        }
        // restore() also restores the font selected before save().
        context.restore()
        currentFont = nil
        context.newPath()
    }

    func image(_ image: RasterImage, in rect: Rect) {
        guard let surface = try? Surface.image(rgba: image.rgba, width: image.width, height: image.height) else {
            return
        }
        // Upscaled cells keep hard edges; a raster squeezed below one device pixel per cell is
        // averaged instead of dropping rows (thumbnails of long contexts).
        let pixelsPerCell = min(rect.width / Double(image.width), rect.height / Double(image.height)) * deviceScale
        let smooth = !isVector && pixelsPerCell < 1
        context.draw(image: surface, x: rect.x, y: rect.y, width: rect.width, height: rect.height, smooth: smooth)
    }

    /// Polylines with at least this many points are rasterised as segments (see `path`).
    static let rasterisedPolylinePoints = 128

    func lines(_ segments: [LineSegment], width: Double) {
        guard !isVector, !segments.isEmpty else {
            for segment in segments { line(from: segment.from, to: segment.to, stroke: Stroke(segment.color, width: width)) }
            return
        }
        // Rasterise all lines at device resolution into one image over their bounding box,
        // placed on whole device pixels so that each image pixel lands on one surface pixel.
        let s = deviceScale, margin = width * s / 2 + 2
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        for segment in segments {
            minX = min(minX, segment.from.x, segment.to.x)
            maxX = max(maxX, segment.from.x, segment.to.x)
            minY = min(minY, segment.from.y, segment.to.y)
            maxY = max(maxY, segment.from.y, segment.to.y)
        }
        guard minX.isFinite, maxX.isFinite, minY.isFinite, maxY.isFinite else { return }
        let x0 = max(0, Int((minX * s - margin).rounded(.down))), y0 = max(0, Int((minY * s - margin).rounded(.down)))
        let x1 = Int((maxX * s + margin).rounded(.up)), y1 = Int((maxY * s + margin).rounded(.up))
        guard x1 > x0, y1 > y0 else { return }
        var raster = LineRasterizer(originX: x0, originY: y0, width: x1 - x0, height: y1 - y0)
        raster.draw(segments.map { LineSegment(from: Point($0.from.x * s, $0.from.y * s), to: Point($0.to.x * s, $0.to.y * s),
                                               color: $0.color) },
                    lineWidth: width * s)
        guard let surface = try? Surface.image(premultipliedARGB: raster.argb32(), width: raster.width, height: raster.height) else {
            return
        }
        context.draw(image: surface, x: Double(x0) / s, y: Double(y0) / s,
                     width: Double(raster.width) / s, height: Double(raster.height) / s, smooth: false)
    }

    func pushClip(_ r: Rect) {
        context.save()
        context.rectangle(r.x, r.y, r.width, r.height)
        context.clip()
    }

    func popClip() { context.restore() }
}
