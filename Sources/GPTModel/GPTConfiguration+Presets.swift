extension GPTConfiguration {
    /// Every built-in preset, in historical order: the Transformer, GPT-1, GPT-2, GPT-3, LLaMA 2.
    public static let presets: [GPTConfiguration] =
        [transformerBase, transformerBig, gpt1] + gpt2Family + gpt3Family + [llama2_70b]

    /// The preset called `name` (case-insensitive).
    ///
    /// - Throws: ``GPTConfigurationError/unknownPreset(name:suggestions:)`` with the closest names.
    public static func preset(named name: String) throws -> GPTConfiguration {
        let key = name.lowercased()
        if let found = presets.first(where: { $0.name == key }) { return found }
        throw GPTConfigurationError.unknownPreset(name: name, suggestions: closestPresetNames(to: key))
    }

    /// Preset names that start with `name`, or else the ones nearest in edit distance.
    static func closestPresetNames(to name: String) -> [String] {
        let names = presets.map(\.name)
        let prefixed = names.filter { $0.hasPrefix(name) }
        if !prefixed.isEmpty { return prefixed }
        let scored = names.map { ($0, editDistance(name, $0)) }
        guard let best = scored.map(\.1).min(), best <= max(2, name.count / 2) else { return [] }
        return scored.filter { $0.1 == best }.map(\.0)
    }

    /// Levenshtein distance: insertions, deletions and substitutions each cost 1.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let saved = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }

    // MARK: The Transformer (Vaswani et al. 2017)

    private static let vaswani = """
        Vaswani et al. 2017, "Attention Is All You Need", Table 3. Encoder–decoder, post-LN, ReLU, \
        sinusoidal positions; source, target and output embeddings shared (Section 3.4). Assumes \
        the 37,000-token shared BPE vocabulary of WMT 2014 English–German (Section 5.1). No fixed \
        context: the sines and cosines extend to any length and training batches held about \
        25,000 source and 25,000 target tokens (Sections 3.5, 5.1); the 512 often quoted as its \
        context is the base model's d_model.
        """

    /// The length FLOP estimates assume for the Transformer, which has no context of its own.
    private static let transformerFLOPsContextAssumption = 512

    private static func transformer(name: String, width: Int, heads: Int, published: Double) -> GPTConfiguration {
        GPTConfiguration(
            name: name, vocabularySize: 37_000, contextLength: transformerFLOPsContextAssumption,
            embeddingWidth: width, layerCount: 6, headCount: heads, mlpWidth: 4 * width, layerNormEpsilon: 1e-6,
            activation: .relu, normPlacement: .postNorm, hasFinalNorm: false,
            positionEncoding: .sinusoidal, encoderLayerCount: 6,
            source: vaswani, publishedParameterCount: published,
            noFixedContextReason: """
                sinusoidal positions extend to any length; trained on batches of about 25,000 \
                tokens, not windows of a set length (Vaswani et al. 2017, Sections 3.5, 5.1)
                """)
    }

    static let transformerBase = transformer(name: "transformer-base", width: 512, heads: 8, published: 65e6)
    static let transformerBig = transformer(name: "transformer-big", width: 1024, heads: 16, published: 213e6)

    // MARK: GPT-1 and GPT-2 (Radford et al. 2018, 2019)

    static let gpt1 = GPTConfiguration(
        name: "gpt1", vocabularySize: 40_478, contextLength: 512, activation: .geluNew,
        normPlacement: .postNorm, hasFinalNorm: false,
        source: """
            Radford et al. 2018, "Improving Language Understanding by Generative Pre-Training", \
            Section 4.1: 12 layers, width 768, 12 heads, MLP 3072, 512 positions, GELU (tanh approximation, as in OpenAI's code), post-LN, no \
            final norm; vocabulary 40,478 as in the released openai-gpt files. Published 117M: the \
            size Radford et al. 2019 (Table 2) give for "the original GPT".
            """,
        publishedParameterCount: 117e6)

    private static let gpt2Note = """
        OpenAI's gpt-2 repository later said the paper's counts "were wrong due to an error" and \
        renamed the models 124M, 355M, 774M and 1558M. GPT-2 small has exactly GPT-1's 12-layer, \
        768-wide stack; its 50,257-token vocabulary and 1,024 positions (GPT-1: 40,478 and 512) \
        and its final LayerNorm add 7.9M to GPT-1's 116.5M.
        """

    private static func gpt2(_ name: String, width: Int, layers: Int, heads: Int, published: Double) -> GPTConfiguration {
        GPTConfiguration(
            name: name, embeddingWidth: width, layerCount: layers, headCount: heads,
            source: """
                Radford et al. 2019, "Language Models are Unsupervised Multitask Learners", Table 2 \
                (published \(Int(published / 1e6))M); sizes as in Hugging Face's openai-community/\(name) \
                config.json. \(gpt2Note)
                """,
            publishedParameterCount: published)
    }

    static let gpt2Family = [
        gpt2("gpt2", width: 768, layers: 12, heads: 12, published: 117e6),
        gpt2("gpt2-medium", width: 1024, layers: 24, heads: 16, published: 345e6),
        gpt2("gpt2-large", width: 1280, layers: 36, heads: 20, published: 762e6),
        gpt2("gpt2-xl", width: 1600, layers: 48, heads: 25, published: 1542e6),
    ]

    // MARK: GPT-3 (Brown et al. 2020, Table 2.1)

    private static func gpt3(
        _ suffix: String, layers: Int, width: Int, heads: Int, headDimension: Int? = nil, published: Double,
        note: String = ""
    ) -> GPTConfiguration {
        GPTConfiguration(
            name: "gpt3-\(suffix)", contextLength: 2048, embeddingWidth: width, layerCount: layers,
            headCount: heads, headDimension: headDimension,
            source: """
                Brown et al. 2020, "Language Models are Few-Shot Learners", Table 2.1: context 2048, \
                vocabulary 50,257 (GPT-2's), GPT-2 architecture (the alternating sparse attention \
                has no extra parameters); 300B training tokens (Table D.1). When a printed size \
                contradicts itself, the paper's own totals (Table D.1) decide.\(note.isEmpty ? "" : " " + note)
                """,
            publishedParameterCount: published, publishedTrainingTokens: 300e9)
    }

    static let gpt3Family = [
        gpt3("small", layers: 12, width: 768, heads: 12, published: 125e6),
        gpt3("medium", layers: 24, width: 1024, heads: 16, published: 350e6),
        gpt3("large", layers: 24, width: 1536, heads: 16, published: 760e6),
        gpt3("xl", layers: 24, width: 2048, heads: 16, published: 1.3e9, note: """
            The table prints 24 heads of width 128, which do not make d_model 2048 (24 × 128 = \
            3072); d_model 2048 reproduces the published 1.3B, so this preset keeps d_model 2048 \
            and d_head 128 with 16 heads (the head count does not change the parameter count).
            """),
        gpt3("2.7b", layers: 32, width: 2560, heads: 32, published: 2.7e9),
        gpt3("6.7b", layers: 32, width: 4096, heads: 32, published: 6.7e9),
        gpt3("13b", layers: 40, width: 5120, heads: 40, published: 13.0e9, note: """
            Table 2.1 prints d_model 5140 with 40 heads of width 128, but 40 × 128 = 5,120, so the \
            table contradicts itself. d_model 5120 reproduces the paper's own total (Table D.1: \
            12,850M parameters; exactly 12,853,386,240 here), while 5140 would give 12.94B; this \
            preset therefore uses 5120 = 40 × 128.
            """),
        gpt3("175b", layers: 96, width: 12288, heads: 96, published: 175.0e9),
    ]

    // MARK: LLaMA 2 (Touvron et al. 2023)

    static let llama2_70b = GPTConfiguration(
        name: "llama2-70b", vocabularySize: 32_000, contextLength: 4096, embeddingWidth: 8192,
        layerCount: 80, headCount: 64, keyValueHeadCount: 8, mlpWidth: 28_672, activation: .silu,
        normalization: .rmsNorm, tiedOutputHead: false, attentionBias: false, mlpBias: false,
        positionEncoding: .rotary, mlpKind: .gated,
        source: """
            Touvron et al. 2023, "Llama 2: Open Foundation and Fine-Tuned Chat Models" (published \
            70B), sizes from Meta's released config.json: RMSNorm, SwiGLU MLP of width 28,672, \
            grouped-query attention with 8 key/value heads, rotary positions, no biases, untied \
            output head, context 4096.
            """,
        publishedParameterCount: 70e9)
}
