// A raster reduced to sixel colour registers: exactly what the terminal will draw, pixel for
// pixel. The tuned and the reference encoder both start from one, so they can be compared.
import MammoCore

public struct SixelIndexedImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Register per pixel, row-major.
    public let registers: [UInt8]
    /// Register → the percentages sent for it; covers every register used.
    public let definitions: [SixelPalette.Percentages]

    public init?(width: Int, height: Int, registers: [UInt8], definitions: [SixelPalette.Percentages]) {
        guard width >= 0, height >= 0, registers.count == width * height, definitions.count <= 256,
              registers.allSatisfy({ Int($0) < definitions.count }) else { return nil }
        self.width = width; self.height = height; self.registers = registers; self.definitions = definitions
    }

    /// Unchecked: for the encoder, which builds consistent images itself.
    init(uncheckedWidth width: Int, height: Int, registers: [UInt8], definitions: [SixelPalette.Percentages]) {
        self.width = width; self.height = height; self.registers = registers; self.definitions = definitions
    }

    /// The colour the terminal shows at (x, y).
    public func colour(x: Int, y: Int) -> RGBColor { definitions[Int(registers[y * width + x])].colour }

    /// Which registers occur, indexed by register.
    var usedRegisters: [Bool] {
        var used = [Bool](repeating: false, count: 256)
        registers.withUnsafeBufferPointer { p in
            used.withUnsafeMutableBufferPointer { u in for r in p { u[Int(r)] = true } }
        }
        return used
    }
}
