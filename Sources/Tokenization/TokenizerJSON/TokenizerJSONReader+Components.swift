/// What the decoder of a tokenizer.json does to character-level tokens.
struct DecoderSettings {
    /// The character standing for a space (`▁`), from `Metaspace` or `Replace("▁", " ")`.
    var spaceMarker: String?
    /// Spaces removed from the start of the decoded text (`Strip`, `Metaspace`'s added `▁`).
    var leadingSpacesStripped = 0

    /// The bytes a token stands for: `<0xE4>` is one byte (with byte fallback), `▁` a space.
    func bytes(of text: String, byteFallback: Bool) -> [UInt8] {
        let utf8 = Array(text.utf8)
        if byteFallback, utf8.count == 6, text.hasPrefix("<0x"), text.hasSuffix(">"),
           let byte = UInt8(String(decoding: utf8[3..<5], as: UTF8.self), radix: 16) {
            return [byte]
        }
        guard let spaceMarker else { return utf8 }
        return Array(text.replacingOccurrences(of: spaceMarker, with: " ").utf8)
    }
}

extension TokenizerJSONReader {
    func normalizer(_ json: [String: Any]) throws(TokenizerError) -> TextNormalizer {
        let type = json["type"] as? String ?? "?"
        switch type {
        case "NFC": return .nfc
        case "NFD": return .nfd
        case "NFKC": return .nfkc
        case "NFKD": return .nfkd
        case "Lowercase": return .lowercase
        case "Prepend":
            guard let text = json["prepend"] as? String else { throw invalid("Prepend normalizer has no \"prepend\"") }
            return .prepend(text.unicodeScalars.map(\.value))
        case "Replace":
            guard let content = json["content"] as? String else { throw invalid("Replace normalizer has no \"content\"") }
            return .replace(try pattern(json["pattern"], in: "Replace normalizer"), content: content.unicodeScalars.map(\.value))
        case "Sequence":
            let steps = json["normalizers"] as? [[String: Any]] ?? []
            return .sequence(try steps.map { (step) throws(TokenizerError) in try normalizer(step) })
        default:
            throw unsupported("normalizer \(type)")
        }
    }

    func preTokenizer(_ json: [String: Any]) throws(TokenizerError) -> PreTokenizerStep {
        let type = json["type"] as? String ?? "?"
        switch type {
        case "ByteLevel":
            return .byteLevel(addPrefixSpace: json["add_prefix_space"] as? Bool ?? true, useRegex: json["use_regex"] as? Bool ?? true)
        case "Split":
            if json["invert"] as? Bool ?? false { throw unsupported("Split pre-tokenizer with invert: true") }
            let name = json["behavior"] as? String ?? "?"
            guard let behavior = SplitBehavior(rawValue: name) else { throw unsupported("Split behavior \(name)") }
            return .split(try pattern(json["pattern"], in: "Split pre-tokenizer"), behavior)
        case "Digits":
            return .digits(individual: json["individual_digits"] as? Bool ?? false)
        case "Metaspace":
            let replacement = (json["replacement"] as? String ?? "\u{2581}").unicodeScalars
            guard replacement.count == 1, let marker = replacement.first else { throw unsupported("Metaspace replacement of several characters") }
            // Files before tokenizers 0.19 say add_prefix_space instead of prepend_scheme.
            let scheme = json["prepend_scheme"] as? String ?? ((json["add_prefix_space"] as? Bool ?? true) ? "always" : "never")
            guard ["always", "first", "never"].contains(scheme) else { throw unsupported("Metaspace prepend_scheme \(scheme)") }
            return .metaspace(replacement: marker.value, prependAlways: scheme == "always", prependFirst: scheme == "first",
                              split: json["split"] as? Bool ?? true)
        case "Sequence":
            let steps = try (json["pretokenizers"] as? [[String: Any]] ?? []).map { (step) throws(TokenizerError) in try preTokenizer(step) }
            // After ByteLevel the text is in GPT-2's byte alphabet; a later step would see that
            // alphabet, which this reader does not model (no published file does it).
            if let index = steps.firstIndex(where: { $0.isByteLevel }), index < steps.count - 1 {
                throw unsupported("a pre-tokenizer after ByteLevel in a Sequence")
            }
            return .sequence(steps)
        default:
            throw unsupported("pre-tokenizer \(type)")
        }
    }

    func decoder(_ json: [String: Any]) throws(TokenizerError) -> DecoderSettings {
        let type = json["type"] as? String ?? "?"
        var settings = DecoderSettings()
        switch type {
        case "ByteLevel", "ByteFallback", "Fuse":
            break
        case "Metaspace":
            settings.spaceMarker = json["replacement"] as? String ?? "\u{2581}"
            let scheme = json["prepend_scheme"] as? String ?? ((json["add_prefix_space"] as? Bool ?? true) ? "always" : "never")
            settings.leadingSpacesStripped = scheme == "never" ? 0 : 1
        case "Replace":
            guard let pattern = json["pattern"] as? [String: Any], let text = pattern["String"] as? String,
                  json["content"] as? String == " " else { throw unsupported("Replace decoder other than a string by \" \"") }
            settings.spaceMarker = text
        case "Strip":
            guard json["content"] as? String == " ", json["stop"] as? Int ?? 0 == 0 else {
                throw unsupported("Strip decoder other than leading spaces")
            }
            settings.leadingSpacesStripped = json["start"] as? Int ?? 0
        case "Sequence":
            for step in json["decoders"] as? [[String: Any]] ?? [] {
                let inner = try decoder(step)
                settings.spaceMarker = inner.spaceMarker ?? settings.spaceMarker
                settings.leadingSpacesStripped += inner.leadingSpacesStripped
            }
        default:
            throw unsupported("decoder \(type)")
        }
        return settings
    }

    /// A `{"String": ...}` or `{"Regex": ...}` pattern.
    private func pattern(_ value: Any?, in component: String) throws(TokenizerError) -> SplitPattern {
        guard let json = value as? [String: Any] else { throw invalid("\(component) has no pattern") }
        if let literal = json["String"] as? String { return SplitPattern(literal: literal) }
        guard let regex = json["Regex"] as? String else { throw invalid("\(component) pattern is neither String nor Regex") }
        do throws(SplitPattern.Unsupported) {
            return try SplitPattern(regex: regex)
        } catch {
            throw unsupported("regex construct \(error.construct) in \(component) pattern")
        }
    }
}
