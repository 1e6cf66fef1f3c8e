// Sorting samples of Doubles fast: an LSD radix sort on the IEEE-754 bit patterns (11 bits a pass), several
// times faster than a comparison sort for the tens of thousands of values a window's inputs hold.

enum SortedSample {
    /// Sorts ascending in place (−0 before +0; NaNs must be filtered out first). Small arrays use the
    /// standard library's sort, where the radix passes' fixed cost does not pay.
    static func sort(_ values: inout [Double], scratch: inout [UInt64]) {
        let count = values.count
        guard count > 256 else { values.sort(); return }
        // Map to keys that order as unsigned integers: flip all bits of negatives, the sign bit of positives.
        var keys = [UInt64](repeating: 0, count: count)
        if scratch.count < count { scratch = [UInt64](repeating: 0, count: count) }
        values.withUnsafeBufferPointer { v in
            for i in 0..<count {
                let bits = v[i].bitPattern
                keys[i] = bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
            }
        }
        var histogram = [Int](repeating: 0, count: 2048)
        keys.withUnsafeMutableBufferPointer { source in
            scratch.withUnsafeMutableBufferPointer { target in
                var from = source, to = target
                for pass in 0..<6 {
                    let shift = UInt64(pass * 11)
                    for i in 0..<2048 { histogram[i] = 0 }
                    for i in 0..<count { histogram[Int((from[i] >> shift) & 2047)] += 1 }
                    // Skip a pass where every key shares the digit.
                    if histogram.contains(count) { continue }
                    var sum = 0
                    for i in 0..<2048 { let c = histogram[i]; histogram[i] = sum; sum += c }
                    for i in 0..<count {
                        let digit = Int((from[i] >> shift) & 2047)
                        to[histogram[digit]] = from[i]
                        histogram[digit] += 1
                    }
                    swap(&from, &to)
                }
                values.withUnsafeMutableBufferPointer { v in
                    for i in 0..<count {
                        let key = from[i]
                        v[i] = Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
                    }
                }
            }
        }
    }

    static func sort(_ values: inout [Double]) {
        var scratch: [UInt64] = []
        sort(&values, scratch: &scratch)
    }
}
