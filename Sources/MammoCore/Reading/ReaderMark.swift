// A lesion mark a reader placed: the view, a point in stored-image pixels, what it is and how
// suspicious (0–100).

public struct ReaderMark: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case mass, calcification, distortion, asymmetry
    }

    public var view: ViewKey
    /// Stored-image pixels (x right, y down, origin at the top-left pixel's corner).
    public var x: Double
    public var y: Double
    public var kind: Kind
    /// 0 (surely benign) – 100 (surely malignant).
    public var suspicion: Int

    public init(view: ViewKey, x: Double, y: Double, kind: Kind, suspicion: Int) {
        self.view = view
        self.x = x
        self.y = y
        self.kind = kind
        self.suspicion = suspicion
    }


    /// Throws unless the view is a view label, the point finite and >= 0, the suspicion 0–100.
    public func validate(field: String = "mark") throws(ReadingError) {
        guard x.isFinite, y.isFinite, x >= 0, y >= 0 else {
            throw ReadingError(field: "\(field).x/y", reason: "(\(x), \(y)) is not a point in image pixels (finite, >= 0)")
        }
        guard (0...100).contains(suspicion) else {
            throw ReadingError(field: "\(field).suspicion", reason: "\(suspicion) is outside 0–100")
        }
    }
}
