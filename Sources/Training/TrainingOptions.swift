/// The hyperparameters of one training run (what `gptscope train` takes as options).
///
/// Saved in `train-log.json` and `training_state.safetensors`, so a resumed run and a reader of
/// the log know exactly how the checkpoint was made.
public struct TrainingOptions: Codable, Sendable, Equatable {
    /// Optimizer steps in the whole run (the cosine schedule ends here).
    public var steps: Int
    /// Sequences per step; the loss is the mean over all `batchSize × contextLength` positions.
    public var batchSize: Int = 8
    /// Tokens per training sequence T (each window holds T + 1 tokens: inputs and shifted targets).
    public var contextLength: Int = 128
    /// Peak learning rate, reached after the warm-up.
    public var learningRate: Double = 1e-3
    /// The learning rate the cosine decay ends at, as a fraction of the peak.
    public var minimumLearningRateFraction: Double = 0.1
    /// Steps of linear warm-up from 0 to the peak.
    public var warmupSteps: Int = 100
    /// Decoupled weight decay (AdamW), applied to matrices (embeddings, linear weights) only.
    public var weightDecay: Double = 0.1
    /// Adam's first-moment decay.
    public var beta1: Double = 0.9
    /// Adam's second-moment decay.
    public var beta2: Double = 0.95
    /// Adam's denominator epsilon.
    public var epsilon: Double = 1e-8
    /// Gradients are scaled down when their global L2 norm exceeds this (0 turns clipping off).
    public var gradientClip: Double = 1.0
    /// Share of the token stream held out for validation (spread through the corpus).
    public var validationFraction: Double = 0.05
    /// Evaluate the validation loss (and take a probe snapshot) every this many steps.
    public var evalEvery: Int = 100
    /// Validation windows per evaluation (fixed, the same every time).
    public var evalSequences: Int = 32
    /// Write a checkpoint every this many steps (and always at the end).
    public var saveEvery: Int = 500
    /// Seeds the initial weights, the batches and the probe's random tokens.
    public var seed: UInt64 = 1337
    /// Share of training windows that get a repeated span of random tokens (an induction-head
    /// curriculum; see ``TokenDataset/trainingBatch(step:batchSize:seed:repeatFraction:)``).
    /// Optional so that logs and checkpoints written before it existed still load (nil = 0).
    public var repeatFraction: Double?
    /// How the learned position table starts (nil: ``PositionInitialization/normal``; optional
    /// for the same reason as `repeatFraction`).
    public var positionInit: PositionInitialization?
    /// Standard deviation of the initial weight matrices (nil: 0.02, GPT-2's); the residual
    /// projections get it divided by √(2L) and the token and position tables keep 0.02 (see
    /// ``GPT/initialized(_:seed:positions:matrixStd:)``). Optional for the same reason as
    /// `repeatFraction`.
    public var initStd: Double?
    /// Whether each step updates only the token-table rows of tokens in its batch (LazyAdam, as
    /// `torch.optim.SparseAdam` treats a sparse gradient); nil or false: every row, every step.
    ///
    /// With the head tied to the token table, every row gets a gradient at every step: the
    /// softmax pushes each token's logit down by its probability. For a token absent from the
    /// batch that push is tiny, but Adam divides it by its own tiny running size, so the rows of
    /// all rare tokens move a full learning-rate step along the same direction every step. They
    /// end up nearly equal (mean cosine 0.96 between the rows of the tokens seen fewer than 20
    /// times, after 500 steps of the candidate built-in model's recipe; 0.04 with lazy rows), and a
    /// model cannot copy, or attend by identity to, tokens it cannot tell apart: the repeated
    /// random tokens that induction heads are measured on are mostly such tokens.
    public var lazyTokenRows: Bool?
    /// Which tokens the repeated spans' random tokens are drawn from, step by step (nil: every
    /// token of the training text from the first step; optional for the same reason as
    /// `repeatFraction`).
    public var repeatAlphabet: RepeatAlphabet?
    /// A later repeated-span fraction and the step it starts at (nil: `repeatFraction` all
    /// run; optional for the same reason as `repeatFraction`).
    ///
    /// Why: a head learns to match and copy only when most windows hold a repeated span (in
    /// `alphabet_curriculum.py`, spans in every window formed the heads within 1,400 steps; in
    /// half of them, none by step 2,500), but every repeated token displaces a token of real
    /// text. Once the heads have formed, fewer spans keep them and give the steps back to text.
    public var repeatFractionChange: RepeatFractionChange?

    /// The repeated-span fraction from a given step on.
    public struct RepeatFractionChange: Codable, Sendable, Equatable {
        /// The first step (0-based) that uses `fraction`.
        public var step: Int
        /// The share of windows given a repeated span from `step` on.
        public var fraction: Double

        /// `fraction` from `step` on.
        public init(step: Int, fraction: Double) {
            (self.step, self.fraction) = (step, fraction)
        }
    }

    /// The share of windows given a repeated span at `step` (0-based).
    public func repeatFraction(atStep step: Int) -> Double {
        if let change = repeatFractionChange, step >= change.step { return change.fraction }
        return repeatFraction ?? 0
    }

    /// A curriculum for the repeated spans' random tokens: a small alphabet first, then one that
    /// doubles until it is the whole training vocabulary.
    ///
    /// Why: drawn from a vocabulary of thousands, each random token turns up in a repeated span
    /// a fraction of a time per step, and no head learns to match and copy tokens it has barely
    /// seen. In a PyTorch experiment (`Tests/Scripts/default-model/alphabet_curriculum.py`: a
    /// 2-layer attention-only model, 2,048 tokens, every window given a repeated span) the second
    /// copy's loss was still the uniform guess's after 6 M tokens. With spans drawn from 64
    /// tokens, the same model formed a previous-token and an induction head within 3 M tokens
    /// (attention 0.97 from the second copy to the token after the first); doubling the
    /// alphabet every 400 steps from there carried the heads to every token (0.97 on 40 tokens
    /// drawn from the whole vocabulary, previous-token attention 0.85).
    public struct RepeatAlphabet: Codable, Sendable, Equatable {
        /// Tokens in the alphabet up to `firstDoublingStep`.
        public var initialSize: Int
        /// The step at which the alphabet first doubles.
        public var firstDoublingStep: Int
        /// Steps between doublings from then on.
        public var doublingInterval: Int

        /// An alphabet of `initialSize` tokens that doubles at `firstDoublingStep` and every
        /// `doublingInterval` steps after it.
        public init(initialSize: Int, firstDoublingStep: Int, doublingInterval: Int) {
            (self.initialSize, self.firstDoublingStep, self.doublingInterval) = (initialSize, firstDoublingStep, doublingInterval)
        }

        /// Tokens in the alphabet at `step` (0-based), out of `vocabulary` available.
        public func size(atStep step: Int, vocabulary: Int) -> Int {
            var size = min(initialSize, vocabulary)
            guard step >= firstDoublingStep else { return size }
            // One doubling at firstDoublingStep, one more every doublingInterval steps after it;
            // stops at the vocabulary (so at most 62 turns, and nothing overflows).
            var later = (step - firstDoublingStep) / doublingInterval
            repeat {
                size = size > vocabulary / 2 ? vocabulary : 2 * size
                later -= 1
            } while later >= 0 && size < vocabulary
            return size
        }
    }

    /// Where a learned position table starts.
    public enum PositionInitialization: String, Codable, Sendable, CaseIterable {
        /// N(0, 0.02), as GPT-2 and every other matrix.
        case normal
        /// The sin/cos table, scaled (see ``GPT/initialized(_:seed:positions:)``).
        case sinusoidal
    }

    /// Options for `steps` steps, defaults elsewhere.
    public init(steps: Int) {
        self.steps = steps
    }

    /// Checks every value, naming the setting to fix.
    public func validate() throws(TrainingError) {
        func check(_ ok: Bool, _ setting: TrainingSetting, _ rule: String) throws(TrainingError) {
            if !ok { throw .invalidOption(setting, rule: rule) }
        }
        try check(steps >= 1, .steps, "must be at least 1")
        try check(batchSize >= 1, .batchSize, "must be at least 1")
        try check(contextLength >= 2, .contextLength, "must be at least 2")
        try check(learningRate > 0 && learningRate.isFinite, .learningRate, "must be positive")
        try check((0 ... 1).contains(minimumLearningRateFraction), .minimumLearningRateFraction, "must be 0...1")
        try check(warmupSteps >= 0, .warmupSteps, "must be 0 or more")
        try check(weightDecay >= 0 && weightDecay.isFinite, .weightDecay, "must be 0 or more")
        try check((0 ..< 1).contains(beta1) && (0 ..< 1).contains(beta2), .betas, "must be in [0, 1)")
        try check(epsilon > 0, .epsilon, "must be positive")
        try check(initStd.map { $0 > 0 && $0 <= 1 } ?? true, .initStd, "must be in (0, 1]")
        try check(gradientClip >= 0 && gradientClip.isFinite, .gradientClip, "must be 0 (off) or positive")
        try check((0 ..< 1).contains(validationFraction), .validationFraction, "must be in [0, 1)")
        try check(evalEvery >= 1, .evalEvery, "must be at least 1")
        try check(evalSequences >= 1, .evalSequences, "must be at least 1")
        try check(saveEvery >= 1, .saveEvery, "must be at least 1")
        try check((0 ... 1).contains(repeatFraction ?? 0), .repeatFraction, "must be 0...1")
        if let alphabet = repeatAlphabet {
            try check(alphabet.initialSize >= 2, .repeatAlphabet, "must start with at least 2 tokens (SIZE:STEP:EVERY)")
            try check(alphabet.firstDoublingStep >= 0, .repeatAlphabet, "must first double at step 0 or later (SIZE:STEP:EVERY)")
            try check(alphabet.doublingInterval >= 1, .repeatAlphabet, "must double every 1 or more steps (SIZE:STEP:EVERY)")
            try check((repeatFraction ?? 0) > 0, .repeatAlphabet, "needs a repeat fraction above 0 (the spans it draws for)")
        }
        if let change = repeatFractionChange {
            try check(change.step >= 0, .repeatFractionChange, "must start at step 0 or later (STEP:F)")
            try check((0 ... 1).contains(change.fraction), .repeatFractionChange, "must give a fraction in 0...1 (STEP:F)")
        }
    }
}
