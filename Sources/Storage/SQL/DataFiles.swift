import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The modes of the data directory and the database: the user Arca runs as may read them, no one
/// else may.
///
/// - Important: the database holds wrapped key material and IAM secrets, and the data directory
///   holds the root key that unwraps them unless it is kept elsewhere. Modes are set explicitly,
///   whatever the umask.
enum DataFiles {
    static let directoryMode: mode_t = 0o700
    static let fileMode: mode_t = 0o600

    /// Creates the data directory with mode 0700. An existing one that other users may read or
    /// enter is tightened to its owner's bits, with a warning; if that fails, it is left as it is
    /// with a warning that says so. A shared directory (sticky or world-writable, like `/tmp`) is
    /// never changed.
    static func prepareDirectory(_ path: String, logger: Logger) throws {
        var status = stat()
        guard stat(path, &status) == 0 else {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: Int(directoryMode)])
            return
        }
        let mode = status.st_mode & 0o777
        guard mode & 0o077 != 0 else { return }
        let metadata: Logger.Metadata = ["path": "\(path)", "mode": "\(String(mode, radix: 8))"]
        // A sticky or world-writable directory (`/tmp`) is shared by design: tightening it would
        // break every other user of it. Arca's files in it are still 0600.
        if status.st_mode & S_ISVTX != 0 || mode & 0o002 != 0 {
            logger.warning("the data directory is shared with other users; its mode is left as it is",
                           metadata: metadata)
            return
        }
        if chmod(path, mode & 0o700) == 0 {
            logger.warning("the data directory was open to other users; it is now open to its owner only",
                           metadata: metadata)
        } else {
            logger.warning("the data directory is open to other users and its mode cannot be changed",
                           metadata: metadata.merging(["errno": "\(errno)"]) { $1 })
        }
    }

    /// Creates the database file with mode 0600 before SQLite does, and tightens an existing one
    /// and its `-wal` and `-shm` files to 0600.
    ///
    /// SQLite would create the database 0644 less the umask; the `-wal` and `-shm` files it makes
    /// later take the database file's mode, so they are 0600 too.
    static func prepareDatabaseFiles(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, fileMode)
        guard descriptor >= 0 else { throw DataFileError("cannot create \(path) (errno \(errno))") }
        defer { close(descriptor) }
        guard fchmod(descriptor, fileMode) == 0 else { throw DataFileError("cannot set the mode of \(path) (errno \(errno))") }
        for companion in [path + "-wal", path + "-shm"] where chmod(companion, fileMode) != 0 && errno != ENOENT {
            throw DataFileError("cannot set the mode of \(companion) (errno \(errno))")
        }
    }
}

/// The data directory or a database file could not be given its mode.
struct DataFileError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
