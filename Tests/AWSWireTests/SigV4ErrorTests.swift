import Testing

@testable import AWSWire

@Suite struct SigV4ErrorTests {
    @Test func equalityComparesOnlyTheCode() {
        #expect(SigV4Error(code: .invalidSignature, message: "one") == SigV4Error(code: .invalidSignature, message: "two"))
        #expect(SigV4Error(code: .invalidSignature, message: "same") != SigV4Error(code: .signatureExpired, message: "same"))
    }

    @Test(arguments: [
        (SigV4Error.Code.missingAuthenticationToken, "MissingAuthenticationTokenException", "MissingAuthenticationToken"),
        (.incompleteSignature, "IncompleteSignatureException", "IncompleteSignature"),
        (.invalidSignature, "InvalidSignatureException", "SignatureDoesNotMatch"),
        (.unrecognizedClient, "UnrecognizedClientException", "InvalidClientTokenId"),
        (.signatureExpired, "InvalidSignatureException", "SignatureDoesNotMatch"),
        (.requestExpired, "InvalidSignatureException", "RequestExpired"),
    ])
    func codesMapToAWSProtocolNames(_ code: SigV4Error.Code, _ jsonType: String, _ queryCode: String) {
        let error = SigV4Error(code: code, message: "message")
        #expect(error.jsonType == jsonType)
        #expect(error.queryCode == queryCode)
    }

    @Test func constantTimeComparisonChecksEveryByteAndTheLength() {
        let expected = Array("abcdef".utf8)
        #expect(SigV4Verifier.constantTimeEquals(expected, "abcdef".utf8))
        #expect(!SigV4Verifier.constantTimeEquals(expected, "abcdeg".utf8))
        #expect(!SigV4Verifier.constantTimeEquals(expected, "bbcdef".utf8))
        #expect(!SigV4Verifier.constantTimeEquals(expected, "abcde".utf8))
        #expect(!SigV4Verifier.constantTimeEquals(expected, "abcdef0".utf8))
        #expect(!SigV4Verifier.constantTimeEquals(expected, "".utf8))
    }
}
