import Foundation

/// Linear warm-up to the peak, then cosine decay to `minimum` at the last step (as nanoGPT).
public struct LearningRateSchedule: Sendable, Equatable {
    /// The peak rate.
    public let peak: Double
    /// The rate at the end of the decay.
    public let minimum: Double
    /// Warm-up steps.
    public let warmupSteps: Int
    /// Total steps.
    public let totalSteps: Int

    /// A schedule from the run's options.
    public init(options: TrainingOptions) {
        self.init(peak: options.learningRate, minimum: options.learningRate * options.minimumLearningRateFraction,
                  warmupSteps: options.warmupSteps, totalSteps: options.steps)
    }

    /// A schedule from its four numbers.
    public init(peak: Double, minimum: Double, warmupSteps: Int, totalSteps: Int) {
        self.peak = peak
        self.minimum = minimum
        self.warmupSteps = warmupSteps
        self.totalSteps = totalSteps
    }

    /// The rate for step `step` (0-based: the first update uses `rate(0)`).
    ///
    /// Warm-up: `peak · (step + 1) / warmup`. Then, with `progress = (step − warmup) / (total − warmup)`
    /// from 0 to just under 1: `minimum + ½(peak − minimum)(1 + cos(π · progress))`.
    public func rate(_ step: Int) -> Double {
        if step < warmupSteps { return peak * Double(step + 1) / Double(warmupSteps) }
        let span = max(1, totalSteps - warmupSteps)
        let progress = min(1, Double(step - warmupSteps) / Double(span))
        return minimum + 0.5 * (peak - minimum) * (1 + cos(Double.pi * progress))
    }
}
