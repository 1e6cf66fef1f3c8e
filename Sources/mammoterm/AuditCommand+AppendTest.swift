// `mammoterm audit append-test` (hidden, for tests): appends synthetic decisions through the same
// Store API the reading screen uses, printing "appended ID" after each commit, then waits, so a
// test can kill the process right after an append or run several at once. `--latency-file` records
// how long each `appendReads` call took, for scripts/bench-shared-library.sh.
import ArgumentParser
import Foundation
import MammoCore
import Store

extension AuditCommand {
    struct AppendTest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "append-test", abstract: "Append synthetic decisions (tests only).", shouldDisplay: false)

        @OptionGroup var library: LibraryOptions
        @Option var reader = "test-reader"
        @Option var study = "1.2.3.4"
        @Option var count = 1
        @Option(help: "Seconds to wait after the last append.") var hold = 0.0
        @Option(name: .customLong("protocol")) var readingProtocol: ReadingProtocol = .concurrent
        @Option(help: "The suspicion of every decision (default: the index mod 101).") var suspicion: Int?
        @Option(help: "Write the seconds each append took to this file, one line per append.") var latencyFile: String?

        func run() throws {
            let database = try library.open()
            try database.checkWritable()
            let session = UUID().uuidString
            let latencies = try latencyFile.map { path -> FileHandle in
                guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                    throw ValidationError("cannot write the latency file \(path)")
                }
                return handle
            }
            defer { try? latencies?.close() }
            for index in 0..<count {
                let now = Timestamp.now
                let record = try ReadRecord(
                    reader: reader, session: session, studyInstanceUID: study, readingProtocol: readingProtocol, stage: .final,
                    aiVisibility: readingProtocol == .unaided ? .none : .full, aiScore: readingProtocol == .unaided ? nil : 0.5,
                    aiModel: readingProtocol == .unaided ? nil : "test 1", openedAt: now, submittedAt: now,
                    readingSeconds: Double(index),
                    decision: ReaderDecision(recall: (suspicion ?? index) >= 50, suspicion: suspicion ?? index % 101))
                let start = ContinuousClock.now
                let (rows, anchorProblem) = try database.appendReads([record])
                let took = ContinuousClock.now - start
                if let latencies {
                    let seconds = Double(took.components.seconds) + Double(took.components.attoseconds) * 1e-18
                    latencies.write(Data(String(format: "%.9f\n", seconds).utf8))
                }
                guard let saved = rows.first else { throw ExitCode(1) }
                if let anchorProblem { FileHandle.standardError.write(Data("mammoterm: warning: \(anchorProblem)\n".utf8)) }
                FileHandle.standardOutput.write(Data("appended \(saved.id ?? 0)\n".utf8))
            }
            if hold > 0 { Thread.sleep(forTimeInterval: hold) }
        }
    }
}
