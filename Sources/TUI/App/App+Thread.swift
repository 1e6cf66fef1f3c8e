// Running the blocking UI loop from async code (tests, an async main) without starving Swift's
// concurrency pool: the loop gets its own thread, the caller awaits its end. Effects run on the
// pool, so a loop blocking a pool thread could wait forever for them on a small machine.
import Foundation

extension App where State: Sendable {
    /// Runs `run(on:)` on a dedicated thread and returns its final state.
    @discardableResult
    public func runOnOwnThread(on backend: Backend) async throws -> State {
        let job = UncheckedSendable((app: self, backend: backend))
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    continuation.resume(returning: try job.value.app.run(on: job.value.backend))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "TUI loop"
            thread.start()
        }
    }
}

/// Hands a value to another thread that the compiler cannot prove safe to share. Used only
/// where exactly one thread touches the value at a time (the caller waits while the loop runs).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
