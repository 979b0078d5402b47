/// One value of ``TrainingOptions`` (or one the run depends on), named so that an error can
/// point at it and a front end can map it to its own option.
public enum TrainingSetting: String, CaseIterable, Equatable, Sendable, CustomStringConvertible {
    case steps, batchSize, contextLength, learningRate, minimumLearningRateFraction, warmupSteps, weightDecay
    /// Adam's two moment decays, checked together.
    case betas
    case epsilon, gradientClip, validationFraction, evalEvery, evalSequences, saveEvery, repeatFraction, repeatAlphabet, repeatFractionChange, initStd

    /// The setting in words.
    public var description: String {
        switch self {
        case .steps: "the number of steps"
        case .batchSize: "the batch size"
        case .contextLength: "the context length"
        case .learningRate: "the learning rate"
        case .minimumLearningRateFraction: "the minimum learning-rate fraction"
        case .warmupSteps: "the number of warm-up steps"
        case .weightDecay: "the weight decay"
        case .betas: "Adam's beta1 and beta2"
        case .epsilon: "Adam's epsilon"
        case .gradientClip: "the gradient clip"
        case .validationFraction: "the validation fraction"
        case .evalEvery: "the evaluation interval"
        case .evalSequences: "the number of evaluation sequences"
        case .saveEvery: "the checkpoint interval"
        case .repeatFraction: "the repeated-span fraction"
        case .repeatAlphabet: "the repeated-span alphabet"
        case .repeatFractionChange: "the later repeated-span fraction"
        case .initStd: "the initial weights' standard deviation"
        }
    }
}
