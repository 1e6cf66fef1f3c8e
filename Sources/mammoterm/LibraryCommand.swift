// `mammoterm library copy SRC DEST`: a library into another, SQLite or PostgreSQL either way,
// losslessly (every table, row ids kept: `audit verify` passes on the copy; DEST must be empty).
// `mammoterm library add-reader NAME --library postgres://ADMIN@…`: a reader's login role on a
// shared library; the password is read from the terminal (twice, not echoed) or from the first
// line of standard input, never from the command line, and reaches the server only as a SCRAM
// verifier. `mammoterm library readers`: the readers' roles.
import ArgumentParser
import Foundation
import MammoCore
import Store
#if canImport(Glibc)
import Glibc
#endif

struct LibraryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "library",
        abstract: "Library administration: copy a library between SQLite and PostgreSQL, readers of a shared library.",
        subcommands: [Copy.self, AddReader.self, Readers.self])

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a library (SQLite file or postgres://USER@HOST:PORT/DB) into an empty one, losslessly.")
        @Argument(help: "The library to copy: a file or postgres:// address.") var source: String
        @Argument(help: "The empty library to copy into (created when a file is missing).") var destination: String
        @Flag(help: "Print the rows copied per table as JSON.") var json = false

        func run() throws {
            let home = FileManager.default.homeDirectoryForCurrentUser.path
            let from = LibraryOptions.resolve(option: source, environment: [:], home: home)
            let to = LibraryOptions.resolve(option: destination, environment: [:], home: home)
            guard LibraryOptions.exists(from) else {
                FileHandle.standardError.write(Data("mammoterm: there is no library at \(PrintableText.clean(from))\n".utf8))
                throw ExitCode(1)
            }
            let sourceLibrary = try Database.open(from)
            try sourceLibrary.checkPages()
            let destinationLibrary = try Database.open(to)
            let bar = ProgressBar(total: LibraryCopy.tableCount, label: "copying", unit: "tables")
            var done = 0
            let copy = try LibraryCopy.copy(from: sourceLibrary, to: destinationLibrary) { _, _ in
                done += 1
                bar.update(done: done)
            }
            bar.finish()
            let audit = try destinationLibrary.verifyAudit()
            if json {
                let rows = Dictionary(uniqueKeysWithValues: copy.rows.map { ($0.table, $0.count) })
                let object: [String: Any] = ["rows": rows, "total": copy.total, "auditRowsChecked": audit.rowsChecked,
                                             "auditSound": audit.firstBadRow == nil]
                print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
            } else {
                let width = copy.rows.map(\.table.count).max() ?? 0
                for (table, count) in copy.rows where count > 0 {
                    print("\(table.padding(toLength: width, withPad: " ", startingAt: 0))  \(count)")
                }
                print("copied \(copy.total) rows into \(PrintableText.clean(to)); audit verify: \(audit.firstBadRow == nil ? "sound" : "BROKEN"), \(audit.rowsChecked) decisions")
            }
            if audit.firstBadRow != nil { throw ExitCode(1) }
        }
    }

    struct AddReader: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-reader",
            abstract: "Make NAME a reader of a shared (PostgreSQL) library: a login role that sees only its own decisions.",
            discussion: "Run as the study's administrator. The password of a new role is asked on the terminal, or read from the first line of standard input; a role the server has already (a reader of another study there) keeps its password.")
        @Argument(help: "The reader's role name (lower case), which is also their reader id.") var name: String
        @OptionGroup var library: LibraryOptions

        func run() throws {
            let database = try library.open()
            guard database.isShared else {
                FileHandle.standardError.write(Data("mammoterm: readers are PostgreSQL roles; name a shared library with --library postgres://ADMIN@HOST:PORT/DB\n".utf8))
                throw ExitCode(1)
            }
            if try database.roleExists(name) {
                try database.addReader(name, password: nil)
                print("\(PrintableText.clean(name)) is a reader of \(database.location ?? "the library") now, with the password their role has on this server")
                return
            }
            let password = try Self.readPassword(for: name)
            try database.addReader(name, password: password)
            print("reader \(PrintableText.clean(name)) can now sign in to \(database.location ?? "the library") (their ~/.pgpass holds the password)")
        }

        static func readPassword(for name: String) throws -> String {
            if isatty(STDIN_FILENO) == 1 {
                guard let first = getpass("password for \(name): ").map({ String(cString: $0) }),
                      let second = getpass("again: ").map({ String(cString: $0) }) else { throw ExitCode(1) }
                guard first == second else {
                    FileHandle.standardError.write(Data("mammoterm: the two passwords differ\n".utf8))
                    throw ExitCode(1)
                }
                return first
            }
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                FileHandle.standardError.write(Data("mammoterm: no password on standard input\n".utf8))
                throw ExitCode(1)
            }
            return line
        }
    }

    struct Readers: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the readers' roles of a shared library.")
        @OptionGroup var library: LibraryOptions
        func run() throws {
            for name in try library.open().readerRoles() { print(name) }
        }
    }
}
