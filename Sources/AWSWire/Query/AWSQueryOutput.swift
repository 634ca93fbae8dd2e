/// The output shape of a query-protocol operation, generated from the service model.
///
/// Every output shape of the IAM, STS and SNS models has a `resultWrapper` named
/// `{Operation}Result`; an operation without an output shape answers with only the
/// `ResponseMetadata`. The generator marks which is which, so a handler never decides it.
public protocol AWSQueryOutput: AWSShape {
    /// Whether the answer carries `<{Operation}Result>`: true for an output shape of the model,
    /// false for the empty answer the generator writes for an operation that has none.
    static var hasResultElement: Bool { get }
}
