import Foundation

/// A `tokenizer.json` normalizer: rewrites text (as Unicode scalar values) before pre-tokenizing.
enum TextNormalizer: Sendable {
    /// Unicode normalization forms (`NFC` is what GPT-NeoX and Qwen2 ask for).
    case nfc, nfd, nfkc, nfkd
    case lowercase
    /// `Prepend`: adds text before any non-empty segment (SentencePiece's leading `▁`).
    case prepend([UInt32])
    /// `Replace`: every match of the pattern becomes `content` (`" "` → `"▁"`).
    case replace(SplitPattern, content: [UInt32])
    case sequence([TextNormalizer])

    func apply(_ text: [UInt32]) -> [UInt32] {
        switch self {
        case .nfc: return TextNormalizer.map(text) { $0.precomposedStringWithCanonicalMapping }
        case .nfd: return TextNormalizer.map(text) { $0.decomposedStringWithCanonicalMapping }
        case .nfkc: return TextNormalizer.map(text) { $0.precomposedStringWithCompatibilityMapping }
        case .nfkd: return TextNormalizer.map(text) { $0.decomposedStringWithCompatibilityMapping }
        case .lowercase: return TextNormalizer.map(text) { $0.lowercased() }
        case let .prepend(prefix): return text.isEmpty ? text : prefix + text
        case let .replace(pattern, content):
            var out: [UInt32] = []
            out.reserveCapacity(text.count)
            var last = 0
            for range in pattern.matches(in: text) {
                out += text[last..<range.lowerBound]
                out += content
                last = range.upperBound
            }
            return out + text[last...]
        case let .sequence(steps):
            return steps.reduce(text) { $1.apply($0) }
        }
    }

    private static func map(_ text: [UInt32], _ transform: (String) -> String) -> [UInt32] {
        var view = String.UnicodeScalarView()
        for value in text { if let scalar = Unicode.Scalar(value) { view.append(scalar) } }
        return transform(String(view)).unicodeScalars.map(\.value)
    }
}
