/// A regular expression from a `tokenizer.json` `Split` pre-tokenizer, in the subset those files use.
///
/// Hugging Face tokenizers run their patterns with Oniguruma, which Swift does not have; this is a
/// small backtracking matcher with Oniguruma's semantics for what the published files need:
/// alternation (leftmost first), groups `(...)` `(?:...)` `(?i:...)`, look-ahead `(?=...)` `(?!...)`,
/// the quantifiers `? * + {m} {m,} {m,n}` (greedy or lazy), classes `[...]` `[^...]` with ranges,
/// `\p{L}` `\p{N}` (and other general categories), `\s \S \d \D \w \W`, `.` and escaped literals.
/// That covers GPT-2's, Llama-3's, Qwen2's and similar patterns exactly. Anything else (anchors,
/// look-behind, back-references, possessive quantifiers, inline flags) is refused when the file is
/// read, naming the construct, rather than matched differently.
struct SplitPattern: Sendable {
    /// The pattern as written in the file.
    let source: String
    let root: Node

    indirect enum Node: Sendable {
        case scalar(UInt32, caseless: Bool)
        case set(ScalarSet)
        case sequence([Node])
        case choice([Node])
        case repetition(Node, min: Int, max: Int, lazy: Bool)
        case lookahead(Node, negative: Bool)
    }

    /// Why a pattern cannot be used: the construct, quoted as written.
    struct Unsupported: Error {
        let construct: String
    }

    /// GPT-2's pattern, which the `ByteLevel` pre-tokenizer applies when `use_regex` is true.
    static let gpt2Source = #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#

    /// GPT-2's pattern, parsed once (a constant in the subset; SplitPatternTests check its pieces).
    static let gpt2: SplitPattern = {
        do throws(Unsupported) {
            return try SplitPattern(regex: gpt2Source)
        } catch {
            preconditionFailure("GPT-2's pattern uses \(error.construct), outside the subset")
        }
    }()

    /// Parses a regular expression; throws `Unsupported` naming the first construct outside the subset.
    init(regex: String) throws(Unsupported) {
        source = regex
        var parser = SplitPatternParser(Array(regex.unicodeScalars))
        root = try parser.parseAll()
    }

    /// A pattern matching `literal` exactly (a `Split` with `{"String": ...}`).
    init(literal: String) {
        source = literal
        root = .sequence(literal.unicodeScalars.map { .scalar($0.value, caseless: false) })
    }
}
