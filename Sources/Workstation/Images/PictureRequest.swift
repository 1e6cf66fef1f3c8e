// A picture to make off the UI loop: its key and the files of the study (and prior) it shows.
import MammoCore

/// A picture to make: its key and the files it is made from.
public struct PictureRequest: Hashable, Sendable {
    public var key: PictureKey
    public var files: [ViewKey: String]
    public var priorFiles: [ViewKey: String]

    public init(key: PictureKey, files: [ViewKey: String], priorFiles: [ViewKey: String] = [:]) {
        self.key = key
        self.files = files
        self.priorFiles = priorFiles
    }
}
