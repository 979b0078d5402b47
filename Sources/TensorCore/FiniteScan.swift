/// The index of the first NaN or infinity in `scalars`, or nil when every element is finite.
///
/// Loading a checkpoint scans every weight, and a scalar `isFinite` loop over GPT-2 small's
/// 124 M weights took a fifth of a whole `gptscope run` at T = 128. So: chunks spread over the
/// cores, sixteen lanes at a time. `x - x` is 0 for a finite `x` and NaN otherwise, so a chunk is
/// clean exactly when the sum of those differences stays 0 (plain arithmetic stays in vector
/// registers; Swift's SIMD comparisons went lane by lane). Only a chunk holding a bad element is
/// rescanned one element at a time.
public func firstNonFiniteIndex(_ scalars: UnsafeBufferPointer<Float>) -> Int? {
    typealias Lanes = SIMD16<Float>
    guard let base = scalars.baseAddress, !scalars.isEmpty else { return nil }
    let count = scalars.count, chunk = 1 << 18
    let chunks = (count + chunk - 1) / chunk
    let pointer = UnsafeSendable(base)
    let found = UnsafeMutableBufferPointer<Int>.allocate(capacity: chunks)
    defer { found.deallocate() }
    let results = UnsafeSendable(found.baseAddress!)
    Parallel.forEachRange(chunks, costPerItem: chunk / 4) { range in
        for c in range {
            let start = c * chunk, end = min(count, start + chunk)
            var differences = Lanes()                           // stays 0 while every element is finite
            var i = start
            while i + Lanes.scalarCount <= end {
                let v = UnsafeRawPointer(pointer.value + i).loadUnaligned(as: Lanes.self)
                differences += v - v
                i += Lanes.scalarCount
            }
            let isBad = { (j: Int) in !pointer.value[j].isFinite }
            let chunkIsBad = differences.sum() != 0 || (i ..< end).contains(where: isBad)
            results.value[c] = chunkIsBad ? (start ..< end).first(where: isBad) ?? -1 : -1
        }
    }
    return found.first { $0 >= 0 }
}
