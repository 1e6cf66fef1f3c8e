// dciodvfy (Debian's dicom3tools, David Clunie's validator): checks a file against its IOD's
// modules. Nobody on the team wrote it, so it is the judge of every file mammoterm writes.
import Foundation
import Testing
import TerminalTestSupport

enum Dciodvfy {
    struct Verdict {
        var errors: [String]
        var warnings: [String]
        var text: String
    }

    static var path: String? {
        ["/usr/bin/dciodvfy", "/usr/local/bin/dciodvfy"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Fails the test when dciodvfy is missing and the tools are required (make test installs it).
    static func available() -> Bool {
        if path != nil { return true }
        #expect(!TerminalTools.required, "dciodvfy is missing (apt install dicom3tools; make test does)")
        return false
    }

    static func check(_ file: String) throws -> Verdict {
        guard let tool = path else { return Verdict(errors: ["dciodvfy missing"], warnings: [], text: "") }
        let result = try TerminalTools.run(tool, [file], environment: ProcessInfo.processInfo.environment)
        // It writes its findings to stderr, one per line, "Error - ..." or "Warning - ...".
        let text = result.stderr + String(decoding: result.stdout, as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        return Verdict(errors: lines.filter { $0.hasPrefix("Error") }, warnings: lines.filter { $0.hasPrefix("Warning") }, text: text)
    }
}
