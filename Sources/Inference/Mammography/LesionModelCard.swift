// The sidecar JSON beside a lesion model (models/mammoterm-lesion-v1.json, format
// "mammoterm-model-sidecar" version 1, every key documented in models/MODEL_CARD.md): what
// the wrapper needs to feed the network and read its map. Only the keys read here are
// decoded; a newer formatVersion is refused with a hint.
import Foundation

public struct LesionModelCard: Decodable, Sendable {
    public static let formatName = "mammoterm-model-sidecar"
    public static let currentVersion = 1

    public var format: String
    public var formatVersion: Int
    public var modelID: String
    public var modelVersion: String
    public var onnxFile: String
    public var onnxSHA256: String
    public var intendedUse: String
    public var input: Input
    public var preprocessing: Preprocessing
    public var outputs: Outputs
    public var monteCarloDropout: MonteCarlo
    public var lesionExtraction: Extraction
    public var scores: Scores
    public var thresholds: Thresholds
    /// How MC-dropout agreement maps to a calibrated confidence (added by
    /// `mammoterm model calibrate`); nil: the raw agreement is shown.
    public var confidence: ConfidenceCalibration?

    public struct Input: Decodable, Sendable {
        public var name: String
        /// [N, 1, rows, columns]; N is -1 (any).
        public var shape: [Int]
    }

    public struct Preprocessing: Decodable, Sendable {
        public struct Expects: Decodable, Sendable {
            public var rows: Int
            public var columns: Int
            public var bitsStored: Int
            /// At `rows` x `columns` (an integer multiple of the size has it divided by the multiple).
            public var pixelSpacingMM: Double?
            public var photometricInterpretation: String?
        }
        public var expects: Expects
    }

    public struct Outputs: Decodable, Sendable {
        public struct Heatmap: Decodable, Sendable {
            public var index: Int
            public var shape: [Int]
            public var stride: Int
        }
        public var heatmap: Heatmap
    }

    public struct MonteCarlo: Decodable, Sendable {
        public var ratio: Double
    }

    public struct Extraction: Decodable, Sendable {
        public var floor: Float
        public var nmsCells: Int
    }

    public struct Scores: Decodable, Sendable {
        public struct Platt: Decodable, Sendable {
            public var method: String
            public var a: Double
            public var b: Double
        }
        public var examCalibration: Platt
    }

    public struct Thresholds: Decodable, Sendable {
        public var lesion05: Double
        public var lesion1: Double
        public var examRaw: Double
        public var examProbability: Double

        enum CodingKeys: String, CodingKey {
            case lesion05 = "lesion_0.5_fp_per_image", lesion1 = "lesion_1_fp_per_image"
            case examRaw = "exam_raw_at_90pct_sensitivity", examProbability = "exam_probability_at_90pct_sensitivity"
        }
    }

    /// Where the bundled model's sidecar lies in this build (its bytes identify the model in a CAD SR).
    public static var bundledSidecarPath: String? {
        Bundle.module.url(forResource: "mammoterm-lesion-v1", withExtension: "json", subdirectory: "Models")?.path
    }

    /// The bundled model's monitor reference (its validation run's scores and input statistics,
    /// models/mammoterm-lesion-v1.reference.json: `mammoterm monitor --reference validation`).
    public static var bundledReferencePath: String? {
        Bundle.module.url(forResource: "mammoterm-lesion-v1.reference", withExtension: "json", subdirectory: "Models")?.path
    }

    /// The bundled model's sidecar (models/mammoterm-lesion-v1.json), without loading the model.
    public static func bundled() throws(InferenceError) -> LesionModelCard {
        guard let url = Bundle.module.url(forResource: "mammoterm-lesion-v1", withExtension: "json", subdirectory: "Models") else {
            throw InferenceError(reason: "the bundled model's sidecar is missing from this build (Models/mammoterm-lesion-v1.json)")
        }
        return try load(path: url.path)
    }

    /// Reads and checks a sidecar.
    public static func load(path: String) throws(InferenceError) -> LesionModelCard {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InferenceError(path: path, reason: "cannot read the model's sidecar JSON")
        }
        let card: LesionModelCard
        do {
            card = try JSONDecoder().decode(LesionModelCard.self, from: data)
        } catch {
            throw InferenceError(path: path, reason: "not a mammoterm model sidecar: \(error)")
        }
        guard card.format == formatName else {
            throw InferenceError(path: path, reason: "\"format\" is \"\(card.format)\", expected \"\(formatName)\"")
        }
        guard card.formatVersion <= currentVersion else {
            throw InferenceError(path: path, reason: "formatVersion \(card.formatVersion) is newer than this mammoterm reads (\(currentVersion)); update mammoterm")
        }
        guard card.input.shape.count == 4, card.input.shape[2] > 0, card.input.shape[3] > 0, card.outputs.heatmap.stride > 0,
              card.preprocessing.expects.rows % card.input.shape[2] == 0, card.preprocessing.expects.columns % card.input.shape[3] == 0 else {
            throw InferenceError(path: path, reason: "input shape \(card.input.shape) does not divide the expected image \(card.preprocessing.expects.columns)x\(card.preprocessing.expects.rows)")
        }
        return card
    }

    /// Model rows and columns of the input.
    public var inputRows: Int { input.shape[2] }
    public var inputColumns: Int { input.shape[3] }

    /// The Platt-calibrated probability of a raw exam score.
    public func examProbability(raw: Double) -> Double {
        let r = min(max(raw, 1e-6), 1 - 1e-6)
        let logit = Foundation.log(r / (1 - r))
        return 1 / (1 + Foundation.exp(-(scores.examCalibration.a * logit + scores.examCalibration.b)))
    }
}
