import AWSWire
import AuditTrail
import Foundation
import Identity
import KeyManagement
import Synchronization

/// What one request contributes to its audit record, filled in while it is served: its
/// parameters and answer as CloudTrail shows them, and the keys it used.
final class AuditNotes: Sendable {
    private struct State {
        var requestParameters: JSONValue?
        var responseElements: JSONValue?
        var resources: [AuditRecord.Resource] = []
    }

    private let state = Mutex(State())

    var requestParameters: JSONValue? {
        get { state.withLock { $0.requestParameters } }
        set { state.withLock { $0.requestParameters = newValue } }
    }

    var responseElements: JSONValue? {
        get { state.withLock { $0.responseElements } }
        set { state.withLock { $0.responseElements = newValue } }
    }

    var resources: [AuditRecord.Resource] { state.withLock { $0.resources } }

    /// Notes a key the request resolved (each once).
    func used(_ key: KMSKey) {
        let resource = AuditRecord.Resource(arn: key.arn, accountID: key.scope.account.rawValue, type: "AWS::KMS::Key")
        state.withLock { state in
            if !state.resources.contains(resource) { state.resources.append(resource) }
        }
    }

    /// Notes the request's parameters: its JSON without what must not be recorded.
    func noteRequest(_ json: JSONValue, schema: ShapeSchema?) {
        requestParameters = AuditRedaction.view(json, schema: schema)
    }

    /// Notes the answer of an operation that changes something; reads and cryptographic
    /// operations record none, as CloudTrail's examples show (`"responseElements": null`).
    func noteResponse(_ body: Data, readOnly: Bool, schema: ShapeSchema? = nil) {
        guard !readOnly, let json = try? JSONParser.parse(Array(body)) else { return }
        responseElements = AuditRedaction.view(json, schema: schema)
    }
}

extension AuditNotes {
    /// Notes a query-protocol request's input or output (IAM, STS), as their JSON form.
    func noteQuery<Input: AWSShape, Output: AWSShape>(_ input: Input?, output: Output?, readOnly: Bool) {
        if let input, let json = try? JSONParser.parse(Array(JSONWriter.encode(input))) {
            noteRequest(json, schema: Input.schema)
        }
        if let output, !readOnly, let json = try? JSONParser.parse(Array(JSONWriter.encode(output))) {
            responseElements = AuditRedaction.view(json, schema: Output.schema)
        }
    }
}

/// Which operations CloudTrail marks `readOnly`: reads, and the cryptographic operations.
enum AuditReadOnly {
    static let kms: Set<String> = [
        "Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext",
        "GenerateDataKeyWithoutPlaintext", "GenerateMac", "GenerateRandom", "ReEncrypt", "Sign", "Verify", "VerifyMac",
        "DeriveSharedSecret",
    ]

    static func isReadOnly(_ operation: String, service: String) -> Bool {
        if operation.hasPrefix("Get") || operation.hasPrefix("List") || operation.hasPrefix("Describe")
            || operation.hasPrefix("Lookup") {
            return true
        }
        return service == "kms" && kms.contains(operation)
    }
}

extension AuditRecord.UserIdentity {
    /// The `userIdentity` of an authenticated caller.
    init(_ principal: Principal, accessKeyID: String) {
        let account = principal.account.rawValue
        switch principal.kind {
        case .root:
            self.init(type: "Root", principalID: account, arn: principal.arn, accountID: account, accessKeyID: accessKeyID)
        case .user:
            self.init(type: "IAMUser", principalID: principal.userID, arn: principal.arn, accountID: account,
                      accessKeyID: accessKeyID, userName: principal.name)
        case .role:
            let roleARN = principal.roleARN ?? principal.arn
            let issuer = AuditRecord.SessionIssuer(
                principalID: String(principal.userID.split(separator: ":").first ?? ""), arn: roleARN, accountID: account,
                userName: String(roleARN.split(separator: "/").last ?? ""))
            self.init(type: "AssumedRole", principalID: principal.userID, arn: principal.arn, accountID: account,
                      accessKeyID: accessKeyID, sessionIssuer: issuer)
        }
    }
}
