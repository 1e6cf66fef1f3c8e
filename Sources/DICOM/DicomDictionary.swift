// Whether DCMTK's data dictionary is loaded: without it reading mostly works but writing fails.
import CDCMTK

public enum DicomDictionary {
    /// "loaded", or what is wrong, in words.
    public static var status: String {
        var status = mt_status()
        return mt_initialize(&status) == 1 ? "loaded" : DicomFile.message(status)
    }
}
