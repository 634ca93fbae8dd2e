import Foundation

/// Reads and writes AWS JSON 1.0/1.1 bodies: base64 blobs and epoch-second timestamps.
public enum AWSJSONCoding {
    public static let contentType = "application/x-amz-json-1.1"

    /// Decodes a request body into its shape: parse once, check the declared constraints, build.
    public static func decodeRequest<Shape: AWSShape>(_ type: Shape.Type, from body: [UInt8]) throws(AWSRequestError) -> Shape {
        try decodeRequestKeepingJSON(type, from: body).shape
    }

    /// Decodes a request body into its shape and returns the parsed JSON too (for the audit record).
    public static func decodeRequestKeepingJSON<Shape: AWSShape>(_ type: Shape.Type,
                                                                  from body: [UInt8]) throws(AWSRequestError) -> (shape: Shape, json: JSONValue) {
        let bytes = body.isEmpty ? Array("{}".utf8) : body
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw .serialization("Could not parse the request body as JSON")
        }
        guard case .object = value else {
            throw .serialization("Expected an object as the request body")
        }
        try ShapeValidator().validate(value, against: Shape.schema)
        return (try Shape(json: value), value)
    }

    public static func encodeResponse(_ value: some JSONWritable) -> Data {
        JSONWriter.encode(value)
    }

    /// `{"__type": …, "message": …}`, the AWS JSON error body; without `message` when the error
    /// has none, as AWS answers `InvalidCiphertextException` (aws-recorded, test_kms.snapshot.json).
    public static func encodeError(_ error: any AWSErrorRenderable) -> Data {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("__type", error.awsErrorType)
        if !error.message.isEmpty { writer.member("message", error.message) }
        writer.endObject()
        return Data(writer.bytes)
    }
}
