import Foundation
import Testing
@testable import Visualizations

/// Simplified → Traditional (Taiwan) conversion against OpenCC and hand-checked words.
@Suite("Traditional Chinese")
struct TraditionalChineseTests {
    struct Pair: Decodable { var zh: String; var zhHant: String }

    @Test("every Chinese text of the sources converts as OpenCC s2twp does (glossary terms in their glossary form)")
    func matchesOpenCC() throws {
        // Written by Tests/Scripts/traditional_chinese_reference.py from the sources' literals.
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/traditional_reference.json")
        let pairs = try JSONDecoder().decode([Pair].self, from: Data(contentsOf: url))
        #expect(pairs.count > 200)
        for pair in pairs {
            #expect(TraditionalChinese.convert(pair.zh) == pair.zhHant, "\(pair.zh)")
        }
    }

    @Test("words a character table gets wrong, and terms OpenCC's Taiwan table gets wrong")
    func handChecked() {
        #expect(TraditionalChinese.convert("参数") == "參數")            // OpenCC s2twp: 引數 (a function's arguments)
        #expect(TraditionalChinese.convert("参数量") == "參數量")
        #expect(TraditionalChinese.convert("后面的层") == "後面的層")
        #expect(TraditionalChinese.convert("信息流") == "資訊流")
        #expect(TraditionalChinese.convert("词元的概率") == "詞元的機率")
        #expect(TraditionalChinese.convert("注意力头") == "注意力頭")
        #expect(TraditionalChinese.convert("字节级 BPE") == "位元組級 BPE")
        #expect(TraditionalChinese.convert("正弦函数") == "正弦函數")
        // Text with nothing Simplified comes back unchanged: English, numbers, Traditional text.
        #expect(TraditionalChinese.convert("GPT-2 · 124,439,808") == "GPT-2 · 124,439,808")
        #expect(TraditionalChinese.convert("參數與詞元") == "參數與詞元")
    }

    @Test("LocalizedText without a written Traditional text converts its Simplified one; a written one wins")
    func localizedText() {
        let converted = LocalizedText(en: "Parameters", zh: "参数都在哪里")
        #expect(converted[.zhHant] == "參數都在哪裡")
        let written = LocalizedText(en: "Parameters", zh: "参数都在哪里", zhHant: "參數在哪兒")
        #expect(written[.zhHant] == "參數在哪兒")
        #expect(ReportLanguage.zhHant.htmlCode == "zh-Hant" && ReportLanguage(rawValue: "zh-Hant") == .zhHant)
    }
}
