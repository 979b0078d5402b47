import ArgumentParser
import Experiments
import Foundation
import GPTModel
import Visualizations

/// `gptscope circuits`: QK and OV circuits of attention heads, from the weights alone.
struct CircuitsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "circuits",
        abstract: "QK and OV circuits from the weights: copying scores of every head, a head's QK circuit.",
        discussion: """
        The copying score of a head is Σλ / Σ|λ| over the eigenvalues of its full OV circuit \
        W_E·W_V·W_O·W_U (TransformerLens's positive-eigenvalue measure; the norms' scales folded \
        in): near 1 the head copies the token it attends to. It is computed from the [d_head, \
        d_head] product with the same nonzero eigenvalues, so the whole vocabulary counts. \
        --head with --tokens (or --positions) draws that head's QK circuit: how much each query \
        wants each key, from the embeddings (or position vectors) alone. No prompt is run.

        Examples:
          gptscope circuits --chart output/copying.png
          gptscope circuits --model models/gpt2 --head 5.1 --tokens " Mary, John, drink, store" --qk-chart output/qk.png
        """
    )

    @Option(help: "Checkpoint directory (config.json + model.safetensors); default: the built-in model.")
    var model: String?

    @OptionGroup var nonFinite: NonFiniteOption

    @Option(help: "Write the layers × heads copying-score chart here (.png, .svg or .pdf).")
    var chart: String?

    @Option(help: "A head (LAYER.HEAD) whose QK circuit to show.")
    var head: String?

    @Option(help: "Comma-separated tokens (each text of one token, or an id) for the QK circuit.")
    var tokens: String?

    @Option(help: "Instead of tokens: positions for the QK circuit, e.g. 0-15 or 0,4,8.")
    var positions: String?

    @Option(help: "Write the QK circuit here (.png, .svg or .pdf).")
    var qkChart: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        try FigurePath.check(chart, option: "--chart")
        try FigurePath.check(qkChart, option: "--qk-chart")
        if tokens != nil, positions != nil { throw ValidationError("give only one of --tokens and --positions") }
        if (tokens != nil || positions != nil || qkChart != nil), head == nil {
            throw ValidationError("--tokens, --positions and --qk-chart need --head LAYER.HEAD")
        }
        if head != nil, tokens == nil, positions == nil { throw ValidationError("--head needs --tokens or --positions to draw a QK circuit between") }
    }

    @OptionGroup var language: LanguageOption

    func run() async throws {
        let session = try await nonFinite.openSession(model)
        let gpt = session.model
        let circuits = try Circuits(model: gpt)
        let scores = circuits.copyingScores()
        if let chart { try ExperimentInput.write(ExperimentFigures.copyingScores(scores, modelName: session.name).localized(language.language), to: chart) }
        var qk: (head: HeadIndex, rows: [Int], labels: [String], scores: [Double])?
        if let head {
            let index = try ExperimentInput.heads(head, configuration: gpt.configuration)[0]
            let rows: [Int], labels: [String], table = positions == nil ? gpt.embedding.tokenTable : gpt.embedding.positionTable
            if let positions {
                // Rotary models (Llama, Qwen2, GPT-NeoX) have no table of positions to read a QK circuit from.
                guard gpt.embedding.hasPositionTable else {
                    throw ValidationError("--positions needs a learned position table (wpe); \(session.name) encodes positions by rotating q and k, so use --tokens")
                }
                rows = try Self.positions(positions, limit: table.shape[0])
                labels = rows.map(String.init)
            } else {
                rows = try tokens!.split(separator: ",", omittingEmptySubsequences: false).map {
                    try ExperimentInput.token(String($0), option: "--tokens", session: session)
                }
                labels = rows.map { session.quoted($0) }
            }
            let values = try circuits.qk(layer: index.layer, head: index.head, rows: rows, table: table)
            qk = (index, rows, labels, values)
            if let qkChart {
                try ExperimentInput.write(ExperimentFigures.qkCircuit(values, labels: labels, head: index, modelName: session.name,
                                                                      of: positions == nil ? "tokens" : "positions").localized(language.language), to: qkChart)
            }
        }
        if json {
            struct Document: Encodable { let copying: [[Double]]; let head: String?; let rows: [Int]?; let qk: [[Double]]? }
            let n = qk?.rows.count ?? 0
            print(try ModelJSON.text(Document(copying: scores, head: qk?.head.description, rows: qk?.rows,
                                              qk: qk.map { q in (0 ..< n).map { Array(q.scores[$0 * n ..< ($0 + 1) * n]) } })))
            return
        }
        print("Model: \(session.summary)")
        print("OV copying score (1 = copies the attended token), highest first:")
        let heads = HeadIndex.all(in: gpt.configuration).sorted { scores[$0.layer][$0.head] > scores[$1.layer][$1.head] }
        for h in heads.prefix(8) { print("  head \(h)  \(String(format: "%+.3f", scores[h.layer][h.head]))") }
        if let qk {
            print("QK circuit of head \(qk.head) (rows: query, columns: key):")
            let n = qk.rows.count
            for i in 0 ..< n {
                let row = (0 ..< n).map { String(format: "%+7.2f", qk.scores[i * n + $0]) }.joined(separator: " ")
                print("  \(qk.labels[i].padding(toLength: 12, withPad: " ", startingAt: 0)) \(row)")
            }
        }
    }

    /// `0-15` or `0,4,8` as positions below `limit`.
    static func positions(_ text: String, limit: Int) throws -> [Int] {
        let parts = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        let rows: [Int]
        if parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a <= b {
            rows = Array(a ... b)
        } else {
            rows = try ListOption.naturalNumbers(text, problem: "--positions takes FIRST-LAST or comma-separated positions, e.g. 0-15")
        }
        guard let bad = rows.first(where: { $0 < 0 || $0 >= limit }) else { return rows }
        throw ValidationError("--positions: \(bad) is outside the model's 0...\(limit - 1)")
    }
}
