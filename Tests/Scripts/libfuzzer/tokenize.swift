// libFuzzer target: GPT-2's tokenizer on arbitrary bytes; decoding gives the bytes back.
import Tokenization

let tokenizer = try? Tokenizer.gpt2()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let gpt2 = tokenizer else { fatalError("GPT-2's tokenizer did not load") }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let ids = gpt2.encode(bytes: bytes, allowedSpecial: ["<|endoftext|>"])
    precondition((try? gpt2.decodeBytes(ids)) == bytes, "byte round trip")
    if let text = String(validating: bytes, as: UTF8.self) {
        precondition((try? gpt2.decode(gpt2.encode(text))) == text, "text round trip")
    }
    return 0
}
