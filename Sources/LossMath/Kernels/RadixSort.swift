/// Sorting rows of doubles ascending by least-significant-digit radix sort.
///
/// The scale cache sorts every row's C − 1 rival cosines (6 million values for
/// 1024×5994); a comparison sort spends ~40 ns a value there, four byte-wide
/// counting passes on the high half of the keys and one insertion pass a few. Each double maps to a 64-bit key whose unsigned order
/// is the numeric order (flip all bits of negatives, the sign bit of the rest), so
/// −0 sorts just before +0, which compare equal anyway. Passes whose byte is the
/// same for every value (common: cosines share sign and exponent bits) are skipped.
///
/// Limits: NaN is not supported (it sorts to an end).
enum RadixSort {
    /// Sorts `count` doubles at `values` in place, using `scratch` (2·count keys) as workspace.
    static func sort(_ values: UnsafeMutablePointer<Double>, count n: Int, scratch: UnsafeMutablePointer<UInt64>) {
        guard n > 1 else { return }
        var source = scratch
        var target = scratch + n
        let histogram = UnsafeMutablePointer<Int>.allocate(capacity: 8 * 256)
        defer { histogram.deallocate() }
        histogram.initialize(repeating: 0, count: 8 * 256)
        for i in 0..<n {
            let bits = values[i].bitPattern
            let key = bits >> 63 == 1 ? ~bits : bits | (1 << 63)
            source[i] = key
            for pass in 4..<8 { histogram[pass * 256 + Int((key >> UInt64(pass * 8)) & 0xFF)] += 1 }
        }
        // Only the high 32 bits of the key are radix-sorted; values that share them
        // (relative distance below ~1e-9) end up adjacent, and one insertion pass
        // puts those few in order.
        for pass in 4..<8 {
            let counts = histogram + pass * 256
            let firstKey = source[0]
            if counts[Int((firstKey >> UInt64(pass * 8)) & 0xFF)] == n { continue }
            var offset = 0
            for digit in 0..<256 {
                let c = counts[digit]
                counts[digit] = offset
                offset += c
            }
            for i in 0..<n {
                let key = source[i]
                let digit = Int((key >> UInt64(pass * 8)) & 0xFF)
                target[counts[digit]] = key
                counts[digit] += 1
            }
            swap(&source, &target)
        }
        for i in 0..<n {
            let key = source[i]
            values[i] = Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
        }
        for i in 1..<n {
            let v = values[i]
            var j = i
            while j > 0 && values[j - 1] > v {
                values[j] = values[j - 1]
                j -= 1
            }
            values[j] = v
        }
    }
}
