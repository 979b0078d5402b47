import Foundation
import GPTModel
import Tokenization
import Visualizations

/// `gptscope params --explain`: the numbers explainers often get wrong, each computed from the
/// presets and the prompt by ``ExplainerFacts``.
enum ParamsExplain {
    /// The facts for `prompt` under GPT-2's tokenizer, as numbered claim/fact pairs.
    static func render(prompt: String, language: ReportLanguage) throws -> String {
        let gpt2 = try Tokenizer.gpt2()
        let facts = try ExplainerFacts(prompt: prompt, tokenizer: gpt2, gpt2Tokenizer: gpt2,
                                       fallbackChineseSample: ExplainerFacts.chineseSample(for: language))
        var out = [ExplainerFacts.heading(language), ""]
        for (i, item) in facts.items(language).enumerated() {
            out.append("\(i + 1). " + item.claim)
            out.append(wrap(item.fact, language: language, indent: "   "))
            out.append("")
        }
        out.append(wrap((language.isChinese ? language.chinese("提示词：") : "Prompt: ") + prompt, language: language, indent: ""))
        return out.joined(separator: "\n")
    }

    /// English wraps at spaces; Chinese, which has none between words, after any wide character
    /// (counted as two columns), never inside a number or a Latin word.
    private static func wrap(_ text: String, language: ReportLanguage, indent: String, width: Int = 96) -> String {
        guard language.isChinese else { return Formatting.wrap(text, width: width, indent: indent) }
        // Units that must stay whole: one wide character, one space, or a run of other characters.
        var units: [String] = []
        for character in text {
            let narrow = TextTable.displayWidth(String(character)) == 1 && character != " "
            if narrow, let last = units.last, let end = last.last,
               TextTable.displayWidth(String(end)) == 1, end != " " {
                units[units.count - 1].append(character)
            } else {
                units.append(String(character))
            }
        }
        var lines: [String] = []
        var line = ""
        for unit in units {
            if !line.isEmpty && TextTable.displayWidth(indent + line + unit) > width {
                while line.hasSuffix(" ") { line.removeLast() }
                lines.append(indent + line)
                line = ""
            }
            if !(line.isEmpty && unit == " ") { line += unit }
        }
        if !line.isEmpty { lines.append(indent + line) }
        return lines.joined(separator: "\n")
    }
}
