import AWSWire
import Foundation
import Identity
import ServiceCalls
import Testing

@Suite struct ServicePipelineTests {
    @Test func anOperationRunsAndEveryStageSeesTheCall() async throws {
        let recorder = CapturingStage()
        let observer = CapturingStage()
        let client = ServiceClient(descriptor: .echo(), service: EchoService(),
                                   pipeline: ServicePipeline(recorders: [recorder], observers: [observer]))
        let output = try await client.call(Echo.self, EchoInput(text: "hi"), as: rootContext())
        #expect(output == EchoInput(text: "hi"))
        #expect(recorder.calls.count == 1 && observer.calls.count == 1)
        let call = try #require(recorder.calls.first)
        #expect(call.service == AWSServiceName("echo") && call.operation == "PutEcho" && call.outcome == "Success")
        #expect(call.context?.notes.request?.json == .object(["Text": .string("hi")]))
    }

    @Test func aRefusedAdmissionRunsNothingAndIsRecorded() async throws {
        let recorder = CapturingStage()
        let client = ServiceClient(descriptor: .echo(admission: Refusing()), service: EchoService(),
                                   pipeline: ServicePipeline(recorders: [recorder]))
        await #expect(throws: AWSProtocolError.self) {
            try await client.call(Echo.self, EchoInput(text: "hi"), as: rootContext())
        }
        #expect(recorder.calls.map(\.outcome) == ["ThrottlingException"])
        // The operation never ran, so it never noted its request.
        #expect(recorder.calls.first?.context?.notes.request?.json == nil)
    }

    @Test func anUnexpectedErrorIsTheServicesInternalErrorAndNamesOnlyItsType() async throws {
        let observer = CapturingStage()
        let client = ServiceClient(descriptor: .echo(), service: EchoService(),
                                   pipeline: ServicePipeline(observers: [observer]))
        do {
            _ = try await client.call(Explode.self, EchoInput(), as: rootContext())
            Issue.record("Explode succeeded")
        } catch let error as AWSProtocolError {
            #expect(error.awsErrorType == "EchoInternal" && error.httpStatusCode == 500)
        }
        #expect(observer.calls.first?.unexpectedErrorType == "Boom")
    }

    @Test func aCallWhoseRecordCannotBeKeptFails() async throws {
        let observer = CapturingStage()
        let client = ServiceClient(descriptor: .echo(), service: EchoService(),
                                   pipeline: ServicePipeline(recorders: [CapturingStage(failing: true)],
                                                             observers: [observer]))
        await #expect(throws: AWSProtocolError.self) {
            try await client.call(Echo.self, EchoInput(text: "hi"), as: rootContext())
        }
        // The stages after the recorder see the call as it is answered: failed.
        #expect(observer.calls.map(\.outcome) == ["EchoInternal"])
    }

    @Test func inProcessInputsAreCheckedAgainstTheirShape() async throws {
        let client = ServiceClient(descriptor: .echo(), service: EchoService(), pipeline: ServicePipeline())
        await #expect(throws: AWSRequestError.self) {
            try await client.call(Echo.self, EchoInput(text: String(repeating: "x", count: 11)), as: rootContext())
        }
    }

    @Test func theRegistryTellsImplementedUnsupportedAndUnknownApart() {
        let registry = ServiceDescriptor.echo().operations
        guard case .implemented(let echo) = registry.lookUp("PutEcho") else { Issue.record("PutEcho"); return }
        #expect(echo.name == "PutEcho" && echo.isReadOnly == false)
        guard case .unsupported = registry.lookUp("Missing") else { Issue.record("Missing"); return }
        guard case .unknown = registry.lookUp("Nothing") else { Issue.record("Nothing"); return }
        #expect(registry.implementedOperationNames == ["PutEcho", "Explode"])
    }

    @Test func wireRequestsAreDecodedAndAnsweredInTheirProtocol() async throws {
        guard case .implemented(let echo) = ServiceDescriptor.echo().operations.lookUp("PutEcho") else { return }
        let context = rootContext()
        let json = try await echo.answer(.json(Array(#"{"Text":"a"}"#.utf8)), context: context,
                                         wire: .awsJSON(AWSJSONProtocol(version: .v1_0, targetPrefix: "Echo")))
        #expect(String(decoding: json, as: UTF8.self) == #"{"Text":"a"}"#)
        let query = try AWSQueryParameters(formURLEncoded: Array("Action=PutEcho&Text=b".utf8))
        let xml = try await echo.answer(.query(query), context: context,
                                        wire: .query(AWSQueryProtocol(apiVersion: "2020-01-01", xmlNamespace: "urn:echo")))
        let text = String(decoding: xml, as: UTF8.self)
        #expect(text.contains("<PutEchoResult><Text>b</Text></PutEchoResult>"))
        #expect(text.contains("<RequestId>req-1</RequestId>"))
        // A mutating call's answer is noted for its record.
        #expect(context.notes.response?.json == .object(["Text": .string("b")]))
    }

    @Test func globalConditionKeysDescribeTheCall() {
        var context = rootContext()
        context.sourceResource = SourceResource(arn: "arn:aws:sns:us-east-1:111122223333:orders",
                                                account: AccountID("111122223333")!)
        let keys = context.conditionKeys(at: Date(timeIntervalSince1970: 1_700_000_000), clockText: CurrentTimeText())
        #expect(keys["aws:SourceArn"] == .single("arn:aws:sns:us-east-1:111122223333:orders"))
        #expect(keys["aws:SourceAccount"] == .single("111122223333"))
        #expect(keys["aws:SourceIp"] == .single("10.0.0.1"))
        #expect(keys["aws:ViaAWSService"] == .single("false"))
        #expect(keys["aws:EpochTime"] == .single("1700000000"))
        let via = context.via(AWSServiceName("sqs"))
        let viaKeys = via.conditionKeys(at: Date(timeIntervalSince1970: 0), clockText: CurrentTimeText())
        #expect(viaKeys["aws:ViaAWSService"] == .single("true"))
        #expect(viaKeys["aws:SourceIp"] == nil)
        #expect(via.requestID == context.requestID && via.userAgent == "sqs.amazonaws.com")
    }
}
