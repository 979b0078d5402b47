import Foundation
import Testing

@Suite("gptscope architecture, samples, sampling and masks, end to end")
struct ExplainerCommandsTests {
    static let pngHeader = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])

    @Test func architectureDrawsEveryFormatAndComparisons() throws {
        let svg = try CLIRunner.run(["architecture", "gpt2", "--chart", "a.svg"])
        #expect(svg.exitCode == 0, "\(svg.stderr)")
        let text = try String(contentsOf: svg.directory.appendingPathComponent("a.svg"), encoding: .utf8)
        #expect(text.contains("[T, 50257]") && text.contains("[T, 3072]"))
        let pdf = try CLIRunner.run(["architecture", "transformer-base", "--chart", "t.pdf"])
        #expect(pdf.exitCode == 0, "\(pdf.stderr)")
        #expect(try Data(contentsOf: pdf.directory.appendingPathComponent("t.pdf")).starts(with: Data("%PDF".utf8)))
        let png = try CLIRunner.run(["architecture", "--compare", "gpt1", "gpt2", "--chart", "c.png"])
        #expect(png.exitCode == 0, "\(png.stderr)")
        #expect(try Data(contentsOf: png.directory.appendingPathComponent("c.png")).prefix(8) == Self.pngHeader)
    }

    @Test func samplingPrintsTheDistributionsAsJSON() throws {
        let r = try CLIRunner.run(["sampling", "--prompt", "And God said", "--temperatures", "0,1", "--top-k", "5", "--json", "--limit", "3"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let list = try #require(object["distributions"] as? [[String: Any]])
        #expect(list.map { $0["temperature"] as? Double } == [0, 1])
        #expect((list[0]["probabilities"] as? [Double]) == [1])
        let p = try #require(list[1]["probabilities"] as? [Double])
        #expect(p.count == 3 && p == p.sorted(by: >))
        #expect(list[1]["top_p"] is NSNull)
    }

    @Test func samplesAndMasksWriteTheirCharts() throws {
        let s = try CLIRunner.run(["samples", "--text", "In the beginning God created the heaven and the earth.", "--context", "4", "--chart", "s.png"])
        #expect(s.exitCode == 0, "\(s.stderr)")
        #expect(s.stdout.contains("11 tokens, context 4: 3 window(s), 10 (context → next token) pairs"))
        let m = try CLIRunner.run(["masks", "--context", "12", "--band", "3", "--chart", "m.svg"])
        #expect(m.exitCode == 0, "\(m.stderr)")
        #expect(m.writtenFiles == ["m.svg"])
    }

    @Test func badRequestsWriteNothing() throws {
        for arguments in [
            ["architecture", "gpt9", "--chart", "a.png"],
            ["architecture", "--compare", "gpt1", "--chart", "a.png"],
            ["architecture", "gpt2", "--chart", "a.jpg"],
            ["sampling", "--temperatures", "1,-2", "--json"],
            ["sampling", "--top-p", "1.5", "--json"],
            ["sampling", "--prompt", "x"],
            ["samples", "--chart", "s.png"],
            ["samples", "--text", "a", "--context", "0", "--chart", "s.png"],
            ["masks", "--context", "8", "--band", "9", "--chart", "m.png"],
        ] {
            let r = try CLIRunner.run(arguments)
            #expect(r.exitCode != 0, "\(arguments)")
            #expect(r.writtenFiles.isEmpty, "\(arguments): \(r.writtenFiles)")
            #expect(r.stderr.hasPrefix("Error: "), "\(arguments): \(r.stderr)")
        }
    }
}
