// arca-stages: the in-process cost of each stage of one Encrypt call, to find what to make faster.
//
// `perf` cannot attribute time through async frames (their stacks end at the executor), so this
// runs each stage of the request path by itself in a loop, on one thread, in a release build:
//
//     swift run -c release arca-stages
//
// It measures no HTTP and no concurrency; `bench/run` is what measures the server (BENCHMARKS.md).
import AWSWire
import ArcaTestSupport
import AuditTrail
import Foundation
import KeyManagement
import ServiceCalls

/// Runs `body` `iterations` times after a warm-up and prints the mean time per run.
func measure(_ name: String, iterations: Int = 50_000, _ body: () async throws -> Void) async rethrows {
    for _ in 0..<1_000 { try await body() }
    let start = ContinuousClock.now
    for _ in 0..<iterations { try await body() }
    let elapsed = (ContinuousClock.now - start).components
    let microseconds = (Double(elapsed.seconds) * 1e6 + Double(elapsed.attoseconds) / 1e12) / Double(iterations)
    print(name.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%8.2f µs", microseconds))
}

/// Off the main actor: a closure called from it would hop executors on every iteration.
nonisolated func stages() async throws {
    let harness = try await KMSTestHarness()
    let root = KMSTestHarness.context(account: "000000000000")
    let keyID = try await harness.call(CreateKey.self, CreateKeyRequest(), as: root).keyMetadata!.keyId
    // The request bench/run replays: 64 bytes under an encryption context.
    let plaintext = Data((0..<64).map { UInt8($0) }).base64EncodedString()
    let body = Array(#"{"KeyId":"\#(keyID)","Plaintext":"\#(plaintext)","EncryptionContext":{"purpose":"bench","tenant":"acme"}}"#.utf8)
    // A fixed instant: the request is signed and checked at the same one.
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let headers = SigV4TestSigner(service: "kms").sign(
        headers: ["Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "TrentService.Encrypt"], body: body, at: now)
    let request = SigV4Request(method: "POST", path: "/", query: "",
                               headers: headers.map { ($0.key, $0.value) } + [("host", "localhost")], body: body)
    let verifier = SigV4Verifier(service: "kms")
    print("One Encrypt call, stage by stage (mean of 50,000 runs, one thread):")
    await measure("SigV4 verification") {
        _ = try! verifier.verify(request, now: now) { _ in SigV4Secret(secretAccessKey: "test") }
    }
    await measure("request decoding and validation") {
        _ = try! AWSJSONCoding.decodeRequestKeepingJSON(EncryptRequest.self, from: body)
    }
    let input = try AWSJSONCoding.decodeRequestKeepingJSON(EncryptRequest.self, from: body)
    await measure("caller context") { _ = KMSTestHarness.context(account: "000000000000") }
    await measure("Encrypt.perform (with a context)") {
        _ = try! await Encrypt.perform(input.shape, context: KMSTestHarness.context(account: "000000000000"),
                                       service: harness.kms)
    }
    let output = try await Encrypt.perform(input.shape, context: root, service: harness.kms)
    await measure("response encoding") { _ = AWSJSONCoding.encodeResponse(output) }

    let context = KMSTestHarness.context(account: "000000000000")
    context.notes.noteRequest(input.json, schema: EncryptRequest.schema)
    _ = try await Encrypt.perform(input.shape, context: context, service: harness.kms)
    var call = FinishedCall(requestID: "r")
    call.service = AWSServiceName("kms")
    call.operation = "Encrypt"
    call.isReadOnly = true
    call.context = context
    call.auditAllowList = .kms
    let finished = call
    let eventID = "7e3c1b1a-0f5e-4c8e-9f3a-123456789abc"
    await measure("audit record") { _ = AuditRecorder.records(of: finished, eventID: eventID, at: now) }
    let record = AuditRecorder.records(of: finished, eventID: eventID, at: now)[0]
    await measure("audit entry (the record's JSON)") { _ = AuditEntry(record) }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("arca-stages-\(ProcessInfo.processInfo.processIdentifier)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let journal = try AuditJournal.open(path: directory + "/audit-journal")
    let entry = AuditEntry(record)
    await measure("audit journal append") { try! journal.append([entry]) }
}

try await Task.detached { try await stages() }.value
