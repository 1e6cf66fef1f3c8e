// How an AI-style heatmap is drawn over the image: blended colour or contour lines.
import MammoCore

public struct HeatmapStyle: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable { case blend, contour }

    public var mode: Mode
    public var colormap: Colormap
    /// Opacity at the map's maximum; lower values fade in linearly from `threshold`.
    public var opacity: Float
    /// Map values below this are not drawn: the image stays readable where the model is quiet.
    public var threshold: Float
    /// Levels at which contours are drawn (contour mode).
    public var contourLevels: [Float]

    public init(mode: Mode = .blend, colormap: Colormap = .inferno, opacity: Float = 0.55, threshold: Float = 0.2,
                contourLevels: [Float] = [0.3, 0.5, 0.7]) {
        self.mode = mode; self.colormap = colormap; self.opacity = opacity
        self.threshold = threshold; self.contourLevels = contourLevels
    }
}
