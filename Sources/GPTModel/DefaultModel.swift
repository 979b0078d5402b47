import CEmbeddedData
import Foundation
import Tokenization

/// The model compiled into GPTScope: a small GPT-2 trained by `gptscope train` on the King James
/// Bible and Tang/Song poems (provenance, licences and the exact training command:
/// `Sources/CEmbeddedData/DEFAULT_MODEL.md`). Every command that takes `--model` uses it when
/// none is given, so everything works offline with no download.
public enum DefaultModel {
    /// The name figures and tables show for it.
    public static let name = "gptscope-default"

    /// The prompt commands use with the built-in model when none is given: a verse whose second
    /// half repeats its first, so previous-token and induction heads have something to do.
    public static let examplePrompt = "And God said, Let there be light: and there was light. And God said, Let there be"

    /// The path errors and titles use for the built-in files (compiled in, not on disk).
    public static let origin = URL(fileURLWithPath: "/built-in/\(name)")

    /// The model, parsed from the compiled-in checkpoint on first use and then shared.
    public static func load() throws -> GPT { try model.get() }

    /// Its byte-level BPE tokenizer (4,096 ids, trained by `gptscope train-tokenizer`).
    public static func tokenizer() throws -> Tokenizer { try tokenizerResult.get() }

    /// The compiled-in checkpoint files, by their Hugging Face names, for writing the default
    /// model out as an ordinary checkpoint folder.
    public static var files: [String: Data] {
        [
            "config.json": bytes(gptscope_default_config_bytes(), gptscope_default_config_size),
            "model.safetensors": bytes(gptscope_default_weights_bytes(), gptscope_default_weights_size),
            "vocab.json": bytes(gptscope_default_vocab_bytes(), gptscope_default_vocab_size),
            "merges.txt": bytes(gptscope_default_merges_bytes(), gptscope_default_merges_size),
        ]
    }

    private static let model: Result<GPT, any Error> = Result {
        let configuration = try GPTConfiguration.decode(
            bytes(gptscope_default_config_bytes(), gptscope_default_config_size),
            name: name, path: origin.appendingPathComponent("config.json").path)
        // The weights stay in the binary's read-only data; the tensors borrow them without copying.
        let file = try SafetensorsFile(permanent: gptscope_default_weights_bytes(), count: gptscope_default_weights_size,
                                       url: origin.appendingPathComponent("model.safetensors"))
        return try GPT(configuration: configuration, file: file)
    }

    private static let tokenizerResult: Result<Tokenizer, any Error> = Result {
        try Tokenizer(
            vocabularyJSON: Array(UnsafeBufferPointer(start: gptscope_default_vocab_bytes(), count: gptscope_default_vocab_size)),
            merges: Array(UnsafeBufferPointer(start: gptscope_default_merges_bytes(), count: gptscope_default_merges_size))
        ).named(name)
    }

    private static func bytes(_ pointer: UnsafePointer<UInt8>, _ count: Int) -> Data {
        Data(bytes: pointer, count: count)
    }
}
