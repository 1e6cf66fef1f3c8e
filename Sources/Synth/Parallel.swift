// Splits row-wise work over the CPU cores. Every caller writes disjoint rows and draws its random
// numbers from counters, so results do not depend on how the work was split.
import Foundation

enum Parallel {
    /// Calls `body(range)` for contiguous chunks covering 0..<count, concurrently.
    static func forEachChunk(_ count: Int, minimumChunk: Int = 16, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunks = max(1, min(cores * 4, count / max(1, minimumChunk)))
        if chunks == 1 { body(0..<count); return }
        // Callers only write disjoint rows, which is what makes handing `body` to other threads
        // sound; the box says so to the compiler.
        withoutActuallyEscaping(body) { work in
            let box = UncheckedSendable(work)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = count * chunk / chunks
                let end = count * (chunk + 1) / chunks
                if start < end { box.value(start..<end) }
            }
        }
    }
}

/// A value handed to worker threads under the caller's promise that they touch disjoint memory.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
