// The reader's change to the window: a preset (5-8) the steps start from, and steps relative to
// each view's own window (the preset's, else the file's, else the automatic one), so linked
// views with different windows move together and `r` returns every view to what its file says.
import Foundation
import Imaging
import MammoCore

public struct WindowAdjustment: Hashable, Sendable {
    /// Each step multiplies the width by this (W) or divides by it (w).
    public static let widthFactor = 1.25
    /// Each step moves the centre by this share of the base width (C up, c down).
    public static let centerShare = 0.05

    public var widthSteps = 0
    public var centerSteps = 0
    /// The window the steps start from; nil: the view's base window (the file's, else automatic).
    public var preset: WindowPreset?

    public init(widthSteps: Int = 0, centerSteps: Int = 0, preset: WindowPreset? = nil) {
        self.widthSteps = widthSteps
        self.centerSteps = centerSteps
        self.preset = preset
    }

    public var isIdentity: Bool { widthSteps == 0 && centerSteps == 0 && preset == nil }

    /// The window shown for a view whose base window is `base`.
    public func applied(to base: VOIWindow) -> VOIWindow {
        let width = max(base.width * pow(Self.widthFactor, Double(widthSteps)), 1)
        let center = base.center + Double(centerSteps) * Self.centerShare * base.width
        return VOIWindow(center: center, width: width)
    }

    /// The window shown for a view: the steps applied to the preset's window (or the base one).
    /// `windows` nil (not measured): the base window.
    public func applied(base: VOIWindow, windows: BreastWindows?) -> VOIWindow {
        applied(to: start(base: base, windows: windows))
    }

    /// The window the steps start from.
    public func start(base: VOIWindow, windows: BreastWindows?) -> VOIWindow {
        switch preset {
        case nil, .file?: return base  // a file without a window has only the automatic one
        case .breast?: return windows?.breast ?? base
        case .dense?: return windows?.dense ?? base
        case .fatty?: return windows?.fatty ?? base
        }
    }

    /// Whether the view's own mapping is shown untouched (a file's VOI LUT included): no steps,
    /// and no preset or the one that is that mapping.
    public func keepsBaseMapping(windowIsAutomatic: Bool) -> Bool {
        guard widthSteps == 0 && centerSteps == 0 else { return false }
        switch preset {
        case nil, .file?: return true
        case .breast?: return windowIsAutomatic
        case .dense?, .fatty?: return false
        }
    }

    /// What the metadata panel says the window is: the preset's name, "adjusted" once stepped.
    public func sourceLabel(windowIsAutomatic: Bool) -> String {
        let name: String = switch preset {
        case nil: windowIsAutomatic ? "auto" : "file"
        case .file?: windowIsAutomatic ? "auto (no file window)" : "file"
        case let other?: other.label
        }
        return widthSteps == 0 && centerSteps == 0 ? name : (preset == nil ? "adjusted" : "\(name), adjusted")
    }
}
