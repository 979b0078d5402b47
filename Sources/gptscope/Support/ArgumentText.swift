import FileAccess
import Foundation

/// Checks that every command-line argument is UTF-8 before parsing: Swift turns invalid bytes
/// into U+FFFD without a word, so `--prompt $'\xff'` would otherwise run on a different text.
enum ArgumentText {
    /// An argument that is not valid UTF-8, named by the option before it or inside it.
    struct NotUTF8: Error, CustomStringConvertible {
        /// Position among the arguments after the program name, from 1.
        var position: Int
        /// How to name the argument: "the argument after --prompt", "the value of --prompt".
        var name: String?
        var problem: InvalidUTF8

        var description: String {
            let what = name ?? "command-line argument \(position)"
            return "\(what) is not valid UTF-8 (\(problem)); pass UTF-8 text, or save raw bytes to a file "
                + "and use gptscope tokenize --file FILE --bytes"
        }
    }

    /// Throws ``NotUTF8`` for the first argument that is not valid UTF-8.
    static func check() throws(NotUTF8) {
        var previous: [UInt8] = []
        for index in 1 ..< Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                                  count: strlen(pointer)))
            defer { previous = bytes }
            guard var problem = InvalidUTF8.find(in: bytes) else { continue }
            // `--prompt=VALUE`: name the option and count offsets within the value.
            if bytes.starts(with: Array("--".utf8)), let equals = bytes.firstIndex(of: 0x3D), equals < problem.offset {
                problem.offset -= equals + 1
                throw NotUTF8(position: index, name: "the value of " + String(decoding: bytes[..<equals], as: UTF8.self),
                              problem: problem)
            }
            let isOption = previous.first == 0x2D && previous != Array("--".utf8) && InvalidUTF8.find(in: previous) == nil
            throw NotUTF8(position: index, name: isOption ? "the argument after " + String(decoding: previous, as: UTF8.self) : nil,
                          problem: problem)
        }
    }
}
