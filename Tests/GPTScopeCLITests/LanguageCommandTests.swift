import Foundation
import Testing

/// `--lang zh` and `--lang zh-Hant` end to end: the figures' own words change, not only the page.
@Suite("--lang on figures, end to end")
struct LanguageCommandTests {
    let model = ModelFixtures.path("gpt2-fullvocab")

    @Test("posenc --lang zh-Hant writes Traditional titles and axis labels, and no English ones")
    func posencTraditional() throws {
        let r = try CLIRunner.run(["posenc", "--d-model", "64", "--positions", "50", "--kind", "curves", "--lang", "zh-Hant", "--out", "pe.svg"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let svg = try String(contentsOf: r.directory.appendingPathComponent("pe.svg"), encoding: .utf8)
        #expect(svg.contains("正弦位置編碼：各維度隨位置的變化，位置 0–49"))
        #expect(svg.contains("維度 0 sin，λ 6.28") && svg.contains(">位置<"))
        #expect(!svg.contains("Sinusoidal positional encoding") && !svg.contains("dimensions against position"))
    }

    @Test("attention --lang zh translates the heatmap's axis and colorbar labels; tokens stay as they are")
    func attentionSimplified() throws {
        let r = try CLIRunner.run(["attention", "--model", model, "--prompt", "The cat sat", "--kind", "head", "--lang", "zh", "--out", "a.svg"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let svg = try String(contentsOf: r.directory.appendingPathComponent("a.svg"), encoding: .utf8)
        #expect(svg.contains("注意力权重") && svg.contains("键的位置（被关注）") && svg.contains("查询的位置（发出关注）"))
        #expect(!svg.contains("attention weight") && !svg.contains("key position"))
        #expect(svg.contains(">The<"))
    }

    @Test("report --lang zh-Hant: Traditional page and figures, and the explainer box")
    func reportTraditional() throws {
        let r = try CLIRunner.run(["report", "--model", model, "--ids", "464,3797,3332", "--lang", "zh-Hant", "--formats", "png,svg", "--out", "r"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let folder = r.directory.appendingPathComponent("r")
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("<html lang=\"zh-Hant\">") && html.contains("參數都在哪裡"))
        #expect(html.contains("科普文章常弄錯的數字") && html.contains("124,439,808"))
        let svg = try String(contentsOf: folder.appendingPathComponent("parameters.breakdown.svg"), encoding: .utf8)
        #expect(svg.contains("詞元嵌入") && svg.contains("參數") && !svg.contains("Token embedding"))
    }

    @Test("--lang accepts zh-TW and zh-hant for zh-Hant; an unknown language is one clear error")
    func spellings() throws {
        for spelling in ["zh-TW", "zh-hant"] {
            let r = try CLIRunner.run(["posenc", "--d-model", "8", "--positions", "4", "--kind", "heatmap", "--lang", spelling, "--out", "p.svg"])
            #expect(r.exitCode == 0, "\(spelling): \(r.stderr)")
            let svg = try String(contentsOf: r.directory.appendingPathComponent("p.svg"), encoding: .utf8)
            #expect(svg.contains("正弦位置編碼"), "\(spelling)")
        }
        let bad = try CLIRunner.run(["posenc", "--lang", "fr", "--out", "p.svg"])
        #expect(bad.exitCode != 0 && bad.stderr.contains("'fr'") && bad.stderr.contains("zh-Hant"))
        #expect(bad.writtenFiles.isEmpty)
    }
}
