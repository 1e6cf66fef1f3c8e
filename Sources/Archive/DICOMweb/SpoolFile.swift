// One instance being received into the spool folder: written under a hidden temporary name,
// synced, then renamed to its final name, so a half-written file never has a name the
// sink or a later scan could take for a complete one. Discarded (deleted) on any failure.
import Foundation

final class SpoolFile {
    let folder: String
    let temporaryPath: String
    private var handle: FileHandle?
    private(set) var bytes: Int64 = 0

    init(folder: String) throws(SpoolError) {
        self.folder = folder
        temporaryPath = (folder as NSString).appendingPathComponent(".wado-\(UUID().uuidString).part")
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: temporaryPath) else {
            throw SpoolError("cannot create a file in the spool folder \(folder)")
        }
        self.handle = handle
    }

    func write(_ data: Data) throws(SpoolError) {
        guard let handle else { throw SpoolError("spool file already closed") }
        do { try handle.write(contentsOf: data) } catch {
            discard()
            throw SpoolError("cannot write to the spool folder \(folder): \(error.localizedDescription)")
        }
        bytes += Int64(data.count)
    }

    /// Closes the temporary file (still under its temporary name), syncing it first when asked.
    func close(sync: Bool = true) throws(SpoolError) {
        guard let handle else { return }
        self.handle = nil
        do {
            if sync { try handle.synchronize() }
            try handle.close()
        } catch {
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw SpoolError("cannot sync the spool file: \(error.localizedDescription)")
        }
    }

    /// Flushes a closed file's data to disk (fsync through a fresh descriptor: Linux syncs the file, not the descriptor).
    static func sync(_ path: String) throws(SpoolError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw SpoolError("cannot open the spool file to sync it") }
        defer { try? handle.close() }
        do { try handle.synchronize() } catch { throw SpoolError("cannot sync the spool file: \(error.localizedDescription)") }
    }

    /// Renames the closed file to `name` in the spool folder, replacing a stale file of that name.
    func publish(as name: String) throws(SpoolError) -> String {
        let final = (folder as NSString).appendingPathComponent(name)
        guard rename(temporaryPath, final) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw SpoolError("cannot rename the spool file to \(name): \(reason)")
        }
        return final
    }

    /// Closes and deletes the temporary file.
    func discard() {
        if let handle {
            try? handle.close()
            self.handle = nil
        }
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }
}

struct SpoolError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
