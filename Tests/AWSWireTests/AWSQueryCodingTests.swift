import Foundation
import Testing
@testable import AWSWire

@Suite struct AWSQueryCodingTests {
    static let namespace = "https://iam.amazonaws.com/doc/2010-05-08/"

    /// A request shape the way the generator writes one.
    struct TagThing: AWSShape, Equatable {
        var name: String
        var tags: [String]?
        static let schema: ShapeSchema = .structure([
            .init("Name", .string(min: 1, max: 8, pattern: "[a-z]+"), required: true),
            .init("Tags", .list(.string(), max: 2)),
        ])

        init(name: String, tags: [String]? = nil) {
            self.name = name
            self.tags = tags
        }

        init(json: JSONValue) throws(AWSRequestError) {
            let fields = try json.fields()
            self.init(name: try fields.required("Name"), tags: try fields.optional("Tags"))
        }

        func write(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.member("Name", name)
            writer.member("Tags", tags)
            writer.endObject()
        }
    }

    /// An output shape: generated code marks it `AWSQueryOutput`.
    struct Answer: AWSQueryOutput, Equatable {
        var names: [String]
        var created: Date?
        static let hasResultElement = true
        static let schema: ShapeSchema = .structure([
            .init("Names", .list(.string()), required: true),
            .init("Created", .timestamp()),
        ])

        init(names: [String], created: Date? = nil) {
            self.names = names
            self.created = created
        }

        init(json: JSONValue) throws(AWSRequestError) {
            let fields = try json.fields()
            self.init(names: try fields.required("Names"), created: try fields.optional("Created"))
        }

        func write(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.member("Names", names)
            writer.member("Created", created)
            writer.endObject()
        }
    }

    struct NoAnswer: AWSQueryOutput, Equatable {
        static let hasResultElement = false
        static let schema: ShapeSchema = .structure([])
        init() {}
        init(json: JSONValue) throws(AWSRequestError) { self.init() }
        func write(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.endObject()
        }
    }

    func decode(_ body: String) throws(AWSRequestError) -> TagThing {
        try AWSQueryCoding.decodeRequest(TagThing.self, from: AWSQueryParameters(formURLEncoded: Array(body.utf8)))
    }

    @Test func decodesAndBuildsTheShape() throws {
        #expect(try decode("Action=TagThing&Version=2010-05-08&Name=box&Tags.member.1=a&Tags.member.2=b")
            == TagThing(name: "box", tags: ["a", "b"]))
        #expect(try decode("Action=TagThing&Version=2010-05-08&Name=box&Tags=") == TagThing(name: "box", tags: []))
    }

    @Test func missingRequiredMemberIsTheValidatorsMessage() {
        #expect(throws: AWSRequestError.validation(
            "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null")) {
            try decode("Action=TagThing&Version=2010-05-08")
        }
    }

    @Test func brokenConstraintsAreCountedTogether() {
        #expect(throws: AWSRequestError.validation(
            "2 validation errors detected: Value 'Box' at 'name' failed to satisfy constraint: Member must satisfy regular "
                + "expression pattern: [a-z]+; Value '[a, b, c]' at 'tags' failed to satisfy constraint: Member must have "
                + "length less than or equal to 2")) {
            try decode("Name=Box&Tags.member.1=a&Tags.member.2=b&Tags.member.3=c")
        }
    }

    @Test func encodesAnOutputInsideItsResultElement() {
        let body = AWSQueryCoding.encodeResponse(Answer(names: ["a"], created: Date(timeIntervalSince1970: 1_795_545_600)),
                                                 action: "ListThings", namespace: Self.namespace, requestID: "7a62c49f")
        #expect(String(decoding: body, as: UTF8.self)
            == #"<ListThingsResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListThingsResult>"#
            + "<Names><member>a</member></Names><Created>2026-11-24T18:40:00Z</Created></ListThingsResult>"
            + "<ResponseMetadata><RequestId>7a62c49f</RequestId></ResponseMetadata></ListThingsResponse>")
    }

    @Test func encodesAnEmptyRequiredListAsAnEmptyElement() {
        let body = AWSQueryCoding.encodeResponse(Answer(names: []), action: "ListThings", namespace: Self.namespace, requestID: "r")
        #expect(String(decoding: body, as: UTF8.self).contains("<ListThingsResult><Names></Names></ListThingsResult>"))
    }

    @Test func encodesAnOperationWithoutOutputWithoutResult() {
        let body = AWSQueryCoding.encodeResponse(NoAnswer(), action: "DeleteThing", namespace: Self.namespace, requestID: "r")
        #expect(String(decoding: body, as: UTF8.self)
            == #"<DeleteThingResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">"#
            + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteThingResponse>")
    }
}
