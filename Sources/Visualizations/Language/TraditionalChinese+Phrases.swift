extension TraditionalChinese {
    /// Words whose Traditional (Taiwan) form is not their characters' first forms, or whose
    /// Taiwan wording differs (信息 → 資訊). Checked against OpenCC's `s2twp` on every Chinese
    /// text GPTScope writes; glossary terms are not listed here (``Glossary`` supplies them).
    static let phrasePairs: [(String, String)] = [
    ]
}
