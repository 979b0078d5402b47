import CCairo

/// A Cairo drawing context on a `Surface`; owns its `cairo_t*` and keeps the surface alive.
///
/// Contexts on different surfaces draw in parallel (pixman works per surface); the calls that
/// reach the shared font machinery (font selection, text, metrics, dropping a saved font state)
/// take ``CairoLock``.
public final class Context {
    private let pointer: OpaquePointer
    /// The surface this context draws on.
    public let surface: Surface

    /// Creates a context drawing on `surface`.
    public init(surface: Surface) throws(CairoError) {
        guard let p = cairo_create(surface.pointer) else {
            throw .status(operation: "cairo_create", message: "no context returned")
        }
        pointer = p
        self.surface = surface
        try CairoError.check(cairo_status(p), "cairo_create")
    }

    deinit {
        let p = pointer
        CairoLock.run { cairo_destroy(p) }
    }

    /// Reports the first error Cairo recorded on this context, if any.
    public func checkStatus(_ operation: String = "drawing") throws(CairoError) {
        try CairoError.check(cairo_status(pointer), operation)
    }

    // MARK: State

    /// Pushes the graphics state.
    public func save() { cairo_save(pointer) }
    /// Pops the graphics state.
    public func restore() {
        // Popping a state may release the last reference to a font face shared with other threads.
        CairoLock.run { cairo_restore(pointer) }
    }
    /// Scales user space (e.g. by the PNG resolution factor).
    public func scale(_ sx: Double, _ sy: Double) { cairo_scale(pointer, sx, sy) }
    /// Moves the user-space origin.
    public func translate(_ dx: Double, _ dy: Double) { cairo_translate(pointer, dx, dy) }
    /// Rotates user space by `radians` (positive turns x towards y, i.e. clockwise on screen).
    public func rotate(_ radians: Double) { cairo_rotate(pointer, radians) }
    /// Sets the source to a solid colour with components in 0...1.
    public func setColor(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        cairo_set_source_rgba(pointer, red, green, blue, alpha)
    }
    /// Sets the stroke width in user units.
    public func setLineWidth(_ width: Double) { cairo_set_line_width(pointer, width) }
    /// Sets a dash pattern (empty for solid lines).
    public func setDash(_ pattern: [Double], offset: Double = 0) {
        pattern.withUnsafeBufferPointer { cairo_set_dash(pointer, $0.baseAddress, Int32($0.count), offset) }
    }
    /// Uses round line joins and butt caps (crisp chart lines).
    public func setRoundJoins() {
        cairo_set_line_join(pointer, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(pointer, CAIRO_LINE_CAP_BUTT)
    }

    // MARK: Paths

    /// Starts a new sub-path at (x, y).
    public func move(to x: Double, _ y: Double) { cairo_move_to(pointer, x, y) }
    /// Adds a straight segment to (x, y).
    public func line(to x: Double, _ y: Double) { cairo_line_to(pointer, x, y) }
    /// Adds a rectangle sub-path.
    public func rectangle(_ x: Double, _ y: Double, _ width: Double, _ height: Double) {
        cairo_rectangle(pointer, x, y, width, height)
    }
    /// Adds a circular arc (angles in radians).
    public func arc(centerX: Double, centerY: Double, radius: Double, from a0: Double, to a1: Double) {
        cairo_arc(pointer, centerX, centerY, radius, a0, a1)
    }
    /// Closes the current sub-path.
    public func closePath() { cairo_close_path(pointer) }
    /// Clears the current path.
    public func newPath() { cairo_new_path(pointer) }
    /// Fills the current path and clears it.
    public func fill() { cairo_fill(pointer) }
    /// Fills the current path and keeps it (for a following stroke).
    public func fillPreserve() { cairo_fill_preserve(pointer) }
    /// Strokes the current path and clears it.
    public func stroke() { cairo_stroke(pointer) }
    /// Intersects the clip with the current path and clears it.
    public func clip() { cairo_clip(pointer) }
    /// Paints the source over the whole clip region.
    public func paint() { cairo_paint(pointer) }

    // MARK: Images

    /// Draws a raster `image` stretched into the rectangle; `smooth: false` keeps hard pixel edges
    /// (nearest-neighbour), as heatmap cells need.
    public func draw(image: Surface, x: Double, y: Double, width: Double, height: Double, smooth: Bool) {
        guard image.pixelWidth > 0, image.pixelHeight > 0 else { return }
        save()
        translate(x, y)
        scale(width / Double(image.pixelWidth), height / Double(image.pixelHeight))
        cairo_set_source_surface(pointer, image.pointer, 0, 0)
        if let pattern = cairo_get_source(pointer) {
            cairo_pattern_set_filter(pattern, smooth ? CAIRO_FILTER_GOOD : CAIRO_FILTER_NEAREST)
            cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD)
        }
        rectangle(0, 0, Double(image.pixelWidth), Double(image.pixelHeight))
        fill()
        restore()
    }

    // MARK: Text

    /// Selects a font through the toy API (fontconfig resolves the family name).
    public func selectFont(family: String, size: Double, bold: Bool = false, italic: Bool = false) {
        CairoLock.run {
            cairo_select_font_face(pointer, family,
                                   italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                                   bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
            cairo_set_font_size(pointer, size)
        }
    }

    /// Turns off metric hinting so text advances do not depend on the device scale; layout
    /// measured at one scale then matches drawing at another (PNG at 2×, PDF, SVG).
    public func disableMetricHinting() throws(CairoError) {
        guard let options = cairo_font_options_create() else {
            throw .status(operation: "cairo_font_options_create", message: "no options returned")
        }
        defer { cairo_font_options_destroy(options) }
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        CairoLock.run { cairo_set_font_options(pointer, options) }
        try CairoError.check(cairo_font_options_status(options), "cairo_font_options")
    }

    /// Measures `text` in the current font.
    public func textExtents(_ text: String) -> TextExtents {
        var e = cairo_text_extents_t()
        CairoLock.run { cairo_text_extents(pointer, text, &e) }
        return TextExtents(xBearing: e.x_bearing, yBearing: e.y_bearing, width: e.width,
                           height: e.height, xAdvance: e.x_advance, yAdvance: e.y_advance)
    }

    /// Ascent, descent and line height of the current font.
    public func fontExtents() -> FontExtents {
        var e = cairo_font_extents_t()
        CairoLock.run { cairo_font_extents(pointer, &e) }
        return FontExtents(ascent: e.ascent, descent: e.descent, height: e.height)
    }

    /// Draws `text` with its baseline origin at (x, y).
    public func showText(_ text: String, x: Double, y: Double) {
        cairo_move_to(pointer, x, y)
        CairoLock.run { cairo_show_text(pointer, text) }
    }

    /// The glyph index of each character of `text` in the current font; 0 means the font has no
    /// glyph for it (it would draw as an empty box).
    public func glyphIndices(_ text: String) throws(CairoError) -> [UInt] {
        try CairoLock.run { () throws(CairoError) -> [UInt] in try glyphIndicesLocked(text) }
    }

    private func glyphIndicesLocked(_ text: String) throws(CairoError) -> [UInt] {
        guard let font = cairo_get_scaled_font(pointer) else { return [] }
        var glyphs: UnsafeMutablePointer<cairo_glyph_t>?
        var count: Int32 = 0
        let bytes = Array(text.utf8CString)
        let status = cairo_scaled_font_text_to_glyphs(font, 0, 0, bytes, Int32(bytes.count - 1),
                                                      &glyphs, &count, nil, nil, nil)
        defer { if let glyphs { cairo_glyph_free(glyphs) } }
        try CairoError.check(status, "cairo_scaled_font_text_to_glyphs")
        guard let glyphs else { return [] }
        return (0..<Int(count)).map { UInt(glyphs[$0].index) }
    }
}

/// The ink box and advance of a piece of text (Cairo's `cairo_text_extents_t`).
public struct TextExtents: Sendable, Equatable {
    /// Offset from the origin to the left edge of the ink.
    public var xBearing: Double
    /// Offset from the baseline to the top of the ink (negative: above the baseline).
    public var yBearing: Double
    /// Ink width.
    public var width: Double
    /// Ink height.
    public var height: Double
    /// Horizontal distance to the next text origin.
    public var xAdvance: Double
    /// Vertical distance to the next text origin.
    public var yAdvance: Double
}

/// Font-wide metrics (Cairo's `cairo_font_extents_t`).
public struct FontExtents: Sendable, Equatable {
    /// Distance from baseline to the top of tall glyphs.
    public var ascent: Double
    /// Distance from baseline to the bottom of descenders.
    public var descent: Double
    /// Recommended baseline-to-baseline distance.
    public var height: Double
}
