// One image slot of a screening exam: side plus projection, e.g. RCC or LMLO. Its Codable form
// is the label ("RCC"), as every file and table the project writes spells a view.

public struct ViewKey: Hashable, TextCodable, Sendable, CustomStringConvertible, Comparable {
    public var side: Side
    public var view: ViewPosition

    public init(side: Side, view: ViewPosition) {
        self.side = side
        self.view = view
    }

    public static let rightCC = ViewKey(side: .right, view: .cc)
    public static let leftCC = ViewKey(side: .left, view: .cc)
    public static let rightMLO = ViewKey(side: .right, view: .mlo)
    public static let leftMLO = ViewKey(side: .left, view: .mlo)

    /// The four standard screening views in hanging-protocol order: RCC, LCC, RMLO, LMLO.
    public static let screening: [ViewKey] = [.rightCC, .leftCC, .rightMLO, .leftMLO]

    /// "RCC", "LMLO", ...
    public var label: String { side.rawValue + view.rawValue }
    public var description: String { label }

    /// Parses "RCC", "l-mlo", "R MLO".
    public init?(label: String) {
        let text = label.uppercased().filter { $0.isLetter }
        guard let first = text.first, let side = Side(dicomCode: String(first)),
              let view = ViewPosition(rawValue: String(text.dropFirst())) else { return nil }
        self.init(side: side, view: view)
    }

    public static func < (a: ViewKey, b: ViewKey) -> Bool {
        let order = { (k: ViewKey) -> Int in
            screening.firstIndex(of: k)
                ?? 100 + (ViewPosition.allCases.firstIndex(of: k.view) ?? 0) * 2 + (k.side == .right ? 0 : 1)
        }
        return order(a) < order(b)
    }
}

extension ViewKey {
    /// Exactly as `label` writes it.
    public init?(codedText: String) {
        guard let key = ViewKey(label: codedText), key.label == codedText else { return nil }
        self = key
    }

    public var codedText: String { label }
    public static let codedTextExpectation = "a view label such as RCC or LMLO"
}
