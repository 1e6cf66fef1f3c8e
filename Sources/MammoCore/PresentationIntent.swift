// PresentationIntentType (0008,0068): whether an image is ready to show or raw detector data.

public enum PresentationIntent: String, Codable, Sendable {
    case forPresentation = "FOR PRESENTATION"
    case forProcessing = "FOR PROCESSING"
}
