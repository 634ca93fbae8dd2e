import Crypto
import Foundation

extension AuditVerifier {
    /// What the database knows was written and is not on disk as written: each digest and log
    /// file by path, and the sealed records no log file holds, by account and region.
    func check(_ ledger: AuditLedger, logFiles: [String]) -> [Finding] {
        var findings: [Finding] = []
        for digest in ledger.digests {
            guard let bytes = FileManager.default.contents(atPath: "\(root)/\(digest.path)") else {
                findings.append(.deleted(digest.path))
                continue
            }
            if AuditDigests.hex(SHA256.hash(data: bytes)) != digest.hash {
                findings.append(.invalidDigest(digest.path, reason: "it is not the digest Arca wrote (its hash is not the one the database holds)"))
            }
        }
        for file in ledger.logFiles {
            guard let bytes = FileManager.default.contents(atPath: "\(root)/\(file.path)") else {
                findings.append(.deleted(file.path))
                continue
            }
            if AuditDigests.hex(SHA256.hash(data: bytes)) != file.hash {
                findings.append(.modified(file.path))
            }
        }
        let present = eventsInLogFiles(logFiles)
        let missing = ledger.sealedRecords.filter { !present.contains(Self.eventKey($0.account, $0.region, $0.eventID)) }
        let byTrail = Dictionary(grouping: missing) { "\($0.account)/\($0.region)" }
        for trail in byTrail.keys.sorted() {
            let records = byTrail[trail]!.sorted { $0.eventTime < $1.eventTime }
            findings.append(.missingRecords(account: records[0].account, region: records[0].region,
                                            eventIDs: records.map(\.eventID), oldest: records.first!.eventTime,
                                            newest: records.last!.eventTime))
        }
        return findings
    }

    /// `account/region/eventID` of every record in the readable log files, account and region
    /// taken from each file's place (`AWSLogs/<account>/CloudTrail/<region>/…`).
    private func eventsInLogFiles(_ paths: [String]) -> Set<String> {
        var events: Set<String> = []
        for path in paths {
            let parts = path.split(separator: "/")
            guard parts.count > 3, let data = FileManager.default.contents(atPath: "\(root)/\(path)"),
                  let object = try? Self.gunzipJSON(data), let records = object["Records"] as? [[String: Any]] else { continue }
            for record in records {
                if let id = record["eventID"] as? String { events.insert(Self.eventKey(String(parts[1]), String(parts[3]), id)) }
            }
        }
        return events
    }

    static func eventKey(_ account: String, _ region: String, _ eventID: String) -> String {
        "\(account)/\(region)/\(eventID)"
    }
}
