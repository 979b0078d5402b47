import CCairo
import Foundation

/// A Cairo surface (raster image, PDF document or recording) that owns its C pointer.
public final class Surface {
    /// The underlying `cairo_surface_t*`, valid for the life of this object.
    let pointer: OpaquePointer
    /// Collects the bytes of stream-backed surfaces (PDF); kept alive as long as the surface.
    private let sink: ByteSink?
    /// Width in surface units (pixels for images, points for PDF).
    public let width: Double
    /// Height in surface units (pixels for images, points for PDF).
    public let height: Double

    private init(pointer: OpaquePointer, sink: ByteSink?, width: Double, height: Double) throws(CairoError) {
        self.pointer = pointer
        self.sink = sink
        self.width = width
        self.height = height
        try CairoError.check(cairo_surface_status(pointer), "surface creation")
    }

    deinit {
        let p = pointer
        CairoLock.run { cairo_surface_destroy(p) }
    }

    /// A transparent ARGB32 raster surface of `width` × `height` pixels.
    public static func image(width: Int, height: Int) throws(CairoError) -> Surface {
        guard width > 0, height > 0, width <= 32767, height <= 32767 else {
            throw .invalidSize(width: Double(width), height: Double(height))
        }
        guard let p = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else {
            throw .status(operation: "cairo_image_surface_create", message: "no surface returned")
        }
        return try Surface(pointer: p, sink: nil, width: Double(width), height: Double(height))
    }

    /// A raster surface holding `pixels` (row-major, straight-alpha RGBA, 4 bytes per pixel).
    public static func image(rgba pixels: [UInt8], width: Int, height: Int) throws(CairoError) -> Surface {
        guard pixels.count == width * height * 4 else {
            throw .pixelCountMismatch(expected: width * height, actual: pixels.count / 4)
        }
        let surface = try image(width: width, height: height)
        cairo_surface_flush(surface.pointer)
        guard let data = cairo_image_surface_get_data(surface.pointer) else {
            throw .status(operation: "cairo_image_surface_get_data", message: "no pixel buffer")
        }
        let stride = Int(cairo_image_surface_get_stride(surface.pointer))
        for y in 0..<height {
            // Cairo's ARGB32 is a native-endian UInt32 with premultiplied alpha.
            let row = (data + y * stride).withMemoryRebound(to: UInt32.self, capacity: width) { $0 }
            for x in 0..<width {
                let i = (y * width + x) * 4
                let a = UInt32(pixels[i + 3])
                let r = UInt32(pixels[i]) * a / 255, g = UInt32(pixels[i + 1]) * a / 255, b = UInt32(pixels[i + 2]) * a / 255
                row[x] = (a << 24) | (r << 16) | (g << 8) | b
            }
        }
        cairo_surface_mark_dirty(surface.pointer)
        return surface
    }

    /// A raster surface holding `pixels` already in Cairo's format: native-endian ARGB32 with
    /// premultiplied alpha, row-major, one UInt32 per pixel.
    public static func image(premultipliedARGB pixels: [UInt32], width: Int, height: Int) throws(CairoError) -> Surface {
        guard pixels.count == width * height else {
            throw .pixelCountMismatch(expected: width * height, actual: pixels.count)
        }
        let surface = try image(width: width, height: height)
        cairo_surface_flush(surface.pointer)
        guard let data = cairo_image_surface_get_data(surface.pointer) else {
            throw .status(operation: "cairo_image_surface_get_data", message: "no pixel buffer")
        }
        let stride = Int(cairo_image_surface_get_stride(surface.pointer))
        pixels.withUnsafeBytes { source in
            for y in 0..<height {
                guard let row = source.baseAddress?.advanced(by: y * width * 4) else { return }
                (data + y * stride).update(from: row.assumingMemoryBound(to: UInt8.self), count: width * 4)
            }
        }
        cairo_surface_mark_dirty(surface.pointer)
        return surface
    }

    /// A PDF document surface of `width` × `height` points whose bytes are collected in memory;
    /// call `finish()` then `data()`. Metadata dates are fixed so the same drawing gives the same bytes.
    public static func pdf(width: Double, height: Double) throws(CairoError) -> Surface {
        guard width > 0, height > 0, width <= 14400, height <= 14400 else {
            throw .invalidSize(width: width, height: height)
        }
        let sink = ByteSink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        guard let p = cairo_pdf_surface_create_for_stream(byteSinkWrite, closure, width, height) else {
            throw .status(operation: "cairo_pdf_surface_create_for_stream", message: "no surface returned")
        }
        let surface = try Surface(pointer: p, sink: sink, width: width, height: height)
        cairo_pdf_surface_set_metadata(p, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00")
        cairo_pdf_surface_set_metadata(p, CAIRO_PDF_METADATA_MOD_DATE, "2000-01-01T00:00:00")
        cairo_pdf_surface_set_metadata(p, CAIRO_PDF_METADATA_CREATOR, "GPTScope")
        try CairoError.check(cairo_surface_status(p), "cairo_pdf_surface_set_metadata")
        return surface
    }

    /// Sets the PDF document title (no effect on other surfaces).
    public func setPDFTitle(_ title: String) {
        cairo_pdf_surface_set_metadata(pointer, CAIRO_PDF_METADATA_TITLE, title)
    }

    /// Finishes the surface (flushes a PDF to its byte sink) and reports any deferred error.
    public func finish() throws(CairoError) {
        cairo_surface_finish(pointer)
        try CairoError.check(cairo_surface_status(pointer), "cairo_surface_finish")
    }

    /// The bytes written by a stream-backed surface (PDF) so far; empty for raster surfaces.
    public func data() throws(CairoError) -> Data {
        if let error = sink?.error { throw error }
        return sink?.bytes ?? Data()
    }

    /// Encodes a raster surface as PNG bytes (``PNGEncoder``: fast, deterministic, lossless).
    /// Touches only this surface's pixels, so it needs no ``CairoLock``: figures encode in parallel.
    public func pngData() throws(CairoError) -> Data {
        cairo_surface_flush(pointer)
        guard cairo_image_surface_get_format(pointer) == CAIRO_FORMAT_ARGB32 else {
            throw .status(operation: "pngData", message: "only ARGB32 image surfaces can be encoded as PNG")
        }
        guard let data = cairo_image_surface_get_data(pointer) else {
            throw .status(operation: "cairo_image_surface_get_data", message: "no pixel buffer")
        }
        let stride = Int(cairo_image_surface_get_stride(pointer))
        return try withExtendedLifetime(self) { () throws(CairoError) -> Data in
            try PNGEncoder.encode(pixels: UnsafePointer(data), width: pixelWidth, height: pixelHeight, stride: stride)
        }
    }

    /// Decodes PNG bytes with Cairo's own reader (libpng), e.g. to check what ``pngData()`` wrote.
    public static func image(png: Data) throws(CairoError) -> Surface {
        let source = ByteSource(png)
        let closure = Unmanaged.passUnretained(source).toOpaque()
        let p = withExtendedLifetime(source) { cairo_image_surface_create_from_png_stream(byteSourceRead, closure) }
        guard let p else { throw .status(operation: "cairo_image_surface_create_from_png_stream", message: "no surface returned") }
        let width = Double(cairo_image_surface_get_width(p)), height = Double(cairo_image_surface_get_height(p))
        return try Surface(pointer: p, sink: nil, width: width, height: height)
    }

    /// The pixels of a raster surface, row by row: premultiplied `0xAARRGGBB` as Cairo stores
    /// ARGB32 (RGB24 surfaces, e.g. opaque PNGs read back, get alpha 0xFF); empty for other kinds.
    public func argbPixels() -> [UInt32] {
        cairo_surface_flush(pointer)
        let format = cairo_image_surface_get_format(pointer)
        guard format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24,
              let data = cairo_image_surface_get_data(pointer) else { return [] }
        // RGB24 leaves the top byte undefined.
        let opaqueBits: UInt32 = format == CAIRO_FORMAT_RGB24 ? 0xFF00_0000 : 0
        let stride = Int(cairo_image_surface_get_stride(pointer))
        var pixels: [UInt32] = []
        pixels.reserveCapacity(pixelWidth * pixelHeight)
        for y in 0..<pixelHeight {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            pixels.append(contentsOf: UnsafeBufferPointer(start: row, count: pixelWidth).map { $0 | opaqueBits })
        }
        return withExtendedLifetime(self) { pixels }
    }

    /// Pixel width of a raster surface (0 for other kinds).
    public var pixelWidth: Int { Int(cairo_image_surface_get_width(pointer)) }
    /// Pixel height of a raster surface (0 for other kinds).
    public var pixelHeight: Int { Int(cairo_image_surface_get_height(pointer)) }
}

/// Accumulates bytes handed to a Cairo write callback.
private final class ByteSink {
    var bytes = Data()
    var error: CairoError?
}

/// The C callback Cairo calls with output bytes; `closure` is an unretained `ByteSink`.
private func byteSinkWrite(
    _ closure: UnsafeMutableRawPointer?, _ data: UnsafePointer<UInt8>?, _ length: UInt32
) -> cairo_status_t {
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(data, count: Int(length))
    return CAIRO_STATUS_SUCCESS
}

/// Hands bytes to Cairo's PNG reader callback in order.
private final class ByteSource {
    let bytes: Data
    var offset = 0
    init(_ bytes: Data) { self.bytes = bytes }
}

/// The C callback Cairo calls for more PNG bytes; `closure` is an unretained `ByteSource`.
private func byteSourceRead(
    _ closure: UnsafeMutableRawPointer?, _ data: UnsafeMutablePointer<UInt8>?, _ length: UInt32
) -> cairo_status_t {
    guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
    let source = Unmanaged<ByteSource>.fromOpaque(closure).takeUnretainedValue()
    let count = Int(length)
    guard source.offset + count <= source.bytes.count else { return CAIRO_STATUS_READ_ERROR }
    let start = source.bytes.startIndex + source.offset
    source.bytes.copyBytes(to: data, from: start..<start + count)
    source.offset += count
    return CAIRO_STATUS_SUCCESS
}
