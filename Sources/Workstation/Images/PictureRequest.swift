// A picture to make off the UI loop: its key and the files of the study (and prior) it shows.
import MammoCore

/// A picture to make: its key and the files it is made from.
public struct PictureRequest: Hashable, Sendable {
    public var key: PictureKey
    public var files: [ViewKey: String]
    public var priorFiles: [ViewKey: String]
    /// The study's AI result, drawn when the key's overlay is `.ai` (never for the prior).
    public var ai: AIAnalysis?
    /// The prior exam's date as shown ("2023-04-06"), for its caption in the picture.
    public var priorDate = ""

    public init(key: PictureKey, files: [ViewKey: String], priorFiles: [ViewKey: String] = [:], ai: AIAnalysis? = nil) {
        self.ai = ai
        self.key = key
        self.files = files
        self.priorFiles = priorFiles
    }
}
