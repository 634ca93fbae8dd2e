import Foundation
import Testing

/// The `openssl` command-line tool, the independent implementation the signatures and
/// certificates are checked against. Tests fail, never skip, when it is missing.
struct OpenSSL {
    let directory: URL

    /// A fresh temporary directory for one test's files, removed by `cleanUp()`.
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("arca-sns-signing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }

    func write(_ bytes: some Sequence<UInt8>, to name: String) throws {
        try Data(bytes).write(to: directory.appendingPathComponent(name))
    }

    func write(_ text: String, to name: String) throws {
        try write(Array(text.utf8), to: name)
    }

    /// Runs `openssl arguments` in the directory: its exit status and its output and errors.
    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if process.terminationStatus == 127 {
            Issue.record("the openssl command-line tool is needed for this test (apt-get install -y openssl): \(text)")
        }
        return (process.terminationStatus, text)
    }

    /// Runs `openssl arguments` and returns its output, recording an issue if it fails.
    func output(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments)
        #expect(result.status == 0, "openssl \(arguments.joined(separator: " ")): \(result.output)", sourceLocation: sourceLocation)
        return result.output
    }

    /// Verifies `signature` (base64, as in a message's `Signature`) over `text` the way AWS's
    /// documentation does: the public key taken out of the certificate with `openssl x509
    /// -pubkey`, then `openssl dgst -sha1|-sha256 -verify`. True when openssl prints
    /// "Verified OK".
    func verifies(signature: String, of text: String, digest: String, certificatePEM: String,
                  sourceLocation: SourceLocation = #_sourceLocation) throws -> Bool {
        guard let signatureBytes = Data(base64Encoded: signature) else {
            Issue.record("the signature is not base64: \(signature)", sourceLocation: sourceLocation)
            return false
        }
        try write(certificatePEM, to: "cert.pem")
        try write(text, to: "string.txt")
        try write(signatureBytes, to: "sig.bin")
        try write(try output(["x509", "-pubkey", "-noout", "-in", "cert.pem"], sourceLocation: sourceLocation) + "\n", to: "pub.pem")
        let result = try run(["dgst", "-\(digest)", "-verify", "pub.pem", "-signature", "sig.bin", "string.txt"])
        switch (result.status, result.output) {
        case (0, "Verified OK"): return true
        case (1, let output) where output.contains("Verification failure"): return false
        default:
            Issue.record("openssl dgst did not run: exit \(result.status), \(result.output)", sourceLocation: sourceLocation)
            return false
        }
    }
}
