import Foundation
import Testing

@testable import AWSWire

/// Each SigV4 failure AWS distinguishes, with its code and (where AWS fixes it) its wording.
@Suite struct SigV4RejectionTests: SigV4RejectionTesting {
    let kms = SigV4Vector.named("kms-json-post")

    @Test func verifyRejectsMissingAuthentication() {
        for empty in [nil, "", "  "] {
            let error = rejection(kms) { Self.setHeader("Authorization", empty, in: &$0) }
            #expect(error?.code == .missingAuthenticationToken)
            #expect(error?.message == "Request is missing Authentication Token")
        }
    }

    @Test func verifyRejectsTamperedBody() {
        let error = rejection(kms) { $0.body = Array(#"{"KeyId":"alias/evil","Plaintext":"aGVsbG8="}"#.utf8) }
        #expect(error?.code == .invalidSignature)
        #expect(error?.message == Self.mismatch)
    }

    @Test func verifyRejectsTamperedHeader() {
        let error = rejection(kms) { Self.setHeader("X-Amz-Target", "TrentService.Decrypt", in: &$0) }
        #expect(error?.code == .invalidSignature)
        #expect(error?.message == Self.mismatch)
    }

    @Test func verifyRejectsTamperedSignatureWithoutRevealingTheExpectedOne() {
        var expected = ""
        let error = rejection(kms) { request in
            let header = Self.authorization(request)
            expected = String(header.suffix(64))
            let flipped = expected.hasSuffix("0") ? "1" : "0"
            Self.setHeader("Authorization", String(header.dropLast()) + flipped, in: &request)
        }
        #expect(error?.code == .invalidSignature)
        #expect(error.map { !$0.message.contains(expected) && !$0.message.contains(kms.secretAccessKey) } == true)
    }

    @Test func verifyRejectsTruncatedSignature() {
        let error = rejection(kms) { Self.setHeader("Authorization", String(Self.authorization($0).dropLast()), in: &$0) }
        #expect(error?.code == .invalidSignature)
    }

    @Test func verifyRejectsWrongSecret() {
        let error = rejection(kms, secrets: [kms.accessKeyId: "not-the-secret"])
        #expect(error?.code == .invalidSignature)
        #expect(error?.message == Self.mismatch)
    }

    @Test func verifyRejectsUnknownAccessKeyId() {
        let error = rejection(kms, secrets: [:])
        #expect(error?.code == .unrecognizedClient)
        #expect(error?.message == "The security token included in the request is invalid.")
    }

    @Test func verifyRejectsMissingDateHeader() {
        var header = ""
        let error = rejection(kms) { request in
            header = Self.authorization(request)
            Self.setHeader("X-Amz-Date", nil, in: &request)
        }
        #expect(error?.code == .incompleteSignature)
        #expect(
            error?.message
                == "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
                + "Authorization=\(header)")
    }

    @Test func verifyRejectsMissingSignedHeader() {
        let error = rejection(kms) { Self.setHeader("X-Amz-Target", nil, in: &$0) }
        #expect(error?.code == .invalidSignature)
    }

    @Test func verifyRejectsAuthorizationWithoutSignature() {
        let header = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/kms/aws4_request, "
            + "SignedHeaders=host;x-amz-date"
        let error = rejection(kms) { Self.setHeader("Authorization", header, in: &$0) }
        #expect(error?.code == .incompleteSignature)
        #expect(error?.message == "Authorization header requires 'Signature' parameter. Authorization=\(header)")
    }

    @Test func verifyRejectsForeignAuthorizationScheme() {
        let error = rejection(kms) { Self.setHeader("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc", in: &$0) }
        #expect(error?.code == .incompleteSignature)
        #expect(
            error?.message
                == "Authorization header requires 'Credential' parameter. "
                + "Authorization header requires 'Signature' parameter. "
                + "Authorization header requires 'SignedHeaders' parameter. "
                + "Authorization=Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc")
    }

    @Test func verifyRejectsMalformedAuthorizationParameter() {
        var header = ""
        let error = rejection(kms) { request in
            header = Self.authorization(request).replacingOccurrences(of: "AKIDEXAMPLE/", with: "AKIDEXAMPLE /")
            Self.setHeader("Authorization", header, in: &request)
        }
        #expect(error?.code == .incompleteSignature)
        #expect(
            error?.message
                == "'/20150830/us-east-1/kms/aws4_request' not a valid key=value pair (missing equal-sign) "
                + "in Authorization header: '\(header)'.")
    }

    @Test func verifyRejectsUnsupportedAlgorithm() {
        let error = rejection(kms) { request in
            let header = Self.authorization(request).replacingOccurrences(of: "HMAC-SHA256", with: "HMAC-SHA512")
            Self.setHeader("Authorization", header, in: &request)
        }
        #expect(error?.code == .incompleteSignature)
        #expect(error?.message == "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). ")
    }

    @Test func verifyRejectsCredentialWithoutFiveElements() {
        let error = rejection(kms) { request in
            let header = Self.authorization(request).replacingOccurrences(of: "/kms/aws4_request", with: "/kms")
            Self.setHeader("Authorization", header, in: &request)
        }
        #expect(error?.code == .incompleteSignature)
        #expect(
            error?.message
                == "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, "
                + "got 'AKIDEXAMPLE/20150830/us-east-1/kms'")
    }

    @Test func verifyRejectsCredentialScopeNotMatchingRequest() {
        let error = rejection(kms, verifier: SigV4Verifier(service: "kms", regions: ["eu-west-1"])) { request in
            let header = Self.authorization(request)
                .replacingOccurrences(of: "20150830/us-east-1/kms/aws4_request", with: "20150831/us-east-1/kms/aws5_request")
            Self.setHeader("Authorization", header, in: &request)
        }
        #expect(error?.code == .invalidSignature)
        #expect(
            error?.message
                == "Credential should be scoped to a valid region, not 'us-east-1'. "
                + "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. "
                + "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                + "'20150831' != '20150830', from '20150830T123600Z'.")
    }

    @Test func verifyRejectsCredentialForAnotherService() {
        let dynamo = SigV4Vector.named("dynamodb-json-post")
        let error = rejection(dynamo, verifier: SigV4Verifier(service: "kms"))
        #expect(error?.code == .invalidSignature)
        #expect(error?.message == "Credential should be scoped to correct service: 'kms'. ")
    }

    @Test func verifyRejectsExpiredSignature() {
        let error = rejection(kms, now: kms.signedAtDate.addingTimeInterval(16 * 60))
        #expect(error?.code == .signatureExpired)
        #expect(
            error?.message
                == "Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z (20150830T125200Z - 15 min.)")
        #expect(error?.jsonType == "InvalidSignatureException")
    }

    @Test func verifyRejectsSignatureNotYetCurrent() {
        let error = rejection(kms, now: kms.signedAtDate.addingTimeInterval(-16 * 60))
        #expect(error?.code == .signatureExpired)
        #expect(
            error?.message
                == "Signature not yet current: 20150830T123600Z is still later than 20150830T123500Z "
                + "(20150830T122000Z + 15 min.)")
    }

    @Test func verifyRejectsMalformedDate() {
        let error = rejection(kms) { Self.setHeader("X-Amz-Date", "2015-08-30T12:36:00Z", in: &$0) }
        #expect(error?.code == .incompleteSignature)
        #expect(
            error?.message
                == "Date must be in ISO-8601 'basic format'. Got '2015-08-30T12:36:00Z'. "
                + "See http://en.wikipedia.org/wiki/ISO_8601")
    }

    @Test func verifyRejectsRFC1123DateHeader() {
        let vector = SigV4Vector.named("date-header-fallback")
        let error = rejection(vector) { Self.setHeader("Date", "Sun, 30 Aug 2015 12:36:00 GMT", in: &$0) }
        #expect(error?.code == .incompleteSignature)
        #expect(error?.message.hasPrefix("Date must be in ISO-8601 'basic format'. Got 'Sun, 30 Aug 2015") == true)
    }

    @Test func verifyRejectsHostMissingFromSignedHeaders() {
        let error = rejection(kms) { request in
            let header = Self.authorization(request).replacingOccurrences(of: ";host;", with: ";")
            Self.setHeader("Authorization", header, in: &request)
        }
        #expect(error?.code == .invalidSignature)
        #expect(error?.message == "'Host' must be a 'SignedHeader' in the AWS Authorization.")
    }

    @Test func verifyRejectsContentHashNotMatchingBody() {
        let vector = SigV4Vector.named("content-sha256-header")
        let error = rejection(vector) { $0.body = Array(#"{"NumberOfBytes":1024}"#.utf8) }
        #expect(error?.code == .invalidSignature)
        #expect(error?.message == "The provided 'x-amz-content-sha256' header does not match what was computed.")
    }

    @Test func verifyRejectsUnsignedPayloadUnlessAccepted() {
        let vector = SigV4Vector.named("unsigned-payload-header")
        let error = rejection(vector, verifier: SigV4Verifier())
        #expect(error?.code == .invalidSignature)
    }
}
