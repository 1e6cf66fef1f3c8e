// Indexing received instances in batches: a Storage SCP answers each C-STORE once the file is
// checked and filed, and the library rows follow within a few milliseconds, many instances
// to one write transaction (one per instance was a third of `pacs listen`'s time).
import Dispatch
import Foundation
import MammoCore
import Store
import Synchronization

final class IndexBatcher: Sendable {
    let database: Database
    let onIndexed: @Sendable (ImageSummary) -> Void
    let onFailed: @Sendable (ImageSummary, String) -> Void
    private let queue = DispatchQueue(label: "mammoterm.index-batcher")
    private let pending = Mutex<(summaries: [ImageSummary], scheduled: Bool)>(([], false))

    /// How long an instance may wait for the batch it is in.
    static let delay = DispatchTimeInterval.milliseconds(20)
    static let batch = 256

    init(database: Database, onIndexed: @escaping @Sendable (ImageSummary) -> Void,
         onFailed: @escaping @Sendable (ImageSummary, String) -> Void) {
        self.database = database
        self.onIndexed = onIndexed
        self.onFailed = onFailed
    }

    func enqueue(_ summary: ImageSummary) {
        let (schedule, full) = pending.withLock { state -> (Bool, Bool) in
            state.summaries.append(summary)
            let schedule = !state.scheduled
            state.scheduled = true
            return (schedule, state.summaries.count >= Self.batch)
        }
        if full {
            queue.async { self.flush() }
        } else if schedule {
            queue.asyncAfter(deadline: .now() + Self.delay) { self.flush() }
        }
    }

    /// Writes whatever is waiting, and returns once it is in the library.
    func drain() { queue.sync { flush() } }

    private func flush() {
        let batch = pending.withLock { state -> [ImageSummary] in
            defer { state.summaries.removeAll(); state.scheduled = false }
            return state.summaries
        }
        guard !batch.isEmpty else { return }
        do {
            for (summary, result) in zip(batch, try database.add(batch)) {
                switch result {
                case .success: onIndexed(summary)
                case .failure(let error):
                    try? FileManager.default.removeItem(atPath: summary.path)
                    onFailed(summary, error.reason)
                }
            }
        } catch {
            // The library refused the whole batch (disk full, locked): the files stay in storage,
            // where `mammoterm import` of the storage folder finds them again.
            for summary in batch { onFailed(summary, "not indexed: \(error.reason); the file stays at \(summary.path)") }
        }
    }
}
