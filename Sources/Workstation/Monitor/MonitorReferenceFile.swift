// A monitor reference file: the exams a deployed model's drift is measured against, written by
// `mammoterm monitor --save-reference FILE` from a period of a library and read by `--reference
// FILE` (and `--reference validation`: the bundled model's own, made from its validation run by
// scripts/make-monitor-reference.sh, beside the model as <model>.reference.json). JSON:
//
//   { "format": "mammoterm-monitor-reference", "formatVersion": 1,
//     "model": "mammoterm-lesion", "modelVersion": "1.0.0",
//     "description": "validation: synth seed 1890, 240 exams, default profile",
//     "createdAt": "2026-12-07T18:00:00Z",
//     "exams": [ MonitoredExam, ... ] }      (Monitor/MonitoredExam: each view's score and inputs)
//
// A reference carries no identifiers: study UIDs are blanked and readers' names dropped when it
// is written. A newer formatVersion is refused with a hint.
import Foundation
import MammoCore
import Monitor

public struct MonitorReferenceFile: Codable, Sendable {
    public static let formatName = "mammoterm-monitor-reference"
    public static let currentVersion = 1

    public var format: String
    public var formatVersion: Int
    public var model: String
    public var modelVersion: String
    public var description: String
    public var createdAt: String
    public var exams: [MonitoredExam]

    public init(model: String, modelVersion: String, description: String, exams: [MonitoredExam], createdAt: Date = Date()) {
        format = Self.formatName
        formatVersion = Self.currentVersion
        self.model = model
        self.modelVersion = modelVersion
        self.description = description
        self.createdAt = ISO8601DateFormatter().string(from: createdAt)
        self.exams = exams.map { exam in
            var exam = exam
            exam.studyInstanceUID = ""
            exam.reading = exam.reading.map { MonitoredExam.Reading(reader: "", aiShown: $0.aiShown, recalled: $0.recalled) }
            return exam
        }
    }

    public static func load(path: String) throws(WorkstationError) -> MonitorReferenceFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkstationError(path: path, reason: "cannot read the monitor reference")
        }
        let file: MonitorReferenceFile
        do {
            file = try JSONDecoder().decode(MonitorReferenceFile.self, from: data)
        } catch {
            throw WorkstationError(path: path, reason: "not a monitor reference file: \(error)")
        }
        guard file.format == formatName else {
            throw WorkstationError(path: path, reason: "\"format\" is \"\(PrintableText.clean(file.format))\", expected \"\(formatName)\"")
        }
        guard file.formatVersion <= currentVersion else {
            throw WorkstationError(path: path, reason: "formatVersion \(file.formatVersion) is newer than this mammoterm reads (\(currentVersion)); update mammoterm")
        }
        guard !file.exams.isEmpty else { throw WorkstationError(path: path, reason: "the reference holds no exams") }
        return file
    }

    public func write(to path: String) throws(WorkstationError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw WorkstationError(path: path, reason: "cannot write the monitor reference: \(error.localizedDescription)")
        }
    }
}

/// Where a model's validation reference lies: the bundled model's, found by the command line.
public struct MonitorReferenceLocation: Equatable, Sendable {
    public var model: String
    public var path: String
    public init(model: String, path: String) { self.model = model; self.path = path }
}
