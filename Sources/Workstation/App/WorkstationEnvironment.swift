// What the reducer may not make up itself: the time, new ids, and the lane the library's
// annotation writes go down in order. Injected, so a test can run the reducer with a fixed
// clock and numbered ids and get the same state every time.
import Foundation
import Imaging
import MammoCore
import TUI

public struct WorkstationEnvironment: Sendable {
    public var now: @Sendable () -> Date
    /// A fresh id for a new mark or lesion link (lowercase UUID text in the workstation).
    public var newID: @Sendable () -> String
    /// Annotation writes, one after another: an edit never overtakes the one before it.
    public var annotationWrites: EffectLane
    /// Keeps a reader's layout for the next session (ReaderSettings); a problem comes back as text.
    public var rememberLayout: @Sendable (_ reader: String, _ layout: HangingLayout) -> String?

    public init(now: @escaping @Sendable () -> Date = { Date() },
                newID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
                annotationWrites: EffectLane = EffectLane(label: "annotations"),
                rememberLayout: @escaping @Sendable (_ reader: String, _ layout: HangingLayout) -> String? = { _, _ in nil }) {
        self.rememberLayout = rememberLayout
        self.now = now
        self.newID = newID
        self.annotationWrites = annotationWrites
    }

    /// The injected clock as a timestamp.
    public var timestamp: Timestamp { Timestamp(now()) }
}
