/// Position arithmetic shared by the layer figures: checking ranges and choosing a readable
/// window of a long prompt.
enum LayerPositions {
    /// `range` if it is a non-empty part of `0..<count`.
    static func check(_ range: Range<Int>, count: Int) throws(LayersError) -> Range<Int> {
        guard range.lowerBound >= 0, range.upperBound <= count, !range.isEmpty else {
            throw .rangeOutOfBounds(lower: range.lowerBound, upper: range.upperBound, count: count)
        }
        return range
    }

    /// `position` (negative counts from the end: -1 is the last) as an index into `0..<count`.
    static func check(_ position: Int, count: Int) throws(LayersError) -> Int {
        let p = position < 0 ? count + position : position
        guard p >= 0, p < count else { throw .positionOutOfRange(position: position, count: count) }
        return p
    }

    /// The last `limit` positions of a `count`-token prompt (all of it when shorter).
    static func tail(count: Int, limit: Int) -> Range<Int> {
        max(0, count - limit) ..< count
    }
}
