// A growable byte buffer written through a raw cursor: the sixel encoder's hot loop reserves
// room for a whole colour row once and then stores bytes without per-byte capacity checks.

final class ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `extra` more bytes and returns where the next byte goes.
    @inline(__always)
    func reserve(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
        if count + extra > capacity { grow(to: count + extra) }
        return base + count
    }

    /// Records that bytes up to (not including) `cursor` have been written.
    @inline(__always)
    func commit(_ cursor: UnsafeMutablePointer<UInt8>) { count = cursor - base }

    func append(_ bytes: some Sequence<UInt8>) {
        for b in bytes {
            let p = reserve(1)
            p.pointee = b
            count += 1
        }
    }

    func append(_ text: String) { append(text.utf8) }

    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    private func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}

extension UnsafeMutablePointer<UInt8> {
    /// Writes a non-negative integer in decimal and returns the advanced cursor.
    @inline(__always)
    func writingDecimal(_ value: Int) -> UnsafeMutablePointer<UInt8> {
        var p = self
        if value < 10 {
            p.pointee = 48 &+ UInt8(truncatingIfNeeded: value); return p + 1
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0, v = value
        withUnsafeMutableBytes(of: &digits) { d in
            while v > 0 { d[n] = 48 &+ UInt8(truncatingIfNeeded: v % 10); v /= 10; n += 1 }
            while n > 0 { n -= 1; p.pointee = d[n]; p += 1 }
        }
        return p
    }
}
