/// The three pictures of rotary positions (`posenc --kind rotary-…`).
public enum RotaryFigureKind: String, Sendable, CaseIterable {
    /// θ_i and wavelength of each dimension pair, scaled and unscaled.
    case frequencies = "rotary-frequencies"
    /// cos(position · θ_i) over positions × pairs.
    case angles = "rotary-angles"
    /// q·k against the distance between query and key.
    case distance = "rotary-distance"
}
