// `mammoterm report mrmc --csv FILE [--json] [--covariance jackknife|DeLong]`: the OR-Hillis MRMC
// analysis (Sources/Study/MRMC/) of ratings in RJafroc's long layout
// (reader,modality,case,truth,rating); the JSON is documented in ORHillisAnalysis+JSON.swift.
import ArgumentParser
import Foundation
import MammoCore
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
