/// Decoding and validation of the statement blocks that carry lists: principals, actions,
/// resources and conditions.
extension PolicyDocumentDecoder {
    // MARK: Principal

    /// "Each statement in the key policy must contain one or more principals." (botocore KMS model,
    /// `PutKeyPolicy`); "You cannot use the Principal element in an identity-based policy."
    /// (IAM JSON policy elements: Principal).
    func decodePrincipalBlock(in object: PolicyJSONObject) throws(PolicyDocumentError) -> PolicyPrincipalBlock? {
        guard let (isNegative, value) = try pick("Principal", or: "NotPrincipal", in: object) else {
            if kind == .resourceBased { throw .missingPrincipal }
            return nil
        }
        if kind == .identityBased { throw .principalNotAllowed }
        return PolicyPrincipalBlock(isNegative ? .notPrincipal : .principal, try decodePrincipal(value))
    }

    private func decodePrincipal(_ value: PolicyJSONValue) throws(PolicyDocumentError) -> PolicyPrincipal {
        switch value {
        case .string("*"):
            return .anyone
        case .object(let map) where !map.members.isEmpty:
            if let duplicate = map.firstDuplicateKey { throw .duplicateKey(duplicate) }
            var entries: [PolicyPrincipalEntry] = []
            for member in map.members {
                guard let type = PolicyPrincipalType(rawValue: member.key),
                    let values = stringList(member.value),
                    values.allSatisfy({ Self.isValidPrincipal($0, of: type) })
                else { throw .invalidPrincipals }
                entries.append(PolicyPrincipalEntry(type, values))
            }
            return .specified(entries)
        default:
            throw .invalidPrincipals
        }
    }

    private static func isValidPrincipal(_ text: String, of type: PolicyPrincipalType) -> Bool {
        switch type {
        case .aws: PolicyPrincipalIdentity(aws: text) != nil
        case .service: PolicyPrincipalIdentity(service: text) != nil
        case .federated, .canonicalUser: !text.isEmpty && !text.contains(where: \.isWhitespace)
        }
    }

    // MARK: Action

    /// "Statements must include either an Action or NotAction element." (IAM JSON policy elements:
    /// Action).
    func decodeActionBlock(in object: PolicyJSONObject) throws(PolicyDocumentError) -> PolicyActionBlock {
        guard let (isNegative, value) = try pick("Action", or: "NotAction", in: object) else {
            throw .missingActions
        }
        let element: PolicyActionBlock.Element = isNegative ? .notAction : .action
        guard let actions = stringList(value) else {
            if case .array(let elements) = value, elements.isEmpty { throw .missingActions }
            throw .invalidStringList(element.rawValue)
        }
        for action in actions {
            try Self.validateAction(action)
        }
        return PolicyActionBlock(element, actions)
    }

    /// `*`, or `vendor:action` with a literal vendor and an action part that may hold `*` and `?`.
    static func validateAction(_ action: String) throws(PolicyDocumentError) {
        if action == "*" { return }
        let parts = action.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count > 1, let vendor = parts.first, !vendor.isEmpty else { throw .missingVendor }
        guard parts.count == 2 else { throw .tooManyColons }
        guard !vendor.contains("*"), !vendor.contains("?") else { throw .wildcardVendor }
        let vendorIsValid = vendor.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == ".")
        }
        guard vendorIsValid else { throw .invalidVendor(String(vendor)) }
        guard !parts[1].isEmpty else { throw .missingActionName(action) }
    }

    // MARK: Resource

    /// "Statements must include either a Resource or a NotResource element." (IAM JSON policy
    /// elements: Resource) — for identity-based policies; a key policy statement without one is
    /// accepted and has no effect (botocore KMS model, `PutKeyPolicy`).
    func decodeResourceBlock(in object: PolicyJSONObject) throws(PolicyDocumentError) -> PolicyResourceBlock? {
        guard let (isNegative, value) = try pick("Resource", or: "NotResource", in: object) else {
            if kind == .identityBased { throw .missingResources }
            return nil
        }
        let element: PolicyResourceBlock.Element = isNegative ? .notResource : .resource
        guard let resources = stringList(value) else {
            if case .array(let elements) = value, elements.isEmpty { throw .missingResources }
            throw .invalidStringList(element.rawValue)
        }
        for resource in resources where !Self.isResourcePattern(resource) {
            throw .invalidResource(resource)
        }
        return PolicyResourceBlock(element, resources)
    }

    /// `*`, or `arn:partition:service:region:account:resource`, any part of which may be a pattern.
    static func isResourcePattern(_ resource: String) -> Bool {
        if resource == "*" { return true }
        let parts = resource.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && parts[0] == "arn"
    }

    // MARK: Condition

    /// Flattens `{ operator: { key: values } }` into one `PolicyCondition` per key, in document order.
    func decodeConditions(_ value: PolicyJSONValue?) throws(PolicyDocumentError) -> [PolicyCondition] {
        guard let value else { return [] }
        guard case .object(let map) = value else { throw .invalidConditionBlock }
        if let duplicate = map.firstDuplicateKey { throw .duplicateKey(duplicate) }
        var conditions: [PolicyCondition] = []
        for member in map.members {
            let conditionOperator = try PolicyConditionOperator(parsing: member.key)
            guard case .object(let keys) = member.value else { throw .invalidConditionKeys(member.key) }
            if let duplicate = keys.firstDuplicateKey { throw .duplicateKey(duplicate) }
            for entry in keys.members {
                try Self.validateConditionKey(entry.key)
                guard let values = Self.conditionValues(entry.value) else { throw .invalidConditionValue(entry.key) }
                conditions.append(PolicyCondition(conditionOperator, key: entry.key, values: values))
            }
        }
        return conditions
    }

    /// Condition keys carry a vendor prefix (`aws:`, `kms:`); unlike actions they may hold more
    /// colons, as in `kms:EncryptionContext:aws:ses:rule-name` (KMS Developer Guide).
    static func validateConditionKey(_ key: String) throws(PolicyDocumentError) {
        guard let colon = key.firstIndex(of: ":"), colon != key.startIndex else { throw .missingVendor }
    }

    /// `<condition_value> = ("string" | "number" | "Boolean")`, alone or in a non-empty array.
    static func conditionValues(_ value: PolicyJSONValue) -> [String]? {
        if let scalar = conditionScalar(value) { return [scalar] }
        guard case .array(let elements) = value, !elements.isEmpty else { return nil }
        var values: [String] = []
        for element in elements {
            guard let scalar = conditionScalar(element) else { return nil }
            values.append(scalar)
        }
        return values
    }

    private static func conditionScalar(_ value: PolicyJSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .null, .array, .object: nil
        }
    }
}
