// A flag set from one thread (Ctrl-C, `q` in the workstation) and polled by the transfer
// loops on another; a transfer that sees it set stops at the next instance boundary.
import Synchronization

public final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public func cancel() { flag.store(true, ordering: .relaxed) }
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
