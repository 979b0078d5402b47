import Testing
import TensorCore
@testable import GPTModel

/// A batch of resumed runs gives each run's own logits: a run with no intervention reproduces
/// the plain forward pass (itself checked against transformers by the parity tests), and a run
/// with interventions matches the same run resumed alone.
struct BatchedResumeTests {
    static let models: [(name: String, folder: String)] = [
        ("gpt2-untied", "models"), ("gpt1-tiny", "models"), ("gpt2-inverse-layer-scale", "models"), ("llama-gqa", "families"), ("llama-dynamic", "families"),
        ("neox-parallel", "families"), ("mistral-window", "families"),
    ]

    @Test(arguments: models.map(\.name))
    func batchedRunsMatchPlainAndSingleRuns(model name: String) throws {
        let folder = Self.models.first { $0.name == name }!.folder
        let fixture = try folder == "models" ? ModelFixture(name) : ModelFixture(family: name)
        let model = fixture.model, ids = fixture.ids, t = ids.count
        let layers = 0 ..< model.configuration.layerCount
        let hooks = layers.flatMap { [HookName.residPre($0), model.cachedKeyHook($0), .v($0), .z($0)] }
        let (plain, cache) = try model.run(ids, hooks: HookFilter(hooks))
        let keys = layers.map { cache[model.cachedKeyHook($0)]! }, values = layers.map { cache[.v($0)]! }
        let layer = layers.count - 1
        let (p, q) = (t / 2, t - 2)
        let runs = [
            ResumedRun(start: 0, interventions: []),
            ResumedRun(start: p, interventions: []),
            ResumedRun(start: 0, interventions: [.zero(.z(layer), .head(1))]),
            ResumedRun(start: p, interventions: [.zero(.residPre(layer), .position(p))]),
            ResumedRun(start: q, interventions: [.zero(.z(layer), .head(0, position: q)), .zero(.mlpOut(layer), .position(t - 1))]),
            ResumedRun(start: 1, interventions: [.replace(.attnOut(layer), .position(t - 1), with: Tensor(shape: [model.configuration.embeddingWidth], repeating: 0.5))]),
        ]
        for logitRows in [nil, t - 3 ..< t] {
            let batched = model.forward(fromLayer: layer, residPre: cache[.residPre(layer)]!, keys: keys, values: values,
                                        runs: runs, logitRows: logitRows)
            #expect(batched.count == runs.count)
            for (run, logits) in zip(runs, batched) {
                let wanted = (logitRows ?? 0 ..< t).clamped(to: run.start ..< t)
                var single = HookPoints(interventions: run.interventions)
                let alone = model.forward(fromLayer: layer, residPre: cache[.residPre(layer)]!, start: run.start, keys: keys, values: values,
                                          hooks: &single, logitRows: logitRows)
                #expect(logits.shape == [wanted.count, model.configuration.vocabularySize])
                #expect(logits.maxAbsoluteDifference(to: alone) < 1e-5, "\(name), run from \(run.start), \(run.interventions.map(\.hook))")
                if run.interventions.isEmpty {
                    #expect(logits.maxAbsoluteDifference(to: plain.rows(wanted)) < 1e-4, "\(name), plain run from \(run.start)")
                } else {
                    // The intervention changed something (the test could not pass with it ignored).
                    #expect(logits.maxAbsoluteDifference(to: plain.rows(wanted)) > 1e-4, "\(name), \(run.interventions.map(\.hook))")
                }
            }
        }
    }
}
