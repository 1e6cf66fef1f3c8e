// The window presets on 5 6 7 8: the file's own window, the automatic breast window, and the
// dense and fatty windows, each taken from the view's own histogram (BreastWindows).

public enum WindowPreset: String, Hashable, Sendable, CaseIterable {
    case file, breast, dense, fatty

    /// How the metadata panel and the status line name it.
    public var label: String {
        switch self {
        case .file: "file"
        case .breast: "breast auto"
        case .dense: "dense"
        case .fatty: "fatty"
        }
    }
}
