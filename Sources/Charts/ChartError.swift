/// Errors from rendering or writing a figure; each description is one line with the fix.
public enum ChartError: Error, CustomStringConvertible, Equatable {
    /// The output path's extension names no supported format.
    case unsupportedFormat(path: String)
    /// The PNG scale is not a positive number or gives an image too large for Cairo.
    case invalidScale(Double)
    /// The figure is too large for a PNG (32,767 pixels per side) at any scale.
    case imageTooLarge(width: Double, height: Double)
    /// The figure size is not positive.
    case invalidSize(width: Double, height: Double)
    /// Writing the output file failed.
    case writeFailed(path: String, reason: String)
    /// Drawing failed inside Cairo.
    case rendering(String)

    public var description: String {
        switch self {
        case .unsupportedFormat(let path):
            return "cannot tell the image format of '\(path)'; end the file name in .png, .svg or .pdf."
        case .invalidScale(let s):
            return "PNG scale \(s) is invalid; use a positive scale (e.g. 1, 2 or 3) that keeps the image under 32767 pixels per side."
        case let .imageTooLarge(w, h):
            return "the figure is \(NumberFormat.thousands(Int(min(w, 1e15)))) × \(NumberFormat.thousands(Int(min(h, 1e15)))) points, "
                + "too large for a PNG (at most 32,767 pixels a side); draw less of the data in one figure"
        case let .invalidSize(w, h):
            return "figure size \(w)×\(h) points is invalid; use a positive width and height."
        case let .writeFailed(path, reason):
            return "cannot write \(path): \(reason)"
        case .rendering(let message):
            return "rendering failed: \(message)"
        }
    }
}
