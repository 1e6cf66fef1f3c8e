// The reader's change to the window, in steps relative to each view's own base window (the
// file's, or the automatic one), so linked views with different windows move together and
// `r` returns every view to what its file says.
import Foundation
import MammoCore

public struct WindowAdjustment: Hashable, Sendable {
    /// Each step multiplies the width by this (W) or divides by it (w).
    public static let widthFactor = 1.25
    /// Each step moves the centre by this share of the base width (C up, c down).
    public static let centerShare = 0.05

    public var widthSteps = 0
    public var centerSteps = 0

    public init(widthSteps: Int = 0, centerSteps: Int = 0) {
        self.widthSteps = widthSteps
        self.centerSteps = centerSteps
    }

    public var isIdentity: Bool { widthSteps == 0 && centerSteps == 0 }

    /// The window shown for a view whose base window is `base`.
    public func applied(to base: VOIWindow) -> VOIWindow {
        let width = max(base.width * pow(Self.widthFactor, Double(widthSteps)), 1)
        let center = base.center + Double(centerSteps) * Self.centerShare * base.width
        return VOIWindow(center: center, width: width)
    }
}
