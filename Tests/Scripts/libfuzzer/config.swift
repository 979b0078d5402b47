// libFuzzer target: config.json decoding and validation for every supported family.
import Foundation
import GPTModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? GPTConfiguration.decode(Data(bytes: data, count: size), name: "fuzz", path: "config.json").validate()
    return 0
}
