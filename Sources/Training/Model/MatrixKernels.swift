/// The two products that cost nearly all of a training step, blocked for registers.
///
/// Both work four samples and four columns at a time with `SIMD4<Double>` accumulators
/// that stay in registers across the inner loop, so each weight (or δ) row is loaded once
/// for four samples instead of once per sample, and no accumulator goes back to memory
/// until its sum is done. Every sum still adds its terms one at a time in the same order
/// as the plain loops at the edges (lane-wise SIMD does not reassociate), so the result
/// is bit for bit the plain loops' result whatever the blocking.
enum MatrixKernels {
    /// `out[i, k] += Σ_r x[i, r]·w[r, k]` for n samples, r over d, k over h, terms in order of r.
    static func addRowProducts(
        _ x: UnsafePointer<Double>, samples n: Int, inputs d: Int,
        _ w: UnsafePointer<Double>, columns h: Int, into out: UnsafeMutablePointer<Double>
    ) {
        var i = 0
        while i + 4 <= n {
            let x0 = x + i * d, x1 = x0 + d, x2 = x1 + d, x3 = x2 + d
            let o0 = out + i * h, o1 = o0 + h, o2 = o1 + h, o3 = o2 + h
            var k = 0
            while k + 4 <= h {
                var a0 = load(o0 + k), a1 = load(o1 + k), a2 = load(o2 + k), a3 = load(o3 + k)
                for r in 0..<d {
                    let row = load(w + r * h + k)
                    a0 += x0[r] * row
                    a1 += x1[r] * row
                    a2 += x2[r] * row
                    a3 += x3[r] * row
                }
                store(a0, o0 + k); store(a1, o1 + k); store(a2, o2 + k); store(a3, o3 + k)
                k += 4
            }
            for column in k..<h {
                for offset in 0..<4 {
                    let xs = x0 + offset * d, o = o0 + offset * h
                    var sum = o[column]
                    for r in 0..<d { sum += xs[r] * w[r * h + column] }
                    o[column] = sum
                }
            }
            i += 4
        }
        for sample in i..<n {
            let xs = x + sample * d, o = out + sample * h
            for column in 0..<h {
                var sum = o[column]
                for r in 0..<d { sum += xs[r] * w[r * h + column] }
                o[column] = sum
            }
        }
    }

    /// `g[r, k] += Σ_i x[i, r]·δ[i, k]` for r over d, k over h, i over n samples, terms in order of i.
    static func addOuterProducts(
        _ x: UnsafePointer<Double>, samples n: Int, inputs d: Int,
        _ delta: UnsafePointer<Double>, columns h: Int, into g: UnsafeMutablePointer<Double>
    ) {
        var r = 0
        while r + 4 <= d {
            let g0 = g + r * h, g1 = g0 + h, g2 = g1 + h, g3 = g2 + h
            var k = 0
            while k + 4 <= h {
                var a0 = load(g0 + k), a1 = load(g1 + k), a2 = load(g2 + k), a3 = load(g3 + k)
                for i in 0..<n {
                    let row = load(delta + i * h + k)
                    let xs = x + i * d + r
                    a0 += xs[0] * row
                    a1 += xs[1] * row
                    a2 += xs[2] * row
                    a3 += xs[3] * row
                }
                store(a0, g0 + k); store(a1, g1 + k); store(a2, g2 + k); store(a3, g3 + k)
                k += 4
            }
            for column in k..<h {
                for offset in 0..<4 {
                    var sum = g[(r + offset) * h + column]
                    for i in 0..<n { sum += x[i * d + r + offset] * delta[i * h + column] }
                    g[(r + offset) * h + column] = sum
                }
            }
            r += 4
        }
        for input in r..<d {
            for column in 0..<h {
                var sum = g[input * h + column]
                for i in 0..<n { sum += x[i * d + input] * delta[i * h + column] }
                g[input * h + column] = sum
            }
        }
    }

    @inline(__always)
    private static func load(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always)
    private static func load(_ p: UnsafeMutablePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always)
    private static func store(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self)
    }
}
