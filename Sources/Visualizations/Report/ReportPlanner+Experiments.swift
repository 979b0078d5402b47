import Charts
import Experiments
import GPTModel

extension ReportPlanner {
    /// Experiments on the model: ablation and patching on a repeated sequence (induction), and
    /// for a GPT-2-vocabulary model the indirect-object pair's patching and attribution.
    /// Their items list no hooks: they run prompts of their own, not the report's, so the report's
    /// recorded tensors are not what they were drawn from.
    func experimentRecipes() -> [ReportRecipe] {
        let model = analysis.model, name = analysis.modelName, tokenizer = analysis.tokenizer
        var recipes = [
            ReportRecipe(ReportItem(
                stem: "experiments.ablation-repeat", section: .experiments,
                title: LocalizedText(en: "Switching off one head at a time", zh: "一次关掉一个注意力头"),
                explanation: LocalizedText(
                    en: "The prompt is random tokens written twice; each cell is how much the loss on the second copy rises (red) or falls (blue) when that head's output is set to zero. A head whose removal hurts the second copy is needed to predict it, as an induction head is. It does not show what the head computes, and heads that back each other up can each look harmless.",
                    zh: "提示词是一串随机词元重复两次；每个格子表示把该注意力头的输出置零后，第二遍的损失升高（红）或降低（蓝）了多少。去掉后让第二遍变差的头，是预测它所必需的，归纳头（induction head）就是这样。但这不能说明这个头具体算了什么；而且互为备份的几个头，单独去掉时可能都显得无关紧要。"))
            ) { try ExperimentRuns.repeatAblation(model: model, modelName: name) },
            ReportRecipe(ReportItem(
                stem: "experiments.patching-repeat", section: .experiments,
                title: LocalizedText(en: "Patching: where the copied token travels", zh: "激活修补：被复制的词元走了哪条路"),
                explanation: LocalizedText(
                    en: "Two repeated prompts differ in one token of the first copy, so copying predicts a different next token at the end. Each cell runs the changed prompt with one activation taken from the original: 1 means that activation alone brings the original answer back. A bright head in the lower right panel carries the copied token; a score near 0 does not prove a part is unused, only that this one swap did not need it.",
                    zh: "两个重复提示词只在第一遍的一个词元上不同，所以靠“复制”预测出的最后一个词元也不同。每个格子在被改动的提示词上运行，只把一个激活换成原提示词的：1 表示单靠这个激活就能找回原来的答案。右下图中亮的头承载着被复制的词元；接近 0 并不证明某部分没用，只说明这一次替换不需要它。"))
            ) { try ExperimentRuns.repeatPatching(model: model, modelName: name) { ExperimentRuns.labels($0, tokenizer: tokenizer) } },
        ]
        guard let ioi = ExperimentRuns.ioiPair(tokenizer: tokenizer, configuration: model.configuration) else { return recipes }
        let line = "clean: \u{201C}\(ExperimentPrompts.ioiClean)\u{201D} · corrupt: \u{201C}\(ExperimentPrompts.ioiCorrupt)\u{201D} · metric: logit(' Mary') − logit(' John')"
        recipes += [
            ReportRecipe(ReportItem(
                stem: "experiments.patching-ioi", section: .experiments,
                title: LocalizedText(en: "Indirect object: who gets the drink?", zh: "间接宾语：饮料给了谁？"),
                explanation: LocalizedText(
                    en: "In the clean prompt the answer is Mary, the name not repeated; the corrupt prompt repeats Mary instead, so John becomes the answer. Each cell patches one clean activation into the corrupt run, and 1 means Mary is fully restored: the bright cells trace the path from the repeated name to the last position. It shows which activations carry the difference between these two prompts, not how the model solves every such sentence.",
                    zh: "在原提示词中答案是 Mary，也就是没有重复出现的那个名字；对照提示词改为重复 Mary，于是答案变成 John。每个格子把一个原始激活贴进对照运行，1 表示 Mary 被完全找回：亮的格子勾出了从重复名字到最后位置的路径。它显示的是哪些激活承载了这两个提示词之间的差别，而不是模型如何解决所有这类句子。"))
            ) {
                try ExperimentRuns.patchingFigure(model: model, modelName: name, clean: ioi.clean, corrupt: ioi.corrupt, metric: ioi.metric,
                                                  labels: ExperimentRuns.labels(ioi.clean, tokenizer: tokenizer), metricLine: line)
            },
            ReportRecipe(ReportItem(
                stem: "experiments.attribution-ioi", section: .experiments,
                title: LocalizedText(en: "Which heads write the answer", zh: "哪些头直接写出了答案"),
                explanation: LocalizedText(
                    en: "The logit difference between Mary and John at the last position, split into what each head, MLP and embedding wrote straight into the residual stream, read through the final norm (LayerNorm or RMSNorm) with its scale frozen; the parts add up to the total. Heads with large positive parts push Mary directly. A head that acts only by steering later heads gets almost nothing here, so a small part does not mean an unimportant head.",
                    zh: "把最后位置上 Mary 与 John 的 logit 差，拆成每个注意力头、每个 MLP 和嵌入直接写进残差流的部分（经过最终的归一化层 LayerNorm 或 RMSNorm，其缩放固定为本次运行的值）；各部分之和等于总数。正值大的头直接推高 Mary。只通过影响后面的头起作用的头在这里几乎得零分，所以份额小并不代表这个头不重要。"))
            ) {
                let attribution = try LogitAttribution(model: model, tokens: ioi.clean, metric: ioi.metric)
                return ExperimentFigures.attribution(attribution, modelName: name, metricLine: line)
            },
        ]
        // Attribution splits the output into a sum of parts, which only a pre-norm model's is (not GPT-1's).
        return model.configuration.normPlacement == .preNorm ? recipes : recipes.filter { $0.item.stem != "experiments.attribution-ioi" }
    }
}
