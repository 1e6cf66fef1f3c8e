// A profile's detector and processing stage for one view: gain, blur and noise on the detector
// signal, then the tone curve and quantisation to 12 bits.
import Foundation

extension AcquisitionProfile {
    /// `signal`: display units before noise (0 black ... 1 white, background included);
    /// `noiseSigma`: the default system's noise per pixel. Returns 12-bit stored values.
    func expose(signal: [Double], noiseSigma: [Double], width: Int, height: Int, spacingMM: Double,
                background: Double, noiseKey: UInt64) -> [UInt16] {
        var detected = signal
        let gain = detectorGain
        if gain != 1 {
            for i in detected.indices { detected[i] = background + gain * (detected[i] - background) }
        }
        if blurSigmaMM > 0 {
            GaussianBlur.apply(&detected, width: width, height: height, sigma: blurSigmaMM / spacingMM)
        }
        var noise = [Double](repeating: 0, count: width * height)
        noise.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            Parallel.forEachChunk(height) { rows in
                for index in (rows.lowerBound * width)..<(rows.upperBound * width) {
                    base[index] = SynthRandom.normal(key: noiseKey, counter: UInt64(index))
                }
            }
        }
        if noiseCorrelationPixels > 0 {
            // Blurred white noise keeps unit variance per pixel: the kernel's sum of squared
            // weights (per axis) is what blurring takes away.
            let kept = GaussianBlur.apply(&noise, width: width, height: height, sigma: noiseCorrelationPixels)
            let restore = 1 / kept.squareRoot()
            for i in noise.indices { noise[i] *= restore }
        }
        var out = [UInt16](repeating: 0, count: width * height)
        let scale = noiseScale, curve = processingCurve
        for i in out.indices {
            var v = detected[i] + scale * noiseSigma[i] * noise[i]
            v = curve.apply(v)
            // The same soft shoulder as the default system's.
            if v > 0.82 { v = 0.82 + 0.18 * tanh((v - 0.82) / 0.18) }
            out[i] = UInt16(SynthMath.clamp((v * 4095).rounded(), 0, 4095))
        }
        return out
    }
}
