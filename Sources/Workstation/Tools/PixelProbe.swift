// What the pixel probe says about the pixel under the cursor: its stored value (and the modality
// value when the file rescales), and where it is in millimetres from the image's top-left corner
// through ImagerPixelSpacing (else PixelSpacing). The position is known at once; the value is read
// off the UI loop from the decoded stored pixels (ReadingService.probe).
import Foundation
import MammoCore

public struct PixelProbe: Hashable, Sendable {
    public var view: ViewKey
    /// The pixel (column, row) in stored pixels.
    public var column: Int
    public var row: Int
    /// Row and column spacing in mm; nil: the file states none.
    public var spacing: PixelSpacing?
    /// The stored value; nil until it is read (or when it could not be).
    public var storedValue: Int32?
    /// The modality value (rescale or modality LUT applied) when it differs from the stored one; nil otherwise.
    public var modalityValue: Double?
    /// Why the value could not be read.
    public var problem: String?

    /// The probe of the pixel holding `point` (clamped to an image of `stored` size), value not yet read.
    public init(view: ViewKey, at point: PixelPoint, stored: PixelSize, spacing: PixelSpacing?) {
        self.view = view
        column = min(max(Int(point.x.rounded(.down)), 0), max(stored.width - 1, 0))
        row = min(max(Int(point.y.rounded(.down)), 0), max(stored.height - 1, 0))
        self.spacing = spacing
    }

    /// The pixel's place in mm (x across, y down) from the top-left corner; nil without a spacing.
    public var positionMM: (x: Double, y: Double)? {
        guard let spacing, spacing.row > 0, spacing.column > 0, spacing.row.isFinite, spacing.column.isFinite else { return nil }
        return (Double(column) * spacing.column, Double(row) * spacing.row)
    }

    /// The probe with its value read from a view's stored pixels (rescaled as `presentation` says).
    public func reading(_ stored: GrayImage<Int32>, presentation: GrayscalePresentation) -> PixelProbe {
        var out = self
        guard column < stored.width, row < stored.height, stored.pixels.count == stored.width * stored.height else {
            out.problem = "outside the image"
            return out
        }
        let value = stored.pixels[row * stored.width + column]
        out.storedValue = value
        let slope = presentation.rescaleSlope, intercept = presentation.rescaleIntercept
        if let lut = presentation.modalityLUT {
            out.modalityValue = Double(lut.value(at: Int(value)))
        } else {
            out.modalityValue = slope == 1 && intercept == 0 ? nil : Double(value) * slope + intercept
        }
        return out
    }

    /// "RCC 416,512 px · 116.5, 143.4 mm" (or "no spacing").
    public var positionText: String { "\(pixelText) · \(millimetreText)" }

    /// "RCC 416,512 px".
    public var pixelText: String { "\(view.label) \(column),\(row) px" }

    /// "116.5, 143.4 mm", or "no spacing".
    public var millimetreText: String { positionMM.map { String(format: "%.1f, %.1f mm", $0.x, $0.y) } ?? "no spacing" }

    /// "value 1273" (and "modality 12.7" when rescaled), "value …" while it is read.
    public var valueText: String {
        if let problem { return "value: \(problem)" }
        guard let storedValue else { return "value …" }
        return "value \(storedValue)" + (modalityValue.map { String(format: " · modality %g", $0) } ?? "")
    }

    /// The same pixel of the same view (whatever its value): what the reducer compares to keep a result.
    public func isSamePixel(as other: PixelProbe) -> Bool { view == other.view && column == other.column && row == other.row }
}
