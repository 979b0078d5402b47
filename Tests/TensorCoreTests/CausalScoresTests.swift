import Foundation
import Testing
@testable import TensorCore

/// Packed lower-triangle storage of attention scores and patterns: the layout worked out by hand,
/// and the packed kernels against a plain dense triple loop.
struct CausalScoresTests {
    @Test func threeQueriesPackIntoOneTileByHand() {
        // T = 3 from position 0: one tile [3, 3]; entries right of each query's key hold the fill.
        let dense = Tensor(shape: [1, 3, 3], scalars: [1, 9, 9,
                                                       2, 3, 9,
                                                       4, 5, 6])
        let packed = CausalScores(packing: dense, past: 0, fill: 0)
        #expect(packed.storage == [1, 0, 0, 2, 3, 0, 4, 5, 6])
        #expect(packed.unpacked().scalars == [1, 0, 0, 2, 3, 0, 4, 5, 6])
        #expect(packed.shape == [1, 3, 3] && packed.byteCount == 36)
    }

    @Test func tilesAfterTheFirstAreOnlyAsWideAsTheyReach() {
        // T = 70: tile 0 is queries 0..<64 × keys 0..<64, tile 1 queries 64..<70 × keys 0..<70.
        #expect(CausalScores.headCount(queries: 70, past: 0) == 64 * 64 + 6 * 70)
        let tiles = CausalScores.tiles(queries: 70, past: 0)
        #expect(tiles.count == 2)
        let tile: [Int] = [tiles[1].first, tiles[1].rows, tiles[1].visible, tiles[1].offset]
        #expect(tile == [64, 6, 70, 4096])
        // 3 cached positions, 2 queries: one tile [2, 5].
        #expect(CausalScores.headCount(queries: 2, past: 3) == 10)
        // About half the square at T = 1,024: 16 tiles of 64 rows, 64·64·(1 + … + 16) elements.
        #expect(CausalScores.headCount(queries: 1024, past: 0) == 64 * 64 * 136)
    }

    @Test func elementsReadInPlaceMatchTheUnpackedSquare() {
        // Three tiles (T = 150: 64 + 64 + 22 rows) after 5 cached positions, and from position 0.
        for (t, past) in [(150, 5), (150, 0), (3, 0)] {
            let nh = 2
            var dense = Tensor(shape: [nh, t, past + t], repeating: -1)
            dense.withUnsafeMutableBufferPointer { d in
                for h in 0 ..< nh { for i in 0 ..< t { for j in 0 ... past + i { d[(h * t + i) * (past + t) + j] = Float(h * 100_000 + i * 300 + j) } } }
            }
            let packed = CausalScores(packing: dense, past: past, fill: 0)
            let square = packed.unpacked().scalars
            var mismatches = 0
            for h in 0 ..< nh { for i in 0 ..< t { for j in 0 ..< past + t where packed[head: h, query: i, key: j] != square[(h * t + i) * (past + t) + j] { mismatches += 1 } } }
            #expect(mismatches == 0, "T = \(t), past = \(past)")
            #expect(packed[head: 1, query: t - 1, key: past + t - 1] == Float(100_000 + (t - 1) * 300 + past + t - 1))
            if t > 1 { #expect(packed[head: 0, query: 0, key: past + 1] == 0) }   // masked: the fill
        }
    }

    @Test func packingAndUnpackingRoundTripOverSeveralTiles() {
        let (nh, t) = (2, 70)
        var dense = Tensor(shape: [nh, t, t], repeating: -.infinity)
        dense.withUnsafeMutableBufferPointer { d in
            for h in 0 ..< nh { for i in 0 ..< t { for j in 0 ... i { d[(h * t + i) * t + j] = Float(h * 10_000 + i * 100 + j) } } }
        }
        let packed = CausalScores(packing: dense, past: 0, fill: -.infinity)
        #expect(packed.count == nh * (64 * 64 + 6 * 70))
        #expect(packed.unpacked() == dense)
        #expect(packed.head(1) == Tensor(shape: [t, t], scalars: Array(dense.scalars[t * t ..< 2 * t * t])))
        // Query 65 (tile 1, row 1) of head 1: its first key sits at 2 tile-sizes in, row width 70.
        #expect(packed.storage[packed.headStride + 4096 + 70] == 16_500)
    }

    @Test func packedKernelsMatchDenseAttentionOverSeveralTiles() {
        // 2 heads of width 3, 70 queries after 5 cached keys (S = 75), against a plain loop.
        let (nh, hs, past, t) = (2, 3, 5, 70)
        let (c, s) = (nh * hs, past + t)
        func value(_ i: Int, _ salt: Int) -> Float { Float(sin(Double(i * 7 + salt) * 0.37)) }
        let q = Tensor(shape: [t, nh, hs], scalars: (0 ..< t * c).map { value($0, 1) })
        let keys = (0 ..< s * c).map { value($0, 2) }, values = (0 ..< s * c).map { value($0, 3) }
        let scores = causalAttentionScores(q, keys: keys, heads: nh, past: past)
        let pattern = causalSoftmax(scores)
        let z = causalWeightedSum(pattern, values: values, width: c)
        var worstScore: Double = 0, worstPattern: Double = 0, worstZ: Double = 0
        let (dense, densePattern) = (scores.unpacked(), pattern.unpacked())
        for h in 0 ..< nh {
            for i in 0 ..< t {
                var row = [Double](repeating: 0, count: s)
                for j in 0 ..< s {
                    row[j] = (0 ..< hs).reduce(0.0) { $0 + Double(q.scalars[i * c + h * hs + $1]) * Double(keys[j * c + h * hs + $1]) } / sqrt(Double(hs))
                }
                let seen = past + i + 1
                let m = row[..<seen].max()!, e = row[..<seen].map { exp($0 - m) }, total = e.reduce(0, +)
                for j in 0 ..< s {
                    let got = Double(dense.scalars[(h * t + i) * s + j]), p = Double(densePattern.scalars[(h * t + i) * s + j])
                    if j < seen {
                        worstScore = max(worstScore, abs(got - row[j]))
                        worstPattern = max(worstPattern, abs(p - e[j] / total))
                    } else {
                        #expect(got == -.infinity && p == 0)
                    }
                }
                for d in 0 ..< hs {
                    let expected = (0 ..< seen).reduce(0.0) { $0 + e[$1] / total * Double(values[$1 * c + h * hs + d]) }
                    worstZ = max(worstZ, abs(Double(z.scalars[i * c + h * hs + d]) - expected))
                }
            }
        }
        #expect(worstScore < 1e-5 && worstPattern < 1e-6 && worstZ < 1e-5)
    }

    @Test func theSoftmaxReusesUnsharedScoresAndCopiesRecordedOnes() {
        let q = Tensor(shape: [3, 1, 1], scalars: [1, 2, 3])
        let keys: [Float] = [1, 1, 1]
        let recorded = causalAttentionScores(q, keys: keys, heads: 1, past: 0)
        let pattern = causalSoftmax(recorded)
        // The recorded scores are unchanged by the softmax that read them: rows 1, 2 | 3, 3, 3.
        #expect(recorded.storage == [1, -.infinity, -.infinity, 2, 2, -.infinity, 3, 3, 3])
        let third: Float = 1.0 / 3
        let expected: [Float] = [1, 0, 0, 0.5, 0.5, 0, third, third, third]
        #expect(zip(pattern.storage, expected).allSatisfy { abs($0 - $1) < 1e-7 })
        #expect(pattern.fill == 0 && recorded.fill == -.infinity)
    }
}
