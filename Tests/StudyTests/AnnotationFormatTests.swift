// The annotation formats: the project's JSON round-trips marks exactly; VinDr CSV and COCO keep
// boxes, categories, BI-RADS and image ids; hand-written VinDr and CBIS-DDSM rows import, and bad
// rows are named (file:line, why) and skipped while the rest go on.
import Foundation
import MammoCore
import Study
import Testing

@Suite struct AnnotationFormatTests {
    static let study = "1.2.840.1"
    static let images: [AnnotationImage] = ViewKey.screening.enumerated().map { index, key in
        AnnotationImage(studyInstanceUID: study, seriesInstanceUID: study + ".9", sopInstanceUID: "\(study).\(index + 1)",
                        patientID: "Mass-Training_P_00001_\(key.side == .left ? "LEFT" : "RIGHT")_\(key.view.rawValue)",
                        side: key.side, view: key.view, rows: 400, columns: 300)
    }
    static let index = AnnotationImageIndex(images)

    /// One mark of each shape and category, with every optional field used somewhere.
    static let marks: [Annotation] = [
        Annotation(id: "0B6E2B47-6C0A-4C55-9D43-2F1F3A9A0001", studyInstanceUID: study, sopInstanceUID: "\(study).1", view: "RCC",
                   shape: .box(PixelBox(x: 10.5, y: 20.25, width: 30, height: 40.125)), category: .mass, birads: .category4B,
                   pathology: .malignant, note: "spiculated, \"irregular\"", annotator: "alice",
                   createdAt: "2026-11-27T10:00:00Z", modifiedAt: "2026-11-27T10:03:00.5Z", lesionID: "L-1",
                   acceptedBy: "carol", acceptedAt: "2026-11-27T11:00:00Z"),
        Annotation(id: "0B6E2B47-6C0A-4C55-9D43-2F1F3A9A0002", studyInstanceUID: study, sopInstanceUID: "\(study).3", view: "RMLO",
                   shape: .ellipse(PixelBox(x: 0.1 + 0.2, y: 100, width: 50, height: 25)), category: .mass, birads: .category5,
                   annotator: "alice", createdAt: "2026-11-27T10:01:00Z", lesionID: "L-1"),
        Annotation(id: "0B6E2B47-6C0A-4C55-9D43-2F1F3A9A0003", studyInstanceUID: study, sopInstanceUID: "\(study).2", view: "LCC",
                   shape: .polygon([PixelPoint(x: 100, y: 100), PixelPoint(x: 140, y: 110), PixelPoint(x: 120, y: 150.75)]),
                   category: .calcificationCluster, birads: .category3, pathology: .benignWithoutCallback, annotator: "bob",
                   createdAt: "2026-11-27T10:02:00Z"),
        Annotation(id: "0B6E2B47-6C0A-4C55-9D43-2F1F3A9A0004", studyInstanceUID: study, sopInstanceUID: "\(study).4", view: "LMLO",
                   shape: .point(PixelPoint(x: 7, y: 8)), category: .asymmetry, annotator: "bob", createdAt: "2026-11-27T10:04:00Z"),
        Annotation(id: "0B6E2B47-6C0A-4C55-9D43-2F1F3A9A0005", studyInstanceUID: study, sopInstanceUID: "\(study).4", view: "LMLO",
                   shape: .box(PixelBox(x: 200, y: 300, width: 20, height: 20)), category: .architecturalDistortion,
                   annotator: "bob", createdAt: "2026-11-27T10:05:00Z"),
    ]
    static let regionMarks = marks.filter { $0.shape.area > 0 }

    /// What the lossy formats must keep: image, category, BI-RADS as the format spells it, bounds.
    static func essentials(_ a: Annotation) -> String {
        let b = a.shape.bounds
        return "\(a.sopInstanceUID) \(a.view) \(a.category.rawValue) \(FindingAssessment.vindrText(a.birads)) "
            + "\(b.x.rounded6) \(b.y.rounded6) \(b.maxX.rounded6) \(b.maxY.rounded6)"
    }

    /// Sizes and centres in mm beside the pixels where an image has a spacing; the pixels rule
    /// on import, so the marks read back the same.
    @Test func theProjectsJSONGivesMillimetresWhereTheSpacingIsKnown() throws {
        let spaced = Self.images.map { image -> AnnotationImage in var i = image; i.pixelSpacingMM = 0.5; return i }
        let text = try AnnotationsJSON.export(Self.marks, images: spaced, exportedAt: "2026-11-27T12:00:00Z")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        for entry in try #require(json["annotations"] as? [[String: Any]]) {
            let mark = try #require(Self.marks.first { $0.id == entry["id"] as? String })
            let b = mark.shape.bounds
            let size = try #require(entry["sizeMM"] as? [String: Double]), centre = try #require(entry["centerMM"] as? [String: Double])
            #expect(abs((size["width"] ?? -1) - b.width * 0.5) < 0.006 && abs((size["height"] ?? -1) - b.height * 0.5) < 0.006)
            #expect(abs((centre["x"] ?? -1) - b.center.x * 0.5) < 0.006 && abs((centre["y"] ?? -1) - b.center.y * 0.5) < 0.006)
        }
        #expect(try AnnotationsJSON.parse(Data(text.utf8), path: "a.json", images: Self.index).annotations == Self.marks)
        #expect(!(try AnnotationsJSON.export(Self.marks, images: Self.images, exportedAt: "2026-11-27T12:00:00Z")).contains("sizeMM"))
    }

    @Test func theProjectsJSONRoundTripsEveryField() throws {
        let text = try AnnotationsJSON.export(Self.marks, images: Self.images, exportedAt: "2026-11-27T12:00:00Z")
        #expect(text.contains("\"format\" : \"mammoterm-annotations\"") && text.contains("\"version\" : 1"))
        #expect(!text.contains("P_00001"), "patient ids stay out of exports")
        let back = try AnnotationsJSON.parse(Data(text.utf8), path: "a.json", images: Self.index)
        #expect(back.problems.isEmpty, "\(back.problems)")
        #expect(back.annotations == Self.marks)
        #expect(try AnnotationsJSON.export(back.annotations, images: Self.images, exportedAt: "2026-11-27T12:00:00Z") == text,
                "the same marks give the same bytes")
        let renamed = try AnnotationsJSON.parse(Data(text.utf8), path: "a.json", images: Self.index, annotator: "reviewed")
        #expect(renamed.annotations.map(\.annotator) == Array(repeating: "reviewed", count: 5))
        // Taken over by another annotator: copies with ids of their own (stable), never the originals' rows.
        #expect(Set(renamed.annotations.map(\.id)).isDisjoint(with: Self.marks.map(\.id)))
        let again = try AnnotationsJSON.parse(Data(text.utf8), path: "a.json", images: Self.index, annotator: "reviewed")
        #expect(again.annotations.map(\.id) == renamed.annotations.map(\.id))
    }

    @Test func aMalformedJSONEntryIsNamedAndTheOthersImport() throws {
        let text = try AnnotationsJSON.export(Self.marks, images: Self.images, exportedAt: "2026-11-27T12:00:00Z")
        var root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        var entries = try #require(root["annotations"] as? [[String: Any]])
        var shape = try #require(entries[1]["shape"] as? [String: Any])
        shape["x"] = "ten"                      // a string where a number belongs
        entries[1]["shape"] = shape
        entries[2]["lesionID"] = ""             // empty: no link
        entries[2]["acceptedBy"] = ""           // empty: not accepted
        root["annotations"] = entries
        let result = try AnnotationsJSON.parse(try JSONSerialization.data(withJSONObject: root), path: "a.json", images: Self.index)
        #expect(result.annotations.count == Self.marks.count - 1)
        #expect(result.problems.count == 1 && result.problems[0].description.contains("annotations[1]"), "\(result.problems)")
        let third = try #require(result.annotations.first { $0.id == Self.marks[2].id })
        #expect(third.lesionID == nil && third.acceptedBy == nil && third.acceptedAt == nil)
    }

    @Test func vindrWritesNoFindingOnlyForImagesWithoutAnyMark() {
        // Bob's LMLO marks are not exported (another annotator's): LMLO is not a lesion-free image.
        let alice = Self.marks.filter { $0.annotator == "alice" }
        let (text, _) = VinDrFindingsCSV.export(alice, images: Self.images, otherwiseMarked: ["\(Self.study).4"])
        let noFinding = text.split(separator: "\n").filter { $0.contains("No Finding") }
        #expect(noFinding.count == 1 && noFinding[0].contains("\(Self.study).2,"), "\(noFinding)")
    }

    @Test func theProjectsJSONReportsBadMarksAndRefusesANewerVersion() throws {
        let text = """
            {"format": "mammoterm-annotations", "version": 1, "annotations": [
              {"id": "a", "studyInstanceUID": "1.2.840.1", "sopInstanceUID": "1.2.840.1.1", "view": "RCC",
               "shape": {"type": "box", "x": 1, "y": 2, "width": 3, "height": 4}, "category": "mass", "note": "",
               "annotator": "x", "createdAt": "2026-01-02T03:04:05Z"},
              {"id": "b", "studyInstanceUID": "1.2.840.1", "sopInstanceUID": "1.2.840.1.1", "view": "LCC",
               "shape": {"type": "box", "x": 1, "y": 2, "width": 3, "height": 4}, "category": "mass", "annotator": "x", "createdAt": "2026-01-02T03:04:05Z"},
              {"id": "c", "studyInstanceUID": "1.2.840.1", "sopInstanceUID": "9.9", "view": "RCC",
               "shape": {"type": "box", "x": 1, "y": 2, "width": 3, "height": 4}, "category": "mass", "annotator": "x", "createdAt": "2026-01-02T03:04:05Z"},
              {"id": "d", "studyInstanceUID": "1.2.840.1", "sopInstanceUID": "1.2.840.1.1", "view": "RCC",
               "shape": {"type": "circle"}, "category": "mass", "annotator": "x", "createdAt": "2026-01-02T03:04:05Z"},
              {"id": "e", "studyInstanceUID": "1.2.840.1", "sopInstanceUID": "1.2.840.1.1", "view": "RCC",
               "shape": {"type": "box", "x": 290, "y": 2, "width": 30, "height": 4}, "category": "lump", "annotator": "x", "createdAt": "2026-01-02T03:04:05Z"},
              {"id": "f", "studyInstanceUID": "1.2.840.1", "sopInstanceUID": "1.2.840.1.1", "view": "RCC",
               "shape": {"type": "box", "x": 290, "y": 2, "width": 30, "height": 4}, "category": "mass", "annotator": "x", "createdAt": "2026-01-02T03:04:05Z"}
            ]}
            """
        let result = try AnnotationsJSON.parse(Data(text.utf8), path: "a.json", images: Self.index)
        #expect(result.annotations.map(\.id) == ["a"])
        let reasons = result.problems.map(\.description)
        #expect(reasons.count == 5)
        #expect(reasons[0] == "a.json: annotations JSON: annotations[1]: view: the image is RCC in the library, not LCC")
        #expect(reasons[1].contains("annotations[2]: sopInstanceUID: image 9.9 is not in the library"))
        #expect(reasons[2].contains("annotations[3]: shape: type \"circle\" is not box"))
        #expect(reasons[3].contains("annotations[4]: category: \"lump\" is not one of"))
        #expect(reasons[4].contains("annotations[5]: shape: (320.0, 6.0) lies outside the 300 x 400 image"))
        #expect(throws: StudyError.self) {
            try AnnotationsJSON.parse(Data(#"{"format": "mammoterm-annotations", "version": 2, "annotations": []}"#.utf8), path: "n.json", images: Self.index)
        }
        do { _ = try AnnotationsJSON.parse(Data(#"{"format": "mammoterm-annotations", "version": 2, "annotations": []}"#.utf8), path: "n.json", images: Self.index) } catch {
            #expect(error.reason.contains("newer than this mammoterm reads"))
        }
    }

    @Test func vindrRoundTripKeepsBoxesCategoriesBIRADSAndImageIDs() throws {
        let (text, points) = VinDrFindingsCSV.export(Self.marks, images: Self.images)
        #expect(points == 1)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "study_id,series_id,image_id,laterality,view_position,height,width,breast_birads,breast_density,finding_categories,finding_birads,xmin,ymin,xmax,ymax,split")
        #expect(lines[1] == "1.2.840.1,1.2.840.1.9,1.2.840.1.1,R,CC,400,300,,,['Mass'],BI-RADS 4,10.5,20.25,40.5,60.375,")
        #expect(lines[3].contains(",['Suspicious Calcification'],BI-RADS 3,100,100,140,150.75,"), "a polygon exports its bounds")
        #expect(lines.count == 1 + 4, "four region marks, every image marked: no 'No Finding' rows")
        let back = try VinDrFindingsCSV.parse(text, path: "f.csv", images: Self.index, annotator: "vindr", importedAt: "2026-01-02T03:04:05Z")
        #expect(back.problems.isEmpty, "\(back.problems)")
        #expect(back.annotations.map(Self.essentials) == Self.regionMarks.map(Self.essentials))
        #expect(back.annotations.allSatisfy { if case .box = $0.shape { true } else { false } })
        #expect(back.annotations.map(\.birads) == [.category4, .category5, .category3, nil], "4B is VinDr's plain 4")
        let again = try VinDrFindingsCSV.parse(text, path: "f.csv", images: Self.index, annotator: "vindr", importedAt: "2026-02-03T04:05:06Z")
        #expect(again.annotations.map(\.id) == back.annotations.map(\.id), "ids derive from the rows: a re-import replaces")
        let other = try VinDrFindingsCSV.parse(text, path: "f.csv", images: Self.index, annotator: "vindr-2", importedAt: "2026-01-02T03:04:05Z")
        #expect(Set(other.annotations.map(\.id)).isDisjoint(with: back.annotations.map(\.id)))
        #expect(VinDrFindingsCSV.export(back.annotations, images: Self.images).text == text, "vindr -> import -> vindr is stable")
    }

    @Test func aHandWrittenVinDrFileImportsAndItsBadRowsAreNamed() throws {
        let text = """
            \u{FEFF}study_id,series_id,image_id,laterality,view_position,height,width,breast_birads,breast_density,finding_categories,finding_birads,xmin,ymin,xmax,ymax,split
            1.2.840.1,s,1.2.840.1.1,R,CC,400,300,BI-RADS 4,DENSITY C,['Mass'],BI-RADS 4,10.0,20.0,50.5,60.0,training
            1.2.840.1,s,1.2.840.1.2,L,CC,400,300,BI-RADS 1,DENSITY C,['No Finding'],,,,,,training
            1.2.840.1,s,unknown-image,L,MLO,400,300,BI-RADS 3,DENSITY C,"['Mass', 'Suspicious Calcification', 'Skin Thickening']",BI-RADS 3,5,6,25,26,test
            1.2.840.1,s,1.2.840.1.1,R,CC,400,300,,,['Mass'],BI-RADS 4,50,20,40,60,training
            1.2.840.1,s,1.2.840.1.1,R,CC,512,300,,,['Mass'],BI-RADS 4,1,2,3,4,training
            1.2.840.1,s,1.2.840.1.1,R,CC,400,300,,,['Asymmetry'],BI-RADS 9,1,2,3,4,training
            1.2.840.1,s,1.2.840.1.1,R,CC,400,300,,,['Asymmetry'],BI-RADS 2,1,2,three,4,training
            9.9.9,s,9.9.9.1,R,CC,400,300,,,['Mass'],BI-RADS 2,1,2,3,4,training
            1.2.840.1,s,1.2.840.1.1,R,CC,400,300,BI-RADS 4,DENSITY C,['Mass'],BI-RADS 4,10.0,20.0,50.5,60.0,training
            1.2.840.1,s,1.2.840.1.3,R,MLO,400,300,,,['Global Asymmetry'],BI-RADS 2,250,350,310,390,training

            """
        let result = try VinDrFindingsCSV.parse(text, path: "finding_annotations.csv", images: Self.index, annotator: "vindr", importedAt: "2026-01-02T03:04:05Z")
        #expect(result.annotations.count == 3)
        #expect(result.annotations[0].shape == .box(PixelBox(x: 10, y: 20, width: 40.5, height: 40)))
        #expect(result.annotations[0].view == "RCC" && result.annotations[0].category == .mass && result.annotations[0].birads == .category4)
        // Matched by study + LMLO since image_id is unknown; one mark per known category.
        #expect(result.annotations[1...2].map(\.sopInstanceUID) == ["1.2.840.1.4", "1.2.840.1.4"])
        #expect(result.annotations[1...2].map(\.category) == [.mass, .calcificationCluster])
        #expect(result.annotations[1].birads == .category3 && result.annotations[1].annotator == "vindr")
        #expect(result.noFindingRows == 1 && result.duplicateRows == 1 && result.otherCategories == ["Skin Thickening": 1])
        let reasons = result.problems.map(\.description)
        #expect(reasons.count == 6, "\(reasons)")
        #expect(reasons[0] == "finding_annotations.csv:5: VinDr findings: the box (50.0, 20.0)-(40.0, 60.0) has no area: xmax must exceed xmin, ymax ymin")
        #expect(reasons[1].hasPrefix("finding_annotations.csv:6:") && reasons[1].contains("512") && reasons[1].contains("300x400"))
        #expect(reasons[2].hasPrefix("finding_annotations.csv:7:") && reasons[2].contains("\"BI-RADS 9\" is not 0-6"))
        #expect(reasons[3].hasPrefix("finding_annotations.csv:8:") && reasons[3].contains("must be numbers"))
        #expect(reasons[4].hasPrefix("finding_annotations.csv:9:") && reasons[4].contains("image 9.9.9.1 is not in the library"))
        #expect(reasons[5].hasPrefix("finding_annotations.csv:11:") && reasons[5].contains("outside the 300 x 400 image"))
        #expect(result.skippedOnPurpose == "1 'No Finding' rows; 1 duplicate rows; 1 findings of categories mammoterm does not mark (Skin Thickening 1)")
    }

    @Test func aVinDrFileWithoutBoxColumnsIsRefusedWhole() {
        #expect(throws: StudyError.self) {
            try VinDrFindingsCSV.parse("study_id,image_id,finding_categories\n1,2,['Mass']\n", path: "x.csv", images: Self.index, annotator: "v", importedAt: "2026-01-02T03:04:05Z")
        }
        do { _ = try VinDrFindingsCSV.parse("study_id,image_id\n", path: "x.csv", images: Self.index, annotator: "v", importedAt: "2026-01-02T03:04:05Z") } catch {
            #expect(error.description.hasPrefix("x.csv:1: VinDr findings: the header lacks finding_categories, xmin, ymin, xmax, ymax"))
        }
    }

    @Test func cocoRoundTripKeepsShapesCategoriesBIRADSAndImageIDs() throws {
        let (text, points) = try COCOAnnotations.export(Self.marks, images: Self.images, exportedAt: "2026-11-27T12:00:00Z")
        #expect(points == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let categories = try #require(json["categories"] as? [[String: Any]])
        #expect(categories.compactMap { $0["name"] as? String } == ["mass", "calcification-cluster", "architectural-distortion", "asymmetry"])
        let annotations = try #require(json["annotations"] as? [[String: Any]])
        #expect(annotations.count == 4)
        #expect(annotations[0]["bbox"] as? [Double] == [10.5, 20.25, 30, 40.125])
        #expect(annotations[0]["area"] as? Double == 30 * 40.125)
        #expect((annotations[0]["segmentation"] as? [[Double]])?.first == [10.5, 20.25, 40.5, 20.25, 40.5, 60.375, 10.5, 60.375])
        #expect(abs((annotations[1]["area"] as? Double ?? 0) - Double.pi / 4 * 50 * 25) < 1e-9)
        #expect((annotations[1]["segmentation"] as? [[Double]])?.first?.count == 96, "an ellipse as a 48-vertex polygon")
        #expect(annotations[2]["category_id"] as? Int == 2 && annotations[2]["birads"] as? String == "3")
        let images = try #require(json["images"] as? [[String: Any]])
        #expect(images.map { $0["sop_instance_uid"] as? String } == ["1.2.840.1.1", "1.2.840.1.2", "1.2.840.1.3", "1.2.840.1.4"])
        #expect(images[0]["width"] as? Int == 300 && images[0]["height"] as? Int == 400 && images[0]["file_name"] as? String == "1.2.840.1.1.dcm")

        let back = try COCOAnnotations.parse(Data(text.utf8), path: "c.json", images: Self.index, annotator: "coco", importedAt: "2026-01-02T03:04:05Z")
        #expect(back.problems.isEmpty, "\(back.problems)")
        #expect(Set(back.annotations.map(\.id)) == Set(Self.regionMarks.map(\.id)))
        let byID = Dictionary(uniqueKeysWithValues: back.annotations.map { ($0.id, $0) })
        for mark in Self.regionMarks {
            let b = try #require(byID[mark.id])
            #expect(b.shape == mark.shape && b.category == mark.category && b.birads == mark.birads && b.pathology == mark.pathology)
            #expect(b.sopInstanceUID == mark.sopInstanceUID && b.view == mark.view && b.annotator == mark.annotator)
            #expect(b.lesionID == mark.lesionID && b.note == mark.note)
        }
    }

    @Test func aCBISDDSMFileGivesRowsWithBoxesOrMaskPathsAndNamesBadRows() throws {
        let text = """
            patient_id,breast_density,left or right breast,image view,abnormality id,abnormality type,mass shape,mass margins,assessment,pathology,subtlety,image file path,cropped image file path,ROI mask file path,xmin,ymin,xmax,ymax
            P_00001,3,LEFT,CC,1,mass,IRREGULAR-ARCHITECTURAL_DISTORTION,SPICULATED,4,MALIGNANT,4,Mass-Training_P_00001_LEFT_CC/1.3.6.1.4.1.9590.100.1.2.1/1.2.840.1.9/000000.dcm,crop.dcm,"masks/P_00001_LEFT_CC_1.dcm
            ",,,,
            P_00001,3,RIGHT,MLO,1,mass,OVAL,CIRCUMSCRIBED,3,BENIGN_WITHOUT_CALLBACK,5,x.dcm,,,20,30,60,90
            P_00001,3,MIDDLE,MLO,1,mass,OVAL,CIRCUMSCRIBED,3,BENIGN,5,x.dcm,,,20,30,60,90
            P_00001,3,RIGHT,MLO,2,lump,OVAL,CIRCUMSCRIBED,3,BENIGN,5,x.dcm,,,20,30,60,90
            P_00001,3,RIGHT,MLO,3,mass,OVAL,CIRCUMSCRIBED,3,MAYBE,5,x.dcm,,,20,30,60,90
            P_00001,3,RIGHT,MLO,4,mass,OVAL,CIRCUMSCRIBED,3,BENIGN,5,x.dcm,,,60,30,20,90
            """
        let (cases, problems) = try CBISDDSMCaseCSV.parse(text, path: "mass.csv")
        #expect(cases.count == 2)
        let first = cases[0]
        #expect(first.line == 2 && first.patientID == "P_00001" && first.key == .leftCC && first.category == .mass)
        #expect(first.birads == .category4 && first.pathology == .malignant && first.box == nil, "CBIS's plain 4")
        #expect(first.roiMaskPath == "masks/P_00001_LEFT_CC_1.dcm", "the newline inside the quoted path is trimmed")
        #expect(first.note == "mass shape: IRREGULAR-ARCHITECTURAL_DISTORTION; mass margins: SPICULATED; subtlety 4")
        #expect(first.pathUIDs == ["1.3.6.1.4.1.9590.100.1.2.1", "1.2.840.1.9"])
        #expect(cases[1].line == 4 && cases[1].box == PixelBox(x: 20, y: 30, width: 40, height: 60))
        #expect(cases[1].birads == .category3 && cases[1].pathology == .benignWithoutCallback)
        #expect(problems.map(\.line) == [5, 6, 7, 8])
        #expect(problems[0].description == "mass.csv:5: CBIS-DDSM cases: left or right breast is \"MIDDLE\", not LEFT or RIGHT")
        #expect(problems[1].reason.contains("abnormality type is \"lump\""))
        #expect(problems[2].reason.contains("pathology is \"MAYBE\""))
        #expect(problems[3].reason.contains("not a box"))

        // Matching: "P_00001" finds the library's "Mass-Training_P_00001_RIGHT_MLO".
        let image = try Self.index.image(patientID: "P_00001", key: .rightMLO).get()
        #expect(image.sopInstanceUID == "1.2.840.1.3")
        let mark = cases[1].annotation(on: image, box: try #require(cases[1].box), annotator: "cbis-ddsm", importedAt: "2026-01-02T03:04:05Z")
        #expect(mark.view == "RMLO" && mark.category == .mass && mark.shape == .box(PixelBox(x: 20, y: 30, width: 40, height: 60)))
        #expect(cases[1].annotation(on: image, box: PixelBox(x: 1, y: 1, width: 2, height: 2), annotator: "cbis-ddsm", importedAt: "2026-02-03T04:05:07Z").id == mark.id,
                "the id follows the abnormality, not its box")
        if case .failure(let e) = Self.index.image(patientID: "P_00002", key: .rightMLO) {
            #expect(e.reason == "no image of patient P_00002 RMLO in the library")
        } else { Issue.record("an unknown patient matched") }
    }

    @Test func theMaskBoxIsTheBoundsOfItsNonZeroPixels() {
        var mask = GrayImage<Int32>(width: 12, height: 9, repeating: 0)
        #expect(RegionOfInterestMask.bounds(mask) == nil)
        mask[3, 2] = 255; mask[7, 5] = 1; mask[5, 6] = 255
        #expect(RegionOfInterestMask.bounds(mask) == PixelBox(x: 3, y: 2, width: 5, height: 5))
    }

    @Test func csvRecordsKeepQuotedLineBreaksAndTheLineEachRowStartsOn() throws {
        let csv = try CSVRecords("a,b\r\n\"x\ny\",2\r\n\r\n\"q\"\"q\",3", path: "t.csv", context: "test")
        #expect(csv.header.fields == ["a", "b"])
        #expect(csv.rows.map(\.line) == [2, 5])
        #expect(csv.rows.map(\.fields) == [["x\ny", "2"], ["q\"q", "3"]])
        #expect(throws: StudyError(context: "test", path: "t.csv", line: 2, reason: "a quoted field opened here is never closed")) {
            try CSVRecords("a\n\"open\n", path: "t.csv", context: "test")
        }
    }

    @Test func stableIDsAreUUIDShapedAndFollowTheContent() {
        let a = StableAnnotationID.make(["vindr", "x", "1"]), b = StableAnnotationID.make(["vindr", "x", "2"])
        #expect(a == StableAnnotationID.make(["vindr", "x", "1"]) && a != b)
        #expect(UUID(uuidString: a) != nil && a.count == 36 && Array(a)[14] == "8")
        #expect(StableAnnotationID.make(["ab", "c"]) != StableAnnotationID.make(["a", "bc"]))
    }
}

private extension Double {
    var rounded6: Double { (self * 1_000_000).rounded() / 1_000_000 }
}

extension AnnotationFormatTests {
    @Test func aMarkJSONCannotHoldFailsTheExportInsteadOfWritingAnEmptyFile() {
        var bad = Self.marks[0]
        bad.shape = .box(PixelBox(x: .nan, y: 0, width: 1, height: 1))
        #expect(throws: StudyError.self) { try AnnotationsJSON.export([bad], images: Self.images, exportedAt: "2026-01-02T03:04:05Z") }
        #expect(throws: StudyError.self) { try COCOAnnotations.export([bad], images: Self.images, exportedAt: "2026-01-02T03:04:05Z") }
    }
}
