import CairoKit
import FileAccess
import Foundation

/// The file formats a figure can be written as.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Raster, scaled by the `scale` factor.
    case png
    /// Vector with searchable `<text>`; heatmaps embedded as one PNG image each.
    case svg
    /// Vector via Cairo's PDF surface; heatmaps embedded as images with nearest filtering.
    case pdf

    /// The format named by `url`'s extension (case-insensitive).
    public init(url: URL) throws(ChartError) {
        guard let f = OutputFormat(rawValue: url.pathExtension.lowercased()) else {
            throw .unsupportedFormat(path: url.path)
        }
        self = f
    }
}

extension Figure {
    /// Writes the figure to `url`; the format comes from the extension (.png, .svg, .pdf).
    /// `scale` is PNG pixels per point (2 → a 800×500 figure becomes 1600×1000 pixels).
    /// The file is written to a temporary file in the same folder and renamed into place, so a
    /// failure never leaves a partial file.
    public func write(to url: URL, scale: Double = 2) throws {
        let format = try OutputFormat(url: url)
        let data: Data
        switch format {
        case .png: data = try pngData(scale: scale)
        case .svg: data = Data(try svg().utf8)
        case .pdf: data = try pdfData()
        }
        try Self.writeAtomically(data, to: url)
    }

    /// The figure as PNG bytes at `scale` pixels per point.
    ///
    /// Rasterising runs without the process-wide ``CairoLock``: each figure draws on its own
    /// surface, and only text (fonts are shared through fontconfig/FreeType) takes the lock, so
    /// several figures can draw and encode at once.
    public func pngData(scale: Double = 2) throws -> Data {
        try validateSize()
        let w = (width * scale).rounded(), h = (height * scale).rounded()
        // Blame the scale only if another scale would do: a figure too large even at one pixel
        // per point (say 10^9 bars) is a problem of what is drawn.
        guard width <= 32767, height <= 32767 else { throw ChartError.imageTooLarge(width: width, height: height) }
        guard scale > 0, scale.isFinite, w >= 1, h >= 1, w <= 32767, h <= 32767 else { throw ChartError.invalidScale(scale) }
        do {
            let surface = try Surface.image(width: Int(w), height: Int(h))
            do {
                let context = try Context(surface: surface)
                context.scale(scale, scale)
                let measurer = try TextMeasurer()
                let renderer = try CairoRenderer(context: context, measurer: measurer, deviceScale: scale, isVector: false)
                render(into: renderer, measurer: measurer)
                try context.checkStatus("drawing the figure")
            }
            return try surface.pngData()
        } catch let error as CairoError {
            throw ChartError.rendering(error.description)
        }
    }

    /// The figure as an SVG document (text as `<text>` elements). Only text measuring takes the
    /// ``CairoLock``, so several figures can be written at once.
    public func svg() throws -> String {
        try validateSize()
        let measurer = try TextMeasurer()
        let renderer = SVGRenderer(size: Size(width, height), measurer: measurer)
        render(into: renderer, measurer: measurer)
        if let error = renderer.firstError { throw ChartError.rendering("\(error)") }
        return renderer.document(title: title)
    }

    /// The figure as PDF bytes (one page of `width` × `height` points, fixed metadata dates so the
    /// same figure gives the same bytes).
    public func pdfData() throws -> Data {
        try CairoLock.run { try renderPDF() }
    }

    private func renderPDF() throws -> Data {
        try validateSize()
        do {
            let surface = try Surface.pdf(width: width, height: height)
            if let title { surface.setPDFTitle(title) }
            do {
                let context = try Context(surface: surface)
                let measurer = try TextMeasurer()
                let renderer = try CairoRenderer(context: context, measurer: measurer, deviceScale: 1, isVector: true)
                render(into: renderer, measurer: measurer)
                try context.checkStatus("drawing the figure")
            }
            try surface.finish()
            return try surface.data()
        } catch let error as CairoError {
            throw ChartError.rendering(error.description)
        }
    }

    private func validateSize() throws(ChartError) {
        guard width > 0, height > 0, width.isFinite, height.isFinite else {
            throw .invalidSize(width: width, height: height)
        }
    }

    /// Writes `data` next to `url` under a temporary name, then renames it over `url`.
    static func writeAtomically(_ data: Data, to url: URL) throws(ChartError) {
        let folder = url.deletingLastPathComponent()
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temp)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw .writeFailed(path: url.path, reason: FileAccess.reason(for: error))
        }
        if rename(temp.path, url.path) != 0 {
            let reason = FileAccess.reason(errno: errno, writing: true)
            try? FileManager.default.removeItem(at: temp)
            throw .writeFailed(path: url.path, reason: reason)
        }
    }
}
