// The decision a reader enters on the reading screen (d): BI-RADS and density per breast,
// recall, a 0–100 suspicion score, and the marks placed on the images (x). Keys move between
// fields and change them; Enter asks to confirm; Esc closes the form and keeps what was typed.
import MammoCore
import TUI

public struct DecisionForm: Equatable, Sendable {
    public enum Field: Int, CaseIterable, Sendable {
        case rightBIRADS, leftBIRADS, rightDensity, leftDensity, recall, suspicion

        public var label: String {
            switch self {
            case .rightBIRADS: return "R BI-RADS"
            case .leftBIRADS: return "L BI-RADS"
            case .rightDensity: return "R density"
            case .leftDensity: return "L density"
            case .recall: return "Recall"
            case .suspicion: return "Suspicion"
            }
        }
    }

    public var decision: ReaderDecision
    public var focus: Field = .rightBIRADS
    /// Asking "submit?" after Enter.
    public var confirming = false
    /// Digits typed into the suspicion field since it was focused.
    var typed = ""

    public init(decision: ReaderDecision = ReaderDecision(recall: false, suspicion: 0)) { self.decision = decision }

    public enum Outcome: Equatable, Sendable { case edited, submit, close, ignored }

    public mutating func handle(_ key: Key) -> Outcome {
        if confirming {
            switch key {
            case .character("y"), .character("Y"), .enter: confirming = false; return .submit
            case .character("n"), .character("N"), .escape: confirming = false; return .edited
            default: return .ignored
            }
        }
        switch key {
        case .escape: return .close
        case .enter: confirming = true; return .edited
        case .up, .backTab: move(-1)
        case .down, .tab: move(1)
        case .left, .character("-"): change(-1)
        case .right, .character("+"), .character(" "): change(1)
        case .character(let c) where c.isNumber && focus == .suspicion:
            typed = String((typed + String(c)).suffix(3))
            decision.suspicion = min(Int(typed) ?? 0, 100)
        case .character("y") where focus == .recall: decision.recall = true
        case .character("n") where focus == .recall: decision.recall = false
        case .backspace where focus == .suspicion:
            typed = String(typed.dropLast())
            decision.suspicion = Int(typed) ?? 0
        default: return .ignored
        }
        return .edited
    }

    mutating func move(_ step: Int) {
        let all = Field.allCases
        focus = all[((all.firstIndex(of: focus) ?? 0) + step + all.count) % all.count]
        typed = ""
    }

    mutating func change(_ step: Int) {
        func cycle<T: Equatable>(_ value: T?, in options: [T]) -> T? {
            let all: [T?] = [nil] + options.map { Optional($0) }
            let i = all.firstIndex { $0 == value } ?? 0
            return all[(i + step + all.count) % all.count]
        }
        switch focus {
        case .rightBIRADS: decision.right.birads = cycle(decision.right.birads, in: BIRADS.allCases)
        case .leftBIRADS: decision.left.birads = cycle(decision.left.birads, in: BIRADS.allCases)
        case .rightDensity: decision.right.density = cycle(decision.right.density, in: BreastDensity.allCases)
        case .leftDensity: decision.left.density = cycle(decision.left.density, in: BreastDensity.allCases)
        case .recall: decision.recall.toggle()
        case .suspicion: decision.suspicion = min(max(decision.suspicion + 5 * step, 0), 100); typed = ""
        }
    }

    /// The value shown for a field.
    public func value(_ field: Field) -> String {
        switch field {
        case .rightBIRADS: return decision.right.birads.map { "\($0.rawValue)  \($0.meaning)" } ?? "–"
        case .leftBIRADS: return decision.left.birads.map { "\($0.rawValue)  \($0.meaning)" } ?? "–"
        case .rightDensity: return decision.right.density.map { "\($0.rawValue)  \($0.meaning)" } ?? "–"
        case .leftDensity: return decision.left.density.map { "\($0.rawValue)  \($0.meaning)" } ?? "–"
        case .recall: return decision.recall ? "yes" : "no"
        case .suspicion: return "\(decision.suspicion) / 100"
        }
    }
}
