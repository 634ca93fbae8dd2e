import Crypto
import Foundation
import Testing
@testable import AuditTrail

/// What only the database's ledger can show, and which keys a digest may be signed with.
@Suite struct AuditVerifierLedgerTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("arca-ledger-\(UUID().uuidString)").path
    static let otherSigner = try! AuditSigner(seed: SymmetricKey(data: [UInt8](repeating: 7, count: 32)))

    /// Two batches in two accounts, sealed and digested as `AuditTrailTests.digestedTrail` does,
    /// the second signed by `secondSigner`.
    func digestedTrail(secondSigner: AuditSigner = AuditTrailTests.signer) async throws -> (AuditTrailTests.MemoryStore, [String]) {
        let store = AuditTrailTests.MemoryStore()
        let trail = try AuditTrailTests.trail(store, root: root)
        try trail.commit([AuditTrailTests.record(1), AuditTrailTests.record(2, account: "444455556666")])
        let firstSealed = try await trail.seal()
        let first = try await trail.digest(at: Date(timeIntervalSince1970: 1_700_003_600))
        let later = try AuditTrailTests.trail(store, root: root, signer: secondSigner)
        try later.commit([AuditTrailTests.record(3)])
        let sealed = try await later.seal()
        let second = try await later.digest(at: Date(timeIntervalSince1970: 1_700_007_200))
        return (store, firstSealed + sealed + first + second)
    }

    /// What `SQLAuditStore.ledger()` reads from the database, from the memory store.
    static func ledger(_ store: AuditTrailTests.MemoryStore) -> AuditLedger {
        let digests = store.digests.withLock { $0 }
        let sealed = store.sealed.withLock { $0 }
        return AuditLedger(
            digests: digests.map { AuditLedger.Digest(path: $0.0.path, hash: $0.0.hash) },
            logFiles: store.files.withLock { $0 }.map { file in
                AuditLedger.LogFile(path: file.path, hash: file.hash, digestPath: digests.first { $0.1.contains(file.path) }?.0.path)
            },
            sealedRecords: store.rows.withLock { $0 }.filter { sealed.contains($0.sequence) }.map {
                AuditLedger.SealedRecord(account: $0.account, region: $0.region, eventID: $0.eventID, eventTime: $0.eventTime)
            })
    }

    func verify(_ store: AuditTrailTests.MemoryStore?, keys: [AuditSigner] = [AuditTrailTests.signer]) throws -> AuditVerifier.Report {
        try AuditVerifier(root: root, trustedKeys: keys.map { AuditPublicKey(der: $0.publicKeyDER, validFrom: .distantPast) },
                          ledger: store.map(Self.ledger)).verify()
    }

    @Test func untouchedLogsMatchTheLedger() async throws {
        let (store, _) = try await digestedTrail()
        let report = try verify(store)
        #expect(report.findings.isEmpty)
        #expect(report.sealedRecords == 3 && report.logFiles == 3 && report.digests == 3)
        try? FileManager.default.removeItem(atPath: root)
    }

    @Test func aDeletedAuditDirectoryNamesEveryDigestLogFileAndRecord() async throws {
        let (store, paths) = try await digestedTrail()
        try FileManager.default.removeItem(atPath: root)
        #expect(try verify(nil).findings.isEmpty)  // the files alone cannot tell
        let found = try verify(store).findings
        for path in paths { #expect(found.contains(.deleted(path)), "\(path)") }
        let missing = found.compactMap { if case .missingRecords(let account, _, let ids, _, _) = $0 { (account, ids) } else { nil } }
        #expect(missing.map(\.0) == ["111122223333", "444455556666"])
        #expect(missing.map(\.1) == [["event-1", "event-3"], ["event-2"]])
        #expect(found.map(\.description).contains { $0.hasPrefix("MISSING RECORDS 111122223333/us-east-1: 2 sealed records") })
    }

    @Test func theNewestDigestRemovedWithItsLogFilesIsFound() async throws {
        let (store, paths) = try await digestedTrail()
        let newest = try #require(paths.filter { $0.contains("/CloudTrail-Digest/") && $0.contains("AWSLogs/111122223333/") }.max())
        let log = try #require(paths.first { $0.contains("/CloudTrail/") && $0.contains("AWSLogs/111122223333/") && !paths.prefix(2).contains($0) })
        for path in [newest, newest + ".sig", log] { try FileManager.default.removeItem(atPath: "\(root)/\(path)") }
        #expect(try verify(nil).findings.isEmpty)  // a shorter chain is still a valid chain
        let found = try verify(store).findings
        #expect(found.contains(.deleted(newest)))
        #expect(found.contains(.deleted(log)))
        #expect(found.contains { if case .missingRecords("111122223333", "us-east-1", ["event-3"], _, _) = $0 { true } else { false } })
        #expect(found.count == 3)
        try? FileManager.default.removeItem(atPath: root)
    }

    @Test func aDigestReplacedBySomeoneElsesIsFoundThroughTheLedger() async throws {
        let (store, paths) = try await digestedTrail()
        let digest = try #require(paths.first { $0.contains("/CloudTrail-Digest/") && $0.contains("/444455556666/") })
        var bytes = try Data(contentsOf: URL(fileURLWithPath: "\(root)/\(digest)"))
        bytes.append(0)
        try bytes.write(to: URL(fileURLWithPath: "\(root)/\(digest)"))
        #expect(try verify(store).findings.contains {
            if case .invalidDigest(digest, let reason) = $0 { reason.contains("the database holds") } else { false }
        })
        try? FileManager.default.removeItem(atPath: root)
    }

    @Test func onlyTrustedKeysVerifyAndEarlierKeysStayValid() async throws {
        let (store, paths) = try await digestedTrail(secondSigner: Self.otherSigner)
        let second = try #require(paths.last)
        #expect(try verify(store, keys: [AuditTrailTests.signer, Self.otherSigner]).findings.isEmpty)
        let pinnedNew = try verify(store, keys: [Self.otherSigner]).findings
        #expect(pinnedNew.count == 2)
        #expect(pinnedNew.allSatisfy {
            if case .invalidDigest(let path, let reason) = $0 {
                path != second && reason.contains("signed by key \(AuditTrailTests.signer.fingerprint), which is not a trusted key")
            } else { false }
        })
        let pinnedWrong = try verify(store, keys: [try AuditSigner(seed: SymmetricKey(data: [UInt8](repeating: 9, count: 32)))]).findings
        #expect(pinnedWrong.count == 3)
        try? FileManager.default.removeItem(atPath: root)
    }

    @Test func logFilesSealedSinceTheLastDigestAreAwaitingNotInserted() async throws {
        let (store, _) = try await digestedTrail()
        let trail = try AuditTrailTests.trail(store, root: root)
        try trail.commit([AuditTrailTests.record(4)])
        let sealedNow = try await trail.seal()
        #expect(sealedNow.count == 1)
        let pending = try #require(sealedNow.first)
        #expect(try verify(nil).findings == [.inserted(pending)])
        let report = try verify(store)
        #expect(report.findings.isEmpty && report.awaitingDigest == 1 && report.sealedRecords == 4)
        try FileManager.default.removeItem(atPath: "\(root)/\(pending)")
        #expect(try verify(store).findings.contains(.deleted(pending)))
        try? FileManager.default.removeItem(atPath: root)
    }

    @Test func publicKeysOverlapTheirValidity() {
        let key = AuditPublicKey(der: Data(), validFrom: Date(timeIntervalSince1970: 100), validUntil: Date(timeIntervalSince1970: 200))
        #expect(key.overlaps(start: nil, end: nil))
        #expect(key.overlaps(start: Date(timeIntervalSince1970: 150), end: nil))
        #expect(!key.overlaps(start: Date(timeIntervalSince1970: 200), end: nil))
        #expect(!key.overlaps(start: nil, end: Date(timeIntervalSince1970: 99)))
        #expect(AuditPublicKey(der: Data(), validFrom: .distantPast).overlaps(start: .distantFuture, end: nil))
    }
}
