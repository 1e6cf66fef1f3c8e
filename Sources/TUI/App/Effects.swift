// Given to the reducer so slow work (decoding, inference, database writes) runs off the UI
// loop and comes back as an action. The reducer itself stays a quick, pure state change.

public final class Effects<Action: Sendable>: Sendable {
    let channel: ActionChannel<Action>

    init(channel: ActionChannel<Action>) { self.channel = channel }

    /// Runs `work` on the concurrency pool; its action (if any) is reduced on the loop later.
    public func run(_ work: @escaping @Sendable () async -> Action?) {
        channel.begin()
        let channel = self.channel
        Task.detached {
            let action = await work()
            channel.finish(action)
        }
    }

    /// Delivers `action` to the loop from any thread.
    public func send(_ action: Action) { channel.send(action) }
}
