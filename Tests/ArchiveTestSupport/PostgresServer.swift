// A real PostgreSQL server for the shared-library tests: Debian's postgresql-15, initialised in a
// temp folder (initdb, C locale, no fsync) and started on a free port of 127.0.0.1 only
// (listen_addresses), its socket in that folder. Run as the `postgres` system user when the tests
// run as root (the server refuses root); a small watcher stops it when the test process is gone
// (a parent-death signal would not do: it follows the thread that started the server). Password logins (SCRAM) over TCP, as a real site would have them; the
// superuser `postgres` connects over the socket for setup only. Passwords go into a password file
// (0600) named by PGPASSFILE for the process and its children, never onto a command line.
//
// One server per test process (`shared`), one database per test (`makeLibrary`). Start ~1 s.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public final class PostgresServer: @unchecked Sendable {
    public static let binaries = "/usr/lib/postgresql/15/bin"

    public let folder: URL
    public let port: Int
    public let passwordFile: String
    private let process: Process
    private let lock = NSLock()
    private let libraryLock = NSLock()
    private var stopped = false
    private var databases = 0

    /// The server of this test process, started on first use.
    public static func shared() throws -> PostgresServer {
        sharedLock.lock()
        defer { sharedLock.unlock() }
        if let server = sharedServer { return server }
        let server = try start()
        sharedServer = server
        atexit { PostgresServer.sharedServer?.stop() }
        return server
    }
    nonisolated(unsafe) private static var sharedServer: PostgresServer?
    private static let sharedLock = NSLock()

    private init(process: Process, folder: URL, port: Int, passwordFile: String) {
        self.process = process; self.folder = folder; self.port = port; self.passwordFile = passwordFile
    }

    deinit { stop() }

    static var runsAsPostgresUser: Bool { getuid() == 0 }

    /// `command` as the server's user: itself, or `postgres` through setpriv when root.
    static func asServerUser(_ command: [String]) -> (String, [String]) {
        guard runsAsPostgresUser else { return (command[0], Array(command.dropFirst())) }
        return ("/usr/bin/setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups"] + command)
    }

    /// Stops the server (fast shutdown) once this test process has ended, however it ended.
    static func watch(server: Int32) throws {
        let watcher = Process()
        watcher.executableURL = URL(fileURLWithPath: "/bin/sh")
        watcher.arguments = ["-c", "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; kill -INT \(server) 2>/dev/null"]
        watcher.standardInput = FileHandle.nullDevice
        watcher.standardOutput = FileHandle.nullDevice
        watcher.standardError = FileHandle.nullDevice
        try watcher.run()
    }

    public static func start() throws -> PostgresServer {
        let initdb = "\(binaries)/initdb"
        guard FileManager.default.isExecutableFile(atPath: initdb) else {
            throw PeerSupport.unavailable("PostgreSQL 15 is not installed (\(initdb)); scripts/install-system-packages.sh installs postgresql-15")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mammoterm-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if runsAsPostgresUser {
            guard let user = getpwnam("postgres") else { throw TestServerError("running as root, but there is no postgres user to run the server as") }
            chown(folder.path, user.pointee.pw_uid, user.pointee.pw_gid)
        }
        let log = folder.appendingPathComponent("server.log").path
        let (initTool, initArguments) = asServerUser([initdb, "-D", data.path, "-U", "postgres", "--auth-local=trust",
                                                      "--auth-host=scram-sha-256", "--locale=C", "--encoding=UTF8", "--no-sync"])
        try run(initTool, initArguments, log: log, what: "initdb")
        let passwordFile = folder.appendingPathComponent("pgpass").path
        FileManager.default.createFile(atPath: passwordFile, contents: Data(), attributes: [.posixPermissions: 0o600])
        setenv("PGPASSFILE", passwordFile, 1)

        var lastError: Error = TestServerError("PostgreSQL did not start")
        for _ in 0..<3 {
            let port = try FreePort.next()
            let (tool, arguments) = asServerUser([
                "\(binaries)/postgres", "-D", data.path, "-p", String(port), "-k", folder.path,
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off", "-c", "max_connections=80", "-c", "shared_buffers=64MB",
            ])
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            process.standardInput = FileHandle.nullDevice
            let handle = FileHandle(forWritingAtPath: log) ?? FileHandle.nullDevice
            handle.seekToEndOfFile()
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            try watch(server: process.processIdentifier)
            let server = PostgresServer(process: process, folder: folder, port: port, passwordFile: passwordFile)
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline && process.isRunning {
                if (try? server.psql("SELECT 1")) != nil { return server }
                usleep(100_000)
            }
            server.stopped = !process.isRunning
            lastError = TestServerError("PostgreSQL did not start on 127.0.0.1:\(port); log \(log):\n\(PeerSupport.tail(log))")
            server.stop()
        }
        throw lastError
    }

    /// Runs SQL as the superuser over the socket; returns psql's unaligned output. The SQL goes
    /// on standard input, so a password in it is never on a command line.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        try Self.capture("\(Self.binaries)/psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", folder.path,
                                                   "-p", String(port), "-U", "postgres", "-d", database, "-f", "-"], input: sql)
    }

    /// Runs SQL as `user` over TCP with its password from the password file: what a reader with
    /// psql can do. Throws with psql's error text when the server refuses.
    public func psql(_ sql: String, database: String, user: String) throws -> String {
        try Self.capture("\(Self.binaries)/psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                                                   "-p", String(port), "-U", user, "-d", database, "-c", sql],
                         environment: ["PGPASSFILE": passwordFile])
    }

    /// A login role with a fresh random password written to the password file.
    public func makeRole(_ name: String, options: String = "") throws -> String {
        let password = (0..<4).map { _ in String(UInt32.random(in: 0...UInt32.max), radix: 36) }.joined()
        // On standard input, with psql's echo of a failing statement kept out of the error.
        do { try psql("CREATE ROLE \"\(name)\" LOGIN \(options) PASSWORD '\(password)'") } catch {
            throw TestServerError("cannot create role \(name)")
        }
        try addPassword(user: name, password: password)
        return password
    }

    /// Adds a `*:*:*:user:password` line to the password file.
    public func addPassword(user: String, password: String) throws {
        lock.lock()
        defer { lock.unlock() }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: passwordFile))
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(Data("*:*:*:\(user):\(password)\n".utf8))
    }

    /// A new database owned by `owner` (made a login role with CREATEROLE when missing), and the
    /// postgres:// address of it for that owner: one library per test.
    public func makeLibrary(owner: String = "study_admin") throws -> String {
        libraryLock.lock()
        defer { libraryLock.unlock() }
        databases += 1
        let name = "library_\(databases)_\(UInt16.random(in: 0...UInt16.max))"
        let exists = try psql("SELECT COUNT(*) FROM pg_roles WHERE rolname = '\(owner)'").trimmingCharacters(in: .whitespacesAndNewlines)
        if exists == "0" { _ = try makeRole(owner, options: "CREATEROLE") }
        try psql("CREATE DATABASE \(name) OWNER \"\(owner)\"")
        return address(user: owner, database: name)
    }

    public func address(user: String, database: String) -> String {
        "postgres://\(user)@127.0.0.1:\(port)/\(database)"
    }

    /// SIGTERM (fast shutdown), then removes the data folder. Idempotent.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        PeerSupport.terminate(process, grace: 10)
        try? FileManager.default.removeItem(at: folder)
    }

    static func run(_ tool: String, _ arguments: [String], log: String, what: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        FileManager.default.createFile(atPath: log, contents: nil)
        if runsAsPostgresUser, let user = getpwnam("postgres") { chown(log, user.pointee.pw_uid, user.pointee.pw_gid) }
        let handle = FileHandle(forWritingAtPath: log) ?? FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestServerError("\(what) failed with status \(process.terminationStatus); log \(log):\n\(PeerSupport.tail(log))")
        }
    }

    static func capture(_ tool: String, _ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestServerError("psql: \(String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return String(decoding: output, as: UTF8.self)
    }
}
