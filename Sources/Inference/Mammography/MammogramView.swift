// One view as the lesion model takes it: the stored pixel values (no rescale, no window),
// whether to mirror it so the chest wall is on the left, and the bits stored.
import MammoCore

public struct MammogramView: Sendable {
    public var key: ViewKey
    /// Stored values, row-major, as decoded (unsigned in 0 ..< 2^bitsStored).
    public var stored: GrayImage<Int32>
    public var bitsStored: Int
    /// Mirror left-right so the chest wall is at column 0 (the card's rule: PatientOrientation
    /// row direction "P…" flips, "A…" does not, else laterality R flips).
    public var flip: Bool
    /// The size in the file when `stored` was resampled to the model's size first (nil: `stored`
    /// is the file's pixels). Lesion boxes and nipple distances come back in this frame, the
    /// file's stored pixels, whatever size the model saw.
    public var originalSize: PixelSize?

    public init(key: ViewKey, stored: GrayImage<Int32>, bitsStored: Int, flip: Bool, originalSize: PixelSize? = nil) {
        self.key = key
        self.stored = stored
        self.bitsStored = bitsStored
        self.flip = flip
        self.originalSize = originalSize
    }

    /// The card's flip rule from the header's PatientOrientation and side.
    public static func needsFlip(patientOrientation: [String], side: Side?) -> Bool {
        if let first = patientOrientation.first?.trimmingCharacters(in: .whitespaces).uppercased() {
            if first.hasPrefix("P") { return true }
            if first.hasPrefix("A") { return false }
        }
        return side == .right
    }
}
