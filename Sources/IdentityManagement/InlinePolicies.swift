import AccessPolicy
import Identity

/// The inline policies of a user or a role: validated, replaced by name, bounded in size.
enum InlinePolicies {
    /// "IAM doesn't count white space when calculating the size of a policy against these
    /// quotas": user policies 2,048 characters in all, role policies 10,240, group policies
    /// 5,120 (IAM quotas).
    static let userSizeLimit = 2048
    static let roleSizeLimit = 10_240
    static let groupSizeLimit = 5120

    /// Refuses a document that is not a valid identity-based policy, in IAM's terms.
    static func validate(_ document: String) throws(IAMError) {
        do {
            _ = try PolicyDocument(json: document, kind: .identityBased)
        } catch {
            throw IAMError(.malformedPolicyDocument, error.message)
        }
    }

    /// `policies` with `policy` added, or replacing the one of its name.
    static func putting(_ policy: IAMInlinePolicy, into policies: [IAMInlinePolicy], limit: Int,
                        owner: (kind: String, name: String)) throws(IAMError) -> [IAMInlinePolicy] {
        var updated = policies
        if let index = updated.firstIndex(where: { $0.name == policy.name }) {
            updated[index] = policy
        } else {
            updated.append(policy)
        }
        let size = updated.reduce(0) { $0 + $1.document.count { !$0.isWhitespace } }
        guard size <= limit else {
            throw IAMError(.limitExceeded, "Maximum policy size of \(limit) bytes exceeded for \(owner.kind) \(owner.name)")
        }
        return updated
    }

    /// `policies` without the one named `name`; `NoSuchEntity` if there is none.
    static func removing(_ name: String, from policies: [IAMInlinePolicy], ownerKind: String) throws(IAMError) -> [IAMInlinePolicy] {
        guard let index = policies.firstIndex(where: { $0.name == name }) else { throw notFound(name, ownerKind: ownerKind) }
        var updated = policies
        updated.remove(at: index)
        return updated
    }

    static func notFound(_ name: String, ownerKind: String) -> IAMError {
        IAMError(.noSuchEntity, "The \(ownerKind) policy with name \(name) cannot be found.")
    }
}
