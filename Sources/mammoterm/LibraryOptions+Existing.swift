// Opening a library that must already exist: commands that read decisions, truth or results say
// so and exit 1 instead of creating an empty library.
import ArgumentParser
import Foundation
import MammoCore
import Store

extension LibraryOptions {
    /// The library, or "there is no library at PATH" (plus `hint`) on stderr and exit 1.
    func openExisting(hint: String = "") throws -> Database {
        guard exists else {
            FileHandle.standardError.write(Data("mammoterm: there is no library at \(PrintableText.clean(path))\(hint)\n".utf8))
            throw ExitCode(1)
        }
        return try open()
    }

    /// `openExisting`, then SQLite's quick_check over every page: for commands that read only
    /// some tables (audit, export, report), where a damaged page elsewhere would go unseen.
    func openChecked(hint: String = "") throws -> Database {
        let database = try openExisting(hint: hint)
        try database.checkPages()
        return database
    }
}
