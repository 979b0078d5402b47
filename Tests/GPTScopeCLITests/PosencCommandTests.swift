import Foundation
import Testing

/// `gptscope posenc` end to end: sinusoidal by default, the fixture GPT-2's learned wpe, the
/// side-by-side comparison, and bad input.
@Suite("gptscope posenc, end to end")
struct PosencCommandTests {
    let model = ModelFixtures.path("gpt2-fullvocab")

    @Test func defaultWritesThreeSinusoidalFigures() throws {
        let r = try CLIRunner.run(["posenc"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        for kind in ["heatmap", "curves", "similarity"] {
            #expect(r.writtenFiles.contains("output/posenc-sinusoidal-d512.\(kind).png"), "\(r.writtenFiles)")
            #expect(r.stderr.contains("Wrote output/posenc-sinusoidal-d512.\(kind).png"))
        }
    }

    @Test func oneKindAsSVGWithTitleAndLegend() throws {
        let r = try CLIRunner.run(["posenc", "--d-model", "64", "--positions", "50", "--kind", "curves", "--out", "pe.svg"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let svg = try String(contentsOf: r.directory.appendingPathComponent("pe.svg"), encoding: .utf8)
        #expect(svg.contains("Sinusoidal positional encoding: dimensions against position, positions 0–49"))
        #expect(svg.contains("dim 0 sin, λ 6.28") || svg.contains("sin, λ"))
        #expect(r.writtenFiles == ["pe.svg"])
    }

    @Test func learnedAndCompareOnTheFixtureCheckpoint() throws {
        let learned = try CLIRunner.run(["posenc", "--model", model, "--kind", "heatmap", "--out", "wpe.svg"])
        #expect(learned.exitCode == 0, "\(learned.stderr)")
        let svg = try String(contentsOf: learned.directory.appendingPathComponent("wpe.svg"), encoding: .utf8)
        #expect(svg.contains("Learned position embeddings (wpe) of gpt2-fullvocab: positions 0–31 × 16 dimensions"))

        let compare = try CLIRunner.run(["posenc", "--model", model, "--compare", "--range", "4:20", "--out", "c.pdf"])
        #expect(compare.exitCode == 0, "\(compare.stderr)")
        #expect(compare.writtenFiles == ["c.curves.pdf", "c.heatmap.pdf", "c.similarity.pdf"])
        let pdf = try Data(contentsOf: compare.directory.appendingPathComponent("c.heatmap.pdf"))
        #expect(pdf.starts(with: Array("%PDF".utf8)))

        let sim = try CLIRunner.run(["posenc", "--model", model, "--compare", "--kind", "similarity", "--measure", "dot", "--out", "s.svg"])
        #expect(sim.exitCode == 0, "\(sim.stderr)")
        let s = try String(contentsOf: sim.directory.appendingPathComponent("s.svg"), encoding: .utf8)
        // Three panels: the rotary one beside sinusoidal and learned.
        #expect(s.contains("Middle: the dot product of wpe[p] and wpe[q] of gpt2-fullvocab"))
        #expect(s.contains("how alike two positions look, positions 0–31") && s.contains("Rotary: q and k turned to p and q"))
    }

    @Test func badInputFailsWithOneClearLineAndNoFile() throws {
        let cases: [([String], String)] = [
            (["--d-model", "7"], "--d-model must be a positive even number"),
            (["--d-model", "0"], "--d-model must be a positive even number"),
            (["--positions", "0"], "--positions must be at least 1"),
            (["--positions", "100000"], "--positions must be at most 8192"),
            (["--d-model", "100000"], "--d-model must be at most 16384"),
            (["--kind", "waves"], "--kind must be heatmap, curves, similarity or all"),
            (["--compare", "--d-model", "8"], "--compare uses the model's own width"),
            (["--range", "5-9"], "--range must look like A:B"),
            (["--positions", "10", "--range", "5:50"], "positions 5:50 are not inside 0:10"),
            (["--kind", "curves", "--dims", "0,600"], "dimension 600 does not exist"),
            (["--out", "pe.gif"], "--out needs a file name ending in .png, .svg or .pdf"),
            (["--model", "/nonexistent/model"], "nonexistent"),
        ]
        for (arguments, message) in cases {
            let r = try CLIRunner.run(["posenc"] + arguments + (arguments.contains("--out") ? [] : ["--out", "x.png"]))
            #expect(r.exitCode != 0, "\(arguments)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
            let errorLines = r.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }
            #expect(errorLines.count == 1, "\(arguments): \(r.stderr)")
            #expect(r.writtenFiles.isEmpty, "\(arguments): \(r.writtenFiles)")
        }
    }

    @Test func compareWithoutModelUsesTheBuiltInModel() throws {
        let r = try CLIRunner.run(["posenc", "--compare", "--kind", "similarity", "--range", "0:40", "--out", "b.svg"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let svg = try String(contentsOf: r.directory.appendingPathComponent("b.svg"), encoding: .utf8)
        #expect(svg.contains("wpe[q] of gptscope-default") && svg.contains("positions 0–39"))
    }

    @Test func rotaryKindsWriteTheirFigures() throws {
        let r = try CLIRunner.run(["posenc", "--kind", "rotary", "--head-dim", "16", "--positions", "40", "--out", "r.svg"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.writtenFiles == ["r.rotary-angles.svg", "r.rotary-distance.svg", "r.rotary-frequencies.svg"], "\(r.writtenFiles)")
        let angles = try String(contentsOf: r.directory.appendingPathComponent("r.rotary-angles.svg"), encoding: .utf8)
        #expect(angles.contains("rotation angle over positions 0–39 × 8 pairs, d = 16, base 10,000"))
        let scaled = try CLIRunner.run(["posenc", "--kind", "rotary-frequencies", "--rope-scaling", "llama3", "--rope-theta", "500000",
                                        "--head-dim", "64", "--out", "f.svg"])
        #expect(scaled.exitCode == 0, "\(scaled.stderr)")
        let svg = try String(contentsOf: scaled.directory.appendingPathComponent("f.svg"), encoding: .utf8)
        #expect(svg.contains("scaled (llama3 ") && svg.contains("2,048 positions: shorter ones kept"))
    }

    @Test func compareDrawsThreeEncodings() throws {
        let r = try CLIRunner.run(["posenc", "--compare", "--kind", "heatmap", "--range", "0:32", "--head-dim", "64", "--out", "three.svg"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let svg = try String(contentsOf: r.directory.appendingPathComponent("three.svg"), encoding: .utf8)
        for caption in ["Sinusoidal: added once to the input", "Learned wpe: added once to the input", "Rotary: turns q and k in every layer",
                        "d = 64, base 10,000"] {
            #expect(svg.contains(caption), "\(caption)")
        }
    }

    @Test func badRotaryInputFailsWithOneClearLineAndNoFile() throws {
        let cases: [([String], String)] = [
            (["--kind", "rotary", "--head-dim", "7"], "--head-dim must be an even number"),
            (["--kind", "rotary", "--rope-theta", "0"], "--rope-theta must be greater than 1"),
            (["--kind", "rotary", "--rope-scaling", "yarn"], "--rope-scaling must be none, linear or llama3"),
            (["--kind", "rotary", "--rope-scaling", "linear", "--factor", "0.5"], "--factor must be at least 1"),
            (["--kind", "rotary-angles", "--range", "0:100000"], "--range must hold 1 to 8192 positions"),
            (["--kind", "rotary", "--model", model], "has learned positions (wpe), not rotary ones"),
            (["--kind", "rotary", "--compare"], "--compare draws the three encodings as heatmaps"),
            (["--compare", "--kind", "heatmap", "--rotary-model", model], "has learned positions (wpe), not rotary ones"),
            (["--kind", "rotary", "--rotary-model", model, "--head-dim", "64"], "--rotary-model takes the rotary settings"),
        ]
        for (arguments, message) in cases {
            let r = try CLIRunner.run(["posenc"] + arguments + ["--out", "x.png"])
            #expect(r.exitCode != 0, "\(arguments)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }.count == 1, "\(arguments): \(r.stderr)")
            #expect(r.writtenFiles.isEmpty, "\(arguments): \(r.writtenFiles)")
        }
    }

    @Test func helpTeaches() throws {
        let r = try CLIRunner.run(["posenc", "--help"])
        #expect(r.exitCode == 0)
        #expect(r.stdout.contains("PE(pos, 2i)   = sin(pos / 10000^(2i/d_model))"))
        #expect(r.stdout.contains("Examples:") && r.stdout.contains("gptscope posenc --model models/gpt2 --compare"))
    }
}
