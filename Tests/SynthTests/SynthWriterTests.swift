// End to end: a small set written as DICOM with ground truth, read back with the DICOM module,
// and written again from the same seed to the same bytes.
import DICOM
import Foundation
import MammoCore
import Study
import Testing
@testable import Synth

@Suite struct SynthWriterTests {
    /// One cancer patient with a prior: two exams, eight images.
    static let options = SynthOptions(examCount: 1, seed: 2024, priorShare: 1, cancerShare: 1, benignShare: 0)

    static func temporaryFolder(_ name: String) -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("synth-tests-\(name)-\(getpid())")
        try? FileManager.default.removeItem(atPath: path)
        return path
    }

    struct WrittenSet: Sendable {
        var folder: String
        var truth: GroundTruthFile
        var progress: [Int]
    }

    static let written: Result<WrittenSet, SynthError> = {
        let folder = temporaryFolder("a")
        var progress: [Int] = []
        do throws(SynthError) {
            let truth = try SynthWriter(options: options, compression: .jpegLS).write(to: folder) { done, _ in progress.append(done) }
            return .success(WrittenSet(folder: folder, truth: truth, progress: progress))
        } catch {
            return .failure(error)
        }
    }()

    @Test func writesFilesWhereTheGroundTruthSays() throws {
        let set = try SynthWriterTests.written.get()
        #expect(set.truth.exams.count == 2)
        #expect(set.progress == Array(1...8))
        for exam in set.truth.exams {
            #expect(exam.images.map(\.viewKey) == ["RCC", "LCC", "RMLO", "LMLO"])
            for image in exam.images {
                #expect(image.file == "\(exam.patientID)/\(exam.studyDate)/\(image.viewKey).dcm")
                #expect(FileManager.default.fileExists(atPath: (set.folder as NSString).appendingPathComponent(image.file)))
            }
        }
        let current = try #require(set.truth.exams.first { !$0.isPrior })
        let prior = try #require(set.truth.exams.first { $0.isPrior })
        #expect(current.cancer)
        #expect(current.priorStudyInstanceUID == prior.studyInstanceUID)
        #expect(prior.studyDate < current.studyDate)
        for lesion in current.lesions {
            #expect(Set(lesion.views.keys) == Set(["CC", "MLO"].map { lesion.side.rawValue + $0 }))
            for view in lesion.views.values {
                #expect(view.outline.count >= 3)
                let pts = view.outlinePoints
                #expect(pts.allSatisfy { $0.x >= view.box.x - 0.02 && $0.x <= view.box.maxX + 0.02 })
            }
        }
    }

    @Test func dicomHeadersAndPixelsReadBack() throws {
        let set = try SynthWriterTests.written.get()
        let exam = try #require(set.truth.exams.first)
        for image in exam.images {
            let path = (set.folder as NSString).appendingPathComponent(image.file)
            let header = try DicomHeaderReader.read(path: path)
            #expect(header.viewKey == image.viewKey)
            #expect(header.rows == image.rows && header.columns == image.columns)
            #expect(header.patientID == exam.patientID)
            #expect(header.studyInstanceUID == exam.studyInstanceUID)
            #expect(header.sopInstanceUID == image.sopInstanceUID)
            #expect(header.bitsStored == 12)
            #expect(header.presentationIntent == .forPresentation)
            #expect(!header.displayFlip.horizontal && !header.displayFlip.vertical)
            #expect(abs((header.spacing?.row ?? 0) - image.pixelSpacingMM) < 1e-9)
            #expect(header.windows.first.map { $0.width > 0 } == true)
            let pixels = try DicomPixelReader.read(path: path)
            #expect(pixels.width == image.columns && pixels.height == image.rows)
            #expect(pixels.samples.allSatisfy { $0 >= 0 && $0 <= 4095 })
        }
    }

    @Test func pixelsMatchARenderOfThePlan() throws {
        let set = try SynthWriterTests.written.get()
        let patient = try #require(CohortPlanner.plan(SynthWriterTests.options).first)
        let exam = try #require(patient.exams.first)
        let key = ViewKey.leftMLO
        let rendered = MammogramRenderer(size: .small).render(
            anatomy: patient.anatomy(side: key.side, size: .small), view: key.view,
            positioning: exam.positioning[key] ?? .standard, lesions: exam.lesions,
            noiseSeed: SynthRandom.key(exam.noiseSeed, key.label))
        let path = (set.folder as NSString).appendingPathComponent("\(patient.patientID)/\(exam.studyDate)/LMLO.dcm")
        let read = try DicomPixelReader.read(path: path)
        #expect(read.samples == rendered.image.pixels.map(Int32.init))
    }

    @Test func groundTruthDecodesBack() throws {
        let set = try SynthWriterTests.written.get()
        let data = try Data(contentsOf: URL(fileURLWithPath: (set.folder as NSString).appendingPathComponent("ground-truth.json")))
        let decoded = try GroundTruthFile.decode(data, path: "ground-truth.json")
        #expect(decoded == set.truth)
        #expect(decoded.format == "mammoterm-synth-ground-truth" && decoded.version == 1 && decoded.seed == 2024 && decoded.size == "small")
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"priorStudyInstanceUID\" : null"))
        #expect(text.contains("\"type\" : \"mass\"") || text.contains("\"type\" : \"calcification-cluster\""))
    }

    @Test func newerOrForeignGroundTruthIsRefused() throws {
        let newer = Data(#"{"format": "mammoterm-synth-ground-truth", "version": 2, "seed": 1, "size": "small", "exams": []}"#.utf8)
        #expect(throws: StudyError.self) { try GroundTruthFile.decode(newer, path: "ground-truth.json") }
        do {
            _ = try GroundTruthFile.decode(newer, path: "ground-truth.json")
        } catch {
            #expect(error.reason.contains("newer"))
        }
        let foreign = Data(#"{"format": "something-else", "version": 1}"#.utf8)
        #expect(throws: StudyError.self) { try GroundTruthFile.decode(foreign, path: "ground-truth.json") }
        #expect(throws: StudyError.self) { try GroundTruthFile.decode(Data("not json".utf8), path: "ground-truth.json") }
    }

    /// Same seed: the same ground-truth bytes and the same decoded pixels and identities.
    /// (Compressed files are compared decoded: DCMTK's JPEG-LS encoder leaves the pad byte of an
    /// odd-length fragment uninitialised, so their bytes can differ in that one byte.)
    @Test func sameSeedSameTruthAndPixels() throws {
        let set = try SynthWriterTests.written.get()
        let again = SynthWriterTests.temporaryFolder("b")
        defer { try? FileManager.default.removeItem(atPath: again) }
        _ = try SynthWriter(options: SynthWriterTests.options, compression: .jpegLS).write(to: again)
        let a = try Data(contentsOf: URL(fileURLWithPath: (set.folder as NSString).appendingPathComponent("ground-truth.json")))
        let b = try Data(contentsOf: URL(fileURLWithPath: (again as NSString).appendingPathComponent("ground-truth.json")))
        #expect(a == b)
        for file in set.truth.exams.flatMap({ $0.images.map(\.file) }) {
            let first = try DicomPixelReader.read(path: (set.folder as NSString).appendingPathComponent(file))
            let second = try DicomPixelReader.read(path: (again as NSString).appendingPathComponent(file))
            #expect(first.samples == second.samples, "\(file): pixels differ between two runs with the same seed")
            #expect(first.header.sopInstanceUID == second.header.sopInstanceUID)
            #expect(first.header.windows == second.header.windows)
        }
    }

    /// Uncompressed files are byte-identical for the same input.
    @Test func uncompressedFilesAreByteIdentical() throws {
        let folder = SynthWriterTests.temporaryFolder("c")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let view = SynthTestSupport.render(.leftCC)
        let metadata = MammogramMetadata(
            patientID: "SYN-0001", patientName: "SYNTH^PATIENT 0001", patientBirthDate: "19700101",
            studyInstanceUID: "2.25.1", seriesInstanceUID: "2.25.2", sopInstanceUID: "2.25.3",
            studyDate: "20250101", studyTime: "101010", studyDescription: "SYNTHETIC", accessionNumber: "A1",
            seriesNumber: 1, instanceNumber: 1, viewKey: .leftCC, bitsStored: 12,
            pixelSpacing: PixelSpacing(row: 0.28, column: 0.28), windowCenter: view.windowCenter, windowWidth: view.windowWidth)
        let paths = ["one", "two"].map { (folder as NSString).appendingPathComponent("\($0).dcm") }
        for path in paths { try MammogramWriter.write(view.image, metadata: metadata, to: path, compression: .none) }
        let bytes = try paths.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        #expect(bytes[0] == bytes[1])
    }

    @Test func differentSeedDifferentPixels() {
        let a = SynthTestSupport.render(.rightCC, seed: 1)
        let b = SynthTestSupport.render(.rightCC, seed: 2)
        #expect(a.image.pixels != b.image.pixels)
        let c = SynthTestSupport.render(.rightCC, seed: 1)
        #expect(a.image.pixels == c.image.pixels)
    }
}
