import Foundation

/// The eigenvalues of a small real square matrix (row-major, `n × n`), as (real, imaginary) pairs.
///
/// Reduction to upper Hessenberg form by stabilised elimination, then Francis double-shift QR
/// (the `elmhes` + `hqr` pair of Numerical Recipes, §11.5–11.6), in Double. For the `hs × hs`
/// matrices of the QK/OV circuits (hs ≤ 256) this is instant; returns nil if QR fails to converge
/// in 30 iterations per eigenvalue (it does not on real model weights, but a caller must not draw NaN).
public func eigenvalues(_ matrix: [Double], n: Int) -> [(re: Double, im: Double)]? {
    guard n > 0, matrix.count == n * n else { return n == 0 ? [] : nil }
    // 1-based storage, as in the published algorithm, so the index arithmetic reads the same.
    var a = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: n + 1)
    for i in 0 ..< n { for j in 0 ..< n { a[i + 1][j + 1] = matrix[i * n + j] } }
    reduceToHessenberg(&a, n)
    for i in 3 ... max(3, n) where i <= n { for j in 1 ... i - 2 { a[i][j] = 0 } }   // drop the multipliers elmhes leaves
    var wr = [Double](repeating: 0, count: n + 1), wi = wr
    var anorm = 0.0
    for i in 1 ... n { for j in max(i - 1, 1) ... n { anorm += abs(a[i][j]) } }
    var nn = n, t = 0.0
    var (x, y, z, w, v, u, s, r, q, p) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    while nn >= 1 {
        var its = 0
        var l = 1
        repeat {
            l = 1
            for candidate in stride(from: nn, through: 2, by: -1) {
                s = abs(a[candidate - 1][candidate - 1]) + abs(a[candidate][candidate])
                if s == 0 { s = anorm }
                if abs(a[candidate][candidate - 1]) + s == s {
                    a[candidate][candidate - 1] = 0
                    l = candidate
                    break
                }
            }
            x = a[nn][nn]
            if l == nn {                                       // one root found
                wr[nn] = x + t; wi[nn] = 0; nn -= 1
            } else {
                y = a[nn - 1][nn - 1]
                w = a[nn][nn - 1] * a[nn - 1][nn]
                if l == nn - 1 {                               // two roots found
                    p = 0.5 * (y - x)
                    q = p * p + w
                    z = abs(q).squareRoot()
                    x += t
                    if q >= 0 {                                // a real pair
                        z = p + (p >= 0 ? abs(z) : -abs(z))
                        wr[nn - 1] = x + z; wr[nn] = x + z
                        if z != 0 { wr[nn] = x - w / z }
                        wi[nn - 1] = 0; wi[nn] = 0
                    } else {                                   // a complex pair
                        wr[nn - 1] = x + p; wr[nn] = x + p
                        wi[nn - 1] = -z; wi[nn] = z
                    }
                    nn -= 2
                } else {
                    if its == 30 { return nil }
                    if its == 10 || its == 20 {                // exceptional shift
                        t += x
                        for i in 1 ... nn { a[i][i] -= x }
                        s = abs(a[nn][nn - 1]) + abs(a[nn - 1][nn - 2])
                        x = 0.75 * s; y = x
                        w = -0.4375 * s * s
                    }
                    its += 1
                    var m = nn - 2
                    while m >= l {                             // look for two consecutive small subdiagonals
                        z = a[m][m]
                        r = x - z
                        s = y - z
                        p = (r * s - w) / a[m + 1][m] + a[m][m + 1]
                        q = a[m + 1][m + 1] - z - r - s
                        r = a[m + 2][m + 1]
                        s = abs(p) + abs(q) + abs(r)
                        p /= s; q /= s; r /= s
                        if m == l { break }
                        u = abs(a[m][m - 1]) * (abs(q) + abs(r))
                        v = abs(p) * (abs(a[m - 1][m - 1]) + abs(z) + abs(a[m + 1][m + 1]))
                        if u + v == v { break }
                        m -= 1
                    }
                    if m + 2 <= nn {
                        for i in m + 2 ... nn {
                            a[i][i - 2] = 0
                            if i != m + 2 { a[i][i - 3] = 0 }
                        }
                    }
                    for k in m ... nn - 1 {                    // double-shift QR step on rows l…nn, columns m…nn
                        if k != m {
                            p = a[k][k - 1]
                            q = a[k + 1][k - 1]
                            r = k != nn - 1 ? a[k + 2][k - 1] : 0
                            x = abs(p) + abs(q) + abs(r)
                            if x != 0 { p /= x; q /= x; r /= x }
                        }
                        let norm = (p * p + q * q + r * r).squareRoot()
                        s = p >= 0 ? norm : -norm
                        if s != 0 {
                            if k == m {
                                if l != m { a[k][k - 1] = -a[k][k - 1] }
                            } else {
                                a[k][k - 1] = -s * x
                            }
                            p += s
                            x = p / s; y = q / s; z = r / s
                            q /= p; r /= p
                            for j in k ... nn {
                                p = a[k][j] + q * a[k + 1][j]
                                if k != nn - 1 {
                                    p += r * a[k + 2][j]
                                    a[k + 2][j] -= p * z
                                }
                                a[k + 1][j] -= p * y
                                a[k][j] -= p * x
                            }
                            for i in l ... min(nn, k + 3) {
                                p = x * a[i][k] + y * a[i][k + 1]
                                if k != nn - 1 {
                                    p += z * a[i][k + 2]
                                    a[i][k + 2] -= p * r
                                }
                                a[i][k + 1] -= p * q
                                a[i][k] -= p
                            }
                        }
                    }
                }
            }
        } while l < nn - 1
    }
    return (1 ... n).map { (wr[$0], wi[$0]) }
}

/// Similarity transform of `a` (1-based, `n × n`) to upper Hessenberg form by Gaussian
/// elimination with pivoting (`elmhes`); eigenvalues are unchanged.
private func reduceToHessenberg(_ a: inout [[Double]], _ n: Int) {
    guard n > 2 else { return }
    for m in 2 ..< n {
        var x = 0.0
        var pivot = m
        for j in m ... n where abs(a[j][m - 1]) > abs(x) {
            x = a[j][m - 1]
            pivot = j
        }
        if pivot != m {
            for j in m - 1 ... n { let tmp = a[pivot][j]; a[pivot][j] = a[m][j]; a[m][j] = tmp }
            for j in 1 ... n { let tmp = a[j][pivot]; a[j][pivot] = a[j][m]; a[j][m] = tmp }
        }
        if x != 0 {
            for i in m + 1 ... n {
                var y = a[i][m - 1]
                if y != 0 {
                    y /= x
                    a[i][m - 1] = y
                    for j in m ... n { a[i][j] -= y * a[m][j] }
                    for j in 1 ... n { a[j][m] += y * a[j][i] }
                }
            }
        }
    }
}
