import Identity
import ServiceCalls

/// Issues temporary credentials for a session of a role whose trust policy admits the caller.
public enum AssumeRole: STSOperation {
    public static let name = "AssumeRole"

    public static func perform(_ input: AssumeRoleRequest, context: CallContext,
                               service sts: SecurityTokenService) async throws -> AssumeRoleResponse {
        if input.policy != nil || input.policyArns != nil { throw STSError.unsupported("A session policy (Policy, PolicyArns)") }
        if input.tags != nil || input.transitiveTagKeys != nil { throw STSError.unsupported("Session tags (Tags, TransitiveTagKeys)") }
        if input.serialNumber != nil || input.tokenCode != nil { throw STSError.unsupported("MFA (SerialNumber, TokenCode)") }
        if input.providedContexts != nil { throw STSError.unsupported("ProvidedContexts") }
        let session = try await sts.assumeRole(
            .init(roleARN: input.roleArn, sessionName: input.roleSessionName, durationSeconds: input.durationSeconds,
                  externalID: input.externalId, sourceIdentity: input.sourceIdentity),
            caller: context.caller, sourceIP: context.sourceIP, region: context.region)
        return AssumeRoleResponse(
            credentials: Credentials(accessKeyId: session.accessKeyID, secretAccessKey: session.secretAccessKey,
                                     sessionToken: session.sessionToken, expiration: session.expiration),
            assumedRoleUser: AssumedRoleUser(assumedRoleId: session.assumedRoleID, arn: session.assumedRoleARN),
            sourceIdentity: input.sourceIdentity)
    }
}
