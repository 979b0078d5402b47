// libFuzzer target: vocab.json + merges.txt (the input split at its first NUL byte).
import Tokenization

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let split = bytes.firstIndex(of: 0) ?? bytes.count
    if let tokenizer = try? Tokenizer(vocabularyJSON: Array(bytes[..<split]), merges: Array(bytes[min(split + 1, bytes.count)...])) {
        let ids = tokenizer.encode("Hello world, é中😀 <|endoftext|>")
        precondition((try? tokenizer.decode(ids)) == "Hello world, é中😀 <|endoftext|>", "round trip")
    }
    return 0
}
