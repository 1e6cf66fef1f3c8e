// The model card's preprocessing, reproduced exactly for the image the model was trained on
// (832 x 1024 at 0.28 mm, 12 bits: mirror, 2x2 block sums in integers, float32(sum) / 16380)
// and extended to an integer multiple of that size (synth --size full: 4x), block-averaged in
// the same pass. Other sizes are resampled to the expected size by the caller (Imaging's area
// average) before they come here, and flagged: only the exact case is what the model card's
// metrics describe.
import MammoCore

public struct MammogramPreprocessor: Sendable {
    public var card: LesionModelCard

    public init(card: LesionModelCard) { self.card = card }

    public enum Fit: String, Sendable {
        /// The size and bit depth the model was trained on.
        case exact
        /// An integer multiple of it, block-averaged first.
        case multiple
    }

    /// Whether an image of this size can go in as it is (else resample it to `expectedSize`).
    public func accepts(_ size: PixelSize) -> Bool {
        let e = card.preprocessing.expects
        return size.height % e.rows == 0 && size.width % e.columns == 0 && size.height / e.rows == size.width / e.columns
            && size.height >= e.rows
    }

    public var expectedSize: PixelSize {
        PixelSize(width: card.preprocessing.expects.columns, height: card.preprocessing.expects.rows)
    }

    /// The input [rows, columns] of the model, in the chest-wall-left orientation, and how the
    /// image fitted.
    public func input(_ view: MammogramView) throws(InferenceError) -> (values: [Float], fit: Fit) {
        let rows = card.inputRows, columns = card.inputColumns
        let expected = card.preprocessing.expects
        let image = view.stored
        let maxValue = Float((1 << max(view.bitsStored, 1)) - 1)
        var out = [Float](repeating: 0, count: rows * columns)
        guard accepts(image.size) else {
            throw InferenceError(reason: "a \(image.width)x\(image.height) view: resample it to \(expected.columns)x\(expected.rows) first")
        }
        let ky = image.height / rows, kx = image.width / columns
        do {
            // Integer block sums, then one float32 division: for the trained size (2x2 of 12 bits)
            // this is float32(sum) / 16380 exactly as the card says.
            let divisor = Float(ky * kx) * maxValue
            image.pixels.withUnsafeBufferPointer { pixels in
                for r in 0..<rows {
                    for c in 0..<columns {
                        var sum: Int64 = 0
                        for dy in 0..<ky {
                            let row = (r * ky + dy) * image.width
                            for dx in 0..<kx { sum += Int64(pixels[row + c * kx + dx]) }
                        }
                        let x = view.flip ? columns - 1 - c : c
                        out[r * columns + x] = Float(sum) / divisor
                    }
                }
            }
            let fit: Fit = image.height == expected.rows && image.width == expected.columns && view.bitsStored == expected.bitsStored
                ? .exact : .multiple
            return (out, fit)
        }
    }
}
