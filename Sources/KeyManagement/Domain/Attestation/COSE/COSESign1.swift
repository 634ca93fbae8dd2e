/// A parsed COSE_Sign1 message (RFC 9052 §4.2), before any signature check.
///
/// RFC 9052 §4.2:
/// ```
/// COSE_Sign1_Tagged = #6.18(COSE_Sign1)
/// COSE_Sign1 = [
///     Headers,
///     payload : bstr / nil,
///     signature : bstr
/// ]
/// ```
/// where `Headers` is `protected : empty_or_serialized_map, unprotected : header_map` (§3).
/// Detached (`nil`) payloads are rejected: an attestation document always carries its payload.
struct COSESign1: Sendable, Hashable {
    /// The serialized protected header map exactly as received; the signature covers these bytes.
    var protectedHeaderBytes: [UInt8]
    /// The decoded protected header map.
    var protectedHeader: [CBORMapEntry]
    /// The unprotected header map, which no signature covers.
    var unprotectedHeader: [CBORMapEntry]
    /// The payload exactly as received; the signature covers these bytes.
    var payload: [UInt8]
    /// The signature bytes.
    var signature: [UInt8]

    /// RFC 9052 §4.2: "The CBOR tag for COSE_Sign1 is 18" (the tagged form is optional).
    static let tag: UInt64 = 18

    /// Parses `bytes`, which must be exactly one COSE_Sign1 structure, tagged or not.
    init(decoding bytes: [UInt8], limits: CBORReader.Limits = CBORReader.Limits()) throws(AttestationError) {
        var item = try CBORReader.decode(bytes, limits: limits)
        if case .tagged(let tag, let content) = item {
            guard tag == Self.tag else { throw Self.malformed("tag \(tag) is not COSE_Sign1 (18)") }
            item = content
        }
        guard case .array(let fields) = item, fields.count == 4 else {
            throw Self.malformed("COSE_Sign1 is not an array of four items")
        }
        guard case .bytes(let protectedBytes) = fields[0] else { throw Self.malformed("protected header is not a bstr") }
        guard case .map(let unprotected) = fields[1] else { throw Self.malformed("unprotected header is not a map") }
        guard case .bytes(let payload) = fields[2] else { throw Self.malformed("payload is not a bstr") }
        guard case .bytes(let signature) = fields[3] else { throw Self.malformed("signature is not a bstr") }
        self.protectedHeaderBytes = protectedBytes
        self.protectedHeader = try Self.decodeProtectedHeader(protectedBytes, limits: limits)
        self.unprotectedHeader = unprotected
        self.payload = payload
        self.signature = signature
        try Self.requireDisjointBuckets(protectedHeader, unprotected)
    }

    /// RFC 9052 §3: "empty_or_serialized_map = bstr .cbor header_map / bstr .size 0" — a zero-length
    /// string stands for the empty map.
    private static func decodeProtectedHeader(
        _ bytes: [UInt8],
        limits: CBORReader.Limits
    ) throws(AttestationError) -> [CBORMapEntry] {
        guard !bytes.isEmpty else { return [] }
        guard case .map(let entries) = try CBORReader.decode(bytes, limits: limits) else {
            throw malformed("protected header is not a serialized map")
        }
        return entries
    }

    /// RFC 9052 §3: "Labels in each of the maps MUST be unique. ... the same label MUST NOT occur
    /// in both the protected and unprotected header maps."
    private static func requireDisjointBuckets(
        _ protected: [CBORMapEntry],
        _ unprotected: [CBORMapEntry]
    ) throws(AttestationError) {
        let protectedLabels = Set(protected.map(\.key))
        guard unprotected.allSatisfy({ !protectedLabels.contains($0.key) }) else {
            throw malformed("a header label occurs in both the protected and unprotected buckets")
        }
    }

    private static func malformed(_ message: String) -> AttestationError {
        AttestationError(.malformedCOSE, message)
    }
}

extension COSESign1 {
    /// Header label 1, "alg" (RFC 9052 §3.1).
    static let algorithmLabel = CBORValue.unsigned(1)
    /// Header label 2, "crit" (RFC 9052 §3.1).
    static let criticalLabel = CBORValue.unsigned(2)

    /// The integer algorithm identifier in the protected header, if present.
    ///
    /// - Important: Only the protected bucket is consulted: an algorithm in the unprotected
    ///   bucket is not covered by the signature.
    var protectedAlgorithm: Int64? {
        protectedHeader.first { $0.key == Self.algorithmLabel }?.value.int64
    }

    /// Whether the protected header lists critical header parameters, none of which this
    /// implementation understands (RFC 9052 §3.1: the recipient "MUST reject" a message whose
    /// critical parameters it does not process).
    var hasCriticalHeaders: Bool {
        protectedHeader.contains { $0.key == Self.criticalLabel }
    }

    /// The bytes a COSE_Sign1 signature covers (RFC 9052 §4.4), with empty external AAD:
    /// ```
    /// Sig_structure = [
    ///     context : "Signature" / "Signature1",
    ///     body_protected : empty_or_serialized_map,
    ///     ? sign_protected : empty_or_serialized_map,
    ///     external_aad : bstr,
    ///     payload : bstr
    /// ]
    /// ```
    /// "Signature1" omits `sign_protected`.
    var signatureStructure: [UInt8] {
        CBORWriter.encode(.array([
            .text("Signature1"),
            .bytes(protectedHeaderBytes),
            .bytes([]),
            .bytes(payload),
        ]))
    }
}
