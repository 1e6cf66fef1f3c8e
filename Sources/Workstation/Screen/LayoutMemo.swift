// The last screen layout made, kept for the next caller with the same size and finding count.
// Draw and the reducer may run on different threads (the app loop, tests in parallel), hence the
// lock; a miss only recomputes, so one entry is enough: the size changes only on a resize.
import Foundation
import TUI

final class LayoutMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var last: ScreenLayout?

    func layout(_ size: Size, findingCount: Int) -> ScreenLayout {
        lock.lock()
        defer { lock.unlock() }
        if let last, last.size == size, last.findingCount == findingCount { return last }
        let made = ScreenLayout(size: size, findingCount: findingCount)
        last = made
        return made
    }
}
