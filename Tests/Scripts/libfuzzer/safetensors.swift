// libFuzzer target: the safetensors reader (header length, JSON header, data offsets, dtypes).
import Foundation
import GPTModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let file = try? SafetensorsFile(data: Data(bytes: data, count: size), url: URL(fileURLWithPath: "/fuzz/model.safetensors")) else { return 0 }
    for name in file.names where file.entries[name]?.dtype.isFloatingPoint ?? false {
        _ = try? file.tensor(named: name)
    }
    return 0
}
