import ArgumentParser
import Foundation
import Visualizations

/// `gptscope masks`: the causal mask, GPT-3's dense and banded layers, and a sliding window.
struct MasksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "masks",
        abstract: "Draw attention masks side by side: causal, GPT-3's alternating dense and banded layers, a sliding window.",
        discussion: """
        GPT-3 uses "alternating dense and locally banded sparse attention patterns in the layers \
        of the transformer, similar to the Sparse Transformer" (Brown et al. 2020, §2.1). The band \
        width was never published: --band sets the width this figure assumes (default: a quarter \
        of --context), and the figure says which it used.

        Example:
          gptscope masks --context 16 --band 4 --window 6 --chart output/masks.png
        """
    )

    @Option(help: "Positions drawn (queries and keys).")
    var context = 16

    @Option(help: "Band width assumed for GPT-3's locally banded layers (default: context / 4).")
    var band: Int?

    @Option(help: "Sliding-window width (default: context / 4).")
    var window: Int?

    @Option(help: ArgumentHelp("Where to draw (.png, .svg or .pdf).", valueName: "path"))
    var chart: String

    func validate() throws {
        guard (2...256).contains(context) else { throw ValidationError("--context must be between 2 and 256 positions, e.g. 16") }
        if let band, !(1...context).contains(band) { throw ValidationError("--band must be between 1 and --context (\(context))") }
        if let window, !(1...context).contains(window) { throw ValidationError("--window must be between 1 and --context (\(context))") }
        try FigurePath.check(chart, option: "--chart")
    }

    @OptionGroup var language: LanguageOption

    func run() throws {
        let figure = AttentionMaskFigure(context: context, band: band, window: window).figure()
        let url = URL(fileURLWithPath: chart)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try figure.localized(language.language).write(to: url)
        print("Wrote \(chart)")
    }
}
