// What the annotation formats need to know about an image the library holds: its UIDs, breast
// and view, pixel grid and patient id. A small value so Study stays free of Store.
import MammoCore

public struct AnnotationImage: Hashable, Codable, Sendable {
    public var studyInstanceUID: String
    public var seriesInstanceUID: String
    /// VinDr's `image_id`, COCO's `sop_instance_uid`.
    public var sopInstanceUID: String
    /// Used only to match CBIS-DDSM rows; never written to an export (UIDs suffice there).
    public var patientID: String
    public var side: Side?
    public var view: ViewPosition?
    public var rows: Int
    public var columns: Int
    /// Millimetres per stored pixel (ImagerPixelSpacing, else PixelSpacing, the mean of row and
    /// column), when the file says: the exports give sizes and positions in mm beside the pixels.
    public var pixelSpacingMM: Double?

    public init(studyInstanceUID: String, seriesInstanceUID: String, sopInstanceUID: String, patientID: String = "",
                side: Side?, view: ViewPosition?, rows: Int, columns: Int, pixelSpacingMM: Double? = nil) {
        self.pixelSpacingMM = pixelSpacingMM
        self.studyInstanceUID = studyInstanceUID
        self.seriesInstanceUID = seriesInstanceUID
        self.sopInstanceUID = sopInstanceUID
        self.patientID = patientID
        self.side = side
        self.view = view
        self.rows = rows
        self.columns = columns
    }

    public init(_ summary: ImageSummary) {
        self.init(studyInstanceUID: summary.studyInstanceUID, seriesInstanceUID: summary.seriesInstanceUID,
                  sopInstanceUID: summary.sopInstanceUID, patientID: summary.patientID, side: summary.side,
                  view: summary.view, rows: summary.rows, columns: summary.columns)
    }

    public var viewKey: ViewKey? {
        guard let side, let view else { return nil }
        return ViewKey(side: side, view: view)
    }

    public var size: PixelSize { PixelSize(width: columns, height: rows) }
}
