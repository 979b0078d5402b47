extension TraditionalChinese {
    /// Words whose Traditional (Taiwan) form is not their characters' first forms, or whose
    /// Taiwan wording differs (信息 → 資訊). Checked against OpenCC's `s2twp` on every Chinese
    /// text GPTScope writes; glossary terms are not listed here (``Glossary`` supplies them).
    static let phrasePairs: [(String, String)] = [
        ("保存", "儲存"),
        ("借助", "藉助"),
        ("借此", "藉此"),
        ("公布", "公佈"),
        ("分布", "分佈"),
        ("加载", "載入"),
        ("十六进制", "十六進位"),
        ("反复", "反覆"),
        ("合并", "合併"),
        ("坐标", "座標"),
        ("复制", "複製"),
        ("复用", "複用"),
        ("字符", "字元"),
        ("字节", "位元組"),
        ("干净", "乾淨"),
        ("振荡", "振盪"),
        ("数据", "資料"),
        ("文件", "檔案"),
        ("智能", "智慧"),
        ("查看", "檢視"),
        ("注明", "註明"),
        ("程序", "程式"),
        ("窗口", "視窗"),
        ("组件", "元件"),
        ("缓存", "快取"),
        ("脚注", "腳註"),
        ("若干", "若干"),
        ("运行", "執行"),
        ("采样", "取樣"),
        ("重复", "重複"),
        ("钟表", "鐘錶"),
    ]
}
