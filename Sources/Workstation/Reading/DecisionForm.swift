// The decision a reader enters on the reading screen (d): BI-RADS per breast (chosen by its
// digit), the 0–100 suspicion score, density per breast, and the marks placed on the images (x).
// Recall is shown but follows from the BI-RADS, so a record cannot contradict itself; nothing is
// filled in for the reader, and Enter refuses, naming what is missing, until it is all there.
import MammoCore
import TUI

public struct DecisionForm: Equatable, Sendable {
    /// The fields the reader edits, in the order Tab and a chosen value move through them: the
    /// ones every decision needs first.
    public enum Field: Int, CaseIterable, Sendable {
        case rightBIRADS, leftBIRADS, suspicion, rightDensity, leftDensity

        public var label: String {
            switch self {
            case .rightBIRADS: return "R BI-RADS"
            case .leftBIRADS: return "L BI-RADS"
            case .suspicion: return "Suspicion"
            case .rightDensity: return "R density"
            case .leftDensity: return "L density"
            }
        }

        /// The keys of this field, for the form's help line.
        public var hint: String {
            switch self {
            case .rightBIRADS, .leftBIRADS: return "0-5 · 4 then a b c"
            case .suspicion: return "type 0–100 · ← → by 5"
            case .rightDensity, .leftDensity: return "a b c d (optional)"
            }
        }
    }

    public var draft: DecisionDraft
    /// The breasts the study shows: each needs its BI-RADS (both when the views are not known).
    public var breasts: Set<Side>
    public var focus: Field = .rightBIRADS
    /// Asking "submit?" after Enter.
    public var confirming = false
    /// Digits typed into the suspicion field since it was focused.
    var typed = ""

    public init(draft: DecisionDraft = DecisionDraft(), breasts: Set<Side> = Set(Side.allCases)) {
        self.draft = draft
        self.breasts = breasts
    }

    public enum Outcome: Equatable, Sendable {
        case edited, close, ignored
        /// Confirmed with nothing missing: the decision to record.
        case submit(ReaderDecision)
        /// The key cannot do that: why, for the status line.
        case refused(String)
    }

    public static let recallRefusal = "Recall follows the BI-RADS: 0, 4A–4C or 5 on a breast recalls, 1–3 do not"

    public mutating func handle(_ key: Key) -> Outcome {
        if confirming {
            switch key {
            case .character("y"), .character("Y"), .enter:
                confirming = false
                guard let decision = draft.decision(breasts: breasts) else { return refuseMissing() }
                return .submit(decision)
            case .character("n"), .character("N"), .escape: confirming = false; return .edited
            default: return .ignored
            }
        }
        switch key {
        case .escape: return .close
        case .enter:
            guard draft.missing(breasts: breasts).isEmpty else { return refuseMissing() }
            confirming = true
        case .up, .backTab: move(-1)
        case .down, .tab: move(1)
        case .left, .character("-"): change(-1)
        case .right, .character("+"), .character(" "): change(1)
        case .backspace: clear()
        case .character(let c): return enter(c)
        default: return .ignored
        }
        return .edited
    }

    /// Focuses the first missing field and says what is missing.
    mutating func refuseMissing() -> Outcome {
        let missing = draft.missing(breasts: breasts)
        if let first = missing.first { moveFocus(to: first) }
        let names = missing.map { $0 == .suspicion ? "the suspicion (0–100)" : $0.label }
        return .refused("Not submitted: enter " + names.joined(separator: ", ") + " first")
    }

    /// A typed character: on a BI-RADS field its category, on the suspicion a digit, on a density its letter.
    mutating func enter(_ c: Character) -> Outcome {
        if c == "y" || c == "n" { return .refused(Self.recallRefusal) }
        switch focus {
        case .rightBIRADS, .leftBIRADS:
            let current = focus == .rightBIRADS ? draft.right.birads : draft.left.birads
            let subcategories: [BIRADS] = [.category4A, .category4B, .category4C]
            let chosen: BIRADS
            var advances = true
            switch c {
            case "4":
                // 4 alone is 4A; 4 again steps to 4B, then 4C, then back to 4A.
                let at = current.flatMap { subcategories.firstIndex(of: $0) }
                chosen = at.map { subcategories[($0 + 1) % subcategories.count] } ?? .category4A
                advances = false
            case "a", "b", "c", "A", "B", "C":
                guard let current, current == .category4 || subcategories.contains(current),
                      let index = ["a", "b", "c"].firstIndex(of: c.lowercased()) else {
                    return .refused("a b c choose 4A 4B 4C: press 4 first")
                }
                chosen = subcategories[index]
            default:
                guard let digit = c.wholeNumberValue, let category = BIRADS(rawValue: String(digit)), BIRADS.readable.contains(category) else {
                    return c.isNumber ? .refused("BI-RADS here is 0, 1, 2, 3, 4A–4C or 5") : .ignored
                }
                chosen = category
            }
            if focus == .rightBIRADS { draft.right.birads = chosen } else { draft.left.birads = chosen }
            if advances { move(1) }
        case .suspicion:
            guard c.isNumber, c.wholeNumberValue != nil else { return .ignored }
            typed = String((typed + String(c)).suffix(3))
            draft.suspicion = min(Int(typed) ?? 0, 100)
        case .rightDensity, .leftDensity:
            guard let density = BreastDensity(rawValue: c.uppercased()) else { return .ignored }
            if focus == .rightDensity { draft.right.density = density } else { draft.left.density = density }
            move(1)
        }
        return .edited
    }

    mutating func moveFocus(to field: Field) {
        focus = field
        typed = ""
    }

    mutating func move(_ step: Int) {
        let all = Field.allCases
        moveFocus(to: all[((all.firstIndex(of: focus) ?? 0) + step + all.count) % all.count])
    }

    mutating func change(_ step: Int) {
        func cycle<T: Equatable>(_ value: T?, in options: [T]) -> T? {
            let all: [T?] = [nil] + options.map { Optional($0) }
            let i = all.firstIndex { $0 == value } ?? 0
            return all[(i + step + all.count) % all.count]
        }
        switch focus {
        case .rightBIRADS: draft.right.birads = cycle(draft.right.birads, in: BIRADS.readable)
        case .leftBIRADS: draft.left.birads = cycle(draft.left.birads, in: BIRADS.readable)
        case .rightDensity: draft.right.density = cycle(draft.right.density, in: BreastDensity.allCases)
        case .leftDensity: draft.left.density = cycle(draft.left.density, in: BreastDensity.allCases)
        case .suspicion:
            // The first step enters 0 (an entry the reader sees), later ones move by 5.
            draft.suspicion = draft.suspicion.map { min(max($0 + 5 * step, 0), 100) } ?? 0
            typed = ""
        }
    }

    mutating func clear() {
        switch focus {
        case .rightBIRADS: draft.right.birads = nil
        case .leftBIRADS: draft.left.birads = nil
        case .rightDensity: draft.right.density = nil
        case .leftDensity: draft.left.density = nil
        case .suspicion:
            typed = String(typed.dropLast())
            draft.suspicion = typed.isEmpty ? nil : Int(typed)
        }
    }

    /// The value shown for a field; "–" for one not entered.
    public func value(_ field: Field) -> String {
        switch field {
        case .rightBIRADS: return draft.right.birads.map { "\($0.rawValue)  \($0.meaning)" } ?? "–"
        case .leftBIRADS: return draft.left.birads.map { "\($0.rawValue)  \($0.meaning)" } ?? "–"
        case .rightDensity: return draft.right.density.map { "\($0.rawValue)  \($0.meaning)" } ?? "–"
        case .leftDensity: return draft.left.density.map { "\($0.rawValue)  \($0.meaning)" } ?? "–"
        case .suspicion: return draft.suspicion.map { "\($0) / 100" } ?? "– / 100"
        }
    }

    /// The recall line: set from the BI-RADS, never typed.
    public var recallText: String {
        switch draft.recall {
        case true?: return "yes (from BI-RADS)"
        case false?: return "no (from BI-RADS)"
        case nil: return "– (follows BI-RADS)"
        }
    }
}
