/// Finds where a member's value lies in JSON text, without parsing the rest.
///
/// `JSONSerialization` keys a tokenizer.json's `model.vocab` by Swift `String`, which compares
/// canonically equivalent texts as equal, so `"é"` and `"e\u0301"` (both real tokens in some
/// SentencePiece vocabularies) would collapse into one. The vocabulary object is therefore read
/// from its own bytes by `VocabularyJSON`, which keeps every member.
enum JSONValueSpan {
    /// The byte range of the value at `path` (object member names from the top), or nil.
    static func find(_ path: [String], in data: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var index = 0
        for name in path {
            skipWhitespace(data, &index)
            guard index < data.count, data[index] == UInt8(ascii: "{") else { return nil }
            index += 1
            var found = false
            while !found {
                skipWhitespace(data, &index)
                guard index < data.count, data[index] == UInt8(ascii: "\"") else { return nil }
                let keyStart = index
                guard skipValue(data, &index) else { return nil }
                let key = data[(keyStart + 1)..<(index - 1)]
                skipWhitespace(data, &index)
                guard index < data.count, data[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                skipWhitespace(data, &index)
                if key.elementsEqual(name.utf8) {
                    found = true
                } else {
                    guard skipValue(data, &index) else { return nil }
                    skipWhitespace(data, &index)
                    guard index < data.count, data[index] == UInt8(ascii: ",") else { return nil }
                    index += 1
                }
            }
        }
        let start = index
        guard skipValue(data, &index) else { return nil }
        return start..<index
    }

    private static func skipWhitespace(_ data: UnsafeBufferPointer<UInt8>, _ index: inout Int) {
        while index < data.count, [0x20, 0x0A, 0x0D, 0x09].contains(data[index]) { index += 1 }
    }

    /// Moves past one value (string, object, array or scalar); false if the text ends first.
    private static func skipValue(_ data: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Bool {
        guard index < data.count else { return false }
        if data[index] == UInt8(ascii: "\"") {
            index += 1
            while index < data.count {
                if data[index] == UInt8(ascii: "\\") { index += 2; continue }
                if data[index] == UInt8(ascii: "\"") { index += 1; return true }
                index += 1
            }
            return false
        }
        var depth = 0
        while index < data.count {
            switch data[index] {
            case UInt8(ascii: "\""):
                guard skipValue(data, &index) else { return false }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return true }  // the end of the enclosing container
                depth -= 1
                if depth == 0 { index += 1; return true }
            case UInt8(ascii: ","):
                if depth == 0 { return true }
            default:
                break
            }
            index += 1
        }
        return depth == 0
    }
}
