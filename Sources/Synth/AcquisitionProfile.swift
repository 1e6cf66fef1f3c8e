// How a synthetic mammography system acquires and processes an image: the vendor and model written
// in the header, dose, detector gain, noise, blur and the "for presentation" tone curve.
import Foundation

public struct AcquisitionProfile: Sendable, Equatable {
    /// The name `synth --profile` takes.
    public var name: String
    public var manufacturer: String
    public var manufacturerModelName: String
    /// SoftwareVersions (0018,1020); several values joined with "\".
    public var softwareVersions: String
    /// One line for `synth --list-profiles`.
    public var summary: String
    /// Tube voltage (kVp) and the exposure at a 50 mm breast (mAs); thicker breasts get more.
    public var kvp: Double
    public var exposureMAsAt50MM: Double
    /// Detector signal above the background, relative to the default system.
    public var detectorGain: Double
    /// Quantum noise relative to the default system (about 1/sqrt of the relative dose).
    public var noiseScale: Double
    /// Spatial correlation of the noise (Gaussian sigma in pixels; 0: white noise as today).
    public var noiseCorrelationPixels: Double
    /// Detector and processing blur, a Gaussian sigma in mm (0: none).
    public var blurSigmaMM: Double
    /// The vendor's display processing, applied before quantisation.
    public var processingCurve: ProcessingCurve

    public init(name: String, manufacturer: String, manufacturerModelName: String, softwareVersions: String,
                summary: String, kvp: Double, exposureMAsAt50MM: Double, detectorGain: Double = 1,
                noiseScale: Double = 1, noiseCorrelationPixels: Double = 0, blurSigmaMM: Double = 0,
                processingCurve: ProcessingCurve = .identity) {
        self.name = name; self.manufacturer = manufacturer; self.manufacturerModelName = manufacturerModelName
        self.softwareVersions = softwareVersions; self.summary = summary; self.kvp = kvp
        self.exposureMAsAt50MM = exposureMAsAt50MM; self.detectorGain = detectorGain; self.noiseScale = noiseScale
        self.noiseCorrelationPixels = noiseCorrelationPixels; self.blurSigmaMM = blurSigmaMM
        self.processingCurve = processingCurve
    }

    /// A "for presentation" tone curve on display values (0 black ... 1 white).
    public enum ProcessingCurve: Sendable, Equatable {
        case identity
        /// v^gamma: below 1 lifts the fat and flattens the dense end.
        case gamma(Double)
        /// A logistic curve through `center` with `slope`, rescaled so 0 and 1 stay put: more
        /// contrast around the centre, compressed ends.
        case sigmoid(center: Double, slope: Double)

        public func apply(_ v: Double) -> Double {
            switch self {
            case .identity:
                return v
            case .gamma(let g):
                return v <= 0 ? v : pow(v, g)
            case .sigmoid(let c, let k):
                func s(_ x: Double) -> Double { 1 / (1 + exp(-(x - c) * k)) }
                let low = s(0), high = s(1)
                return (s(v) - low) / (high - low)
            }
        }
    }

    /// Whether the detector stage differs from the default system's (the default path is kept
    /// bit for bit: bundled samples and tests depend on it).
    var altersDetector: Bool {
        detectorGain != 1 || noiseScale != 1 || noiseCorrelationPixels > 0 || blurSigmaMM > 0 || processingCurve != .identity
    }

    /// Exposure (0018,1152) in mAs for a compressed thickness: automatic exposure control adds
    /// about 3 % per mm above 50 mm.
    public func exposureMAs(thicknessMM: Double) -> Int {
        let mAs = exposureMAsAt50MM * pow(1.03, thicknessMM - 50)
        return max(1, Int(mAs.rounded()))
    }

    /// Today's synthetic system, unchanged.
    public static let `default` = AcquisitionProfile(
        name: "default", manufacturer: "mammoterm synth", manufacturerModelName: "SYNTH-MG 1",
        softwareVersions: "synth 1.0", summary: "the reference synthetic system (today's rendering)",
        kvp: 28, exposureMAsAt50MM: 90)

    /// Another vendor's detector: more gain, a lifting tone curve, stronger and slightly correlated
    /// noise, a softer image. Breast-region intensities and noise both move, also in a noise
    /// estimate from one image (high-pass residuals go up by about a third at the small size).
    public static let vendorB = AcquisitionProfile(
        name: "vendor-b", manufacturer: "Bravura Imaging", manufacturerModelName: "Lumen DR 3",
        softwareVersions: "LDR3 4.2.1\\IP 7.0", summary: "another vendor: higher gain, brighter tone curve, stronger correlated noise, softer",
        kvp: 30, exposureMAsAt50MM: 70, detectorGain: 1.12, noiseScale: 2.6, noiseCorrelationPixels: 0.5,
        blurSigmaMM: 0.12, processingCurve: .gamma(0.78))

    /// The default system at about 40 % of the dose: the same look, more quantum noise.
    public static let lowDose = AcquisitionProfile(
        name: "low-dose", manufacturer: "mammoterm synth", manufacturerModelName: "SYNTH-MG 1",
        softwareVersions: "synth 1.0", summary: "the reference system at about 40% dose: lower kVp and mAs, more noise",
        kvp: 26, exposureMAsAt50MM: 36, noiseScale: 1.6)

    public static let all: [AcquisitionProfile] = [.default, .vendorB, .lowDose]

    public static func named(_ name: String) -> AcquisitionProfile? { all.first { $0.name == name } }
}
