import CZlib
import Foundation

/// A fast, deterministic PNG encoder for Cairo's ARGB32 pixels.
///
/// Cairo's own writer goes through libpng at zlib's default level (6) with adaptive filtering;
/// on chart pictures (large flat areas, repeated heatmap rows) that spent most of a report's time
/// in `deflate`. This encoder writes a row equal to the one above as Up (all zeros), every other
/// row as Sub (flat runs become zeros), and deflates at level 1: several times faster, files
/// about as small. Fully opaque images are written as 8-bit RGB, others as RGBA with the alpha
/// un-premultiplied exactly as Cairo's writer does. The same pixels always give the same bytes.
enum PNGEncoder {
    /// zlib level: 1 is deflate's fast path; filtered chart rows compress well even there.
    static let compressionLevel: Int32 = 1
    /// zlib's default matching. Z_RLE (runs only) saved about 4 % of a report's CPU time but made
    /// its PNGs 15 % larger (repeated glyphs and ticks are long-distance matches).
    static let strategy = Z_DEFAULT_STRATEGY

    /// Encodes `height` rows of `width` native-endian premultiplied ARGB32 pixels, `stride` bytes
    /// apart, starting at `pixels`.
    static func encode(pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int) throws(CairoError) -> Data {
        guard width > 0, height > 0 else { throw .invalidSize(width: Double(width), height: Double(height)) }
        let opaque = isOpaque(pixels, width: width, height: height, stride: stride)
        let channels = opaque ? 3 : 4
        let rowBytes = width * channels
        // zlib counts bytes in 32-bit fields; a picture this big (over 1 GB of samples) is a mistake.
        guard height * (rowBytes + 1) < 1 << 30 else {
            throw .status(operation: "PNG encoding", message: "\(width)×\(height) pixels is over 1 GB; lower the scale or figure size")
        }
        var stream = try Deflater(inputSize: height * (rowBytes + 1))
        // One scanline: a filter-type byte, then the filtered samples.
        var line = [UInt8](repeating: 0, count: rowBytes + 1)
        var samples = [UInt8](repeating: 0, count: rowBytes)
        for y in 0..<height {
            let source = pixels + y * stride
            // A row equal to the one above (flat areas, heatmap cells scaled up) is all zeros under Up.
            let repeated = y > 0 && memcmp(source, source - stride, width * 4) == 0
            if repeated {
                line.withUnsafeMutableBufferPointer { out in
                    out[0] = 2
                    if let rest = out.baseAddress?.advanced(by: 1) { rest.initialize(repeating: 0, count: rowBytes) }
                }
            } else {
                samples.withUnsafeMutableBufferPointer { row in unpack(source, width: width, opaque: opaque, into: row) }
                samples.withUnsafeBufferPointer { row in
                    line.withUnsafeMutableBufferPointer { out in filterRow(row, channels: channels, into: out) }
                }
            }
            try stream.add(line)
        }
        let idat = try stream.finish()
        var png = Data(capacity: idat.count + 64)
        png.append(contentsOf: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = [UInt8]()
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        // Bit depth 8; colour type 2 (RGB) or 6 (RGBA); deflate; adaptive filtering; no interlace.
        header += [8, opaque ? 2 : 6, 0, 0, 0]
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", idat, to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// True when every pixel has alpha 255 (the usual case: figures paint a background first).
    private static func isOpaque(_ pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int) -> Bool {
        for y in 0..<height {
            let row = UnsafeRawPointer(pixels + y * stride).assumingMemoryBound(to: UInt32.self)
            var all: UInt32 = 0xFF00_0000
            for x in 0..<width { all &= row[x] }
            if all & 0xFF00_0000 != 0xFF00_0000 { return false }
        }
        return true
    }

    /// Straight-alpha RGB(A) samples of one row. Cairo's ARGB32 is a native-endian UInt32 with
    /// premultiplied colour; un-premultiplying rounds like Cairo's PNG writer.
    private static func unpack(_ source: UnsafePointer<UInt8>, width: Int, opaque: Bool, into row: UnsafeMutableBufferPointer<UInt8>) {
        let pixels = UnsafeRawPointer(source).assumingMemoryBound(to: UInt32.self)
        if opaque {
            for x in 0..<width {
                let p = pixels[x]
                row[3 * x] = UInt8(truncatingIfNeeded: p >> 16)
                row[3 * x + 1] = UInt8(truncatingIfNeeded: p >> 8)
                row[3 * x + 2] = UInt8(truncatingIfNeeded: p)
            }
            return
        }
        for x in 0..<width {
            let p = pixels[x]
            let a = p >> 24
            var r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF
            if a == 0 {
                r = 0; g = 0; b = 0
            } else if a != 255 {
                r = (r * 255 + a / 2) / a; g = (g * 255 + a / 2) / a; b = (b * 255 + a / 2) / a
            }
            row[4 * x] = UInt8(truncatingIfNeeded: r)
            row[4 * x + 1] = UInt8(truncatingIfNeeded: g)
            row[4 * x + 2] = UInt8(truncatingIfNeeded: b)
            row[4 * x + 3] = UInt8(truncatingIfNeeded: a)
        }
    }

    /// Writes the filter byte (1, Sub) and each sample minus the one a pixel to its left. On
    /// charts (flat runs, hard edges, anti-aliased text) Sub compresses about as well as choosing
    /// a filter per row, for one pass over the row; repeated rows are caught before this.
    private static func filterRow(_ row: UnsafeBufferPointer<UInt8>, channels: Int, into out: UnsafeMutableBufferPointer<UInt8>) {
        let n = row.count
        out[0] = 1
        for i in 0..<min(channels, n) { out[i + 1] = row[i] }
        var i = channels
        while i < n { out[i + 1] = row[i] &- row[i - channels]; i += 1 }
    }

    /// A zlib stream at ``compressionLevel`` fed one scanline at a time into one output buffer.
    private struct Deflater: ~Copyable {
        // zlib keeps a pointer back to its z_stream, so the stream lives at a fixed address.
        private let stream: UnsafeMutablePointer<z_stream>
        private var output: [UInt8]
        /// Adler-32 of everything added so far (zlib writes raw deflate; see `init`).
        private var checksum = Adler32.initial
        /// The zlib header zlib itself writes at level 1 (32 KB window, no preset dictionary).
        private static let header: [UInt8] = [0x78, 0x01]

        init(inputSize: Int) throws(CairoError) {
            stream = .allocate(capacity: 1)
            stream.initialize(to: z_stream())
            // Raw deflate (negative window bits): zlib then skips its scalar Adler-32, which
            // ``Adler32`` computes several times faster; the header and checksum are added here,
            // so the bytes are exactly those of a zlib stream.
            let status = deflateInit2_(stream, compressionLevel, Z_DEFLATED, -15, 8, strategy,
                                       ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
            guard status == Z_OK else {
                stream.deallocate()
                throw .status(operation: "deflateInit", message: "zlib status \(status)")
            }
            // deflateBound is the worst case for the whole input, so no call ever runs out of room.
            let bound = Int(deflateBound(stream, uLong(inputSize))) + Self.header.count + 4
            output = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
                _ = buffer.initialize(from: Self.header)
                count = bound
            }
        }

        deinit {
            deflateEnd(stream)
            stream.deallocate()
        }

        mutating func add(_ bytes: [UInt8]) throws(CairoError) {
            checksum = bytes.withUnsafeBytes { Adler32.update(checksum, $0) }
            try run(bytes, flush: Z_NO_FLUSH, expect: Z_OK)
        }

        mutating func finish() throws(CairoError) -> [UInt8] {
            try run([], flush: Z_FINISH, expect: Z_STREAM_END)
            var stream = Array(output.prefix(Self.header.count + Int(self.stream.pointee.total_out)))
            stream.appendBigEndian(checksum)
            return stream
        }

        private mutating func run(_ bytes: [UInt8], flush: Int32, expect: Int32) throws(CairoError) {
            let written = Self.header.count + Int(stream.pointee.total_out)
            let status = bytes.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { out in
                    // zlib never writes through next_in (it is `z_const` in newer headers).
                    stream.pointee.next_in = input.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
                    stream.pointee.avail_in = uInt(input.count)
                    stream.pointee.next_out = out.baseAddress?.advanced(by: written)
                    stream.pointee.avail_out = uInt(out.count - written)
                    return deflate(stream, flush)
                }
            }
            guard status == expect || (status == Z_BUF_ERROR && bytes.isEmpty && flush == Z_NO_FLUSH),
                  stream.pointee.avail_in == 0 else {
                throw .status(operation: "deflate", message: "zlib status \(status)")
            }
        }
    }

    /// Appends one chunk: length, type, data and the CRC of type + data.
    private static func appendChunk(_ type: String, _ body: [UInt8], to png: inout Data) {
        var bytes = [UInt8]()
        bytes.reserveCapacity(body.count + 12)
        bytes.appendBigEndian(UInt32(body.count))
        let typeBytes = Array(type.utf8)
        bytes += typeBytes
        var crc = typeBytes.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        crc = body.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
        png.append(contentsOf: bytes)
        png.append(contentsOf: body)
        var tail = [UInt8]()
        tail.appendBigEndian(UInt32(truncatingIfNeeded: crc))
        png.append(contentsOf: tail)
    }
}

private extension Array where Element == UInt8 {
    /// Appends `value` as four big-endian bytes (PNG's integer layout).
    mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)])
    }
}
