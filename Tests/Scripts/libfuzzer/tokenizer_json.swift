// libFuzzer target: Hugging Face tokenizer.json.
import Foundation
import Tokenization

/// Runs every fixture tokenizer once before fuzzing, so that lazily built globals (GPT-2's parsed
/// split pattern, a tree of enum boxes) exist before the first input. Built inside an input they
/// would count as that input's allocations, and LeakSanitizer cannot follow the pointers Swift
/// keeps in enum payloads (tag bits in the spare bits), so it would report them as leaked
/// (run.sh suppresses the same tree in the exit-time check).
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../TokenizationTests/Fixtures/hf").standardizedFileURL
    for name in ["gpt2", "llama3", "neox", "qwen2", "smollm2", "sp_llama2", "sp_meta"] {
        guard let bytes = try? Data(contentsOf: fixtures.appendingPathComponent("\(name)/tokenizer.json")),
              let tokenizer = try? Tokenizer(tokenizerJSON: Array(bytes)) else { continue }
        exercise(tokenizer)
    }
    return 0
}

func exercise(_ tokenizer: Tokenizer) {
    _ = try? tokenizer.decode(tokenizer.encode("Hello world, é中😀 <|endoftext|>"))
    _ = tokenizer.encode(bytes: [0xC0, 0x80, 0x61, 0xFF])
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if let tokenizer = try? Tokenizer(tokenizerJSON: Array(UnsafeBufferPointer(start: data, count: size))) {
        exercise(tokenizer)
    }
    return 0
}
