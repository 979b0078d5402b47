// libFuzzer target: tiktoken rank files.
import Tokenization

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if let tokenizer = try? Tokenizer(tiktoken: Array(UnsafeBufferPointer(start: data, count: size))) {
        let ids = tokenizer.encode("Hello world, é中😀")
        precondition((try? tokenizer.decode(ids)) == "Hello world, é中😀", "round trip")
    }
    return 0
}
