import Testing
@testable import KeyManagement

/// Decodes lowercase or uppercase hex; test fixtures are trusted, so bad hex is a test bug.
func bytes(hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    precondition(digits.count % 2 == 0, "odd-length hex")
    func value(_ digit: UInt8) -> UInt8 {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: preconditionFailure("bad hex digit")
        }
    }
    return stride(from: 0, to: digits.count, by: 2).map { value(digits[$0]) << 4 | value(digits[$0 + 1]) }
}

/// One SHAKE output computed by Python's hashlib.
struct SHAKEVector: Sendable {
    var bits: Int
    var input: String
    var output: String
}

/// Keys, messages, μ and signatures produced by dilithium-py (μ by hashlib) for one parameter set.
struct MLDSAFixture: Sendable, CustomTestStringConvertible {
    var label: String
    var publicKeyHex: String
    var messageHex: String?
    var muHex: String
    var signatureHex: String

    init(label: String, publicKey: String, message: String?, mu: String, signature: String) {
        self.label = label
        self.publicKeyHex = publicKey
        self.messageHex = message
        self.muHex = mu
        self.signatureHex = signature
    }

    var publicKey: [UInt8] { bytes(hex: publicKeyHex) }
    var message: [UInt8]? { messageHex.map { bytes(hex: $0) } }
    var mu: [UInt8] { bytes(hex: muHex) }
    var signature: [UInt8] { bytes(hex: signatureHex) }
    var testDescription: String { label }
}

struct MLDSAFixtureSet: Sendable {
    /// Valid signatures: three over messages (empty, 33 and 1000 bytes) and one over a random μ.
    var valid: [MLDSAFixture]
    /// Produced by signing without the z rejection: verifies except that max|z| = γ1 − β exactly.
    var zAtBound: MLDSAFixture
    /// As `zAtBound`, with max|z| > γ1 − β.
    var zOverBound: MLDSAFixture
}

enum MLDSAFixtures {
    static func set(for parameters: MLDSAParameterSet) -> MLDSAFixtureSet {
        switch parameters {
        case .mlDSA44: mlDSA44
        case .mlDSA65: mlDSA65
        case .mlDSA87: mlDSA87
        }
    }

    /// Every (parameter set, valid fixture) pair, for parameterized tests.
    static let allValid: [(MLDSAParameterSet, MLDSAFixture)] = MLDSAParameterSet.allCases.flatMap { parameters in
        set(for: parameters).valid.map { (parameters, $0) }
    }
}

/// Offsets of the three regions of an encoded signature (FIPS 204 Algorithm 26 `sigEncode`).
struct SignatureLayout {
    var parameters: MLDSAParameterSet
    var challenge: Range<Int> { 0..<parameters.challengeByteCount }
    var z: Range<Int> { challenge.upperBound..<(challenge.upperBound + parameters.l * 32 * parameters.zBitWidth) }
    var hintPositions: Range<Int> { z.upperBound..<(z.upperBound + parameters.omega) }
    var hintCounts: Range<Int> { hintPositions.upperBound..<parameters.signatureByteCount }
}

extension Array where Element == UInt8 {
    func flippingBit(_ bit: Int) -> [UInt8] {
        var copy = self
        copy[bit / 8] ^= 1 << UInt8(bit % 8)
        return copy
    }
}

/// The reason verification rejects, or nil if it accepts.
func failure(
    signature: [UInt8], mu: [UInt8], publicKey: [UInt8], parameters: MLDSAParameterSet
) -> MLDSAVerificationFailure? {
    do {
        try MLDSAExternalMuVerifier.verify(signature: signature, mu: mu, publicKey: publicKey, parameters: parameters)
        return nil
    } catch {
        // Keep isValid honest: it must agree with verify.
        #expect(!MLDSAExternalMuVerifier.isValid(
            signature: signature, mu: mu, publicKey: publicKey, parameters: parameters))
        return error
    }
}

func failure(_ fixture: MLDSAFixture, signature: [UInt8], parameters: MLDSAParameterSet) -> MLDSAVerificationFailure? {
    failure(signature: signature, mu: fixture.mu, publicKey: fixture.publicKey, parameters: parameters)
}

/// Writes z[polynomial]_index = value into an encoded signature bit by bit, as BitPack(z, γ1 − 1, γ1)
/// would (FIPS 204 Algorithm 17: the field holds γ1 − value), without using the code under test.
func settingZ(
    _ signature: [UInt8], polynomial: Int, index: Int, to value: Int, parameters: MLDSAParameterSet
) -> [UInt8] {
    var copy = signature
    let width = parameters.zBitWidth
    let field = parameters.gamma1 - value
    precondition(field >= 0 && field < 1 << width)
    let firstBit = 8 * parameters.challengeByteCount + (polynomial * 256 + index) * width
    for bit in 0..<width {
        let position = firstBit + bit
        let mask = UInt8(1) << UInt8(position % 8)
        if field >> bit & 1 == 1 { copy[position / 8] |= mask } else { copy[position / 8] &= ~mask }
    }
    return copy
}

/// The hint bytes of a signature split into positions (y[0..<ω]) and running counts (y[ω..<ω+k]).
struct HintBytes {
    var positions: [UInt8]
    var counts: [UInt8]
    var total: Int { Int(counts.last ?? 0) }

    init(of signature: [UInt8], parameters: MLDSAParameterSet) {
        let layout = SignatureLayout(parameters: parameters)
        positions = Array(signature[layout.hintPositions])
        counts = Array(signature[layout.hintCounts])
    }

    func range(of polynomial: Int) -> Range<Int> {
        (polynomial == 0 ? 0 : Int(counts[polynomial - 1]))..<Int(counts[polynomial])
    }

    func written(into signature: [UInt8], parameters: MLDSAParameterSet) -> [UInt8] {
        let layout = SignatureLayout(parameters: parameters)
        var copy = signature
        copy.replaceSubrange(layout.hintPositions, with: positions)
        copy.replaceSubrange(layout.hintCounts, with: counts)
        return copy
    }
}

/// One NIST ACVP ML-DSA sigVer test case (internal interface), with μ = H(H(pk, 64) ‖ M′, 64) from hashlib.
struct ACVPSigVerVector: Sendable, CustomTestStringConvertible {
    var parameters: MLDSAParameterSet
    var tgId: Int
    var tcId: Int
    var testPassed: Bool
    var reason: String
    var mu: String
    var signature: String

    var publicKey: [UInt8] { bytes(hex: acvpPublicKeys[tgId] ?? "") }
    var testDescription: String { "tg \(tgId) tc \(tcId): \(reason)" }
}
