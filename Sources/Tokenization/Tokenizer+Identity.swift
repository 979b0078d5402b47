import Foundation

extension Tokenizer {
    /// The same tokenizer under another name (the name figures and tables show), sharing its tables.
    public func named(_ name: String) -> Tokenizer {
        Tokenizer(name: name, storage: storage)
    }

    /// The special token a sequence starts with, as TransformerLens prepends it: GPT-2's
    /// `<|endoftext|>` (its BOS and EOS in one), or the `<s>` / `<|begin_of_text|>` / `<bos>`
    /// of other vocabularies. Nil when the vocabulary has none of them.
    public var sequenceStartToken: (text: String, id: Int)? {
        for text in ["<|endoftext|>", "<|begin_of_text|>", "<s>", "<bos>"] {
            if let id = specialTokens[text] { return (text, id) }
        }
        return nil
    }

    /// The ids a random-token prompt may use: tokens that decode on their own to whole, printable
    /// characters (valid UTF-8, no control or invisible format characters, no special tokens),
    /// so that labels and titles show real text rather than byte fragments.
    ///
    /// When `wordPieces` is set and at least `minimum` such tokens are a space followed by
    /// letters (`·the`, `·Paris`), only those are returned: random words read better on a slide
    /// than random punctuation. Ids are in increasing order.
    public func printableTokenIDs(below limit: Int? = nil, wordPieces: Bool = true, minimum: Int = 1) -> [Int] {
        let end = min(limit ?? storage.tokenBytes.count, storage.tokenBytes.count)
        var printable: [Int] = [], words: [Int] = []
        for id in 0 ..< max(0, end) {
            guard let bytes = storage.tokenBytes[id], let text = String(validating: bytes, as: UTF8.self),
                  !text.isEmpty, !text.unicodeScalars.contains(where: Self.isInvisible) else { continue }
            // A token of only spaces is whole but shows as nothing.
            guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else { continue }
            printable.append(id)
            let scalars = Array(text.unicodeScalars)
            if scalars.count >= 2, scalars[0] == " ", scalars.dropFirst().allSatisfy(\.properties.isAlphabetic) {
                words.append(id)
            }
        }
        return wordPieces && words.count >= max(1, minimum) ? words : printable
    }

    /// Control characters (C0, DEL, C1), format characters (zero-width joiner, BOM, bidi marks),
    /// unassigned code points and U+FFFD: what draws as nothing or as a box.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .unassigned, .privateUse, .surrogate, .lineSeparator, .paragraphSeparator: return true
        default: return scalar.value == 0xFFFD
        }
    }
}
