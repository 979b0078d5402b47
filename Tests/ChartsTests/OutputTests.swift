import CairoKit
@testable import Charts
import Foundation
import Testing

/// File output: SVG structure, PNG/PDF headers and sizes, atomic writes, determinism, CJK.
@Suite struct OutputTests {
    func texts(_ svg: String) -> [String] {
        svg.components(separatedBy: "<text ").dropFirst().compactMap { chunk in
            guard let start = chunk.firstIndex(of: ">"), let end = chunk.range(of: "</text>") else { return nil }
            // Drop <tspan> markup: the text content is what a search finds.
            return String(chunk[chunk.index(after: start)..<end.lowerBound])
                .replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        }
    }

    func tempDir() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("charts-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func svgKeepsTitleLabelsLegendAndTicksAsText() throws {
        let svg = try SampleFigures.stackedBars().svg()
        let t = texts(svg)
        for expected in ["Where the parameters are", "Stacked by component group; labels give the total", "model", "parameters",
                         "token embedding", "attention", "MLP", "GPT-1", "GPT-2 XL", "0", "500M", "1B", "1.5B"] {
            #expect(t.contains(expected), "missing <text>\(expected)</text>")
        }
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"500\""))
    }

    @Test func heatmapIsOneEmbeddedImageNotOneRectPerCell() throws {
        let svg = try SampleFigures.bigHeatmap(128).svg()
        // One image for the cells plus one for the colorbar gradient.
        #expect(svg.components(separatedBy: "<image ").count - 1 == 2)
        #expect(svg.contains("href=\"data:image/png;base64,"))
        #expect(svg.contains("image-rendering:pixelated"))
        #expect(svg.components(separatedBy: "<rect ").count < 20)
        #expect(svg.utf8.count < 200_000)
        // Thinned labels: far fewer than 128 per axis, first and a later one present.
        let t = texts(svg)
        #expect(t.contains("tok0") && t.contains("tok40"))
        #expect(t.filter { $0.hasPrefix("tok") }.count < 128)
    }

    @Test func cjkTextStaysTextAndHasGlyphs() throws {
        let svg = try SampleFigures.cjkHeatmap().svg()
        #expect(texts(svg).contains("中华人民共和国 · 词元相似度"))
        #expect(texts(svg).contains("共和国"))
        // The resolved font really has the glyphs (no empty boxes in PNG/PDF).
        let context = try Context(surface: Surface.image(width: 1, height: 1))
        context.selectFont(family: Font(size: 12).family, size: 12)
        #expect(try context.glyphIndices("中华人民共和国").allSatisfy { $0 != 0 })
    }

    @Test func svgEscapesMarkupAndControlCharacters() throws {
        var axes = Axes(x: Axis(label: "a < b & \"c\""), y: Axis(label: "\u{1}x"))
        axes.add(LineSeries("s", x: [0, 1], y: [0, 1]))
        let svg = try Figure(axes).svg()
        #expect(svg.contains(">a &lt; b &amp; &quot;c&quot;</text>"))
        #expect(svg.contains(">\u{FFFD}x</text>"))
    }

    @Test(arguments: [1.0, 2.0, 3.0])
    func pngHasHeaderAndScaledPixelSize(_ scale: Double) throws {
        let png = try SampleFigures.lines().pngData(scale: scale)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        func be32(_ at: Int) -> Int { png[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(be32(16) == Int(800 * scale))
        #expect(be32(20) == Int(500 * scale))
    }

    @Test func pdfHasHeaderAndIsDeterministic() throws {
        let a = try SampleFigures.attentionHeatmap().pdfData()
        let b = try SampleFigures.attentionHeatmap().pdfData()
        #expect(String(decoding: a.prefix(5), as: UTF8.self) == "%PDF-")
        #expect(a == b)
    }

    @Test func svgAndPngAreDeterministic() throws {
        #expect(try SampleFigures.cjkHeatmap().svg() == SampleFigures.cjkHeatmap().svg())
        #expect(try SampleFigures.stackedBars().pngData() == SampleFigures.stackedBars().pngData())
    }

    /// Hand-built ARGB pixels survive our PNG encoder and Cairo's own (libpng) reader: exactly
    /// when opaque (gradients, repeated rows, noise: every filter path), within premultiplying's
    /// rounding when translucent. The colour type follows the alpha.
    @Test func pngEncoderRoundTripsThroughCairosReader() throws {
        let width = 37, height = 23
        var seed: UInt32 = 12345
        func noise() -> UInt8 { seed = seed &* 1_664_525 &+ 1_013_904_223; return UInt8(seed >> 24) }
        for translucent in [false, true] {
            var rgba: [UInt8] = []
            for y in 0..<height {
                for x in 0..<width {
                    // Rows 5..<10 repeat row 4; rows 15... are noise; the rest are gradients.
                    let sy = (5..<10).contains(y) ? 4 : y
                    let pixel: [UInt8] = sy >= 15 ? [noise(), noise(), noise()] : [UInt8(x * 6), UInt8(sy * 11), 200]
                    let alpha: UInt8 = translucent ? [0, 1, 77, 128, 254, 255][(x + y) % 6] : 255
                    rgba += pixel + [alpha]
                }
            }
            let png = try Surface.image(rgba: rgba, width: width, height: height).pngData()
            #expect(png[25] == (translucent ? 6 : 2), "colour type")
            let original = try Surface.image(rgba: rgba, width: width, height: height).argbPixels()
            let decoded = try Surface.image(png: png)
            #expect(decoded.pixelWidth == width && decoded.pixelHeight == height)
            let back = decoded.argbPixels()
            #expect(back.count == original.count)
            var worst = 0
            for (a, b) in zip(original, back) {
                for shift: UInt32 in [0, 8, 16, 24] {
                    let ca = Int((a >> shift) & 0xFF), cb = Int((b >> shift) & 0xFF)
                    worst = max(worst, abs(ca - cb))
                }
            }
            #expect(worst <= (translucent ? 1 : 0), "largest channel difference \(worst)")
        }
    }

    /// Figures drawn on several threads at once (fonts shared through CairoLock, pixels not)
    /// give exactly the bytes of one-at-a-time drawing.
    @Test func pngsDrawnInParallelMatchSerialOnes() throws {
        let figures = [SampleFigures.stackedBars(), SampleFigures.cjkHeatmap(), SampleFigures.lines(),
                       SampleFigures.attentionHeatmap(), SampleFigures.scatter(), SampleFigures.chips()]
        let serial = try figures.map { try $0.pngData(scale: 1) }
        let parallel = ParallelPNGs(count: figures.count)
        DispatchQueue.concurrentPerform(iterations: figures.count * 2) { i in
            parallel.set(i % figures.count, try? figures[i % figures.count].pngData(scale: 1))
        }
        #expect(parallel.values == serial)
        let decoded = try Surface.image(png: serial[0])
        #expect(decoded.pixelWidth == 800 && decoded.argbPixels().first == 0xFFFF_FFFF, "opaque white background")
    }

    @Test func writeChoosesFormatByExtensionAndLeavesNoTempFiles() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fig = SampleFigures.scatter()
        try fig.write(to: dir.appendingPathComponent("a.png"), scale: 1)
        try fig.write(to: dir.appendingPathComponent("a.SVG"))
        try fig.write(to: dir.appendingPathComponent("a.pdf"))
        try fig.write(to: dir.appendingPathComponent("a.png"), scale: 1) // overwrite in place
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["a.SVG", "a.pdf", "a.png"])
        let svg = try String(contentsOf: dir.appendingPathComponent("a.SVG"), encoding: .utf8)
        #expect(svg.contains("<svg"))
    }

    @Test func unknownExtensionFailsAndWritesNothing() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("chart.jpeg")
        #expect(throws: ChartError.unsupportedFormat(path: url.path)) { try SampleFigures.scatter().write(to: url) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        let missing = dir.appendingPathComponent("no/such/dir/chart.png")
        #expect(throws: ChartError.self) { try SampleFigures.scatter().write(to: missing) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func badScaleAndSizeAreErrors() {
        #expect(throws: ChartError.invalidScale(0)) { try SampleFigures.lines().pngData(scale: 0) }
        #expect(throws: ChartError.invalidScale(100)) { try SampleFigures.lines().pngData(scale: 100) }
        #expect(throws: ChartError.invalidSize(width: 0, height: 10)) { try Figure(width: 0, height: 10).svg() }
    }

    /// A figure too tall for any PNG (a bar chart of 10^9 tokens) is not blamed on the scale.
    @Test func figureTooLargeAtAnyScaleSaysSo() {
        let tall = Figure(width: 820, height: 30_000_000_190)
        #expect(throws: ChartError.imageTooLarge(width: 820, height: 30_000_000_190)) { try tall.pngData(scale: 2) }
        #expect(ChartError.imageTooLarge(width: 820, height: 30_000_000_190).description
            == "the figure is 820 × 30,000,000,190 points, too large for a PNG (at most 32,767 pixels a side); draw less of the data in one figure")
        // 20,000 points fit at scale 1, so scale 2 is what is wrong.
        #expect(throws: ChartError.invalidScale(2)) { try Figure(width: 400, height: 20_000).pngData(scale: 2) }
    }
}

/// A colorbar takes its ticks from the image's own normalisation (decades for a log norm) and
/// explains the masked colour.
@Test func colorbarUsesTheHeatmapsMapping() throws {
    let mapping = ColorMapping(normalize: .log(1, 1000), colormap: .magma)
    let h = Heatmap(rows: 2, columns: 2, values: [1, 10, 100, .nan], mapping: mapping)
    let axes = Axes.heatmap(h, colorbarLabel: "count", maskedLabel: "masked (future)")
    #expect(axes.colorbar?.mapping == h.mapping)
    let svg = try Figure(axes, width: 500, height: 400).svg()
    for label in ["1", "10", "100", "1K", "count", "masked (future)"] {
        #expect(svg.contains(">\(label)</text>"), "missing \(label)")
    }
}

/// Collects PNG bytes written from several threads.
private final class ParallelPNGs: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Data?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ data: Data?) { lock.withLock { slots[index] = data } }
    var values: [Data] { lock.withLock { slots.compactMap { $0 } } }
}
