/// The byte-pair merge loop: turns one pre-tokenizer piece into token ids.
///
/// Every byte starts as its own token; then, repeatedly, the adjacent pair with the lowest merge
/// priority is merged (the leftmost one when the same pair occurs twice), until no adjacent pair
/// can merge. This is tiktoken's `byte_pair_merge` and, for any merge list learned by BPE, the
/// same result as Hugging Face's `bpe()`.
struct BytePairMerger: Sendable {
    /// Merge priorities of adjacent token pairs.
    let merges: MergeTable
    /// The token id of each single byte (all 256 exist; the tokenizer refuses vocabularies without).
    let byteIDs: [Int32]
    /// The packed merge of every byte pair, `bytePairs[first << 8 | second]`: every piece starts
    /// as single bytes, so its first round of lookups reads this dense 512 kB table instead of
    /// probing the hash table.
    let bytePairs: [UInt64]

    init(merges: MergeTable, byteIDs: [Int32]) {
        self.merges = merges
        self.byteIDs = byteIDs
        var pairs = [UInt64](repeating: MergeTable.none, count: 65536)
        for first in 0..<256 {
            for second in 0..<256 {
                pairs[first << 8 | second] = merges.lookup(byteIDs[first], byteIDs[second])
            }
        }
        bytePairs = pairs
    }

    /// Pieces longer than this use a heap (O(n log n)) instead of rescanning (O(n²)); short pieces,
    /// which are almost all of them, are faster with the plain scan.
    static let heapThreshold = 128

    /// Appends the ids of `piece` (at least two bytes) to `output`.
    @inline(__always)
    func merge(_ piece: UnsafeBufferPointer<UInt8>, into output: inout [Int]) {
        if piece.count > BytePairMerger.heapThreshold {
            mergeWithHeap(piece, into: &output)
        } else {
            mergeByScanning(piece, into: &output)
        }
    }

    func mergeByScanning(_ piece: UnsafeBufferPointer<UInt8>, into output: inout [Int]) {
        let n = piece.count
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: n) { tokens in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: n) { pairs in
                byteIDs.withUnsafeBufferPointer { byteID in
                    for i in 0..<n { tokens[i] = byteID[Int(piece[i])] }
                }
                bytePairs.withUnsafeBufferPointer { dense in
                    for i in 0..<(n - 1) { pairs[i] = dense[Int(piece[i]) << 8 | Int(piece[i + 1])] }
                }
                var count = n
                while count > 1 {
                    var best = MergeTable.none
                    var at = -1
                    for i in 0..<(count - 1) where pairs[i] < best {
                        best = pairs[i]
                        at = i
                    }
                    if at < 0 { break }
                    // Token `at` becomes the merged token; token at+1 and its pair entry go.
                    tokens[at] = Int32(truncatingIfNeeded: best & 0xFFFF_FFFF)
                    var j = at + 1
                    while j < count - 1 {
                        tokens[j] = tokens[j + 1]
                        j += 1
                    }
                    j = at + 1
                    while j < count - 2 {
                        pairs[j] = pairs[j + 1]
                        j += 1
                    }
                    count -= 1
                    if at + 1 < count { pairs[at] = merges.lookup(tokens[at], tokens[at + 1]) }
                    if at > 0 { pairs[at - 1] = merges.lookup(tokens[at - 1], tokens[at]) }
                }
                for i in 0..<count { output.append(Int(tokens[i])) }
            }
        }
    }

    func mergeWithHeap(_ piece: UnsafeBufferPointer<UInt8>, into output: inout [Int]) {
        var tokens = byteIDs.withUnsafeBufferPointer { byteID in piece.map { byteID[Int($0)] } }
        var pair = [UInt64](repeating: MergeTable.none, count: piece.count)
        for i in 0..<(piece.count - 1) { pair[i] = bytePairs[Int(piece[i]) << 8 | Int(piece[i + 1])] }
        BytePairMerger.mergeWithHeap(tokens: &tokens, pairs: &pair, merges: merges, into: &output)
    }

    /// Merges a sequence of tokens (at least one) whose adjacent pairs' packed merges are `pair`
    /// (`pair[i]` for tokens i and i + 1; the last entry is unused), appending the result.
    /// Both arrays are used as scratch space.
    static func mergeWithHeap(tokens: inout [Int32], pairs pair: inout [UInt64], merges: MergeTable,
                              into output: inout [Int]) {
        let n = tokens.count
        // Tokens form a linked list over their first byte's position; `pair[i]` is the packed
        // merge of token i with its successor. The heap holds (pair, position) entries; stale
        // ones are skipped when popped, because `pair[i]` no longer equals them.
        var next = [Int32](unsafeUninitializedCapacity: n) { buffer, initialized in
            for i in 0..<n { buffer[i] = Int32(i + 1) }
            initialized = n
        }
        next[n - 1] = -1
        var previous = [Int32](unsafeUninitializedCapacity: n) { buffer, initialized in
            for i in 0..<n { buffer[i] = Int32(i - 1) }
            initialized = n
        }
        pair[n - 1] = MergeTable.none
        var heap = MergeHeap()
        for i in 0..<(n - 1) where pair[i] != MergeTable.none { heap.push(pair[i], Int32(i)) }
        while let (packed, position) = heap.pop() {
            let i = Int(position)
            guard pair[i] == packed, packed != MergeTable.none else { continue }
            let j = Int(next[i])  // exists: pair[i] is only set while i has a successor
            tokens[i] = Int32(truncatingIfNeeded: packed & 0xFFFF_FFFF)
            let after = next[j]
            next[i] = after
            if after >= 0 { previous[Int(after)] = Int32(i) }
            pair[j] = MergeTable.none
            pair[i] = after >= 0 ? merges.lookup(tokens[i], tokens[Int(after)]) : MergeTable.none
            if pair[i] != MergeTable.none { heap.push(pair[i], Int32(i)) }
            let before = previous[i]
            if before >= 0 {
                let b = Int(before)
                pair[b] = merges.lookup(tokens[b], tokens[i])
                if pair[b] != MergeTable.none { heap.push(pair[b], before) }
            }
        }
        var i: Int32 = 0
        while i >= 0 {
            output.append(Int(tokens[Int(i)]))
            i = next[Int(i)]
        }
    }
}

/// A binary min-heap of (packed merge, position), ordered by merge first and position second,
/// so equal merges pop leftmost first.
private struct MergeHeap {
    private var merges: [UInt64] = []
    private var positions: [Int32] = []

    @inline(__always)
    private func less(_ a: Int, _ b: Int) -> Bool {
        merges[a] < merges[b] || (merges[a] == merges[b] && positions[a] < positions[b])
    }

    private mutating func swapAt(_ a: Int, _ b: Int) {
        merges.swapAt(a, b)
        positions.swapAt(a, b)
    }

    mutating func push(_ merge: UInt64, _ position: Int32) {
        merges.append(merge)
        positions.append(position)
        var child = merges.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if !less(child, parent) { break }
            swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (UInt64, Int32)? {
        guard let top = merges.first, let position = positions.first else { return nil }
        let last = merges.count - 1
        swapAt(0, last)
        merges.removeLast()
        positions.removeLast()
        var parent = 0
        let count = merges.count
        while true {
            let left = 2 * parent + 1
            if left >= count { break }
            var smallest = left
            if left + 1 < count && less(left + 1, left) { smallest = left + 1 }
            if !less(smallest, parent) { break }
            swapAt(smallest, parent)
            parent = smallest
        }
        return (top, position)
    }
}
