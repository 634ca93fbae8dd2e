import AWSWire
import CompressNIO
import Crypto
import Foundation
import NIOCore

/// Checks the log files and digests under an audit directory, as `aws cloudtrail validate-logs`
/// does: every digest's signature and its link to the previous one, and every log file against
/// the hash its digest lists.
///
/// Signatures are checked only with the keys given as trusted, chosen by the
/// `digestPublicKeyFingerprint` each digest names: like `validate-logs`, which takes the keys from
/// the service rather than from the bucket, a key pinned by the operator cannot be replaced by
/// whoever can write the logs. Given the ``AuditLedger`` (what the database knows was written),
/// it also finds what the files alone cannot: digests, log files and records that are gone.
public struct AuditVerifier {
    public enum Finding: Equatable, Sendable, CustomStringConvertible {
        case modified(String), deleted(String), inserted(String), invalidDigest(String, reason: String)
        /// Records the database holds as sealed that no log file on disk contains.
        case missingRecords(account: String, region: String, eventIDs: [String], oldest: Date, newest: Date)

        public var description: String {
            switch self {
            case .modified(let path): "MODIFIED \(path): its hash is not the one its digest lists"
            case .deleted(let path): "DELETED \(path): listed in a digest or the database but missing"
            case .inserted(let path): "INSERTED \(path): listed in no digest"
            case .invalidDigest(let path, let reason): "INVALID DIGEST \(path): \(reason)"
            case .missingRecords(let account, let region, let ids, let oldest, let newest):
                "MISSING RECORDS \(account)/\(region): \(ids.count) sealed records from \(AuditRecord.timestamp(oldest))"
                    + " to \(AuditRecord.timestamp(newest)) are in no log file (event ids "
                    + ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? ", …)" : ")")
            }
        }
    }

    public struct Report: Sendable {
        public var findings: [Finding]
        public var logFiles: Int
        public var digests: Int
        /// Log files the database holds as sealed since the last digest: the next digest lists them.
        public var awaitingDigest: Int = 0
        /// Records the ledger holds as sealed, all of them found in the log files when there is no finding.
        public var sealedRecords: Int = 0
    }

    let root: String
    /// Trusted public keys by fingerprint.
    let trustedKeys: [String: P256.Signing.PublicKey]
    let ledger: AuditLedger?

    public init(root: String, trustedKeys: [AuditPublicKey], ledger: AuditLedger? = nil) {
        self.root = root
        self.trustedKeys = Dictionary(trustedKeys.compactMap { key in key.key.map { (key.fingerprint, $0) } },
                                      uniquingKeysWith: { first, _ in first })
        self.ledger = ledger
    }

    public init(root: String, publicKey: P256.Signing.PublicKey, ledger: AuditLedger? = nil) {
        self.init(root: root, trustedKeys: [AuditPublicKey(der: publicKey.derRepresentation, validFrom: .distantPast)],
                  ledger: ledger)
    }

    public func verify() throws -> Report {
        var findings: [Finding] = []
        var listed: Set<String> = []
        var digestCount = 0
        let digestPaths = files(under: "AWSLogs", matching: "/CloudTrail-Digest/", suffix: ".json.gz")
        let chains = Dictionary(grouping: digestPaths) { path in
            path.components(separatedBy: "/CloudTrail-Digest/")[0] + "/" + path.components(separatedBy: "/")[3]
        }
        for chain in chains.values {
            var previous: (path: String, hash: String, signature: String)?
            for path in chain.sorted(by: { Self.stamp($0) < Self.stamp($1) }) {
                digestCount += 1
                guard let bytes = FileManager.default.contents(atPath: "\(root)/\(path)"),
                      let signature = FileManager.default.contents(atPath: "\(root)/\(path).sig").map({ String(decoding: $0, as: UTF8.self) }),
                      let digest = try? Self.gunzipJSON(bytes) else {
                    findings.append(.invalidDigest(path, reason: "unreadable or without its signature"))
                    previous = nil
                    continue
                }
                let hash = AuditDigests.hex(SHA256.hash(data: bytes))
                let endTime = digest["digestEndTime"] as? String ?? ""
                let claimedPrevious = digest["previousDigestSignature"] as? String
                let signed = "\(endTime)\n\(path)\n\(hash)\n\(claimedPrevious ?? "null")"
                let fingerprint = digest["digestPublicKeyFingerprint"] as? String ?? ""
                if let key = trustedKeys[fingerprint] {
                    if !Self.verifySignature(signature, of: signed, with: key) {
                        findings.append(.invalidDigest(path, reason: "its signature does not verify (the digest was changed)"))
                    }
                } else {
                    findings.append(.invalidDigest(path, reason: "it is signed by key \(fingerprint), which is not a trusted key"))
                }
                if digest["digestS3Object"] as? String != path {
                    findings.append(.invalidDigest(path, reason: "it names another path"))
                }
                if let previous {
                    if digest["previousDigestHashValue"] as? String != previous.hash || claimedPrevious != previous.signature {
                        findings.append(.invalidDigest(path, reason: "it does not follow \(previous.path) (a digest was removed or changed)"))
                    }
                } else if digest["previousDigestS3Object"] != nil, !chain.contains(digest["previousDigestS3Object"] as? String ?? "") {
                    findings.append(.deleted(digest["previousDigestS3Object"] as? String ?? ""))
                }
                for file in digest["logFiles"] as? [[String: Any]] ?? [] {
                    guard let object = file["s3Object"] as? String else { continue }
                    listed.insert(object)
                    guard let data = FileManager.default.contents(atPath: "\(root)/\(object)") else {
                        findings.append(.deleted(object))
                        continue
                    }
                    if AuditDigests.hex(SHA256.hash(data: data)) != file["hashValue"] as? String {
                        findings.append(.modified(object))
                    }
                }
                previous = (path, hash, signature)
            }
        }
        let logFiles = files(under: "AWSLogs", matching: "/CloudTrail/", suffix: ".json.gz")
        // Sealed since the last digest, and known to the database with the hash on disk: the next digest lists them.
        let awaitingDigest = Set((ledger?.logFiles ?? []).filter { $0.digestPath == nil }.map(\.path))
        for path in logFiles.sorted() where !listed.contains(path) && !awaitingDigest.contains(path) {
            findings.append(.inserted(path))
        }
        var report = Report(findings: findings, logFiles: logFiles.count, digests: digestCount)
        if let ledger {
            report.findings += check(ledger, logFiles: logFiles)
            report.awaitingDigest = awaitingDigest.count
            report.sealedRecords = ledger.sealedRecords.count
        }
        var seen: Set<Finding> = []
        report.findings = report.findings.filter { seen.insert($0).inserted }
        return report
    }

    static func verifySignature(_ hexSignature: String, of text: String, with key: P256.Signing.PublicKey) -> Bool {
        guard let bytes = Hex.bytes(hexSignature.trimmingCharacters(in: .whitespacesAndNewlines)),
              let signature = try? P256.Signing.ECDSASignature(derRepresentation: bytes) else { return false }
        return key.isValidSignature(signature, for: Array(text.utf8))
    }

    /// Files below `root/<top>` whose path contains `marker` and ends with `suffix`, relative to root.
    func files(under top: String, matching marker: String, suffix: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: "\(root)/\(top)") else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            let path = "\(top)/\(relative)"
            if path.hasSuffix(suffix), path.contains(marker) { found.append(path) }
        }
        return found
    }

    static func stamp(_ path: String) -> String {
        String(path.split(separator: "_").last ?? "")
    }

    static func gunzipJSON(_ data: Data) throws -> [String: Any] {
        var buffer = ByteBuffer(bytes: data)
        let plain = try buffer.decompress(with: .gzip(), maxSize: 1 << 28)
        guard let object = try JSONSerialization.jsonObject(with: Data(plain.readableBytesView)) as? [String: Any] else {
            throw AuditFileError("not a JSON object")
        }
        return object
    }
}

extension AuditVerifier.Finding: Hashable {}
