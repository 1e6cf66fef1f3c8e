// A line of effects that must happen in the order they were asked for (writes to one library):
// `Effects.run(in:)` queues work on the lane's serial queue at once, so the second write never
// overtakes the first, while the loop goes on without waiting for either.
import Dispatch

public final class EffectLane: Sendable {
    let queue: DispatchQueue

    public init(label: String) {
        queue = DispatchQueue(label: "mammoterm.lane.\(label)", qos: .userInitiated)
    }
}

extension Effects {
    /// Runs `work` on `lane` after everything queued there before; its action (if any) is
    /// reduced on the loop later, in the same order.
    public func run(in lane: EffectLane, _ work: @escaping @Sendable () -> Action?) {
        channel.begin()
        let channel = self.channel
        lane.queue.async { channel.finish(work()) }
    }
}
