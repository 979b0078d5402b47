import Charts
import Foundation
import GPTModel
import Testing
@testable import Visualizations

/// The architecture diagrams' label model against the papers' and released configs' numbers:
/// GPT-1 (Radford et al. 2018, openai-gpt config.json), GPT-2 (openai-community/gpt2 config.json),
/// Llama 2 70B (Meta's config.json), the Transformer (Vaswani et al. 2017, Table 3).
@Suite struct ArchitectureDiagramTests {
    func diagram(_ name: String) throws -> ArchitectureDiagram { ArchitectureDiagram(try GPTConfiguration.preset(named: name)) }

    func kinds(_ nodes: [ArchitectureDiagram.Node]) -> [ArchitectureDiagram.Kind] { nodes.map(\.kind) }

    @Test func gpt2ShowsItsShapesOnEdgesAndBoxes() throws {
        let d = try diagram("gpt2")
        let labels = d.labels
        for expected in ["[T, 768]", "Q, K, V: [T, 768] → [T, 3·768]", "12 heads × [T, 64]", "up: [T, 768] → [T, 3072]",
                         "[T, 50257]", "token table wte [50257, 768]", "+ position table wpe [1024, 768]", "× 12"] {
            #expect(labels.contains(expected), "missing \(expected)")
        }
        // Pre-LN: a LayerNorm before each sublayer, then a final one; the head is tied.
        #expect(kinds(d.decoderBlock) == [.norm, .attention, .add, .norm, .mlp, .add])
        let nodes = d.stacks[0].nodes
        #expect(nodes[nodes.count - 3].title == "Final LayerNorm")
        #expect(nodes[nodes.count - 2].title == "Output head (tied)" && nodes[nodes.count - 2].parameters == 0)
        // Parameter counts per box (by hand: 3·768·768 + 3·768 + 768·768 + 768 = 2,362,368;
        // 2·768·3072 + 3072 + 768 = 4,722,432; 2·768 = 1,536 per LayerNorm).
        #expect(d.decoderBlock[1].parameters == 2_362_368)
        #expect(d.decoderBlock[4].parameters == 4_722_432)
        #expect(d.decoderBlock[0].parameters == 1_536)
        #expect(d.stacks[0].blockParameters == 7_087_872)
        // The residual of each sublayer branches off before its norm.
        #expect(d.decoderBlock[2].residualFrom == d.stacks[0].block.lowerBound)
    }

    @Test func gpt1IsPostLNWithItsVocabularyAndContext() throws {
        let d = try diagram("gpt1")
        let labels = d.labels
        #expect(labels.contains("token table wte [40478, 768]"))
        #expect(labels.contains("+ position table wpe [512, 768]"))
        #expect(labels.contains("[T, 40478]"))
        #expect(!labels.contains("[T, 50257]"))
        // Post-LN: a LayerNorm after each residual add, and no final norm before the head.
        #expect(kinds(d.decoderBlock) == [.attention, .add, .norm, .mlp, .add, .norm])
        #expect(!d.stacks[0].nodes.contains { $0.title.hasPrefix("Final") })
        #expect(d.stacks[0].nodes[d.stacks[0].block.upperBound].kind == .head)
        // The residual of a post-LN sublayer branches off at the sublayer's own input.
        #expect(d.decoderBlock[1].residualFrom == d.stacks[0].block.lowerBound)
        // Embedding box: 40,478·768 + 512·768.
        #expect(d.stacks[0].nodes[0].parameters == 40_478 * 768 + 512 * 768)
    }

    @Test func llama2HasRMSNormSwiGLUAndGroupedKeyValueHeads() throws {
        let d = try diagram("llama2-70b")
        let labels = d.labels
        #expect(kinds(d.decoderBlock) == [.norm, .attention, .add, .norm, .mlp, .add])
        #expect(d.decoderBlock[0].title == "RMSNorm" && d.decoderBlock[0].parameters == 8_192)
        #expect(d.decoderBlock[4].title == "MLP (SwiGLU)")
        for expected in ["gate, up: [T, 8192] → 2 × [T, 28672]", "down: [T, 28672] → [T, 8192]",
                         "Q: [T, 8192] → 64 query heads × [T, 128]", "K, V: [T, 8192] → 2 × 8 kv heads × [T, 128]",
                         "SiLU(gate) ⊙ up: [T, 28672]", "[T, 32000]", "× 80"] {
            #expect(labels.contains(expected), "missing \(expected)")
        }
        // SwiGLU: three 8,192 × 28,672 matrices, no biases; attention: Q and O 8,192², K and V 8,192 × 1,024.
        #expect(d.decoderBlock[4].parameters == 3 * 8_192 * 28_672)
        #expect(d.decoderBlock[1].parameters == 2 * 8_192 * 8_192 + 2 * 8_192 * 1_024)
        #expect(d.stacks[0].nodes.last { $0.kind == .head }?.title == "Output head")
        #expect(!labels.contains { $0.contains("position table") })
    }

    @Test func theTransformerDrawsAsEncoderAndDecoder() throws {
        let d = try diagram("transformer-base")
        #expect(d.stacks.map(\.name) == ["Encoder", "Decoder"])
        #expect(kinds(Array(d.stacks[0].nodes[d.stacks[0].block])) == [.attention, .add, .norm, .mlp, .add, .norm])
        #expect(kinds(d.decoderBlock) == [.attention, .add, .norm, .crossAttention, .add, .norm, .mlp, .add, .norm])
        #expect(d.stacks[0].nodes[1].title == "Self-attention" && d.decoderBlock[0].title == "Masked self-attention")
        #expect(d.labels.contains("K, V: [S, 512] → 2 × [S, 512] from the encoder"))
        #expect(d.labels.contains("up: [S, 512] → [S, 2048]"))
        #expect(d.stacks.map(\.blockCount) == [6, 6])
    }

    @Test func comparisonOutlinesWhatGPT2Changed() throws {
        let comparison = ArchitectureComparison(try GPTConfiguration.preset(named: "gpt1"), try GPTConfiguration.preset(named: "gpt2"))
        #expect(comparison.differences.contains("vocabulary: 40478 → 50257"))
        #expect(comparison.differences.contains("context: 512 → 1024"))
        #expect(comparison.differences.contains { $0.hasPrefix("norm placement: post-LN") })
        #expect(comparison.differences.contains("final norm: none → yes"))
        #expect(!comparison.differences.contains { $0.hasPrefix("heads") || $0.hasPrefix("MLP width") })
        let right = comparison.diagrams[1].stacks[0]
        #expect(right.nodes.filter(\.highlighted).map(\.kind).contains(.norm))
        #expect(!right.nodes.contains { $0.kind == .attention && $0.highlighted })
    }

    @Test func figuresRenderTheirLabels() throws {
        let svg = try ArchitectureDiagram(try GPTConfiguration.preset(named: "gpt2")).figure().svg()
        #expect(svg.contains("[T, 64]") && svg.contains("12 heads"))
        #expect(svg.contains("[T, 50257]"))
        let png = try ArchitectureComparison(try GPTConfiguration.preset(named: "gpt1"), try GPTConfiguration.preset(named: "gpt2"))
            .figure().pngData(scale: 1)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }
}
