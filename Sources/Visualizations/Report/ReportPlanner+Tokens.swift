import Charts

extension ReportPlanner {
    /// The prompt as token chips.
    func tokenRecipes() -> [ReportRecipe] {
        let tokens = analysis.tokens
        let name = analysis.modelName
        return [ReportRecipe(ReportItem(
            stem: "tokens", section: .tokens,
            title: LocalizedText(en: "The prompt as tokens", zh: "提示词被切成的词元"),
            explanation: LocalizedText(
                en: "Each chip is one token with its id underneath; neighbouring chips alternate colours so you can see where one token ends. A dot (·) marks a leading space, which belongs to the word after it, and a character cut into several byte-level tokens is shown over its pieces.",
                zh: "每个色块是一个词元，下方的数字是它的编号；相邻色块颜色不同，便于看清词元的边界。圆点（·）表示词前的空格——空格归属于后面的词；一个汉字若被拆成几个字节级词元，会在这些词元上方标出原字。"))
        ) {
            try TokenChips(tokens: tokens, tokenizer: analysis.tokenizer, title: "How \(name) tokenizes this prompt").figure()
        }]
    }
}
