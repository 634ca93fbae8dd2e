import AWSWire

/// Calls one service's operations from inside Arca, through the same pipeline as a request over
/// HTTP minus the HTTP: the same authorization (in the operation), quotas, audit record and
/// metrics.
///
/// SQS uses a client of the KMS to get data keys for a sender (`context.via(sqs)`); SNS delivers
/// into queues as a service principal (`Caller.service("sns.amazonaws.com", …)` with the
/// topic as `sourceResource`).
public struct ServiceClient<Service: Sendable>: Sendable {
    public let descriptor: ServiceDescriptor
    public let service: Service
    public let pipeline: ServicePipeline

    public init(descriptor: ServiceDescriptor, service: Service, pipeline: ServicePipeline) {
        self.descriptor = descriptor
        self.service = service
        self.pipeline = pipeline
    }

    /// Runs `operation` with `input` as `context`'s caller. The input is checked against its
    /// shape's constraints as a request over the wire would be; failures throw the service's
    /// errors (``AWSErrorRenderable``), which the calling service maps to its own.
    public func call<Operation: ServiceOperation>(_ operation: Operation.Type, _ input: Operation.Input,
                                                  as context: CallContext) async throws -> Operation.Output
        where Operation.Service == Service {
        let service = self.service
        let result = await pipeline.run(descriptor, operation: Operation.name, isReadOnly: Operation.isReadOnly,
                                        context: context) {
            var writer = JSONWriter()
            input.write(to: &writer)
            let decoded = try AWSJSONCoding.decodeRequestKeepingJSON(Operation.Input.self, from: writer.bytes)
            context.notes.noteRequest(decoded.json, schema: Operation.Input.schema)
            let output = try await Operation.perform(decoded.shape, context: context, service: service)
            if !Operation.isReadOnly { context.notes.noteResponse(output) }
            return output
        }
        return try result.get()
    }
}
