import Foundation
import Logging
@testable import Storage
import Testing

/// The data directory's mode: tightened when it is Arca's, never when it is shared.
@Suite struct DataFilesTests {
    static func directory(mode: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("arca-modes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func anOpenDataDirectoryIsTightenedToItsOwner() throws {
        let path = try Self.directory(mode: 0o755)
        try DataFiles.prepareDirectory(path, logger: Logger(label: "modes"))
        #expect(try Self.mode(path) == 0o700)
    }

    @Test func aSharedDirectoryLikeTmpIsNeverChanged() throws {
        for shared in [0o1777, 0o777] {
            let path = try Self.directory(mode: shared)
            try DataFiles.prepareDirectory(path, logger: Logger(label: "modes"))
            #expect(try Self.mode(path) == shared)
        }
    }
}
