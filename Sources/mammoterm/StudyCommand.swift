// `mammoterm study create NAME (--cases FILE | --filter all|with-truth|with-ai) --readers a,b,...
//   --arms unaided,second-look [--washout 28d] [--seed N]`: a crossover reader study in the library
//   (each reader a randomised case order per arm, half the readers starting with each arm, the
//   next arm opening only after the washout; Study/ReaderStudy documents the design and its JSON).
// `mammoterm study status [NAME] [--json]`: progress per reader and arm.
// `mammoterm study report NAME [--json] [--covariance jackknife|DeLong]`: the OR-Hillis MRMC
//   analysis of the arms (the same code as `report mrmc`) and the recall call's sensitivity and
//   specificity per reader and arm; what is still missing when the study is not complete.
// `mammoterm read --study NAME` serves each reader their next case.
import ArgumentParser
import Foundation
import MammoCore
import Store
import Study
import Workstation

struct StudyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "study",
        abstract: "Reader-study administration: create a crossover study, follow its progress, report it with MRMC.",
        subcommands: [Create.self, Status.self, Report.self, List.self])

    /// A stored study's design, or "no reader study NAME" and exit 1.
    static func design(_ name: String, in database: Database) throws -> ReaderStudyDesign {
        guard let json = try database.readerStudy(name: name) else {
            let known = try database.readerStudyNames()
            complain("no reader study named \(PrintableText.clean(name)) in this library" + (known.isEmpty ? " (create one: mammoterm study create)" : "; there are: \(known.map(PrintableText.clean).joined(separator: ", "))"))
            throw ExitCode(1)
        }
        return try ReaderStudyDesign(json: json)
    }

    static func complain(_ message: String) {
        FileHandle.standardError.write(Data("mammoterm: \(message)\n".utf8))
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a reader study: cases, readers, arms, washout and seed.")
        @Argument(help: "The study's name.") var name: String
        @Option(help: "A file of Study Instance UIDs, one per line (or a CSV whose first column they are).", completion: .file())
        var cases: String?
        @Option(help: "Cases by filter instead of a file: all, with-truth or with-ai (comma-separated: all must hold).")
        var filter: String?
        @Option(help: "The readers' ids, comma-separated (on a shared library their PostgreSQL roles).") var readers: String
        @Option(help: "The arms, comma-separated protocols, e.g. unaided,second-look.") var arms: String
        @Option(help: "Time between a reader's last case of one arm and their first of the next: 28d, 12h, 90m, 0.") var washout = "0"
        @Option(help: "Seed of the case orders (default: a random one, recorded).") var seed: UInt64?
        @OptionGroup var library: LibraryOptions

        func validate() throws {
            if (cases == nil) == (filter == nil) { throw ValidationError("give the cases with --cases FILE or --filter all|with-truth|with-ai") }
        }

        func run() throws {
            let database = try library.openExisting(hint: "; import the cases first")
            let known = try database.studyInstanceUIDs()
            var uids: [String]
            if let cases {
                let text: String
                do { text = try String(contentsOfFile: cases, encoding: .utf8) } catch {
                    StudyCommand.complain("\(PrintableText.clean(cases)): cannot read the case list (\((error as NSError).localizedDescription))")
                    throw ExitCode(1)
                }
                uids = ReaderStudyDesign.caseList(text)
                let unknown = uids.filter { !known.contains($0) }
                if !unknown.isEmpty {
                    StudyCommand.complain("\(PrintableText.clean(cases)): \(unknown.count) case(s) are not in the library (\(unknown.prefix(3).map(PrintableText.clean).joined(separator: ", "))); import them first")
                    throw ExitCode(1)
                }
            } else {
                uids = known.sorted()
                for term in ReaderStudyDesign.list(filter ?? "") {
                    switch term {
                    case "all": break
                    case "with-truth": let truth = try database.truths(); uids = uids.filter { truth[$0] != nil }
                    case "with-ai": let analysed = Set(try database.analysedStudies()); uids = uids.filter { analysed.contains($0) }
                    default:
                        StudyCommand.complain("--filter \(PrintableText.clean(term)) is not a filter; use all, with-truth or with-ai")
                        throw ExitCode(1)
                    }
                }
            }
            let design: ReaderStudyDesign
            do {
                design = try ReaderStudyDesign(name: name, arms: ReaderStudyDesign.arms(arms), readers: ReaderStudyDesign.list(readers),
                                               cases: uids, washoutSeconds: ReaderStudyDesign.washoutSeconds(washout),
                                               seed: seed ?? UInt64.random(in: 0...UInt64.max), createdAt: .now)
            } catch {
                StudyCommand.complain("\(error)")
                throw ExitCode(1)
            }
            try database.createReaderStudy(name: name, design: try design.json(), createdAt: design.createdAt)
            let plan = try ReaderStudyPlan(design)
            print("reader study \(PrintableText.clean(name)): \(design.cases.count) cases × \(design.readers.count) readers × \(design.arms.count) arms, washout \(ReaderStudyDesign.washoutText(design.washoutSeconds)), seed \(design.seed)")
            for reader in plan.readers {
                print("  \(PrintableText.clean(reader.reader)): \(reader.arms.map(\.rawValue).joined(separator: " → "))")
            }
            if database.isShared {
                let roles = Set(try database.readerRoles())
                let missing = design.readers.filter { !roles.contains($0) }
                if !missing.isEmpty {
                    print("not yet readers of this library: \(missing.map(PrintableText.clean).joined(separator: ", ")) (mammoterm library add-reader NAME)")
                }
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Progress per reader and arm (a reader on a shared library sees their own).")
        @Argument(help: "The study (default: the only one).") var name: String?
        @Flag(help: "Print JSON (Study/ReaderStudy/ReaderStudyProgress+JSON.swift).") var json = false
        @OptionGroup var library: LibraryOptions

        func run() throws {
            let database = try library.openExisting()
            let progress = try StudyCommand.progress(name, in: database)
            print(json ? try progress.json() : progress.table())
        }
    }

    /// The named (or only) study's progress as this connection may see it (ReaderStudyStatus).
    static func progress(_ name: String?, in database: Database) throws -> ReaderStudyProgress {
        let chosen: String
        if let name { chosen = name } else {
            let names = try database.readerStudyNames()
            guard names.count == 1, let only = names.first else {
                complain(names.isEmpty ? "this library has no reader study (mammoterm study create)" : "name the study: \(names.map(PrintableText.clean).joined(separator: ", "))")
                throw ExitCode(1)
            }
            chosen = only
        }
        guard let progress = try ReaderStudyStatus.progress(of: chosen, in: database, now: .now) else {
            _ = try design(chosen, in: database)  // says there is no such study, and exits
            throw ExitCode(1)
        }
        return progress
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "MRMC analysis (OR-Hillis) of a finished study, with recall sensitivity and specificity.")
        @Argument(help: "The study.") var name: String
        @Flag(help: "Print JSON: report mrmc's fields plus \"recall\".") var json = false
        @Option(help: "Covariance estimate: jackknife or DeLong.") var covariance: MRMCCovarianceMethod = .jackknife
        @OptionGroup var library: LibraryOptions

        func run() throws {
            let database = try library.openChecked()
            let design = try StudyCommand.design(name, in: database)
            try ReportCommand.printMRMC(design: design, database: database, covariance: covariance, json: json)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The library's reader studies.")
        @OptionGroup var library: LibraryOptions
        func run() throws {
            for name in try library.openExisting().readerStudyNames() { print(PrintableText.clean(name)) }
        }
    }
}
