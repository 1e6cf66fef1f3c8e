// A ProgressBar that transfers update from their own threads (DCMTK callbacks, URLSession
// delegates): every call goes through one lock.
import Synchronization

final class SharedProgressBar: Sendable {
    private struct Box: @unchecked Sendable { var bar: ProgressBar }
    private let box: Mutex<Box>

    init(total: Int, label: String, unit: String) {
        box = Mutex(Box(bar: ProgressBar(total: total, label: label, unit: unit)))
    }

    func update(done: Int, force: Bool = false) { box.withLock { $0.bar.update(done: done, force: force) } }
    func finish() { box.withLock { $0.bar.finish() } }
}
