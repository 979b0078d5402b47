import Testing
import TensorCore
@testable import GPTModel

/// The per-head weight accessors against transformers' hook values (Tests/Scripts/family_fixtures.py):
/// whatever the checkpoint's layout, z_h @ W_O[h] summed over heads (+ bias) is transformers'
/// `hook_attn_out`, and ln1's output through W_Q / W_K / W_V of a query head is its `hook_q` /
/// `hook_k` / `hook_v` slice (kv head h / (NH / KV) under GQA), compared as differences between
/// positions so that the biases cancel.
struct HeadWeightTests {
    @Test(arguments: ["llama-gqa", "qwen2-sharded", "neox-parallel", "neox-sequential"])
    func perHeadWeightsRebuildTransformersHooks(model name: String) throws {
        let fixture = try ModelFixture(family: name)
        let c = fixture.model.configuration
        let (nh, kv, hs, width, t) = (c.headCount, c.keyValueHeadCount, c.headWidth, c.embeddingWidth, fixture.ids.count)
        for layer in 0 ..< c.layerCount {
            let attention = fixture.model.blocks[layer].attention
            let z = try fixture.expected.tensor(named: "blocks.\(layer).attn.hook_z").scalars           // [T, NH, hs]
            var out = [Float](repeating: 0, count: t * width)
            if let bias = attention.outputBias?.scalars { for p in 0 ..< t { for j in 0 ..< width { out[p * width + j] = bias[j] } } }
            for h in 0 ..< nh {
                let w = attention.outputWeight(head: h).scalars                                          // [hs, C]
                for p in 0 ..< t { for i in 0 ..< hs { for j in 0 ..< width { out[p * width + j] += z[(p * nh + h) * hs + i] * w[i * width + j] } } }
            }
            let attnOut = try fixture.expected.tensor(named: "blocks.\(layer).hook_attn_out").scalars
            #expect(zip(out, attnOut).map { abs($0 - $1) }.max()! < 1e-4, "\(name) layer \(layer) attn_out")

            let x = try fixture.expected.tensor(named: "blocks.\(layer).ln1.hook_normalized")           // [T, C]
            for (projection, hook, heads) in [(CausalSelfAttention.Projection.query, "q", nh), (.key, "k", kv), (.value, "v", kv)] {
                let expected = try fixture.expected.tensor(named: "blocks.\(layer).attn.hook_\(hook)").scalars  // [T, heads, hs]
                for h in 0 ..< nh {
                    let source = projection == .query ? h : h / (nh / kv)
                    let ours = matmul(x, attention.inputWeight(projection, head: h)).scalars             // [T, C] @ [C, hs] -> [T, hs]
                    var largest: Float = 0
                    for p in 1 ..< t {
                        for i in 0 ..< hs {
                            let theirs = expected[(p * heads + source) * hs + i] - expected[source * hs + i]
                            largest = max(largest, abs((ours[p * hs + i] - ours[i]) - theirs))
                        }
                    }
                    #expect(largest < 1e-4, "\(name) layer \(layer) \(hook) head \(h): max |Δ| = \(largest)")
                }
            }
        }
    }
}
