// `mammoterm report mrmc --csv FILE [--json] [--covariance jackknife|DeLong]`: the OR-Hillis MRMC
// analysis (Sources/Study/MRMC/) of ratings in RJafroc's long layout
// (reader,modality,case,truth,rating); the JSON is documented in ORHillisAnalysis+JSON.swift.
// `printMRMC`: the same analysis of a reader study in the library (`study report`, `report --mrmc`).
import ArgumentParser
import Foundation
import MammoCore
import Store
import Study

extension ReportCommand {
    struct MRMC: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mrmc",
            abstract: "Multi-reader multi-case analysis (Obuchowski–Rockette, Hillis df) of the difference in reader-averaged AUC.")

        @Option(help: "Ratings CSV: reader,modality,case,truth,rating (one row per reader × modality × case).", completion: .file(extensions: ["csv"]))
        var csv: String
        @Flag(help: "Print JSON.") var json = false
        @Option(help: "Covariance estimate: jackknife or DeLong.") var covariance: MRMCCovarianceMethod = .jackknife

        func run() throws {
            let ratings: MRMCRatings
            do {
                ratings = try MRMCRatings.read(path: csv)
            } catch {
                FileHandle.standardError.write(Data("mammoterm: \(error)\n".utf8))
                throw ExitCode(1)
            }
            let analysis = ORHillisAnalysis(ratings, method: covariance)
            print(json ? try analysis.json() : analysis.text())
        }
    }
}

extension MRMCCovarianceMethod: ExpressibleByArgument {}

extension ReportCommand {
    /// The MRMC analysis of `design` on the library's decisions and truth, as text or JSON; what
    /// is missing (decisions, truth) is an error on stderr and exit 1.
    static func printMRMC(design: ReaderStudyDesign, database: Database, covariance: MRMCCovarianceMethod, json: Bool) throws {
        // Said up front: a reader's role sees neither the truth nor the other readers' decisions.
        if database.isShared, try !database.isAdministrator() {
            StudyCommand.complain("the MRMC analysis needs the study administrator's role: role \(database.role ?? "?") is not allowed to see the ground truth or other readers' decisions")
            throw ExitCode(1)
        }
        let ratings: ReaderStudyRatings
        do {
            ratings = try ReaderStudyRatings(design: design, reads: try database.reads(), truth: try database.truths())
        } catch let error as StudyError {
            StudyCommand.complain("\(error)")
            throw ExitCode(1)
        }
        let analysis = ORHillisAnalysis(ratings.ratings, method: covariance)
        func percent(_ value: Double?) -> String { value.map { String(format: "%5.1f%%", $0 * 100) } ?? "    –" }
        if json {
            guard var object = try JSONSerialization.jsonObject(with: Data(try analysis.json().utf8)) as? [String: Any] else {
                throw ValidationError("internal: the MRMC JSON is not an object")
            }
            object["study"] = design.name
            object["recall"] = (ratings.armRecall + ratings.readerRecall).map { recall -> [String: Any] in
                ["reader": recall.reader ?? NSNull(), "arm": recall.arm.rawValue,
                 "sensitivity": recall.sensitivity ?? NSNull(), "specificity": recall.specificity ?? NSNull(),
                 "truePositives": recall.counts.truePositives, "falsePositives": recall.counts.falsePositives,
                 "trueNegatives": recall.counts.trueNegatives, "falseNegatives": recall.counts.falseNegatives]
            }
            print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted]), as: UTF8.self))
            return
        }
        print(analysis.text())
        print("")
        print("The recall call against truth")
        let width = max(6, (ratings.readerRecall.compactMap(\.reader).map { PrintableText.clean($0).count }.max() ?? 0))
        print("reader".padding(toLength: width, withPad: " ", startingAt: 0) + "  arm          sensitivity  specificity")
        for recall in ratings.readerRecall + ratings.armRecall {
            let who = recall.reader.map(PrintableText.clean) ?? "mean"
            print(who.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                  + recall.arm.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)
                  + "  \(percent(recall.sensitivity))       \(percent(recall.specificity))")
        }
    }
}

