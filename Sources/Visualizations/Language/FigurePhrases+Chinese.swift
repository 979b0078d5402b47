/// The figures' words in Simplified Chinese, keyed by the English the figure code writes.
/// Traditional Chinese is converted from these (``TraditionalChinese``); technical terms
/// follow the ``Glossary``. See ``FigureText`` for how a text is looked up.
enum FigurePhrases {
    /// Whole texts: axis labels, legend names, panel titles, fixed footnotes.
    static let chinese: [String: String] = [
        // Words that label axes, legends and colorbars.
        "token": "词元",
        "tokens": "词元",
        "dimension": "维度",
        "value": "数值",
        "position": "位置",
        "position p": "位置 p",
        "position q": "位置 q",
        "layer": "层",
        "head": "头",
        "score": "得分",
        "probability": "概率",
        "parameters": "参数",
        "total": "总数",
        "attention weight": "注意力权重",
        "rollout weight": "展开权重",
        "masked (future)": "已遮蔽（未来）",
        "cosine similarity": "余弦相似度",
        "PE value": "位置编码数值",
        "wpe value": "wpe 数值",
        "Sinusoidal (fixed formula)": "正弦位置编码（固定公式）",
        "key position (attended to)": "键的位置（被关注）",
        "query position (attending)": "查询的位置（发出关注）",
        "query (attending)": "查询（发出关注）",
        "key (attended to)": "键（被关注）",
        "token embedding wte[token]": "词元嵌入 wte[词元]",
        "+ position embedding wpe[position]": "+ 位置嵌入 wpe[位置]",
        "= sum (blocks.0.hook_resid_pre)": "= 两者之和（blocks.0.hook_resid_pre）",
        "previous-token": "前一个词元",
        "first-token": "首词元",
        "current-token": "当前词元",
        "duplicate-token": "重复词元",
        "induction": "归纳",
        "‖x‖ per position": "每个位置的 ‖x‖",
        "residual stream stage": "残差流的阶段",
        "‖x‖ (L2 norm)": "‖x‖（L2 范数）",
        "Mean ‖x‖ over the positions shown": "所示位置上 ‖x‖ 的平均值",
        "mean ‖x‖": "‖x‖ 的平均值",
        "all positions": "所有位置",
        "position and token": "位置与词元",
        "without position 0": "不含位置 0",
        "input token at each position (each cell predicts the token after it)": "每个位置上输入的词元（每一格预测它后面的词元）",
        "residual stream read out": "读出的残差流",
        "probability of the top token": "最可能词元的概率",
        "mean L2 norm of what the sublayer adds": "子层所加内容的平均 L2 范数",
        "attention output (hook_attn_out)": "注意力输出（hook_attn_out）",
        "MLP output (hook_mlp_out)": "MLP 输出（hook_mlp_out）",
        "most probable": "最可能",
        "Token embedding": "词元嵌入",
        "Position embedding": "位置嵌入",
        "token embedding": "词元嵌入",
        "position embedding": "位置嵌入",
        "LayerNorm before attention": "注意力之前的 LayerNorm",
        "Attention Q, K, V weights": "注意力 Q、K、V 权重",
        "Attention Q, K, V biases": "注意力 Q、K、V 偏置",
        "Attention output weights": "注意力输出权重",
        "Attention output bias": "注意力输出偏置",
        "LayerNorm before MLP": "MLP 之前的 LayerNorm",
        "MLP up weights": "MLP 升维权重",
        "MLP up bias": "MLP 升维偏置",
        "MLP down weights": "MLP 降维权重",
        "MLP down bias": "MLP 降维偏置",
        "Final LayerNorm": "最终 LayerNorm",
        "normalization": "归一化",
        "attention": "注意力",
        "heatmap": "热力图",
        "curves": "曲线",
        "similarity": "相似度",
        "MLP": "MLP",
        "embeddings": "嵌入",
        "published total (paper)": "论文公布的总数",
        "published total": "公布的总数",
        "Total parameters (log scale)": "参数总数（对数坐标）",
        "Share of each component group": "各组成部分所占份额",
        "share of the model's parameters": "占模型参数的比例",

        // Figures the CLI draws outside the report (posenc, params, generate).
        "(sine solid, cosine dashed). Higher pairs turn slower: wavelength λ = 2π/ω positions, like the slower hands of a clock.":
            "（正弦为实线，余弦为虚线）。越往后的维度对转得越慢：波长 λ = 2π/ω 个位置，就像钟表上走得更慢的指针。",
        "Attention heads (h)": "注意力头数（h）",
        "Cell (p, q) = cosine similarity a·b / (|a||b|) of PE(p) and PE(q); 1 on the diagonal.":
            "格 (p, q) = PE(p) 与 PE(q) 的余弦相似度 a·b / (|a||b|)；对角线上为 1。",
        "Context length (tokens)": "上下文长度（词元）",
        "Exact counts from each configuration, stacked by component; on each bar its exact total, and above it the total the paper published.":
            "由各配置精确算出的参数量，按组成部分堆叠；每根条上标出精确总数，上方是论文公布的总数。",
        "Head width (d_model / h)": "每个头的宽度（d_model / h）",
        "It is the mean of cos(ω·(p − q)) over the d/2 frequencies ω, so it depends only on the distance p − q:":
            "它是 d/2 个频率 ω 上 cos(ω·(p − q)) 的平均，所以只取决于距离 p − q：",
        "Layers (L)": "层数（L）",
        "Left columns oscillate fast (wavelength 2π), right ones slowly (up to 2π·10,000): every position gets a unique pattern.":
            "左边的列振荡得快（波长 2π），右边的慢（最长 2π·10,000）：每个位置都得到独一无二的模式。",
        "One bar per model; each panel has its own axis. Parameters grow with L · d², so width and depth together drive the total.":
            "每个模型一根条；每个面板有自己的坐标轴。参数量随 L · d² 增长，所以宽度和深度共同决定总数。",
        "Parameters (log scale)": "参数（对数坐标）",
        "Width (d_model)": "宽度（d_model）",
        "chosen, less likely": "选中的（概率较低）",
        "each band parallel to the diagonal has one colour, and nearby positions look alike.":
            "与对角线平行的每条带颜色相同，相邻位置彼此相似。",
        "Bars: count · share of total · formula (L layers, d width).": "条形：数量 · 占总数的比例 · 公式（L 为层数，d 为宽度）。",

        "Row = one position's vector. Column 2i = sin(pos / 10,000^(2i/d)), column 2i+1 = the matching cos.":
            "每一行是一个位置的向量。第 2i 列 = sin(pos / 10,000^(2i/d))，第 2i+1 列是对应的 cos。",
        // The training report (train-report).
        "Loss = average −ln p(correct next token). Validation loss is measured on held-out text the model never trains on.":
            "损失 = −ln p(正确的下一个词元) 的平均。验证损失在模型从未训练过的留出文本上测量。",
        "loss (nats per token)": "损失（每个词元的 nat 数）",
        "training loss (each step)": "训练损失（每一步）",
        "training loss (smoothed)": "训练损失（平滑）",
        "validation loss": "验证损失",
        "training step": "训练步数",
        "learning rate": "学习率",
        "learning rate (×1e-3)": "学习率（×1e-3）",
        "head score (1 = perfect)": "头的得分（1 = 完美）",
        "Rows: queries (top to bottom); columns: keys (left to right). Above each frame: the head's score on the whole probe (1 = perfect).":
            "行：查询（从上到下）；列：键（从左到右）。每帧上方：该头在整个探针上的得分（1 = 完美）。",
        "Share of each head's attention on the probe that lands where its kind of head would look.":
            "每个头在探针上的注意力落在该类头应当关注之处的比例。",
        // Fixed footnotes and explanations.
        "Light grey cells are the masked future: a causal model cannot attend to later tokens.":
            "浅灰色格子是被遮蔽的未来：因果模型不能关注后面的词元。",
        "Rollout (Abnar & Zuidema 2020): Ã = (mean over heads + I) / 2 per layer, multiplied from layer 0 up; a flow estimate, not an explanation.":
            "注意力展开（Abnar 与 Zuidema，2020）：每层 Ã =（各头平均 + I）/ 2，从第 0 层起逐层相乘；这是对信息流的估计，不是解释。",
        "Left: sine/cosine pairs of growing wavelength λ (solid sine, dashed cosine). Right: the learned dimensions with the highest variance.":
            "左：波长 λ 逐渐增大的正弦/余弦对（实线为正弦，虚线为余弦）。右：学到的位置向量中方差最大的几个维度。",
        "Rows are positions, columns dimensions. Left: column 2i = sin(pos/10000^(2i/d)), 2i+1 = cos; right: the vectors the model learned (wpe[pos]). Each panel has its own colour scale.":
            "行是位置，列是维度。左：第 2i 列 = sin(pos/10000^(2i/d))，第 2i+1 列 = cos；右：模型学到的向量（wpe[pos]）。每个面板各用自己的色标。",
        "Cell (p, q) is the cosine similarity of the vectors of positions p and q. The sinusoidal one depends only on p − q (bands parallel to the diagonal).":
            "格 (p, q) 是位置 p 与位置 q 的向量的余弦相似度。正弦位置编码只取决于 p − q（与对角线平行的条带）。",
        "Left: total parameters on a log axis. Right: how each model splits them, in % (stacked segments on a log axis would misstate their sizes).":
            "左：参数总数（对数坐标）。右：每个模型的参数如何分配，以 % 表示（在对数坐标上堆叠会歪曲各段的大小）。",
        "A tied output head is counted once, in the token embedding; non-trainable buffers (e.g. the causal mask attn.bias stored in some GPT-2 checkpoints) are not counted.":
            "与词元嵌入共享权重的输出头只计一次（计入词元嵌入）；不可训练的缓冲区（例如某些 GPT-2 检查点里保存的因果掩码 attn.bias）不计入。",
        "Both outputs are added to the residual stream: x = x + attn(ln_1(x)); x = x + mlp(ln_2(x)) (GPT-2; GPT-1 normalises after the add).":
            "两者的输出都加回残差流：x = x + attn(ln_1(x))；x = x + mlp(ln_2(x))（GPT-2；GPT-1 在相加之后才归一化）。",
        "Probabilities are the model's own (softmax at temperature 1), before any sampling filter. · is a space.":
            "概率是模型自己给出的（温度为 1 的 softmax），未经任何采样过滤。· 表示空格。",
        "Definitions follow TransformerLens's head detector: score = Σ(pattern ⊙ detection) / Σ pattern.":
            "定义沿用 TransformerLens 的头检测器：得分 = Σ(注意力模式 ⊙ 检测模板) / Σ 注意力模式。",
        "Duplicate-token and induction scores need a prompt that repeats tokens (try a random sequence of 50 tokens written twice).":
            "重复词元和归纳得分需要一个有重复词元的提示词（可以试试把 50 个随机词元写两遍）。",
        "Lines with weight below 0.01 are left out. A query only attends to itself and earlier keys (causal mask).":
            "权重低于 0.01 的连线不画。查询只关注它自己和前面的键（因果掩码）。",
        "Each row is one step: the most probable next tokens and their probabilities.":
            "每一行是一步：最可能的下一个词元及其概率。",
        "Red outline: the token chosen (greedy).": "红框：选中的词元（贪心）。",
        "Row = layer, column = head; in each thumbnail queries run down and keys across, the future is grey.":
            "行 = 层，列 = 头；每个小图中查询从上往下、键从左往右排列，未来部分为灰色。",
        "Score = the share of a head's attention that lands where that kind of head would look (1 = perfect).":
            "得分 = 一个头的注意力落在该类头应当关注之处的比例（1 = 完美）。",
        "Row = query (the token looking), column = key (a token it looks at); each row's weights sum to 1.":
            "行 = 查询（发出关注的词元），列 = 键（被关注的词元）；每行权重之和为 1。",
        "Each panel averages one layer's heads: where the layer as a whole attends.":
            "每个面板是一层各头的平均：这一层整体关注哪里。",
        "Each panel takes, per cell, the largest weight of any head in the layer: where some head attends strongly.":
            "每个面板逐格取这一层所有头中最大的权重：哪里有某个头强烈关注。",
        "Panel L: how much of each position's state after layer L traces back to each input token (rows sum to 1).":
            "面板 L：第 L 层之后每个位置的状态有多少可追溯到各个输入词元（每行之和为 1）。",
        "Each panel is one head: rows are queries, columns are keys (as in the single-head figure).":
            "每个面板是一个头：行是查询，列是键（与单头图相同）。",
        "Lines join each query (left) to the keys it attends to (right); the darker the line, the larger the weight.":
            "连线把每个查询（左）连到它关注的键（右）；线越深，权重越大。",
        "The residual stream is the running sum every block reads and adds to; ‖x‖ is its length (L2 norm).":
            "残差流是每个模块读取并往里相加的累加和；‖x‖ 是它的长度（L2 范数）。",
        "Each stage of the residual stream goes through the final LayerNorm (ln_f) and the unembedding, then softmax.":
            "残差流的每个阶段都经过最终的 LayerNorm（ln_f）和反嵌入，再做 softmax。",
        "the information is absent (the tuned lens of Belrose et al. 2023 trains a readout per layer).":
            "信息不存在（Belrose 等人 2023 年的 tuned lens 为每一层训练一个读出）。",
        "Caveat: early layers were never trained to be read this way, so a poor readout there does not mean":
            "注意：前面的层从未被训练成可以这样读出，所以那里读出效果差并不意味着",
        "A cell: the most probable next token when that stage is decoded as if it were the last layer; outlined bold cells match the prompt's actual next token.":
            "每一格：把该阶段当作最后一层来解码时最可能的下一个词元；加粗描边的格子与提示词中实际的下一个词元相同。",
        "Repeated tokens have the same embedding (cell = 1); a trained model gives related words similar vectors.":
            "重复的词元嵌入相同（格 = 1）；训练过的模型会给相关的词相近的向量。",
        "The number under each token is its id in GPT-2's byte-level BPE vocabulary.":
            "每个词元下方的数字是它在 GPT-2 字节级 BPE 词表中的编号。",
        "Each point is one word's row of wte, tokenized with a leading space as inside a sentence (\" king\"); a word split into several tokens is their mean.":
            "每个点是一个词在 wte 中的那一行，切分时像在句子中那样带前导空格（\" king\"）；被切成几个词元的词取它们的平均。",
        "Mean length of each sublayer's output over the prompt's positions (position 0 left out: GPT-2 writes outsized vectors there).":
            "各子层输出在提示词各位置上的平均长度（不含位置 0：GPT-2 在那里写入特别大的向量）。",
        "· is a space and \\n a newline.": "· 表示空格，\\n 表示换行。",
        "· is a space and \\n a newline. <xx> is one byte (in hex) of a character split across tokens; the bracket above such tokens shows the character.":
            "· 表示空格，\\n 表示换行。<xx> 是被拆到几个词元中的字符的一个字节（十六进制）；这些词元上方的括号标出该字符。",
    ]

    /// Texts with numbers or tokens in them; `{0}`, `{1}` are holes, filled by what the English
    /// has there (itself looked up); `{#0}` takes only a number. Longer, more specific patterns first.
    static let chineseTemplates: [(String, String)] = [
        // Titles.
        ("How {0} tokenizes this prompt", "{0} 如何把这个提示词切分成词元"),
        ("How the vocabulary {0} tokenizes this text", "词表 {0} 如何切分这段文字"),
        ("{0} · “{1}”: token embeddings, {#2} tokens × {#3} numbers", "{0} · “{1}”：词元嵌入，{2} 个词元 × {3} 个数"),
        ("{0} · “{1}”: token-to-token cosine similarity", "{0} · “{1}”：词元之间的余弦相似度"),
        ("{0} · “{1}”: token + position = the input of block {#2}", "{0} · “{1}”：词元 + 位置 = 第 {2} 个模块的输入"),
        ("{0}: {#1} words' token embeddings, 2-D PCA", "{0}：{1} 个词的词元嵌入，二维 PCA"),
        ("Positional encodings compared: {0}, d_model {#1}, positions {2}", "位置编码对比：{0}，d_model {1}，位置 {2}"),
        ("{0} · every layer and head: attention patterns", "{0} · 每一层、每个头：注意力模式"),
        ("{0} · head scores: which heads do what", "{0} · 头的得分：哪些头在做什么"),
        ("{0} · layer {#1}, head {#2}: attention pattern", "{0} · 第 {1} 层第 {2} 个头：注意力模式"),
        ("{0} · layer {#1}, head {#2}: head view", "{0} · 第 {1} 层第 {2} 个头：注意力头视图"),
        ("{0} · layer {#1}, all {#2} heads: head view", "{0} · 第 {1} 层全部 {2} 个头：注意力头视图"),
        ("{0} · layer {#1}, heads {2}: head view", "{0} · 第 {1} 层的第 {2} 个头：注意力头视图"),
        ("{0} · layer {#1}: every head's attention pattern", "{0} · 第 {1} 层：每个头的注意力模式"),
        ("{0} · mean over heads, layer by layer", "{0} · 各头平均，逐层"),
        ("{0} · max over heads, layer by layer", "{0} · 各头最大值，逐层"),
        ("{0} · attention rollout, layer by layer", "{0} · 注意力展开，逐层"),
        ("{0} · what attention and the MLP add in each layer", "{0} · 每一层注意力和 MLP 各加了多少"),
        ("Residual stream through the layers — {0}, “{1}”", "逐层看残差流 — {0}，“{1}”"),
        ("Logit lens — {0}, “{1}”", "logit 透镜 — {0}，“{1}”"),
        ("Next-token probabilities — {0}, “{1}” → ?", "下一个词元的概率 — {0}，“{1}” → ?"),
        ("Generation step by step — {0}", "逐步生成 — {0}"),
        ("Parameters of {0}", "{0} 的参数"),
        ("{0}: {#1} parameters", "{0}：{1} 个参数"),
        ("Learned (wpe) of {0}", "{0} 学到的位置嵌入（wpe）"),

        // Subtitle and footnote lines with numbers.
        ("Each row is one token's vector, looked up in the embedding table wte by the token's id: {0}, {1}.",
         "每一行是一个词元的向量，按词元编号在嵌入表 wte 中查得：{0}，{1}。"),
        ("This is all the model knows about a token before attention mixes in the others; colours centred at 0, reaching ±{#0} (99th percentile of |value|).",
         "在注意力混入其他词元之前，模型对一个词元所知的就是这些；颜色以 0 为中心，最大到 ±{0}（|数值| 的第 99 百分位）。"),
        ("Cell (i, j) = a·b / (|a||b|) for the token embeddings (wte) a, b of tokens i and j, all {#0} tokens; 1 on the diagonal.",
         "格 (i, j) = a·b / (|a||b|)，a、b 是词元 i 和 j 的词元嵌入（wte），全部 {0} 个词元；对角线上为 1。"),
                ("PCA: the two directions in which these words differ most ({0} + {1} of their variance); equal units on both axes.",
         "PCA：这些词差异最大的两个方向（占方差的 {0} + {1}）；两轴单位长度相同。"),
        ("PC{#0} · {1} of the variance", "PC{0} · 占方差的 {1}"),
        ("The same row of wpe is added to whatever token sits at that position, so the model sees both what and where: {0},",
         "wpe 的同一行会加到该位置上的任何词元上，所以模型既看到“是什么”也看到“在哪里”：{0}，"),
        ("{0}; one colour scale for the three matrices, colours centred at 0, reaching ±{#1} (99th percentile of |value|).",
         "{0}；三个矩阵共用一个色标，颜色以 0 为中心，最大到 ±{1}（|数值| 的第 99 百分位）。"),
        ("Positions {#0}–{#1} of {#2} (pass a range of positions to see others).",
         "位置 {0}–{1}，共 {2} 个（指定位置范围可查看其他位置）。"),
        ("{0} (log colour scale)", "{0}（对数色标）"),
        ("{0} (sqrt colour scale)", "{0}（平方根色标）"),
        ("{0} (linear colour scale)", "{0}（线性色标）"),
        ("{0} · paper {1}", "{0} · 论文 {1}"),
        ("resid_pre 0 = token + position embedding; resid_pre i enters block i; resid_post {#0} leaves the last.",
         "resid_pre 0 = 词元嵌入 + 位置嵌入；resid_pre i 进入第 i 个模块；resid_post {0} 离开最后一个模块。"),
        ("Bottom row: the embeddings (resid_pre 0); top row: the output of block {#0}, which is the model's real prediction.",
         "最下一行：嵌入（resid_pre 0）；最上一行：第 {0} 个模块的输出，即模型真正的预测。"),
                ("The model's output at position {#0} (token {1}): softmax over all {#2} tokens; the {#3} most probable.",
         "模型在位置 {0}（词元 {1}）的输出：对全部 {2} 个词元做 softmax；列出最可能的 {3} 个。"),
        ("Best heads: {0}", "得分最高的头：{0}"),
        ("Prompt: “{0}”", "提示词：“{0}”"),
        ("Chosen: “{0}”", "选中：“{0}”"),
        ("Prompt “{0}”", "提示词“{0}”"),
        ("{#0} layers · d_model {#1} · {#2} heads · context {#3} · vocabulary {4} Bars: count · share of total · formula (L layers, d width).",
         "{0} 层 · d_model {1} · {2} 个头 · 上下文 {3} · 词表 {4}。条形：数量 · 占总数的比例 · 公式（L 为层数，d 为宽度）。"),

        ("{#0} layers · d_model {#1} · {#2} heads · context {3} · vocabulary {4}",
         "{0} 层 · d_model {1} · {2} 个头 · 上下文 {3} · 词表 {4}"),
        ("Published {0} vs {1} counted here ({2}). Bars: count · share of total · formula (L layers, d width).",
         "论文公布 {0}，此处算得 {1}（{2}）。条形：数量 · 占总数的比例 · 公式（L 为层数，d 为宽度）。"),
        ("Even dimension 2i is sin(pos·ω), odd dimension 2i+1 is cos(pos·ω), with ω = 1/10,000^(2i/d) and d = {#0}. A pair shares a colour",
         "偶数维 2i 是 sin(pos·ω)，奇数维 2i+1 是 cos(pos·ω)，其中 ω = 1/10,000^(2i/d)，d = {0}。同一对维度颜色相同"),
        ("Red outline: the token chosen (temperature {0}, seed {1}).", "红框：选中的词元（温度 {0}，随机种子 {1}）。"),
        ("Sinusoidal positional encoding: cosine similarity of positions {0}, d_model {#1}", "正弦位置编码：位置 {0} 之间的余弦相似度，d_model {1}"),
        ("Sinusoidal positional encoding: dimensions against position, positions {0}", "正弦位置编码：各维度随位置的变化，位置 {0}"),
        ("Sinusoidal positional encoding: positions {0} × {#1} dimensions", "正弦位置编码：位置 {0} × {1} 个维度"),
        ("Sizes span {0}, so small models are thin here; the log-scale version compares them.", "规模相差 {0}，所以小模型在这里很细；对数坐标版更便于比较。"),
        ("How the architecture scales: {0}", "架构如何扩展：{0}"),
        ("How {0} tokenizes this text", "{0} 如何切分这段文字"),
        ("{0} beside {1} and {2}", "{0} 与 {1} 和 {2}"),
        ("{0} (loaded)", "{0}（已加载）"),
        ("paper: {0}", "论文：{0}"),
        ("this model: {0}", "本模型：{0}"),

        ("{0} · training: the loss falls as the model learns", "{0} · 训练：模型学习时损失下降"),
        ("{0} · film strip: attention heads forming during training", "{0} · 胶片条：训练中逐渐形成的注意力头"),
        ("{0} · head scores over training", "{0} · 训练过程中头的得分"),
        ("After {#0} steps: validation loss {#1} nats, {#2} below the unigram baseline {#3} (uniform ln V = {#4})",
         "{0} 步之后：验证损失 {1} nat，比一元语法基线 {3} 低 {2}（均匀猜测 ln V = {4}）"),
        ("{#0} layers · {#1} heads · d_model {#2} · vocabulary {3} · context {4} · {5} parameters",
         "{0} 层 · {1} 个头 · d_model {2} · 词表 {3} · 上下文 {4} · {5} 个参数"),
        ("unigram baseline {#0}: word frequencies only, no context", "一元语法基线 {0}：只用词频，不看上下文"),
        ("uniform guess ln V = {#0}", "均匀猜测 ln V = {0}"),
        ("Probe: {#0} tokens of held-out text, then {#1} random tokens shown twice", "探针：{0} 个留出文本的词元，再加 {1} 个随机词元重复两遍"),
        ("frames show positions {#0}–{#1}", "各帧显示位置 {0}–{1}"),
        ("Previous-token head: a bright line just below the diagonal. Induction head: in the second copy, a line {#0} positions left of the diagonal.",
         "前一个词元头：对角线正下方的一条亮线。归纳头：在第二遍中，对角线左边 {0} 个位置处的一条线。"),
        ("Only keys from position {#0} on are shown, so a row's weights may sum to less than 1.",
         "只显示位置 {0} 起的键，所以一行的权重之和可能小于 1。"),
        ("At the last snapshot: {0}", "最后一次快照：{0}"),
        ("L{#0} H{#1} previous-token score", "L{0} H{1} 前一个词元得分"),
        ("L{#0} H{#1} induction score", "L{0} H{1} 归纳得分"),
        ("L{#0} H{#1} {2} {#3}", "L{0} H{1} {2} {3}"),
        ("step {#0}", "第 {0} 步"),
        ("prev-token {#0}", "前一个词元 {0}"),
        ("induction {#0}", "归纳 {0}"),

        // Short labels with numbers.
        ("positions {#0}–{#1} of {#2} tokens", "位置 {0}–{1}（共 {2} 个词元）"),
        ("all {#0} dimensions", "全部 {0} 个维度"),
        ("the first {#0} of {#1} dimensions", "{1} 个维度中的前 {0} 个"),
        ("all {#0} tokens", "全部 {0} 个词元"),
        ("the first {#0} of {#1} tokens", "{1} 个词元中的前 {0} 个"),
        ("dim {#0} sin, λ {#1}", "维度 {0} sin，λ {1}"),
        ("dim {#0} cos, λ {#1}", "维度 {0} cos，λ {1}"),
        ("dim {#0} (sd {#1})", "维度 {0}（标准差 {1}）"),
        ("layer {#0}", "第 {0} 层"),
        ("Layer {#0}", "第 {0} 层"),
        ("head {#0}", "第 {0} 个头"),
        ("after layer {#0}", "第 {0} 层之后"),
        ("rank {#0}", "第 {0} 名"),
        ("all other {#0}", "其余 {0} 个"),
        ("{#0} tokens", "{0} 个词元"),
        ("{#0} token", "{0} 个词元"),
        ("{#0} characters", "{0} 个字符"),
        ("{#0} character", "{0} 个字符"),
        ("{#0} bytes (UTF-8)", "{0} 字节（UTF-8）"),
        ("{#0} bytes per token", "每个词元 {0} 字节"),
        ("{#0} characters split into byte-level tokens", "{0} 个字符被拆成字节级词元"),
        ("{#0} character split into byte-level tokens", "{0} 个字符被拆成字节级词元"),
        ("{#0}–{#1}", "{0}–{1}"),
        // "previous-token L0H1 0.28" in lists of best heads: kind, head, score.
        ("{0} {1} {#2}", "{0} {1} {2}"),
    ]
}
