// `export annotations` and `import-annotations` end to end with the built binary: marks saved in
// one library, exported in each format and imported into a second library of the same exam; a
// re-import adds nothing; bad VinDr and CBIS-DDSM rows are named and skipped; a CBIS-DDSM box comes
// from its ROI mask DICOM.
import Foundation
import MammoCore
import Store
import Testing

extension ImportWorklistTests {
    static let annotationStudy = "1.2.3.1"

    /// Four marks on TinyDICOM's 32x24 exam: two annotators, one accepted, a CC-MLO link, every shape.
    static let savedMarks: [Annotation] = [
        Annotation(id: "6F1D8D0E-0000-4000-8000-000000000001", studyInstanceUID: annotationStudy, sopInstanceUID: "1.2.3.1.1", view: "RCC",
                   shape: .box(PixelBox(x: 2.5, y: 3, width: 10, height: 8.25)), category: .mass, birads: .category4C,
                   pathology: .malignant, note: "irregular, spiculated", annotator: "alice", createdAt: "2026-11-27T10:00:00Z",
                   lesionID: "lesion-1", acceptedBy: "carol", acceptedAt: "2026-11-27T11:00:00Z"),
        Annotation(id: "6F1D8D0E-0000-4000-8000-000000000002", studyInstanceUID: annotationStudy, sopInstanceUID: "1.2.3.1.3", view: "RMLO",
                   shape: .ellipse(PixelBox(x: 4, y: 5, width: 12, height: 9)), category: .mass, birads: .category5,
                   annotator: "alice", createdAt: "2026-11-27T10:01:00Z", lesionID: "lesion-1"),
        Annotation(id: "6F1D8D0E-0000-4000-8000-000000000003", studyInstanceUID: annotationStudy, sopInstanceUID: "1.2.3.1.2", view: "LCC",
                   shape: .polygon([PixelPoint(x: 20, y: 4), PixelPoint(x: 30, y: 6), PixelPoint(x: 25, y: 20)]),
                   category: .calcificationCluster, birads: .category2, annotator: "bob", createdAt: "2026-11-27T10:02:00Z"),
        Annotation(id: "6F1D8D0E-0000-4000-8000-000000000004", studyInstanceUID: annotationStudy, sopInstanceUID: "1.2.3.1.4", view: "LMLO",
                   shape: .point(PixelPoint(x: 16, y: 12)), category: .asymmetry, annotator: "bob", createdAt: "2026-11-27T10:03:00Z"),
    ]

    /// A library at `path` holding TinyDICOM's four-view exam of patient P_00001.
    func annotationLibrary(_ path: String) throws {
        let folder = work.appendingPathComponent("exam")
        if !FileManager.default.fileExists(atPath: folder.path) {
            _ = try TinyDICOM.exam(in: folder, patient: "Mass-Training_P_00001", study: Self.annotationStudy, date: "20240105")
        }
        let imported = try run(["import", folder.path, "--library", path])
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    /// Image, view, category, VinDr's BI-RADS and bounds: what every format keeps.
    static func essentials(_ a: Annotation) -> String {
        let b = a.shape.bounds
        return "\(a.sopInstanceUID) \(a.view) \(a.category.rawValue) \(FindingAssessmentText.vindr(a)) \(b.x) \(b.y) \(b.maxX) \(b.maxY)"
    }

    @Test func eachExportFormatImportsBackIntoAnotherLibraryAndAReimportAddsNothing() throws {
        defer { cleanUp() }
        try annotationLibrary(library)
        try Database(path: library).saveAnnotations(Self.savedMarks)
        let regions = Self.savedMarks.filter { $0.shape.area > 0 }

        for format in ["json", "vindr", "coco"] {
            let file = work.appendingPathComponent("marks.\(format)").path
            let exported = try run(["export", "annotations", "--format", format, "--out", file, "--library", library])
            #expect(exported.status == 0, "\(format): \(exported.stderr)")
            let count = format == "json" ? 4 : 3
            #expect(exported.stderr.contains("Exported \(count) marks on \(count) images to \(file)."), "\(format): \(exported.stderr)")
            if format != "json" { #expect(exported.stderr.contains("1 point marks left out")) }

            let other = work.appendingPathComponent("other-\(format).sqlite").path
            try annotationLibrary(other)
            let imported = try run(["import-annotations", "--format", format, file, "--library", other])
            #expect(imported.status == 0, "\(format): \(imported.stderr)")
            let marks = try Database(path: other).annotations()
            switch format {
            case "json":
                #expect(imported.stdout.contains("Imported 4 marks on 4 images from \(file): 4 added, 0 updated, 0 unchanged."), "\(imported.stdout)")
                #expect(marks == Self.savedMarks, "the project's JSON is lossless")
                // These test images say no pixel spacing: no millimetres rather than a guess.
                let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
                #expect((json["images"] as? [[String: Any]] ?? []).allSatisfy { $0["pixelSpacingMM"] == nil })
                #expect((json["annotations"] as? [[String: Any]] ?? []).allSatisfy { $0["sizeMM"] == nil && $0["centerMM"] == nil })
            case "vindr":
                #expect(marks.map(Self.essentials).sorted() == regions.map(Self.essentials).sorted())
                #expect(marks.allSatisfy { $0.annotator == "vindr" && !$0.isAccepted })
            default:
                #expect(Set(marks.map(\.id)) == Set(regions.map(\.id)), "COCO from mammoterm keeps the ids")
                for mark in marks {
                    let saved = try #require(regions.first { $0.id == mark.id })
                    #expect(mark.shape == saved.shape && mark.category == saved.category && mark.birads == saved.birads
                            && mark.sopInstanceUID == saved.sopInstanceUID && mark.annotator == saved.annotator)
                }
            }
            let again = try run(["import-annotations", "--format", format, file, "--library", other])
            #expect(again.status == 0)
            #expect(again.stdout.contains(": 0 added, 0 updated, \(marks.count) unchanged."), "\(format): \(again.stdout)")
            #expect(try Database(path: other).annotations().count == marks.count, "\(format): a re-import duplicated marks")
        }
    }

    @Test func exportFiltersByAcceptanceAnnotatorAndStudy() throws {
        defer { cleanUp() }
        try annotationLibrary(library)
        try Database(path: library).saveAnnotations(Self.savedMarks)
        func exportedIDs(_ extra: [String]) throws -> [String] {
            let out = try run(["export", "annotations", "--format", "json", "--library", library] + extra)
            #expect(out.status == 0, "\(out.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
            return (json["annotations"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        #expect(try exportedIDs(["--accepted"]) == [Self.savedMarks[0].id])
        #expect(try exportedIDs(["--annotator", "bob"]) == [Self.savedMarks[2].id, Self.savedMarks[3].id])
        #expect(try exportedIDs(["--study", "9.9.9"]).isEmpty)
        #expect(try exportedIDs([]).count == 4)
    }

    @Test func aVinDrFileImportsWithItsBadRowsNamedAndCanBeAcceptedAsGroundTruth() throws {
        defer { cleanUp() }
        try annotationLibrary(library)
        let csv = work.appendingPathComponent("finding_annotations.csv")
        try Data("""
            study_id,series_id,image_id,laterality,view_position,height,width,breast_birads,breast_density,finding_categories,finding_birads,xmin,ymin,xmax,ymax,split
            1.2.3.1,1.2.3.1.1,1.2.3.1.1,R,CC,24,32,BI-RADS 4,DENSITY B,['Mass'],BI-RADS 4,1,2,11,12,training
            1.2.3.1,1.2.3.1.1,1.2.3.1.2,L,CC,24,32,BI-RADS 1,DENSITY B,['No Finding'],,,,,,training
            1.2.3.1,1.2.3.1.1,1.2.3.1.3,R,MLO,24,32,BI-RADS 4,DENSITY B,['Mass'],BI-RADS 4,1,2,40,12,training
            1.2.3.1,1.2.3.1.1,not-here,L,MLO,24,32,BI-RADS 3,DENSITY B,['Suspicious Calcification'],BI-RADS 3,3,4,9,10,training

            """.utf8).write(to: csv)
        let imported = try run(["import-annotations", "--format", "vindr", csv.path, "--accept", "--library", library])
        #expect(imported.status == 1, "a row was skipped: a non-zero exit \(imported.stderr)")
        #expect(imported.stderr.contains("skipped \(csv.path):4: VinDr findings: shape: (40.0, 12.0) lies outside the 32 x 24 image"), "\(imported.stderr)")
        #expect(imported.stdout.contains("Imported 2 marks on 2 images"))
        #expect(imported.stdout.contains("2 newly accepted as ground truth"))
        #expect(imported.stdout.contains("Skipped 1 rows with problems"))
        #expect(imported.stdout.contains("Not imported: 1 'No Finding' rows."))
        let marks = try Database(path: library).annotations()
        #expect(marks.map(\.view.label).sorted() == ["LMLO", "RCC"], "not-here matched by study, laterality and view")
        #expect(marks.allSatisfy { $0.acceptedBy == "vindr" && $0.annotator == "vindr" })
        let lmlo = try #require(marks.first { $0.view == "LMLO" })
        #expect(lmlo.sopInstanceUID == "1.2.3.1.4" && lmlo.category == .calcificationCluster && lmlo.birads == .category3)

        let none = try run(["import-annotations", "--format", "vindr", work.appendingPathComponent("missing.csv").path, "--library", library])
        #expect(none.status == 1 && none.stderr.contains("cannot read"))
    }

    @Test func aCBISDDSMFileTakesItsBoxFromTheROIMaskOrItsColumns() throws {
        defer { cleanUp() }
        try annotationLibrary(library)
        let dataset = work.appendingPathComponent("cbis")
        try FileManager.default.createDirectory(at: dataset.appendingPathComponent("masks"), withIntermediateDirectories: true)
        // TinyDICOM's pixel data comes last: overwrite it with a mask, non-zero in x 5..9, y 4..11.
        var mask = TinyDICOM.file(sop: "9.8.7.1", study: "9.8.7", series: "9.8.7.1", patient: "Mass-Training_P_00001_LEFT_CC_1", side: "L")
        let pixels = 32 * 24
        for i in 0..<pixels {
            let x = i % 32, y = i / 32
            let value: UInt16 = (5..<10).contains(x) && (4..<12).contains(y) ? 255 : 0
            let at = mask.count - 2 * pixels + 2 * i
            mask[at] = UInt8(value & 0xFF); mask[at + 1] = UInt8(value >> 8)
        }
        try mask.write(to: dataset.appendingPathComponent("masks/roi.dcm"))
        let csv = dataset.appendingPathComponent("mass_case_description_train_set.csv")
        try Data("""
            patient_id,breast_density,left or right breast,image view,abnormality id,abnormality type,mass shape,mass margins,assessment,pathology,subtlety,image file path,cropped image file path,ROI mask file path
            P_00001,2,LEFT,CC,1,mass,OVAL,SPICULATED,5,MALIGNANT,5,Mass-Training_P_00001_LEFT_CC/1.3.6/1.2.3.1.1/000000.dcm,crop.dcm,"masks/roi.dcm
            "
            P_00001,2,RIGHT,MLO,1,mass,ROUND,CIRCUMSCRIBED,2,BENIGN,3,x.dcm,crop.dcm,masks/absent.dcm
            P_00002,2,RIGHT,CC,1,calcification,,,3,BENIGN,3,x.dcm,crop.dcm,masks/roi.dcm
            """.utf8).write(to: csv)
        let imported = try run(["import-annotations", "--format", "cbis", csv.path, "--library", library])
        #expect(imported.status == 1, "rows were skipped: a non-zero exit \(imported.stderr)")
        #expect(imported.stdout.contains("Imported 1 marks on 1 images"), "\(imported.stdout)")
        #expect(imported.stderr.contains("\(csv.path):4: CBIS-DDSM cases: no xmin..ymax and no usable ROI mask (masks/absent.dcm not found; crop.dcm not found)"), "\(imported.stderr)")
        #expect(imported.stderr.contains("\(csv.path):5: CBIS-DDSM cases: no image of patient P_00002 RCC in the library"))
        let mark = try #require(try Database(path: library).annotations().first)
        #expect(mark.sopInstanceUID == "1.2.3.1.2" && mark.view == "LCC" && mark.annotator == "cbis-ddsm")
        #expect(mark.shape == .box(PixelBox(x: 5, y: 4, width: 5, height: 8)))
        #expect(mark.category == .mass && mark.birads == .category5 && mark.pathology == .malignant)
        #expect(mark.note == "mass shape: OVAL; mass margins: SPICULATED; subtlety 5")

        // The same rows with boxes in columns: the mark is replaced (same abnormality), not doubled.
        try Data("""
            patient_id,breast density,left or right breast,image view,abnormality id,abnormality type,calc type,calc distribution,assessment,pathology,subtlety,image file path,cropped image file path,ROI mask file path,xmin,ymin,xmax,ymax
            P_00001,2,LEFT,CC,1,mass,,,5,MALIGNANT,5,x.dcm,,,1,1,9,9
            """.utf8).write(to: csv)
        let again = try run(["import-annotations", "--format", "cbis", csv.path, "--library", library])
        #expect(again.stdout.contains("0 added, 1 updated, 0 unchanged"), "\(again.stdout)")
        let marks = try Database(path: library).annotations()
        #expect(marks.count == 1 && marks[0].shape == .box(PixelBox(x: 1, y: 1, width: 8, height: 8)) && marks[0].id == mark.id)
    }
}

/// VinDr's spelling of a mark's BI-RADS (4 and 4A-4C are "BI-RADS 4").
enum FindingAssessmentText {
    static func vindr(_ a: Annotation) -> String {
        guard let b = a.birads else { return "" }
        return [.category4, .category4A, .category4B, .category4C].contains(b) ? "BI-RADS 4" : "BI-RADS \(b.rawValue)"
    }
}
