import Foundation
import Testing
import TensorCore
@testable import GPTModel

/// Interventions at hook points change what flows downstream exactly as worked out by hand.
struct InterventionTests {
    /// `z[t, h, :] @ W_proj[h·hs ..< (h+1)·hs, :]`: head h's share of `attn_out` at each position, `[T, C]`, in Double.
    static func headContribution(z: Tensor, head h: Int, projWeight w: Tensor) -> [[Double]] {
        let (t, nh, hs) = (z.shape[0], z.shape[1], z.shape[2])
        let c = w.shape[1]
        return (0 ..< t).map { p in
            (0 ..< c).map { j in
                (0 ..< hs).reduce(0.0) { sum, d in sum + Double(z.scalars[(p * nh + h) * hs + d]) * Double(w.scalars[(h * hs + d) * c + j]) }
            }
        }
    }

    @Test func zeroingEveryHeadLeavesOnlyTheProjectionBias() throws {
        let fixture = try ModelFixture("gpt2-untied")
        let (_, cache) = try fixture.model.run(fixture.ids, hooks: HookFilter([.attnOut(0), .z(0)]), interventions: [.zero(.z(0))])
        let attnOut = try #require(cache[.attnOut(0)])
        let bias = fixture.model.blocks[0].attention.projBias.scalars
        for p in 0 ..< fixture.ids.count { #expect(attnOut.row(p).scalars == bias) }
        #expect(try #require(cache[.z(0)]).scalars.allSatisfy { $0 == 0 })   // the recording shows the ablated value
    }

    @Test func zeroingOneHeadRemovesExactlyItsShareOfAttnOut() throws {
        let fixture = try ModelFixture("gpt2-untied")
        let (layer, head) = (1, 2)
        let clean = try fixture.model.run(fixture.ids, hooks: HookFilter([.attnOut(layer), .z(layer)])).cache
        let ablated = try fixture.model.run(fixture.ids, hooks: HookFilter([.attnOut(layer), .z(layer)]),
                                            interventions: [.zero(.z(layer), .head(head))]).cache
        let z = try #require(clean[.z(layer)]), zAblated = try #require(ablated[.z(layer)])
        let (t, nh, hs) = (z.shape[0], z.shape[1], z.shape[2])
        for p in 0 ..< t { for h in 0 ..< nh {
            let slice = (p * nh + h) * hs ..< (p * nh + h + 1) * hs
            #expect(Array(zAblated.scalars[slice]) == (h == head ? Array(repeating: 0, count: hs) : Array(z.scalars[slice])))
        } }
        let share = Self.headContribution(z: z, head: head, projWeight: fixture.model.blocks[layer].attention.projWeight)
        let before = try #require(clean[.attnOut(layer)]), after = try #require(ablated[.attnOut(layer)])
        let c = before.shape[1]
        var worst = 0.0
        for p in 0 ..< t { for j in 0 ..< c {
            worst = max(worst, abs(Double(after.scalars[p * c + j]) - (Double(before.scalars[p * c + j]) - share[p][j])))
        } }
        #expect(worst < 1e-5)
    }

    @Test func meanAblationWritesOneRowIntoEveryPosition() throws {
        let fixture = try ModelFixture("gpt2-untied")
        let hs = fixture.model.configuration.embeddingWidth / fixture.model.configuration.headCount
        let mean = Tensor(shape: [hs], scalars: (0 ..< hs).map { Float($0) / 8 })
        let cache = try fixture.model.run(fixture.ids, hooks: HookFilter([.z(0)]), interventions: [.replace(.z(0), .head(1), with: mean)]).cache
        let z = try #require(cache[.z(0)])
        let nh = z.shape[1]
        for p in 0 ..< fixture.ids.count { #expect(Array(z.scalars[(p * nh + 1) * hs ..< (p * nh + 2) * hs]) == mean.scalars) }
    }

    @Test func zeroingOneHeadsPatternZeroesItsZAndOnlyIts() throws {
        let fixture = try ModelFixture("gpt2-untied")
        let clean = try fixture.model.run(fixture.ids, hooks: HookFilter([.z(0)])).cache
        let ablated = try fixture.model.run(fixture.ids, hooks: HookFilter([.z(0), .pattern(0)]), interventions: [.zero(.pattern(0), .head(1))]).cache
        let z = try #require(clean[.z(0)]), zAblated = try #require(ablated[.z(0)])
        let (t, nh, hs) = (z.shape[0], z.shape[1], z.shape[2])
        for p in 0 ..< t { for h in 0 ..< nh {
            let slice = (p * nh + h) * hs ..< (p * nh + h + 1) * hs
            #expect(Array(zAblated.scalars[slice]) == (h == 1 ? Array(repeating: 0, count: hs) : Array(z.scalars[slice])))
        } }
        let pattern = try #require(ablated[.pattern(0)])   // [NH, T, S]: head 1 is the second block of T·S
        #expect(pattern.scalars[t * t ..< 2 * t * t].allSatisfy { $0 == 0 })
        #expect(abs(pattern.scalars[0 ..< t].reduce(0, +) - 1) < 1e-5)
    }

    @Test func patchingTheWholeResidualStreamGivesTheOtherRunsLogits() throws {
        let fixture = try ModelFixture("gpt2-untied")
        let other = fixture.ids.map { ($0 * 7 + 3) % fixture.model.configuration.vocabularySize }
        let layer = 1
        let (otherLogits, otherCache) = try fixture.model.run(other, hooks: HookFilter([.residPre(layer)]))
        let patched = try fixture.model.run(fixture.ids, interventions: [.replace(.residPre(layer), with: try #require(otherCache[.residPre(layer)]))]).logits
        #expect(patched == otherLogits)
        #expect(patched != (try fixture.model.run(fixture.ids).logits))
    }

    /// Two prompts equal but for their last token: pasting the other's residual stream at the last
    /// position of a late layer must give the other's logits, since every earlier position agrees.
    @Test(arguments: [("gpt2-untied", 2), ("gpt1-tiny", 1), ("gpt2-untied", 0)])
    func patchingOnePositionAtALayerGivesTheOtherRunsLogits(model name: String, layer: Int) throws {
        let fixture = try ModelFixture(name)
        let last = fixture.ids.count - 1
        var other = fixture.ids
        other[last] = (other[last] + 1) % fixture.model.configuration.vocabularySize
        let (otherLogits, otherCache) = try fixture.model.run(other, hooks: HookFilter([.residPre(layer)]))
        let row = try #require(otherCache[.residPre(layer)]).row(last)
        let patched = try fixture.model.run(fixture.ids, interventions: [.replace(.residPre(layer), .position(last), with: row)]).logits
        #expect(patched == otherLogits)
    }

    @Test func positionsCountFromTheStartOfTheSequenceInAGenerationStep() throws {
        let fixture = try ModelFixture("gpt2-untied")
        let model = fixture.model, ids = Array(fixture.ids.prefix(6))
        var other = ids
        other[5] = (other[5] + 1) % model.configuration.vocabularySize
        let (otherLogits, otherCache) = try model.run(other, hooks: HookFilter([.residPre(1)]))
        let row = try #require(otherCache[.residPre(1)]).row(5)
        var cache = KVCache(configuration: model.configuration, capacity: 6)
        var hooks = HookPoints(interventions: [.replace(.residPre(1), .position(5), with: row)])
        _ = model.forward(Array(ids.prefix(5)), cache: &cache, hooks: &hooks)   // position 5 is not in this call
        let step = model.forward([ids[5]], cache: &cache, hooks: &hooks)      // [1, V] at position 5
        #expect(step.maxAbsoluteDifference(to: otherLogits.rows(5 ..< 6)) < 1e-4)
    }

    @Test func aTransformSeesTheValueAndItsResultFlowsOn() throws {
        let fixture = try ModelFixture("gpt2-untied")
        let clean = try fixture.model.run(fixture.ids).logits
        // Doubling ln_f's output doubles the logits exactly (scaling by 2 is exact in floating point).
        let doubled = try fixture.model.run(fixture.ids, interventions: [.transform(.lnFinalNormalized) { name, x in
            precondition(name == .lnFinalNormalized)
            return Tensor(shape: x.shape, scalars: x.scalars.map { 2 * $0 })
        }]).logits
        #expect(doubled.scalars == clean.scalars.map { 2 * $0 })
    }

    @Test func interventionsThatDoNotFitAreOneLineErrors() throws {
        let fixture = try ModelFixture("gpt2-untied")
        let (model, ids) = (fixture.model, fixture.ids)
        let heads = model.configuration.headCount, width = model.configuration.embeddingWidth
        let cases: [(Intervention, String)] = [
            (.zero(.z(0), .head(heads)), "head \(heads) is outside 0..<\(heads)"),
            (.zero(.residPre(0), .head(0)), "has no heads"),
            (.zero(.residPre(0), .position(ids.count)), "position \(ids.count) is outside"),
            (.zero(.z(model.configuration.layerCount)), "no such hook"),
            (.replace(.residPre(0), .position(0), with: Tensor(shape: [width + 1])), "\(width + 1) replacement values"),
        ]
        for (intervention, message) in cases {
            let error = try #require(throws: ModelInputError.self) { try model.run(ids, interventions: [intervention]) }
            #expect(error.description.contains(message) && !error.description.contains("\n"), "\(error)")
        }
    }

    @Test func noInterventionsChangeNothing() throws {
        let fixture = try ModelFixture("gpt1-tiny")
        var none = HookPoints.none
        let (logits, cache) = try fixture.model.run(fixture.ids, hooks: .all)
        #expect(fixture.model.forward(fixture.ids, hooks: &none) == logits)
        #expect(cache[.residMid(0)] == cache[.ln1Normalized(0)])   // post-LN: one value, two names
    }
}
