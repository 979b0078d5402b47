/// The training report page's words in every language, written for a reader who has never
/// watched a model train.
enum TrainingReportText {
    static let pageTitle = LocalizedText(en: "How the model learned", zh: "模型是怎样学会的")
    static let run = LocalizedText(en: "Run", zh: "训练目录")
    static let steps = LocalizedText(en: "Steps", zh: "训练步数")
    static let finalLoss = LocalizedText(en: "Validation loss", zh: "验证集损失")
    static let baseline = LocalizedText(en: "Unigram baseline", zh: "一元词频基线")
    static let heads = LocalizedText(en: "Heads followed", zh: "跟踪的注意力头")
    static let scoreHint = LocalizedText(en: "score at the last snapshot: 1 = an ideal head of that kind; the film strip's footnote gives each kind's chance level and the bar a head must clear to be named after its kind",
                                         zh: "最后一次快照时的得分：1 表示理想的同类头；胶片条的脚注给出每类得分的随机水平，以及一个头要被称为该类头必须达到的门槛")
    /// "previous-token score": a number, not a claim that the head is of that kind.
    static func scoreLabel(_ kind: HeadScoreKind) -> LocalizedText {
        LocalizedText(en: kind.name.en + " score", zh: kind.name.zh + "评分")
    }
    static let nats = LocalizedText(en: "nats per token", zh: "奈特/词元")

    /// Chapter headings and openings: the loss (section `.predictions`) and the heads (`.attention`).
    static func chapterTitle(_ section: ReportSection) -> LocalizedText {
        section == .attention
            ? LocalizedText(en: "Attention heads forming", zh: "注意力头是怎样形成的")
            : LocalizedText(en: "The loss curve", zh: "损失曲线")
    }

    static func chapterIntroduction(_ section: ReportSection) -> LocalizedText {
        section == .attention
            ? LocalizedText(
                en: "At every evaluation the trainer ran the model on one fixed probe prompt and saved every head's attention pattern. Lined up step by step, the snapshots show a head change from a blur into a sharp pattern.",
                zh: "每次评估时，训练程序都会让模型读同一段固定的探针文本，并保存每个注意力头的注意力模式。按训练步数排开这些快照，就能看到一个头怎样从一片模糊变成清晰的模式。")
            : LocalizedText(
                en: "Training repeats one loop: the model predicts every next token of a batch of text, the loss measures how wrong it was, and the gradients nudge every weight to make it a little less wrong.",
                zh: "训练就是反复做同一件事：模型预测一批文本中每个位置的下一个词元，用损失衡量预测错了多少，再按梯度把每个权重往“错得少一点”的方向推一小步。")
    }

    static let lossTitle = LocalizedText(en: "Loss against training steps", zh: "损失随训练步数的变化")
    static let lossExplanation = LocalizedText(
        en: "The loss is the average of −ln p(correct next token), in nats: lower means the model gives the right token more probability. The faint blue line is each step's batch, the solid blue line its smoothed trend, and the red dots the loss on held-out validation text the model never trained on; if red stays close to blue, the model is not just memorising. The grey dashed line ln V is what guessing uniformly among all V tokens scores, which is where an untrained model starts. The green dashed line is the unigram baseline: the best a model can do knowing only how often each token occurs, without looking at the context. Falling below it means the model has learned to use the preceding tokens. The purple dashed and orange lines (in runs that recorded them) are the loss on the probe prompt's random token sequence, which is written twice: its first copy cannot be predicted, but its second copy can, by looking back at what followed the current token the first time. While the orange line stays with the purple one, the model cannot do that; when it drops away, an induction head has formed, and the head scores below show which one. The small panel shows the learning rate: a short warm-up, then cosine decay.",
        zh: "损失是 −ln p(正确的下一个词元) 的平均值，单位为奈特（nat）：越低，说明模型给正确词元的概率越高。浅蓝色细线是每一步那批数据上的损失，深蓝色粗线是平滑后的趋势，红点是在模型从未训练过的验证文本上的损失；红点紧跟蓝线，说明模型不只是在死记硬背。灰色虚线 ln V 是在全部 V 个词元中平均乱猜的损失，未经训练的模型就从这里起步。绿色虚线是一元词频基线：只知道每个词元出现得多频繁、完全不看上下文时所能做到的最好成绩。降到它下面，就说明模型学会了利用前文。紫色虚线和橙色线（若训练时记录了）是探针文本中那串重复两遍的随机词元上的损失：第一遍无法预测，第二遍却可以——只要回看上一遍中当前词元后面跟着什么。橙线与紫线贴在一起时，模型还做不到这一点；橙线一旦明显下落，说明归纳头已经形成，下面的得分图会指出是哪一个头。下方小图是学习率：先短暂预热，再按余弦曲线衰减。")

    static let stripTitle = LocalizedText(en: "Film strip: chosen heads through training", zh: "胶片条：选定的注意力头在训练中的变化")
    static let stripExplanation = LocalizedText(
        en: "Each row follows one head; each column is a snapshot, from the first evaluation (random weights, left) to the last (right). In every frame the rows are queries and the columns keys, bright meaning much attention; grey is the future, which a causal model cannot see. The probe is a piece of held-out text followed by a random token sequence written twice; the frames show that random part. A previous-token head draws a bright line just below the diagonal; an induction head, on the second copy, looks back at the token that followed the current token last time, a line parallel to the diagonal. The number above each frame is the head's score at that step: the mean attention it puts where an ideal head of that kind looks, so 1 is an ideal head and a head spreading its attention evenly scores the chance level given in the footnote. Unless given with --heads, the heads followed are the best-scoring on previous-token and on induction at the last snapshot; the footnote says whether each clears its bar (halfway from chance to 1) and so may be called a previous-token or induction head.",
        zh: "每一行跟踪一个注意力头；每一列是一次快照，从第一次评估（随机权重，最左）到最后一次（最右）。每个小图中，行是查询（query），列是键（key），越亮表示注意力越集中；灰色是“未来”的位置，因果模型看不到。探针文本先是一段验证文本，再把一串随机词元重复写两遍；小图显示的是随机的这部分。“前一个词元”头会在对角线正下方画出一条亮线；“归纳头”在第二遍时回看上一遍中当前词元后面跟着的那个词元，形成一条与对角线平行的亮线。每个小图上方的数字是该头在这一步的得分：它放在“理想的同类头”应看位置上的平均注意力，所以 1 表示理想的头，而把注意力平均分配的头只能得到脚注中给出的随机水平。若未用 --heads 指定，程序跟踪的是最后一次快照中“前一个词元”评分和归纳评分最高的头；脚注说明每个头是否达到门槛（随机水平与 1 的中点），只有达到门槛才称它为“前一个词元”头或归纳头。")

    static let scoresTitle = LocalizedText(en: "Head scores over training", zh: "注意力头得分随训练的变化")
    static let scoresExplanation = LocalizedText(
        en: "The same heads' scores at every snapshot: the mean attention the head puts, on the probe, exactly where an ideal head of its kind would look (1 = ideal; induction is scored on the second copy of the random tokens only). The dashed line is each kind's bar, halfway from chance to 1, and the dotted line its chance level, what a head spreading its attention evenly scores. A score that jumps within a few hundred steps shows a pattern forming quickly; an induction score usually rises later than a previous-token score, because an induction head needs a previous-token head in an earlier layer to build on.",
        zh: "同样几个头在每次快照时的得分：这个头在探针文本上放在“理想的同类头”应看位置上的平均注意力（1 表示理想；归纳评分只计算随机词元的第二遍）。虚线是每类得分的门槛（随机水平与 1 的中点），点线是随机水平，即把注意力平均分配的头所得的分数。得分在几百步之内突然跃升，说明一种模式迅速形成了；归纳头的得分通常比“前一个词元”头上升得晚，因为归纳头要借助更早一层中的“前一个词元”头才能工作。")
}
