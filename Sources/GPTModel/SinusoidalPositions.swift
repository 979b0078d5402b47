import Foundation

/// The original Transformer's fixed position encoding (Vaswani et al. 2017): for position p and
/// pair i of a width-d vector, column 2i = sin(p·ω_i) and 2i + 1 = cos(p·ω_i), ω_i = base^(−2i/d).
/// One formula for the figures that draw it and the trainer that can start `wpe` from it.
public enum SinusoidalPositions {
    /// Rows `positions` of the table for width `width` (even), row-major `[P, width]`.
    public static func values(positions: Range<Int>, width: Int, base: Double = 10_000) -> [Double] {
        // One angular frequency per sine/cosine pair: ω_i = base^(−2i/d).
        let frequencies = (0..<(width / 2)).map { 1 / pow(base, Double(2 * $0) / Double(width)) }
        var values = [Double](repeating: 0, count: positions.count * width)
        for (row, pos) in positions.enumerated() {
            for (i, w) in frequencies.enumerated() {
                let angle = Double(pos) * w
                values[row * width + 2 * i] = sin(angle)
                values[row * width + 2 * i + 1] = cos(angle)
            }
        }
        return values
    }
}
