import Charts
import CZlib
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Renders every sample figure in all three formats and checks what each file holds, not only
/// that it exists: the PNG decodes to the figure's size in pixels with ink in the title band and
/// in the plot; the SVG parses, has the figure's size and carries its title as text; the PDF is
/// one complete page. With GPTSCOPE_CHART_SAMPLES=/some/dir the files are kept there for looking at.
@Test(arguments: SampleFigures.all.map(\.0))
func sampleFigureRendersInEveryFormat(_ name: String) throws {
    let figure = try #require(SampleFigures.all.first { $0.0 == name }).1()
    let keep = ProcessInfo.processInfo.environment["GPTSCOPE_CHART_SAMPLES"]
    let dir = keep.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
        .appendingPathComponent("gptscope-samples-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { if keep == nil { try? FileManager.default.removeItem(at: dir) } }

    let png = dir.appendingPathComponent("\(name).png")
    try figure.write(to: png, scale: 2)
    let image = try DecodedPNG(Data(contentsOf: png))
    #expect(image.width == Int((figure.width * 2).rounded()) && image.height == Int((figure.height * 2).rounded()),
            "\(name).png is \(image.width)×\(image.height)")
    // Ink: pixels clearly darker than the white page. A title band without ink means the title
    // was lost; a plot with almost none means the artists drew nothing.
    let titleBand = image.inkFraction(rows: 0..<(image.height / 8))
    let body = image.inkFraction(rows: (image.height / 8)..<image.height)
    if figure.title != nil { #expect(titleBand > 0.002, "\(name).png: no title drawn (ink \(titleBand))") }
    #expect(body > 0.003, "\(name).png: almost nothing drawn (ink \(body))")

    let svgURL = dir.appendingPathComponent("\(name).svg")
    try figure.write(to: svgURL)
    let svg = try SVGSummary(Data(contentsOf: svgURL))
    #expect(svg.width == figure.width && svg.height == figure.height, "\(name).svg is \(svg.width)×\(svg.height)")
    for heading in figure.headingTexts {
        #expect(svg.text.contains(heading), "\(name).svg lacks the text \"\(heading)\"")
    }

    let pdfURL = dir.appendingPathComponent("\(name).pdf")
    try figure.write(to: pdfURL)
    let pdf = String(decoding: try Data(contentsOf: pdfURL), as: UTF8.self)
    #expect(pdf.hasPrefix("%PDF-") && pdf.contains("%%EOF"), "\(name).pdf is not a complete PDF")
    // The page tree's /Count (uncompressed in Cairo's output) is the number of pages.
    let count = pdf.firstMatch(of: /\/Type \/Pages[^>]*\/Count (\d+)/).map { Int($0.1) }
    #expect(count == 1, "\(name).pdf does not hold exactly one page")
}

/// An 8-bit RGB or RGBA PNG decoded with zlib and the five scanline filters (PNG spec §9).
struct DecodedPNG {
    let width: Int
    let height: Int
    let channels: Int
    /// Unfiltered scanlines, `height × width × channels` bytes.
    let pixels: [UInt8]

    struct Malformed: Error, CustomStringConvertible { let description: String }

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw Malformed(description: "no PNG signature") }
        var offset = 8, idat: [UInt8] = [], header: [UInt8] = []
        func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        while offset + 8 <= bytes.count {
            let length = be32(offset), type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            let body = Array(bytes[offset + 8..<offset + 8 + length])
            if type == "IHDR" { header = body } else if type == "IDAT" { idat += body }
            offset += 12 + length
            if type == "IEND" { break }
        }
        guard header.count == 13, header[8] == 8, header[12] == 0 else { throw Malformed(description: "not an 8-bit, non-interlaced PNG") }
        width = header[0..<4].reduce(0) { $0 << 8 | Int($1) }
        height = header[4..<8].reduce(0) { $0 << 8 | Int($1) }
        switch header[9] {
        case 2: channels = 3
        case 6: channels = 4
        default: throw Malformed(description: "colour type \(header[9])")
        }
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var rawLength = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { r in
            idat.withUnsafeBufferPointer { uncompress(r.baseAddress, &rawLength, $0.baseAddress, uLong($0.count)) }
        }
        guard status == Z_OK, Int(rawLength) == raw.count else { throw Malformed(description: "IDAT does not inflate to \(raw.count) bytes") }
        var out = [UInt8](repeating: 0, count: height * stride)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            for x in 0..<stride {
                let value = raw[y * (stride + 1) + 1 + x]
                let a = x >= channels ? Int(out[y * stride + x - channels]) : 0
                let b = y > 0 ? Int(out[(y - 1) * stride + x]) : 0
                let c = x >= channels && y > 0 ? Int(out[(y - 1) * stride + x - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw Malformed(description: "filter type \(filter)")
                }
                out[y * stride + x] = UInt8(truncatingIfNeeded: Int(value) + predictor)
            }
        }
        pixels = out
    }

    /// The share of pixels in `rows` whose darkest colour channel is below 200 of 255.
    func inkFraction(rows: Range<Int>) -> Double {
        guard !rows.isEmpty else { return 0 }
        var ink = 0
        for y in rows {
            for x in 0..<width {
                let p = (y * width + x) * channels
                if min(pixels[p], pixels[p + 1], pixels[p + 2]) < 200 { ink += 1 }
            }
        }
        return Double(ink) / Double(rows.count * width)
    }
}

/// The root size and all character data of an SVG file, read with Foundation's XML parser (so a
/// file that is not well-formed XML fails the test).
struct SVGSummary {
    let width: Double
    let height: Double
    let text: String

    struct Malformed: Error, CustomStringConvertible { let description: String }

    init(_ data: Data) throws {
        final class Delegate: NSObject, XMLParserDelegate {
            var width = 0.0, height = 0.0, text = "", sawRoot = false
            func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                guard element == "svg", !sawRoot else { return }
                sawRoot = true
                func points(_ value: String?) -> Double { Double((value ?? "").trimmingCharacters(in: .letters)) ?? -1 }
                width = points(attributes["width"])
                height = points(attributes["height"])
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        }
        let parser = XMLParser(data: data)
        let delegate = Delegate()
        parser.delegate = delegate
        guard parser.parse(), delegate.sawRoot else { throw Malformed(description: "not well-formed SVG: \(parser.parserError.map { "\($0)" } ?? "no <svg>")") }
        width = delegate.width
        height = delegate.height
        text = delegate.text
    }
}
