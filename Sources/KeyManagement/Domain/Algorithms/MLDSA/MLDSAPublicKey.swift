import CMLDSA
import Foundation

/// An ML-DSA public key of any parameter set, and verification with it, through the BoringSSL
/// inside swift-crypto (see ``MLDSAFunctions``).
///
/// Kept as its encoding, pkEncode(ρ, t1) (FIPS 204 Algorithm 22), and parsed by BoringSSL for
/// each verification: parsing is one SHAKE256 of the key (`tr`), small beside verifying.
struct MLDSAPublicKey: Sendable {
    let parameters: MLDSAParameterSet
    /// pkEncode(ρ, t1): what the SubjectPublicKeyInfo's BIT STRING holds.
    let rawRepresentation: [UInt8]

    /// - Throws: ``MLDSAFailure/invalidPublicKey`` unless BoringSSL parses `rawRepresentation` as a
    ///   public key of the set (its length is the only thing pkDecode can find wrong).
    init(rawRepresentation: some Collection<UInt8>, _ parameters: MLDSAParameterSet) throws(MLDSAFailure) {
        let raw = Array(rawRepresentation)
        guard raw.count == parameters.publicKeyByteCount,
              Self.withParsed(raw, parameters, { _ in true }) == true else { throw .invalidPublicKey }
        self.init(checkedRawRepresentation: raw, parameters)
    }

    /// A key BoringSSL has just encoded.
    init(checkedRawRepresentation: [UInt8], _ parameters: MLDSAParameterSet) {
        self.parameters = parameters
        self.rawRepresentation = checkedRawRepresentation
    }

    /// Whether `signature` is this key's ML-DSA signature of `message` with the empty context
    /// (ML-DSA.Verify, FIPS 204 Algorithm 3). A signature of the wrong length is not valid.
    func isValidSignature(_ signature: Data, for message: Data) -> Bool {
        let functions = parameters.functions
        return Self.withParsed(rawRepresentation, parameters) { key in
            signature.withUnsafeBytes { signature in
                message.withUnsafeBytes { message in
                    functions.verify(key, signature.bindMemory(to: UInt8.self).baseAddress, signature.count,
                                     message.bindMemory(to: UInt8.self).baseAddress, message.count, nil, 0) == 1
                }
            }
        } ?? false
    }

    /// `body`'s answer for BoringSSL's parsed form of `raw`; nil if it does not parse.
    private static func withParsed<Result>(_ raw: [UInt8], _ parameters: MLDSAParameterSet,
                                           _ body: (UnsafeRawPointer) -> Result) -> Result? {
        let functions = parameters.functions
        let layout = functions.publicKeyLayout
        let key = UnsafeMutableRawPointer.allocate(byteCount: layout.byteCount, alignment: layout.alignment)
        defer { key.deallocate() }
        let parsed = raw.withUnsafeBufferPointer { bytes in
            var cbs = CBS(data: bytes.baseAddress, len: bytes.count)
            return functions.parsePublicKey(key, &cbs) == 1
        }
        return parsed ? body(key) : nil
    }
}
