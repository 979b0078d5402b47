import ArgumentParser
import Charts
import Foundation
import GPTModel

/// `gptscope inspect`: every hook with its shape, and every tensor in the checkpoint.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "List a model's hooks (with shapes) and its checkpoint tensors (with counts).",
        discussion: """
        The hook names are TransformerLens's; pass them (or * globs) to `gptscope run --hooks`. \
        Shapes are for --tokens positions (T); S is the number of key positions (T here). The \
        tensor list is cross-checked against GPTScope's parameter accounting (`gptscope params`) \
        computed from config.json alone.

        Examples:
          gptscope inspect --model models/gpt2
          gptscope inspect --model models/gpt2 --tokens 1024 --json
        """
    )

    @Option(help: "Checkpoint directory (config.json + model.safetensors); default: the built-in model.")
    var model: String?

    @OptionGroup var nonFinite: NonFiniteOption

    @Option(help: "Sequence length T for the hook shapes.")
    var tokens: Int = 16

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard tokens >= 1 else { throw ValidationError("--tokens must be at least 1") }
    }

    func run() async throws {
        let session = try await nonFinite.openSession(model)
        let gpt = session.model
        guard tokens <= gpt.configuration.contextLength else {
            throw ValidationError("--tokens \(tokens) exceeds the context length \(gpt.configuration.contextLength)")
        }
        let weightsURL = session.directory.appendingPathComponent("model.safetensors")
        let files = session.isBuiltIn
            ? [try SafetensorsFile(data: DefaultModel.files["model.safetensors"] ?? Data(), url: weightsURL)]
            : try GPT.checkpointFiles(directory: session.directory)   // one file, or every shard
        let hooks = gpt.hookNames.map { ($0, gpt.shape(of: $0, tokens: tokens)) }
        let cacheBytes = gpt.estimatedCacheBytes(.all, tokens: tokens)
        let tensors = files.flatMap(\.entries).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        // Loading matched every parameter of the model's list to a file tensor of its shape and
        // used every file tensor, so the list's total is the checkpoint's (a tied head saved
        // anyway is wte itself, not in the list: counted once, as the accounting does).
        let checkpointTotal = gpt.parameterCount
        let accounting = ParameterBreakdown(gpt.configuration).total

        if json {
            let document = InspectDocument(
                model: gpt.configuration.name, tokens: tokens,
                hooks: hooks.map { .init(name: $0.0.description, shape: $0.1) },
                allHooksBytes: cacheBytes,
                tensors: tensors.map { .init(name: $0.0, shape: $0.1.shape, dtype: $0.1.dtype.rawValue, count: $0.1.shape.reduce(1, *),
                                             parameter: CheckpointLayout.canonicalName($0.0) != nil) },
                checkpointParameters: checkpointTotal, accountingParameters: accounting, accountingMatches: checkpointTotal == accounting)
            print(try ModelJSON.text(document))
            return
        }
        print("Model: \(session.summary)")
        print("\nHooks for T = \(tokens) (\(hooks.count); all together \(Formatting.bytes(cacheBytes))):")
        var hookTable = TextTable(columns: [.init("hook"), .init("shape", alignment: .right)])
        for (name, shape) in hooks { hookTable.add([name.description, "[" + shape.map(String.init).joined(separator: ", ") + "]"]) }
        print(hookTable.render())
        print("\nCheckpoint tensors (\(tensors.count)):")
        var table = TextTable(columns: [.init("tensor"), .init("dtype"), .init("shape", alignment: .right), .init("count", alignment: .right)])
        for (name, entry) in tensors {
            let note = CheckpointLayout.canonicalName(name) == nil ? "  (buffer, not a parameter)" : ""
            table.add([name + note, entry.dtype.rawValue, "[" + entry.shape.map(String.init).joined(separator: ", ") + "]",
                       NumberFormat.thousands(entry.shape.reduce(1, *))])
        }
        print(table.render())
        print("\nParameters in the checkpoint: \(NumberFormat.thousands(checkpointTotal))")
        print("Parameter accounting from config.json (gptscope params): \(NumberFormat.thousands(accounting)) "
              + (checkpointTotal == accounting ? "— matches" : "— DIFFERS by \(NumberFormat.thousands(checkpointTotal - accounting))"))
    }
}
