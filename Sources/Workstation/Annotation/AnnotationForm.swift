// The label form for one mark: finding type, BI-RADS, pathology and a short note. Up/Down or Tab
// pick the field, Left/Right or Space change its value; the note takes typed printable text.
import MammoCore
import TUI

public struct AnnotationForm: Hashable, Sendable {
    public enum Field: Int, CaseIterable, Sendable { case category, birads, pathology, note }

    public var markID: String
    public var field: Field = .category
    public var category: FindingCategory
    public var birads: BIRADS?
    public var pathology: Pathology?
    public var note: String

    public init(mark: Annotation) {
        markID = mark.id
        category = mark.category
        birads = mark.birads
        pathology = mark.pathology
        note = mark.note
    }

    /// What the form does with a key.
    public enum Outcome: Equatable, Sendable { case stay, save, cancel, ignored }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .enter: return .save
        case .escape: return .cancel
        case .up, .backTab: field = Field(rawValue: (field.rawValue + Field.allCases.count - 1) % Field.allCases.count) ?? .category
        case .down, .tab: field = Field(rawValue: (field.rawValue + 1) % Field.allCases.count) ?? .category
        case .left: change(by: -1)
        case .right: change(by: 1)
        case .backspace where field == .note: if !note.isEmpty { note.removeLast() }
        case .character(let c) where field == .note:
            // A printable character (a space too) is typed; anything PrintableText would drop is not.
            guard PrintableText.clean(String(c)) == String(c) || c == " ", note.count < Annotation.noteLimit else { return .stay }
            note.append(c)
        case .character(" "): change(by: 1)
        default: return .ignored
        }
        return .stay
    }

    mutating func change(by step: Int) {
        switch field {
        case .category: category = Self.cycle(FindingCategory.allCases, category, step)
        case .birads: birads = Self.cycle([nil] + BIRADS.allCases.map(Optional.some), birads, step)
        case .pathology: pathology = Self.cycle([nil] + Pathology.allCases.map(Optional.some), pathology, step)
        case .note: break
        }
    }

    static func cycle<T: Equatable>(_ all: [T], _ value: T, _ step: Int) -> T {
        let i = all.firstIndex(of: value) ?? 0
        return all[((i + step) % all.count + all.count) % all.count]
    }

    /// The mark with the form's labels.
    public func applied(to mark: Annotation) -> Annotation {
        var m = mark
        m.category = category
        m.birads = birads
        m.pathology = pathology
        m.note = Annotation.cleanNote(note)
        return m
    }

    /// The field's value as the form shows it.
    public func value(_ f: Field) -> String {
        switch f {
        case .category: category.label
        case .birads: birads.map { "BI-RADS \($0.rawValue)" } ?? "—"
        case .pathology: pathology?.label ?? "unknown"
        case .note: note
        }
    }

    public static func name(_ f: Field) -> String {
        switch f {
        case .category: "Finding"
        case .birads: "BI-RADS"
        case .pathology: "Pathology"
        case .note: "Note"
        }
    }
}
