import Foundation
import Testing
@testable import AWSWire

@Suite struct ShapeValidatorTests {
    struct Probe: AWSShape {
        var name: String
        static let schema: ShapeSchema = .structure([
            .init("Name", .string(min: 1, max: 5, pattern: "^[a-z]+$"), required: true),
            .init("Secret", .blob(min: 1, max: 4, sensitive: true)),
            .init("Count", .integer(min: 1, max: 10)),
            .init("Mode", .string(enumValues: ["ON", "OFF"])),
            .init("Items", .list(.structure([.init("Key", .string(max: 2), required: true)]), max: 2)),
            .init("Context", .map(key: .string(), value: .string())),
            .init("Flag", .boolean()),
        ])
        enum CodingKeys: String, CodingKey { case name = "Name" }

        init(json: JSONValue) throws(AWSRequestError) {
            name = try json.fields().required("Name")
        }

        func write(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.member("Name", name)
            writer.endObject()
        }
    }

    func decode(_ json: String) throws(AWSRequestError) -> Probe {
        try AWSJSONCoding.decodeRequest(Probe.self, from: Array(json.utf8))
    }

    @Test func validRequestDecodes() throws {
        #expect(try decode(#"{"Name":"abc","Count":3,"Mode":"ON","Items":[{"Key":"k"}],"Context":{"a":"b"},"Flag":true,"Unknown":1}"#).name == "abc")
    }

    @Test func missingRequiredMemberIsNotNull() {
        #expect(throws: AWSRequestError.validation("1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null")) {
            try decode("{}")
        }
        #expect(throws: AWSRequestError.validation("1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null")) {
            try decode(#"{"Name":null}"#)
        }
    }

    @Test func rangeLengthPatternAndEnumMessagesFollowAWSWording() {
        #expect(throws: AWSRequestError.validation("1 validation error detected: Value '0' at 'count' failed to satisfy constraint: Member must have value greater than or equal to 1")) {
            try decode(#"{"Name":"a","Count":0}"#)
        }
        #expect(throws: AWSRequestError.validation("1 validation error detected: Value 'OTHER' at 'mode' failed to satisfy constraint: Member must satisfy enum value set: [ON, OFF]")) {
            try decode(#"{"Name":"a","Mode":"OTHER"}"#)
        }
        #expect(throws: AWSRequestError.validation("2 validation errors detected: Value 'ABCDEF' at 'name' failed to satisfy constraint: Member must have length less than or equal to 5; Value 'ABCDEF' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z]+$")) {
            try decode(#"{"Name":"ABCDEF"}"#)
        }
        #expect(throws: AWSRequestError.validation("1 validation error detected: Value 'abc' at 'items.2.member.key' failed to satisfy constraint: Member must have length less than or equal to 2")) {
            try decode(#"{"Name":"a","Items":[{"Key":"ok"},{"Key":"abc"}]}"#)
        }
    }

    @Test func sensitiveValuesAreNeverEchoed() {
        #expect(throws: AWSRequestError.validation("1 validation error detected: Value at 'secret' failed to satisfy constraint: Member must have length less than or equal to 4")) {
            try decode(#"{"Name":"a","Secret":"c2VjcmV0"}"#)
        }
    }

    @Test func wrongTypesAreSerializationErrors() {
        for json in [#"{"Name":5}"#, #"{"Name":"a","Count":"3"}"#, #"{"Name":"a","Count":1.5}"#, #"{"Name":"a","Flag":"yes"}"#,
                     #"{"Name":"a","Items":{}}"#, #"[]"#, #"{"Name":"a""#, "not json"] {
            #expect {
                try decode(json)
            } throws: { error in
                if case .serialization = error as? AWSRequestError { return true }
                return false
            }
        }
    }

    @Test func emptyBodyIsAnEmptyObject() {
        #expect(throws: AWSRequestError.validation("1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null")) {
            try AWSJSONCoding.decodeRequest(Probe.self, from: [])
        }
    }

    @Test func base64LengthIsComputedWithoutDecoding() {
        for count in 0..<40 {
            let encoded = Data(repeating: 0xAB, count: count).base64EncodedString()
            #expect(ShapeValidator.decodedLength(ofBase64: encoded) == count)
            let unpadded = encoded.replacingOccurrences(of: "=", with: "")
            #expect(ShapeValidator.decodedLength(ofBase64: unpadded) == count)
        }
    }
}
