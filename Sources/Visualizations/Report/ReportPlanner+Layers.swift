import Charts
import GPTModel

extension ReportPlanner {
    /// The residual stream's size through the layers and the logit lens.
    func residualRecipes() -> [ReportRecipe] {
        let analysis = self.analysis
        let stages = ResidualNorms.stages(layerCount: analysis.model.configuration.layerCount)
        return [
            ReportRecipe(ReportItem(
                stem: "residual.norms", section: .residual,
                title: LocalizedText(en: "How big the residual stream gets", zh: "残差流的大小如何变化"),
                explanation: LocalizedText(
                    en: "The length (L2 norm) of the residual-stream vector at every position, entering each block from the embeddings at the bottom to the last block's output at the top, with the mean per stage below. Each block adds its attention and MLP outputs to this running sum, so growth shows how much the blocks write.",
                    zh: "每个位置上残差流向量的长度（L2 范数）：从最下面的嵌入开始，到进入每个模块时，再到最后一个模块的输出；下方是每一阶段的平均值。每个模块都把注意力和 MLP 的输出加到这个“累加和”上，所以长度的增长反映了各模块写入了多少信息。"),
                hooks: stages)
            ) { try LayerFigures.residualNorms(analysis) },
            ReportRecipe(ReportItem(
                stem: "residual.logit-lens", section: .residual,
                title: LocalizedText(en: "Logit lens: what each layer would predict", zh: "Logit lens：每一层“会”预测什么"),
                explanation: LocalizedText(
                    en: "Each row reads the residual stream after one more block through the final LayerNorm and the unembedding, as if the model stopped there; a cell shows the most likely next token and its colour its probability. Watching a column from bottom to top shows when the final prediction appears, though early layers were never trained to be read this way.",
                    zh: "每一行把经过某个模块后的残差流直接送入最终的 LayerNorm 和反嵌入，就好像模型在这里停下；格子里是最可能的下一个词元，颜色表示它的概率。自下而上看一列，可以看到最终预测在哪一层出现——不过早期的层本来并没有被训练成可以这样读取。"),
                hooks: stages),
                needs: [.logitLens]
            ) { LayerFigures.logitLens(analysis, lens: try $0.lens()) },
            ReportRecipe(ReportItem(
                stem: "residual.sublayers", section: .residual,
                title: LocalizedText(en: "What attention and the MLP add in each layer", zh: "每一层的注意力和 MLP 各写入了多少"),
                explanation: LocalizedText(
                    en: "For every layer, the average length of the vector the attention sublayer adds to the residual stream, beside the one the MLP adds. The MLPs hold about two thirds of a GPT-2 block's weights, and this shows how strongly each sublayer actually writes for this prompt.",
                    zh: "对每一层，比较注意力子层和 MLP 子层加到残差流上的向量的平均长度。MLP 约占 GPT-2 每个模块三分之二的权重；这张图显示对这个提示词而言，每个子层实际写入的力度有多大。"),
                hooks: (0..<analysis.model.configuration.layerCount).flatMap { [HookName.attnOut($0), .mlpOut($0)] })
            ) { try SublayerWritesFigure.figure(analysis) },
        ]
    }

    /// The final next-token probabilities.
    func predictionRecipes() -> [ReportRecipe] {
        let analysis = self.analysis
        let k = options.topK
        return [ReportRecipe(ReportItem(
            stem: "predictions.next-token", section: .predictions,
            title: LocalizedText(en: "The next token after the prompt", zh: "提示词之后的下一个词元"),
            explanation: LocalizedText(
                en: "The \(k) most probable next tokens after the last position, as the softmax of the final logits, with everything else summed into one bar. Generation picks from this distribution, greedily or by sampling, appends the token and runs the model again.",
                zh: "最后一个位置之后概率最高的 \(k) 个词元，即最终 logits 经 softmax 后的分布，其余所有词元合并成一根条。生成文本时就从这个分布中选一个词元（取最大值或随机采样），接到末尾，再让模型运行一次。"),
            // The saved tensors keep only the last position's logits (`next_token_logits`, see
            // derivedTensors()): all of them would be [T, V], 206 MB for GPT-2 at T = 1024.
            hooks: [])
        ) { try LayerFigures.nextToken(analysis, topK: k) }] + generationRecipes()
    }
}
