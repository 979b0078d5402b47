/// `table[ids]`, the embedding lookup: row `ids[t]` of `table` becomes row t of the result.
///
/// `table: [N, C]`, `ids: [T]` `-> [T, C]`. Ids must be in `0 ..< N` (callers validate them).
public func gatherRows(_ table: Tensor, _ ids: [Int]) -> Tensor {
    precondition(table.rank == 2, "gatherRows: table must be [N, C], got \(table.shape)")
    let (rows, width) = (table.shape[0], table.shape[1])
    return Tensor(shape: [ids.count, width]) { out in
        table.withUnsafeBufferPointer { source in
            for (row, id) in ids.enumerated() {
                precondition(id >= 0 && id < rows, "gatherRows: id \(id) outside 0..<\(rows)")
                (out.baseAddress! + row * width).update(from: source.baseAddress! + id * width, count: width)
            }
        }
    }
}

/// Backward of ``gatherRows(_:_:)``: adds row t of `outputGradient` into row `ids[t]` of
/// `tableGradient` (an id seen twice gets both rows' sum).
///
/// `outputGradient: [T, C]`, `ids: [T]`, `tableGradient: [N, C]`.
public func scatterAddRows(_ outputGradient: Tensor, _ ids: [Int], into tableGradient: inout Tensor) {
    let width = tableGradient.shape[1]
    precondition(outputGradient.shape == [ids.count, width], "scatterAddRows: \(outputGradient.shape) for \(ids.count) ids of width \(width)")
    outputGradient.withUnsafeBufferPointer { pdy in
        tableGradient.withUnsafeMutableBufferPointer { table in
            for (t, id) in ids.enumerated() {
                let source = pdy.baseAddress! + t * width, row = table.baseAddress! + id * width
                for c in 0 ..< width { row[c] += source[c] }
            }
        }
    }
}
