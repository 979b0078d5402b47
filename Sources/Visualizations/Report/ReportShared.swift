import GPTModel

/// Values that several figures of a report (or a figure and the tensors file) are drawn from.
/// Each is computed once, by a job of its own, before the figures that need it start; a recipe
/// lists the values it reads in ``ReportRecipe/needs``.
public struct ReportShared: Sendable {
    /// Which value.
    public enum Kind: Sendable, Hashable, CaseIterable {
        /// The learned and the sinusoidal position tables (two `[n_ctx, C]` arrays), for the
        /// three position figures.
        case positionTables
        /// The logit lens over the positions its figure shows (every stage times the whole
        /// unembedding), for its figure and the saved tensors.
        case logitLens
        /// The greedy continuation of the prompt, for its figure and the saved tensors.
        case generation
    }

    /// The learned position table and a sinusoidal one of the same size.
    public typealias PositionTables = (learned: PositionTable, sinusoidal: PositionTable)

    /// Set once ``Kind/positionTables`` is computed.
    public var positionTables: Result<PositionTables, PositionalEncodingError>?
    /// Set once ``Kind/logitLens`` is computed.
    public var logitLens: Result<LogitLens, LayersError>?
    /// Set once ``Kind/generation`` is computed.
    public var generation: Result<GenerationRecord, any Error>?

    /// No value computed yet.
    public init() {}

    /// Whether `kind` is computed (successfully or not).
    func has(_ kind: Kind) -> Bool {
        switch kind {
        case .positionTables: return positionTables != nil
        case .logitLens: return logitLens != nil
        case .generation: return generation != nil
        }
    }

    /// `self` with the value `other` computed added.
    func merging(_ other: ReportShared) -> ReportShared {
        var merged = self
        merged.positionTables = other.positionTables ?? positionTables
        merged.logitLens = other.logitLens ?? logitLens
        merged.generation = other.generation ?? generation
        return merged
    }

    /// The position tables; throws the error building them met.
    func tables() throws -> PositionTables {
        guard let positionTables else { throw SharedValueMissing(kind: .positionTables) }
        return try positionTables.get()
    }

    /// The logit lens; throws the error computing it met.
    func lens() throws -> LogitLens {
        guard let logitLens else { throw SharedValueMissing(kind: .logitLens) }
        return try logitLens.get()
    }

    /// The generated continuation; throws the error generating it met.
    func generated() throws -> GenerationRecord {
        guard let generation else { throw SharedValueMissing(kind: .generation) }
        return try generation.get()
    }
}

/// A figure asked for a shared value before it was computed (a recipe that does not list it in
/// its ``ReportRecipe/needs``).
struct SharedValueMissing: Error, CustomStringConvertible {
    let kind: ReportShared.Kind
    var description: String { "\(kind) was not computed before the figure that needs it" }
}
