import Foundation
import GPTModel
import TensorCore
import Testing
@testable import Visualizations

/// `ReportOptions.tensors`: which hooks the report's own run records, and what its tensors file
/// holds (names, dtypes, shapes and values), checked against a run recording every hook.
@Suite("Report tensors")
struct ReportTensorsTests {
    /// The fixture prompt's ids, its model and a run of it recording every hook (the reference).
    static func reference() throws -> PromptAnalysis { try ReportFixture.analysis() }

    /// Writes a report of `reference`'s prompt, run by the writer itself, with `tensors`.
    static func write(_ reference: PromptAnalysis, tensors: ReportTensors, generate: Int = 8) async throws -> URL {
        let folder = ReportFixture.temporaryFolder()
        _ = try await ReportWriter(model: reference.model, modelName: reference.modelName, ids: reference.tokens.ids,
                                   tokenizer: reference.tokenizer,
                                   options: ReportOptions(formats: [.png], generateTokens: generate, tensors: tensors)).write(to: folder)
        return folder
    }

    @Test("the report records only the hooks its figures read (hand-listed for the 2-layer fixture)")
    func recordedHooks() throws {
        let model = try Self.reference().model
        let common = ["hook_embed", "hook_pos_embed",
                      "blocks.0.attn.hook_pattern", "blocks.1.attn.hook_pattern",
                      "blocks.0.hook_resid_pre", "blocks.1.hook_resid_pre", "blocks.1.hook_resid_post",
                      "blocks.0.hook_attn_out", "blocks.1.hook_attn_out", "blocks.0.hook_mlp_out", "blocks.1.hook_mlp_out"]
        let keysAndValues = ["blocks.0.attn.hook_k", "blocks.0.attn.hook_v", "blocks.1.attn.hook_k", "blocks.1.attn.hook_v"]
        let t = model.configuration.contextLength - 1
        let generating = ReportPlanner.recordedHooks(model: model, options: ReportOptions(), tokens: t)
        #expect(Set(generating.patterns) == Set(common + keysAndValues))
        let silent = ReportPlanner.recordedHooks(model: model, options: ReportOptions(generateTokens: 0), tokens: t)
        #expect(Set(silent.patterns) == Set(common))
        // A prompt filling the context leaves nothing to generate: no keys or values either.
        let full = ReportPlanner.recordedHooks(model: model, options: ReportOptions(), tokens: t + 1)
        #expect(Set(full.patterns) == Set(common))
        #expect(ReportPlanner.recordedHooks(model: model, options: ReportOptions(tensors: .all), tokens: t) == .everything)
        #expect(ReportPlanner.recordedHooks(model: model, options: ReportOptions(tensors: .none), tokens: t) == generating)

        // The run under the filter records exactly these, and every hook a planned figure names
        // is among them but the softmax step's scores and values, which it runs again itself.
        let reference = try Self.reference()
        let filtered = try PromptAnalysis.run(model: model, modelName: reference.modelName, ids: reference.tokens.ids,
                                              tokenizer: reference.tokenizer, hooks: generating)
        #expect(Set(filtered.cache.names.map(\.description)) == Set(common + keysAndValues))
        let planner = ReportPlanner(analysis: filtered, options: ReportOptions(generateTokens: 0))
        let recipes = try planner.recipes()
        let named = Set(recipes.flatMap(\.item.hooks))
        let softmax = try #require(recipes.first { $0.item.stem.hasPrefix("attention.softmax.") })
        let scores = softmax.item.hooks.filter { $0.hasSuffix("attn.hook_attn_scores") }
        #expect(scores.count == 1 && named.subtracting(common + keysAndValues) == Set(scores))
        #expect(!named.subtracting(common).isEmpty && named.isSuperset(of: common))
    }

    @Test("the softmax step drawn from a rerun of its positions shows the full run's scores")
    func softmaxStepRerun() throws {
        let reference = try Self.reference()
        let filtered = try PromptAnalysis.run(model: reference.model, modelName: reference.modelName, ids: reference.tokens.ids,
                                              tokenizer: reference.tokenizer,
                                              hooks: ReportPlanner.recordedHooks(model: reference.model, options: ReportOptions(generateTokens: 0),
                                                                                                tokens: reference.tokens.count))
        let p = 3
        let step = try ReportPlanner.softmaxStepAnalysis(filtered, layer: 1, positions: p)
        #expect(step.tokens.ids == reference.tokens.ids)      // titles keep the whole prompt
        let scores = try #require(step.cache[.attnScores(1)]), full = try #require(reference.cache[.attnScores(1)])
        let t = reference.tokens.count, heads = full.shape[0]
        #expect(scores.shape == [heads, p, p])
        for h in 0 ..< heads { for q in 0 ..< p { for k in 0 ... q {
            let a = scores.scalars[(h * p + q) * p + k], b = full.scalars[(h * t + q) * t + k]
            #expect(abs(a - b) <= 1e-5 * max(1, abs(b)), "head \(h) [\(q), \(k)]: \(a) vs \(b)")
        } } }
        // Recorded already: the analysis itself.
        #expect(try ReportPlanner.softmaxStepAnalysis(reference, layer: 1, positions: p).cache == reference.cache)
    }

    @Test("--tensors figures: the figures' hooks, patterns as F16 within half precision, the rest F32 exactly")
    func figures() async throws {
        let reference = try Self.reference()
        let folder = try await Self.write(reference, tensors: .figures)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try SafetensorsFile(contentsOf: folder.appendingPathComponent("tensors.safetensors"))
        let layers = reference.model.configuration.layerCount, t = reference.tokens.count
        let heads = reference.model.configuration.headCount
        for layer in 0 ..< layers {
            let name = "blocks.\(layer).attn.hook_pattern"
            #expect(file.entries[name]?.dtype == .f16 && file.entries[name]?.shape == [heads, t, t])
            let saved = try file.tensor(named: name).scalars, exact = try #require(reference.cache[.pattern(layer)]).scalars
            #expect(saved.count == exact.count)
            for (a, b) in zip(saved, exact) {
                // Round to nearest in float16: relative error at most 2⁻¹¹, absolute 2⁻²⁵ below 2⁻¹⁴.
                #expect(abs(a - b) <= abs(b) * 0x1p-11 + 0x1p-25, "\(name): \(a) vs \(b)")
            }
            #expect(file.entries["blocks.\(layer).attn.hook_attn_scores"] == nil)
            #expect(file.entries["blocks.\(layer).mlp.hook_post"] == nil)
        }
        for hook in [HookName.embed, .residPre(1), .residPost(layers - 1), .attnOut(0), .mlpOut(1)] {
            #expect(file.entries[hook.description]?.dtype == .f32)
            #expect(try file.tensor(named: hook.description) == reference.cache[hook], "\(hook)")
        }
        // The softmax step's few positions, run again: the full run's top-left block.
        let layer = try #require(Int(file.metadata["softmax_step_layer"] ?? ""))
        let scores = try file.tensor(named: "softmax_step.attn_scores"), full = try #require(reference.cache[.attnScores(layer)])
        let p = min(t, ReportPlanner.softmaxStepPositions)
        #expect(scores.shape == [heads, p, p])
        for h in 0 ..< heads { for q in 0 ..< p { for k in 0 ... q {
            #expect(abs(scores.scalars[(h * p + q) * p + k] - full.scalars[(h * t + q) * t + k]) <= 1e-5)
        } } }
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("tensors.safetensors</a> (the recorded tensors the figures were drawn from"))
        #expect(html.contains("attention patterns in float16"))
    }

    @Test("--tensors figures on a prompt too long to draw cell by cell: each layer's patterns max-pooled as drawn, the closer look's head in full")
    func pooledPatterns() async throws {
        // 300 tokens, 4 heads in a 2 × 2 grid of 320-point panels: 256 cells a side at most, so blocks of 2 × 2.
        let c = GPTConfiguration(name: "t", vocabularySize: 300, contextLength: 300, embeddingWidth: 16, layerCount: 2, headCount: 4)
        let model = GPT.initialized(c, seed: 3)
        let ids = (0 ..< 300).map { ($0 * 37) % 300 }
        let folder = ReportFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try await ReportWriter(model: model, modelName: "t", ids: ids, tokenizer: nil,
                                   options: ReportOptions(formats: [.png], generateTokens: 0, tensors: .figures)).write(to: folder)
        let file = try SafetensorsFile(contentsOf: folder.appendingPathComponent("tensors.safetensors"))
        #expect(file.metadata["pattern_max_pool"] == "2")
        // The reference: the full patterns of a run of its own, pooled here by hand.
        let (_, cache) = try model.run(ids, hooks: HookFilter(patterns: ["blocks.*.attn.hook_pattern"]))
        for layer in 0 ..< 2 {
            #expect(file.entries["blocks.\(layer).attn.hook_pattern"] == nil)
            let name = "blocks.\(layer).attn.hook_pattern.max_pooled"
            #expect(file.entries[name]?.dtype == .f16 && file.entries[name]?.shape == [4, 150, 150])
            let saved = try file.tensor(named: name).scalars, full = try #require(cache[.pattern(layer)]).scalars
            var worst: Float = 0
            for h in 0 ..< 4 { for i in 0 ..< 150 { for j in 0 ..< 150 {
                var largest: Float = 0
                for q in 2 * i ..< 2 * i + 2 { for k in 2 * j ..< 2 * j + 2 { largest = max(largest, full[(h * 300 + q) * 300 + k]) } }
                let v = saved[(h * 150 + i) * 150 + j]
                worst = max(worst, abs(v - largest) - largest * 0x1p-11)   // float16: 2⁻¹¹ relative
            } } }
            #expect(worst <= 0x1p-25, "\(name): off by \(worst)")
        }
        // The closer look's head, in full: the figure named in the summary.
        let summary = try String(contentsOf: folder.appendingPathComponent("summary.json"), encoding: .utf8)
        let stem = try #require(summary.firstMatch(of: /"stem" : "attention\.L(\d+)\.H(\d+)"/))
        let (layer, head) = (Int(stem.1)!, Int(stem.2)!)
        let headName = "blocks.\(layer).attn.hook_pattern.head_\(head)"
        #expect(file.entries[headName]?.shape == [300, 300])
        let saved = try file.tensor(named: headName).scalars, full = try #require(cache[.pattern(layer)]).scalars
        let exact = Array(full[(head * 90_000)..<((head + 1) * 90_000)])
        let outside = zip(saved, exact).filter { (a: Float, b: Float) in abs(a - b) > abs(b) * 0x1p-11 + 0x1p-25 }.count
        #expect(outside == 0)
        #expect(file.entries.keys.filter { $0.contains("hook_pattern") }.count == 3)
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("the largest weight of each 2 × 2 block, and the closer look's head in full"))
    }

    @Test("--tensors all: every hook of a full recording, F32, bit for bit")
    func all() async throws {
        let reference = try Self.reference()
        let folder = try await Self.write(reference, tensors: .all)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try SafetensorsFile(contentsOf: folder.appendingPathComponent("tensors.safetensors"))
        #expect(reference.cache.count > 20)
        for name in reference.cache.names {
            #expect(file.entries[name.description]?.dtype == .f32, "\(name)")
            #expect(try file.tensor(named: name.description) == reference.cache[name], "\(name)")
        }
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("every recorded activation, under its TransformerLens name, in float32"))
    }

    @Test("--tensors none: no tensors file, and neither the page nor the summary names one")
    func none() async throws {
        let reference = try Self.reference()
        let folder = try await Self.write(reference, tensors: .none)
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!names.contains("tensors.safetensors") && names.contains("index.html"))
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!html.contains("tensors.safetensors"))
        let summary = try JSONDecoder().decode(ReportSummary.self, from: Data(contentsOf: folder.appendingPathComponent("summary.json")))
        #expect(summary.tensorsFile == "" && summary.tensors.isEmpty)
    }

    @Test("the tensors file's header: 8-byte aligned data, offsets back to back, F16 two bytes an element")
    func header() throws {
        let entries = [ReportTensorsFile.Entry(name: "b", tensor: Tensor(shape: [3], scalars: [1, 0.5, 0.1]), dtype: .f16),
                       ReportTensorsFile.Entry(name: "a", tensor: Tensor(shape: [1, 2], scalars: [2, 3]), dtype: .f32)]
        let data = ReportTensorsFile.header(entries.sorted { $0.name < $1.name }, metadata: ["k": "v"])
        #expect(data.count % 8 == 0)
        let length = Int(data.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
        #expect(length == data.count - 8)
        let json = try #require(try JSONSerialization.jsonObject(with: data.subdata(in: 8 ..< data.count)) as? [String: Any])
        #expect((json["a"] as? [String: Any])?["data_offsets"] as? [Int] == [0, 8])
        #expect((json["b"] as? [String: Any])?["data_offsets"] as? [Int] == [8, 14])
        #expect((json["b"] as? [String: Any])?["dtype"] as? String == "F16")
        #expect(json["__metadata__"] as? [String: String] == ["k": "v"])
    }
}
