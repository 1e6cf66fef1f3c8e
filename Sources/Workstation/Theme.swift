// A theme: UI colours, the image's grey curve and how overlays look. Read from TOML files in
// themes/ (built in) or any path; the schema is documented in README.md and Theme+TOML.swift.
import Imaging
import MammoCore

public struct Theme: Sendable, Equatable {
    public struct UI: Sendable, Equatable {
        public var background, foreground, dim, accent, border: RGBColor
        public var selectionBackground, selectionForeground: RGBColor
        public var statusBackground, statusForeground: RGBColor
        public var warning, error: RGBColor
    }

    public struct Image: Sendable, Equatable {
        public var background: RGBColor
        /// Display grey = value^(1/gamma); 1 is the DICOM window as is.
        public var gamma: Double
        public var invert: Bool
    }

    public struct Overlay: Sendable, Equatable {
        public var heatmap: HeatmapStyle
        public var malignant, benign, ai, reader, cursor: RGBColor
    }

    public var name: String
    public var ui: UI
    public var image: Image
    public var overlay: Overlay

    /// The built-in themes, by name.
    public static let builtInNames = ["reading-room", "high-contrast", "light"]
    public static let defaultName = "reading-room"
}
