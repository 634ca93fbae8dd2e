import ServiceCalls

extension CallContext {
    /// The caller's own account and region: where new keys and aliases go, and where bare key
    /// ids and alias names are looked up.
    public var scope: KMSScope { KMSScope(account: account, region: region) }
}

extension KMSKey {
    /// The key as a CloudTrail record's `resources` name it; a key of another account puts the
    /// record in that account's trail too.
    public var auditResource: CallResource {
        CallResource(arn: arn, accountID: scope.account.rawValue, type: "AWS::KMS::Key")
    }
}
