// The library's managed storage: the folder where instances that arrive from an archive are
// kept, one file per instance at <root>/<StudyUID>/<SOPInstanceUID>.dcm (SOP Instance UIDs are
// unique; a folder per series cost a mkdir for every series received), and its
// spool (<root>/.spool) where receivers write files before they are checked and filed.
// Default root: the folder `storage` beside the library file (for the default library that is
// $XDG_DATA_HOME/mammoterm/storage); config.toml's `storage` key or --storage choose another.
import Foundation
import MammoCore
#if canImport(Glibc)
import Glibc
#endif

public struct ManagedStorage: Sendable, Equatable {
    public let root: String

    public init(root: String) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.path
    }

    /// The default storage of the library at `libraryPath`.
    public static func beside(library libraryPath: String) -> ManagedStorage {
        ManagedStorage(root: URL(fileURLWithPath: libraryPath).deletingLastPathComponent().appendingPathComponent("storage").path)
    }

    /// Where receivers write incoming files (same file system as the storage, so filing is a rename).
    public var spool: String { root + "/.spool" }

    /// Creates the folders and removes what a killed receiver left in the spool (temporary
    /// ".part" files and spooled files never filed) older than `staleAfter` seconds.
    public func prepare(staleAfter: TimeInterval = 600) throws(IngestError) {
        do {
            try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        } catch {
            throw IngestError(path: root, reason: "cannot create the storage folder: \(error.localizedDescription)")
        }
        let now = Date()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: spool)) ?? [] {
            let path = spool + "/" + name
            let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? now
            if now.timeIntervalSince(modified) > staleAfter { try? FileManager.default.removeItem(atPath: path) }
        }
    }

    /// The file an instance is kept in. UIDs are digits and dots (PS3.5 9.1); anything else from
    /// the network is replaced, so a hostile UID cannot climb out of the storage folder.
    public func destination(studyInstanceUID: String, sopInstanceUID: String) -> String {
        "\(root)/\(Self.safeName(studyInstanceUID))/\(Self.safeName(sopInstanceUID)).dcm"
    }

    static func safeName(_ uid: String) -> String {
        let cleaned = String(uid.prefix(64).map { $0.isASCII && ($0.isNumber || $0 == ".") ? $0 : "_" })
        return cleaned.isEmpty || cleaned.allSatisfy({ $0 == "." }) ? "_" : cleaned
    }

    /// Moves a complete spool file to `destination` (replacing what is there). The receiver synced
    /// the file's data; the folder is not synced on every instance: a rename lost to a power cut
    /// leaves the instance missing (the library checks files exist), and the next retrieve fetches it.
    func file(_ spoolPath: String, to destination: String) throws(IngestError) {
        if rename(spoolPath, destination) == 0 { return }
        guard errno == ENOENT else {
            throw IngestError(path: destination, reason: "cannot move the received file into storage: \(String(cString: strerror(errno)))")
        }
        // The study's folder does not exist yet (its first instance): mkdir(2), as FileManager's
        // createDirectory costs several times more; the storage root itself exists (prepare()).
        let folder = (destination as NSString).deletingLastPathComponent
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw IngestError(path: destination, reason: "cannot create the folder: \(error.localizedDescription)")
            }
        }
        guard rename(spoolPath, destination) == 0 else {
            throw IngestError(path: destination, reason: "cannot move the received file into storage: \(String(cString: strerror(errno)))")
        }
    }
}
