// The way back into the UI loop for work done elsewhere: effects running on other threads put
// their actions here, the loop takes them between input events. Counts work still in flight
// so the loop knows whether to wait for more.
import Foundation

final class ActionChannel<Action: Sendable>: @unchecked Sendable {
    // An NSCondition guards `queue` and `inFlight`; @unchecked because of that manual locking.
    private let condition = NSCondition()
    private var queue: [Action] = []
    private var inFlight = 0

    func send(_ action: Action) {
        condition.lock()
        queue.append(action)
        condition.signal()
        condition.unlock()
    }

    func begin() {
        condition.lock()
        inFlight += 1
        condition.unlock()
    }

    /// Ends one piece of work, delivering its action if it has one.
    func finish(_ action: Action?) {
        condition.lock()
        inFlight -= 1
        if let action { queue.append(action) }
        condition.signal()
        condition.unlock()
    }

    var hasWorkInFlight: Bool {
        condition.lock()
        defer { condition.unlock() }
        return inFlight > 0
    }

    /// Everything queued now, without waiting.
    func drain() -> [Action] {
        condition.lock()
        defer { condition.unlock() }
        let out = queue
        queue.removeAll()
        return out
    }

    /// Waits until an action arrives or no work is left; returns what is queued (maybe nothing).
    func waitForActions() -> [Action] {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && inFlight > 0 { condition.wait() }
        let out = queue
        queue.removeAll()
        return out
    }
}
