// The parts of a sixel image around the pixel data: DCS introducer, raster attributes, colour
// register definitions, string terminator. Shared by the tuned and the reference encoder.

enum SixelFraming {
    /// `ESC P 0;1;0 q`: P1 0 (aspect from the raster attributes), P2 1 (unset pixels keep
    /// what is behind them), P3 0 (grid size default).
    static let introducer: [UInt8] = [0x1B, 0x50] + Array("0;1;0q".utf8)
    static let stringTerminator: [UInt8] = [0x1B, 0x5C]

    /// Introducer, `"1;1;W;H` (square pixels, the image size) and `#r;2;R;G;B` for each used register.
    static func writeHeader(width: Int, height: Int, definitions: [SixelPalette.Percentages], used: [Bool], to out: ByteBuffer) {
        out.append(introducer)
        out.append("\"1;1;\(width);\(height)")
        for (register, p) in definitions.enumerated() where used[register] {
            out.append("#\(register);2;\(p.red);\(p.green);\(p.blue)")
        }
    }
}
