// A copy of a Float array in memory it owns, readable from worker threads without a closure per
// array in the hot pixel loops (copying costs milliseconds; the loops take far longer).

final class ReadOnlyGrid: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Float>
    var base: UnsafePointer<Float> { UnsafePointer(storage) }

    init(_ array: [Float]) {
        storage = UnsafeMutablePointer<Float>.allocate(capacity: max(1, array.count))
        storage.initialize(repeating: 0, count: max(1, array.count))
        array.withUnsafeBufferPointer { buffer in
            if let source = buffer.baseAddress { storage.update(from: source, count: array.count) }
        }
    }

    deinit { storage.deallocate() }
}
