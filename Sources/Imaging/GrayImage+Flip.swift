// Mirror images into the hanging orientation.
import MammoCore

extension GrayImage {
    public func flipped(horizontal: Bool, vertical: Bool) -> GrayImage {
        guard horizontal || vertical else { return self }
        var out = pixels
        for y in 0..<height {
            let sy = vertical ? height - 1 - y : y
            for x in 0..<width {
                let sx = horizontal ? width - 1 - x : x
                out[y * width + x] = pixels[sy * width + sx]
            }
        }
        return GrayImage(width: width, height: height, pixels: out)
    }
}
