/// The payload of an AWS Nitro Enclaves attestation document, decoded but not yet trusted.
///
/// AWS defines the payload in "Nitro Enclaves Attestation Process" §2.1 (aws-nitro-enclaves-nsm-api):
/// ```
/// AttestationDocument = {
///     module_id: text,               ; issuing Nitro hypervisor module ID
///     timestamp: uint .size 8,       ; UTC time when document was created, in milliseconds since UNIX epoch
///     digest: digest,                ; the digest function used for calculating the register values
///     pcrs: { + index => pcr },      ; map of all locked PCRs at the moment the attestation document was generated
///     certificate: cert,             ; the infrastructure certificate used to sign this document, DER encoded
///     cabundle: [* cert],            ; issuing CA bundle for infrastructure certificate
///     ? public_key: user_data,       ; an optional DER-encoded key the attestation consumer can use to encrypt data with
///     ? user_data: user_data,        ; additional signed user data, defined by protocol
///     ? nonce: user_data,            ; an optional cryptographic nonce provided by the attestation consumer as a proof of authenticity
/// }
/// cert = bytes .size (1..1024)
/// user_data = bytes .size (0..1024)
/// pcr = bytes .size (32/48/64)
/// index = 0..31
/// digest = "SHA384"
/// ```
/// Optional fields may also be present with the value `null`, which is read as absent. Keys the
/// definition does not name are ignored, so that a field AWS adds later does not break parsing.
struct NitroAttestationPayload: Sendable, Hashable {
    var moduleID: String
    var timestampMilliseconds: UInt64
    var digest: String
    var pcrs: [Int: [UInt8]]
    var certificate: [UInt8]
    var caBundle: [[UInt8]]
    var publicKey: [UInt8]?
    var userData: [UInt8]?
    var nonce: [UInt8]?

    /// The only digest the definition allows.
    static let sha384Digest = "SHA384"
    /// The largest certificate accepted, from `cert = bytes .size (1..1024)`.
    static let maximumCertificateLength = 1024
    /// The largest optional byte field accepted, from `user_data = bytes .size (0..1024)`.
    static let maximumUserDataLength = 1024
    /// PCR indices are `0..31`.
    static let pcrIndices = 0..<32
    /// PCR lengths are 32, 48 or 64 bytes.
    static let pcrLengths: Set<Int> = [32, 48, 64]

    /// The limits the payload is decoded under.
    ///
    /// AWS's attestation documents encode this map with an indefinite length in documents
    /// produced since about 2025 (seen in public samples), so indefinite-length arrays and maps
    /// are accepted here — and only here. The signature covers the payload's exact bytes, so
    /// accepting a second encoding of a map does not widen what an attacker can get signed.
    static let decodingLimits = CBORReader.Limits(
        maximumInputLength: 64 * 1024,
        maximumDepth: 4,
        maximumContainerCount: 64,
        allowsIndefiniteLengthContainers: true
    )

    /// Decodes and checks the payload bytes of a COSE_Sign1 attestation document.
    init(decoding bytes: [UInt8]) throws(AttestationError) {
        let fields = try NitroPayloadFields(try CBORReader.decode(bytes, limits: Self.decodingLimits))
        self.moduleID = try fields.text("module_id")
        self.digest = try fields.text("digest")
        self.timestampMilliseconds = try fields.unsigned("timestamp")
        self.pcrs = try Self.decodePCRs(try fields.required("pcrs"))
        self.certificate = try fields.bytes("certificate", length: 1...Self.maximumCertificateLength)
        self.caBundle = try Self.decodeCABundle(try fields.required("cabundle"))
        self.publicKey = try fields.optionalBytes("public_key", length: 1...Self.maximumUserDataLength)
        self.userData = try fields.optionalBytes("user_data", length: 0...Self.maximumUserDataLength)
        self.nonce = try fields.optionalBytes("nonce", length: 0...Self.maximumUserDataLength)
        try checkInvariants()
    }

    private func checkInvariants() throws(AttestationError) {
        guard !moduleID.isEmpty else { throw Self.malformed("module_id is empty") }
        guard digest == Self.sha384Digest else { throw Self.malformed("digest is not SHA384") }
        guard timestampMilliseconds > 0 else { throw Self.malformed("timestamp is zero") }
    }

    private static func decodePCRs(_ value: CBORValue) throws(AttestationError) -> [Int: [UInt8]] {
        guard case .map(let entries) = value, (1...pcrIndices.count).contains(entries.count) else {
            throw malformed("pcrs is not a map of 1 to 32 entries")
        }
        var pcrs: [Int: [UInt8]] = [:]
        for entry in entries {
            guard case .unsigned(let index) = entry.key, index < UInt64(pcrIndices.upperBound) else {
                throw malformed("pcrs has an index outside 0..31")
            }
            guard case .bytes(let measurement) = entry.value, pcrLengths.contains(measurement.count) else {
                throw malformed("pcr \(index) is not 32, 48 or 64 bytes")
            }
            pcrs[Int(index)] = measurement
        }
        return pcrs
    }

    private static func decodeCABundle(_ value: CBORValue) throws(AttestationError) -> [[UInt8]] {
        guard case .array(let elements) = value, !elements.isEmpty else {
            throw malformed("cabundle is not a non-empty array")
        }
        var bundle: [[UInt8]] = []
        for element in elements {
            guard case .bytes(let der) = element, (1...maximumCertificateLength).contains(der.count) else {
                throw malformed("cabundle entry is not a certificate of 1 to 1024 bytes")
            }
            bundle.append(der)
        }
        return bundle
    }

    static func malformed(_ message: String) -> AttestationError {
        AttestationError(.malformedPayload, message)
    }
}

/// Typed look-ups into the payload map, keyed by text.
private struct NitroPayloadFields {
    let entries: [CBORMapEntry]

    init(_ value: CBORValue) throws(AttestationError) {
        guard case .map(let entries) = value else { throw NitroAttestationPayload.malformed("payload is not a map") }
        guard entries.allSatisfy({ if case .text = $0.key { true } else { false } }) else {
            throw NitroAttestationPayload.malformed("payload has a key that is not text")
        }
        self.entries = entries
    }

    /// The value under `key`, with `null` read as absent.
    func optional(_ key: String) -> CBORValue? {
        guard let value = entries.first(where: { $0.key == .text(key) })?.value, value != .null else { return nil }
        return value
    }

    func required(_ key: String) throws(AttestationError) -> CBORValue {
        guard let value = optional(key) else { throw NitroAttestationPayload.malformed("\(key) is missing") }
        return value
    }

    func text(_ key: String) throws(AttestationError) -> String {
        guard case .text(let text) = try required(key) else { throw NitroAttestationPayload.malformed("\(key) is not text") }
        return text
    }

    func unsigned(_ key: String) throws(AttestationError) -> UInt64 {
        guard case .unsigned(let n) = try required(key) else {
            throw NitroAttestationPayload.malformed("\(key) is not an unsigned integer")
        }
        return n
    }

    func bytes(_ key: String, length: ClosedRange<Int>) throws(AttestationError) -> [UInt8] {
        guard let bytes = try optionalBytes(key, length: length) else {
            throw NitroAttestationPayload.malformed("\(key) is missing")
        }
        return bytes
    }

    func optionalBytes(_ key: String, length: ClosedRange<Int>) throws(AttestationError) -> [UInt8]? {
        guard let value = optional(key) else { return nil }
        guard case .bytes(let bytes) = value, length.contains(bytes.count) else {
            throw NitroAttestationPayload.malformed("\(key) is not a byte string of \(length) bytes")
        }
        return bytes
    }
}
