// Results of a DispatchQueue.concurrentPerform: one slot per iteration, each written by exactly that
// iteration, read after it returns.
import Foundation

public final class ConcurrentSlots<Element: Sendable>: @unchecked Sendable {
    private var slots: [Element]
    private let lock = NSLock()

    public init(count: Int, initial: Element) { slots = Array(repeating: initial, count: count) }

    public func set(_ index: Int, _ value: Element) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    public var all: [Element] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
