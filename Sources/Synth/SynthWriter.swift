// Renders planned exams and writes them as DICOM files plus ground-truth.json:
// DIR/<patientID>/<studyDate>/<VIEW>.dcm.
import DICOM
import Foundation
import MammoCore
import Study

public struct SynthWriter: Sendable {
    public var options: SynthOptions
    public var compression: DicomCompression

    public init(options: SynthOptions, compression: DicomCompression = .none) {
        self.options = options
        self.compression = compression
    }

    /// Number of images `write` makes (four per exam, priors included).
    public func imageCount(for patients: [PatientPlan]) -> Int {
        patients.reduce(0) { $0 + $1.exams.count * ViewKey.screening.count }
    }

    /// Writes every exam and the ground truth; `progress(done, total)` after each image.
    public func write(to directory: String, progress: (Int, Int) -> Void = { _, _ in }) throws(SynthError) -> GroundTruthFile {
        let patients = CohortPlanner.plan(options)
        let total = imageCount(for: patients)
        var done = 0
        var exams: [GroundTruthFile.Exam] = []
        let renderer = MammogramRenderer(size: options.size)
        for patient in patients {
            let anatomies = [Side.right: patient.anatomy(side: .right, size: options.size),
                             Side.left: patient.anatomy(side: .left, size: options.size)]
            // One texture per breast for all of the patient's views and exams.
            var textures: [Side: BreastTexture] = [:]
            for (side, anatomy) in anatomies { textures[side] = BreastTexture(anatomy: anatomy) }
            for exam in patient.exams {
                let relativeFolder = "\(patient.patientID)/\(exam.studyDate)"
                let folder = (directory as NSString).appendingPathComponent(relativeFolder)
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw SynthError(path: folder, reason: "cannot create the folder: \(error.localizedDescription)")
                }
                var images: [GroundTruthFile.Image] = []
                var lesionViews: [String: [String: GroundTruthFile.LesionView]] = [:]
                for (number, key) in ViewKey.screening.enumerated() {
                    guard let anatomy = anatomies[key.side] else { continue }
                    let view = renderer.render(anatomy: anatomy, view: key.view, positioning: exam.positioning[key] ?? .standard,
                                               lesions: exam.lesions,
                                               noiseSeed: SynthRandom.key(exam.noiseSeed, key.label),
                                               texture: textures[key.side], profile: options.profile)
                    let sop = DicomUID.derived(from: "mammoterm-synth/\(options.seed)/\(exam.studyInstanceUID)/\(key.label)")
                    let file = "\(relativeFolder)/\(key.label).dcm"
                    let path = (directory as NSString).appendingPathComponent(file)
                    let thickness = (anatomy.thicknessMM * (key.view == .mlo ? 1.08 : 1) * 10).rounded() / 10
                    var metadata = MammogramMetadata(
                        patientID: patient.patientID, patientName: patient.patientName, patientBirthDate: patient.birthDate,
                        studyInstanceUID: exam.studyInstanceUID, seriesInstanceUID: exam.seriesInstanceUID, sopInstanceUID: sop,
                        studyDate: exam.studyDate, studyTime: exam.studyTime,
                        studyDescription: "SYNTHETIC SCREENING MAMMOGRAM", accessionNumber: exam.accessionNumber,
                        seriesNumber: 1, instanceNumber: number + 1, viewKey: key, bitsStored: 12,
                        pixelSpacing: PixelSpacing(row: view.pixelSpacingMM, column: view.pixelSpacingMM),
                        windowCenter: view.windowCenter, windowWidth: view.windowWidth,
                        bodyPartThickness: thickness,
                        compressionForce: (anatomy.compressionForceN * 10).rounded() / 10,
                        manufacturer: options.profile.manufacturer)
                    metadata.institutionName = options.site ?? ""
                    metadata.manufacturerModelName = options.profile.manufacturerModelName
                    metadata.softwareVersions = options.profile.softwareVersions
                    metadata.kvp = options.profile.kvp
                    metadata.exposureMAs = options.profile.exposureMAs(thicknessMM: thickness)
                    do {
                        try MammogramWriter.write(view.image, metadata: metadata, to: path, compression: compression)
                    } catch {
                        throw SynthError(path: path, reason: "DICOM write failed: \(error)")
                    }
                    images.append(GroundTruthFile.Image(viewKey: key, file: file, sopInstanceUID: sop,
                                                        rows: view.image.height, columns: view.image.width,
                                                        pixelSpacingMM: view.pixelSpacingMM))
                    for annotation in view.lesions {
                        lesionViews[annotation.lesionID, default: [:]][key.label] = GroundTruthFile.LesionView(annotation: annotation)
                    }
                    done += 1
                    progress(done, total)
                }
                let lesions = exam.lesions.map { lesion in
                    GroundTruthFile.Lesion(id: lesion.id, type: lesion.type.findingCategory, shape: lesion.shape.rawValue,
                                           pathology: lesion.pathology.annotationPathology, side: lesion.side,
                                           diameterMM: (lesion.diameterMM * 10).rounded() / 10, views: lesionViews[lesion.id] ?? [:])
                }
                exams.append(GroundTruthFile.Exam(
                    patientID: patient.patientID, studyInstanceUID: exam.studyInstanceUID, studyDate: exam.studyDate,
                    isPrior: exam.isPrior, priorStudyInstanceUID: exam.priorStudyInstanceUID, cancer: exam.cancer,
                    birads: exam.birads, density: patient.density, images: images, lesions: lesions))
            }
        }
        let truth = GroundTruthFile(seed: options.seed, size: options.size.rawValue, exams: exams)
        let truthPath = (directory as NSString).appendingPathComponent(GroundTruthFile.fileName)
        do {
            try truth.encoded().write(to: URL(fileURLWithPath: truthPath), options: .atomic)
        } catch {
            throw SynthError(path: truthPath, reason: "cannot write the ground truth: \(error.localizedDescription)")
        }
        return truth
    }
}
