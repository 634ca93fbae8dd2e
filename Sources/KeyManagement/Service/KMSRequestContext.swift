import Identity

/// Who is calling and from where: what every operation authorizes and scopes against.
public struct KMSRequestContext: Sendable {
    public var caller: Principal
    /// The region of the request's SigV4 credential scope.
    public var region: String
    public var requestID: String

    public init(caller: Principal, region: String, requestID: String) {
        self.caller = caller
        self.region = region
        self.requestID = requestID
    }

    /// The caller's own account and region: where new keys and aliases go, and where bare key ids
    /// and alias names are looked up.
    public var scope: KMSScope { KMSScope(account: caller.account, region: region) }
}
