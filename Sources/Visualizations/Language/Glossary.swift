/// One technical term and its single translation in each Chinese script.
public struct GlossaryTerm: Sendable, Hashable {
    /// The English term as it appears in figure text and on the page (lower case).
    public var en: String
    /// Its Simplified Chinese translation, the only one GPTScope uses.
    public var zh: String
    /// Its Traditional Chinese (Taiwan) translation, the only one GPTScope uses.
    public var zhHant: String
    /// Other translations readers meet in explainers, which GPTScope never writes (in either
    /// script), so one page never names one thing two ways.
    public var avoid: [String]

    /// A term.
    public init(_ en: String, zh: String, zhHant: String, avoid: [String] = []) {
        self.en = en
        self.zh = zh
        self.zhHant = zhHant
        self.avoid = avoid
    }

    /// The translation in `language` (`en` for English).
    public subscript(_ language: ReportLanguage) -> String {
        switch language {
        case .en: return en
        case .zh: return zh
        case .zhHant: return zhHant
        }
    }
}

/// The one glossary of the page and the figures: exactly one translation per term per
/// language. The figure phrase table (``FigureText``), the page's ``LocalizedText`` and the
/// Traditional converter all follow it, and a test checks every Chinese text against it.
public enum Glossary {
    /// Every term, most specific first (residual stream before stream).
    public static let terms: [GlossaryTerm] = [
        GlossaryTerm("attention head", zh: "注意力头", zhHant: "注意力頭"),
        GlossaryTerm("induction head", zh: "归纳头", zhHant: "歸納頭", avoid: ["感应头", "感應頭", "归纳注意力头"]),
        GlossaryTerm("previous-token head", zh: "前一个词元头", zhHant: "前一個詞元頭", avoid: ["前一词元头", "上一词元头"]),
        GlossaryTerm("attention rollout", zh: "注意力展开", zhHant: "注意力展開", avoid: ["注意力 rollout", "注意力滚动"]),
        GlossaryTerm("heatmap", zh: "热力图", zhHant: "熱力圖", avoid: ["热图", "熱圖"]),
        GlossaryTerm("attention", zh: "注意力", zhHant: "注意力", avoid: ["关注度", "關注度"]),
        GlossaryTerm("head", zh: "头", zhHant: "頭", avoid: ["磁头"]),
        GlossaryTerm("layer", zh: "层", zhHant: "層", avoid: ["层级", "層級"]),
        GlossaryTerm("tokenizer", zh: "分词器", zhHant: "分詞器", avoid: ["标记器", "標記器", "词元化器", "詞元化器"]),
        GlossaryTerm("token", zh: "词元", zhHant: "詞元", avoid: ["令牌", "标记", "標記", "符元", "词符", "詞符", "记号", "記號"]),
        GlossaryTerm("vocabulary", zh: "词表", zhHant: "詞表", avoid: ["词汇表", "詞彙表"]),
        GlossaryTerm("embedding", zh: "嵌入", zhHant: "嵌入", avoid: ["埋入", "内嵌", "內嵌"]),
        GlossaryTerm("unembedding", zh: "反嵌入", zhHant: "反嵌入", avoid: ["解嵌入"]),
        GlossaryTerm("positional encoding", zh: "位置编码", zhHant: "位置編碼", avoid: ["定位编码", "定位編碼"]),
        GlossaryTerm("position", zh: "位置", zhHant: "位置"),
        GlossaryTerm("rotary position embedding", zh: "旋转位置编码", zhHant: "旋轉位置編碼",
                     avoid: ["旋转位置嵌入", "旋轉位置嵌入", "旋转式位置", "旋轉式位置", "旋转编码", "旋轉編碼"]),
        GlossaryTerm("residual stream", zh: "残差流", zhHant: "殘差流", avoid: ["残余流", "殘餘流", "剩余流"]),
        GlossaryTerm("logit lens", zh: "logit 透镜", zhHant: "logit 透鏡", avoid: ["logit 镜头", "logit 鏡頭"]),
        GlossaryTerm("parameters", zh: "参数", zhHant: "參數", avoid: ["引數", "参量", "參量"]),
        GlossaryTerm("prompt", zh: "提示词", zhHant: "提示詞", avoid: ["提示语", "提示語"]),
        GlossaryTerm("query", zh: "查询", zhHant: "查詢"),
        GlossaryTerm("key", zh: "键", zhHant: "鍵"),
        GlossaryTerm("probability", zh: "概率", zhHant: "機率", avoid: ["几率", "幾率"]),
        GlossaryTerm("context", zh: "上下文", zhHant: "上下文", avoid: ["语境", "語境"]),
        GlossaryTerm("width", zh: "宽度", zhHant: "寬度"),
        GlossaryTerm("block", zh: "模块", zhHant: "模組", avoid: ["区块", "區塊"]),
        GlossaryTerm("prediction", zh: "预测", zhHant: "預測"),
        GlossaryTerm("training", zh: "训练", zhHant: "訓練"),
        GlossaryTerm("loss", zh: "损失", zhHant: "損失"),
        GlossaryTerm("score", zh: "得分", zhHant: "得分", avoid: ["分值"]),
        GlossaryTerm("chance level", zh: "随机水平", zhHant: "隨機水準"),
        GlossaryTerm("information", zh: "信息", zhHant: "資訊", avoid: ["讯息", "訊息"]),
    ]

    /// The term whose English is `english` (case-insensitive).
    public static func term(_ english: String) -> GlossaryTerm? {
        let key = english.lowercased()
        return terms.first { $0.en == key }
    }
}
