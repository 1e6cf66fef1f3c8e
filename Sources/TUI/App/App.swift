// The UI loop: events become actions, actions change state, and a frame is drawn from the
// state only when it changed (or the terminal was resized). Slow work runs through `Effects`
// and comes back as actions. Everything a screen does is in the four closures, so the same
// app runs against the ncurses backend or the test backend.

public struct App<State: Equatable, Action: Sendable> {
    public var initialState: State
    /// Maps input to an action; nil ignores it. Resizes redraw by themselves.
    public var actionForEvent: (Event, State) -> Action?
    public var reduce: (inout State, Action, Effects<Action>) -> Void
    public var draw: (State, inout Frame) -> Void
    public var isFinished: (State) -> Bool
    /// How long to wait for input while background work is running before checking for its
    /// results; idle, the loop waits for input alone. It adds up to this much to the time from
    /// a key to its picture, so it is short: a few wake-ups while busy cost nothing.
    public var pollInterval: Duration
    /// Reduced once before the first frame (e.g. open a study named on the command line).
    public var initialActions: [Action] = []

    public init(initialState: State,
                actionForEvent: @escaping (Event, State) -> Action?,
                reduce: @escaping (inout State, Action, Effects<Action>) -> Void,
                draw: @escaping (State, inout Frame) -> Void,
                isFinished: @escaping (State) -> Bool,
                pollInterval: Duration = .milliseconds(5)) {
        self.initialState = initialState
        self.actionForEvent = actionForEvent
        self.reduce = reduce
        self.draw = draw
        self.isFinished = isFinished
        self.pollInterval = pollInterval
    }

    /// Runs until `isFinished` or the input closes (after the work in flight has reported
    /// back), and returns the final state. The caller owns the backend and shuts it down.
    /// Blocks: call it from the main thread, or from async code through `runOnOwnThread`.
    @discardableResult
    public func run(on backend: Backend) throws -> State {
        let channel = ActionChannel<Action>()
        let effects = Effects(channel: channel)
        var state = initialState
        for action in initialActions { reduce(&state, action, effects) }
        var needsDraw = true
        var inputClosed = false
        while !isFinished(state) {
            if needsDraw {
                try render(state, on: backend)
                needsDraw = false
            }
            var actions = channel.drain()
            if actions.isEmpty {
                if inputClosed {
                    guard channel.hasWorkInFlight else { break }
                    actions = channel.waitForActions()
                } else {
                    do {
                        let timeout: Duration? = channel.hasWorkInFlight ? pollInterval : nil
                        if let event = try backend.readEvent(timeout: timeout) {
                            if case .resize = event { needsDraw = true }
                            if let action = actionForEvent(event, state) { actions.append(action) }
                        }
                    } catch TUIError.inputClosed {
                        inputClosed = true
                    }
                }
            }
            for action in actions {
                let before = state
                reduce(&state, action, effects)
                if state != before { needsDraw = true }
                if isFinished(state) { break }
            }
        }
        return state
    }

    /// Draws `state` for the backend's current size and shows it.
    public func render(_ state: State, on backend: Backend) throws {
        var frame = Frame(size: backend.size)
        draw(state, &frame)
        try backend.draw(frame.buffer)
        for placement in frame.images { try backend.writeImage(placement.image, at: placement.origin) }
        try backend.flush()
    }
}
