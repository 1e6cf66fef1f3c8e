// One frame as the test backend saw it: the cells shown, how many had to be sent, and which
// images went out, so tests can assert on both the picture and the bytes it would cost.

public struct RecordedFrame: Sendable {
    /// The screen after this frame (cells under images are blanks).
    public var buffer: CellBuffer
    /// Cells the frame rewrote; a full redraw counts every cell.
    public var changedCells: Int
    /// Images staged for the frame.
    public var images: [ImagePlacement]
    /// Images actually (re)sent.
    public var sentImages: [ImagePlacement]

    public var lines: [String] { buffer.lines }
    public var text: String { buffer.text }
}
