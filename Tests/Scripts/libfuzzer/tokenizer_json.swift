// libFuzzer target: Hugging Face tokenizer.json.
import Tokenization

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if let tokenizer = try? Tokenizer(tokenizerJSON: Array(UnsafeBufferPointer(start: data, count: size))) {
        _ = try? tokenizer.decode(tokenizer.encode("Hello world, é中😀 <|endoftext|>"))
        _ = tokenizer.encode(bytes: [0xC0, 0x80, 0x61, 0xFF])
    }
    return 0
}
