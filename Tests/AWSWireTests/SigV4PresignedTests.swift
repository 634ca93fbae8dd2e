import Foundation
import Testing

@testable import AWSWire

/// The presigned (query string) form: validity period, required parameters, tampering.
@Suite struct SigV4PresignedTests: SigV4RejectionTesting {
    let kms = SigV4Vector.named("kms-json-post")
    let presigned = SigV4Vector.named("presigned-get-sts")  // X-Amz-Expires=900, with a session token

    @Test func verifyAcceptsPresignedURLPastTheSkewWindowUntilItExpires() throws {
        let now = presigned.signedAtDate.addingTimeInterval(900)
        let authentication = try presigned.verifier.verify(presigned.request, now: now, secret: presigned.secret)
        #expect(authentication.isPresigned)
        #expect(authentication.securityToken == presigned.expected.securityToken)
    }

    @Test func verifyRejectsExpiredPresignedURL() {
        let error = rejection(presigned, now: presigned.signedAtDate.addingTimeInterval(901))
        #expect(error?.code == .requestExpired)
        #expect(error?.message == "Request has expired.")
        #expect(error?.queryCode == "RequestExpired")
    }

    @Test func verifyRejectsPresignedURLFromTheFuture() {
        let error = rejection(presigned, now: presigned.signedAtDate.addingTimeInterval(-16 * 60))
        #expect(error?.code == .signatureExpired)
        #expect(
            error?.message
                == "Signature not yet current: 20150830T123600Z is still later than 20150830T123500Z "
                + "(20150830T122000Z + 15 min.)")
    }

    @Test func verifyRejectsTamperedPresignedQuery() {
        let error = rejection(presigned) {
            $0.query = $0.query.replacingOccurrences(of: "GetCallerIdentity", with: "AssumeRole")
        }
        #expect(error?.code == .invalidSignature)
        #expect(error?.message == Self.mismatch)
    }

    @Test func verifyRejectsTamperedPresignedSecurityToken() {
        let error = rejection(presigned) {
            $0.query = $0.query.replacingOccurrences(of: "X-Amz-Security-Token=IQoJ", with: "X-Amz-Security-Token=XQoJ")
        }
        #expect(error?.code == .invalidSignature)
    }

    @Test func verifyRejectsPresignedURLWithoutHostSigned() {
        let error = rejection(presigned) {
            $0.query = $0.query.replacingOccurrences(of: "X-Amz-SignedHeaders=host", with: "X-Amz-SignedHeaders=x-amz-date")
        }
        #expect(error?.code == .invalidSignature)
        #expect(error?.message == "'Host' must be a 'SignedHeader' in the AWS Authorization.")
    }

    @Test func verifyRejectsPresignedURLMissingParameters() {
        let error = rejection(presigned) { request in
            request.query = request.query.split(separator: "&")
                .filter { !$0.hasPrefix("X-Amz-Credential=") && !$0.hasPrefix("X-Amz-Date=") }
                .joined(separator: "&")
        }
        #expect(error?.code == .incompleteSignature)
        #expect(
            error?.message
                == "AWS query-string parameters must include 'X-Amz-Credential'. "
                + "AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string parameters.")
    }

    @Test func verifyRejectsPresignedURLValidForMoreThanAWeek() {
        let error = rejection(presigned) {
            $0.query = $0.query.replacingOccurrences(of: "X-Amz-Expires=900", with: "X-Amz-Expires=604801")
        }
        #expect(error?.code == .incompleteSignature)
        #expect(error?.message == "X-Amz-Expires must be less than a week (in seconds) that is 604800")
    }

    @Test func verifyRejectsPresignedURLWithUnknownAlgorithm() {
        let error = rejection(presigned) {
            $0.query = $0.query.replacingOccurrences(of: "AWS4-HMAC-SHA256", with: "AWS4-ECDSA-P256-SHA256")
        }
        #expect(error?.code == .missingAuthenticationToken)
    }

    @Test func verifyRejectsSignatureInBothHeaderAndQuery() {
        let error = rejection(presigned) { Self.setHeader("Authorization", Self.authorization(kms.request), in: &$0) }
        #expect(error?.code == .invalidSignature)
    }
}

/// Temporary credentials: the session token must be theirs and unexpired; long-term credentials
/// take no token.
@Suite struct SigV4SessionTokenTests {
    let vector = SigV4Vector.named("session-token")

    func verify(_ session: (token: String, expiration: Date)?, now: Date? = nil, editing edit: (inout SigV4Request) -> Void = { _ in }) throws(SigV4Error) {
        var request = vector.request
        edit(&request)
        _ = try vector.verifier.verify(request, now: now ?? vector.nowDate) { _ in
            SigV4Secret(secretAccessKey: vector.secretAccessKey, session: session)
        }
    }

    @Test func matchingUnexpiredTokenIsAccepted() throws {
        let token = try #require(vector.expected.securityToken)
        try verify((token, vector.signedAtDate.addingTimeInterval(60)))
    }

    @Test func wrongTokenOrTokenForLongTermCredentialsIsInvalid() throws {
        let token = try #require(vector.expected.securityToken)
        #expect(throws: SigV4Error(code: .unrecognizedClient, message: "")) { try verify((token + "x", .distantFuture)) }
        #expect(throws: SigV4Error(code: .unrecognizedClient, message: "")) { try verify((String(token.dropLast()), .distantFuture)) }
        #expect(throws: SigV4Error(code: .unrecognizedClient, message: "")) { try verify(nil) }
    }

    @Test func expiredTokenIsExpired() throws {
        let token = try #require(vector.expected.securityToken)
        do {
            try verify((token, vector.nowDate))
            Issue.record("an expired token was accepted")
        } catch {
            #expect(error.code == .expiredToken)
            #expect(error.message == "The security token included in the request is expired")
            #expect(error.jsonType == "ExpiredTokenException")
            #expect(error.queryCode == "ExpiredToken")
        }
    }
}
