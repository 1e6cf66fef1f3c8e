// A modal dialog's state (which button is chosen) and its keys: ←/→, Tab/Shift-Tab, h/l move
// between buttons, a button's own key picks it, Enter confirms, Esc cancels.

public struct ModalState: Hashable, Sendable {
    public struct Button: Hashable, Sendable {
        public var title: String
        /// A key that picks this button directly ("y", "n").
        public var key: Key?
        public init(_ title: String, key: Key? = nil) { self.title = title; self.key = key }
    }

    public enum Outcome: Hashable, Sendable {
        case ignored
        case moved
        /// A button was chosen (by index).
        case chosen(Int)
        case cancelled
    }

    public var title: String
    public var message: String
    public var buttons: [Button]
    public private(set) var selectedButton: Int

    public init(title: String, message: String, buttons: [Button] = [Button("OK", key: .enter)], selectedButton: Int = 0) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.selectedButton = buttons.isEmpty ? 0 : min(max(selectedButton, 0), buttons.count - 1)
    }

    public mutating func handle(_ key: Key) -> Outcome {
        if let i = buttons.firstIndex(where: { $0.key == key && key != .enter }) { return .chosen(i) }
        switch key {
        case .enter: return buttons.isEmpty ? .cancelled : .chosen(selectedButton)
        case .escape, .character("q"): return .cancelled
        case .left, .backTab, .character("h"): return move(by: -1)
        case .right, .tab, .character("l"): return move(by: 1)
        default: return .ignored
        }
    }

    private mutating func move(by delta: Int) -> Outcome {
        guard buttons.count > 1 else { return .ignored }
        selectedButton = ((selectedButton + delta) % buttons.count + buttons.count) % buttons.count
        return .moved
    }
}
