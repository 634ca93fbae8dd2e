import Foundation

/// Reads and writes AWS JSON 1.0/1.1 bodies: base64 blobs and epoch-second timestamps.
public enum AWSJSONCoding {
    public static let contentType = "application/x-amz-json-1.1"

    /// Decodes a request body into its shape: parse, check the declared constraints, then decode.
    public static func decodeRequest<Shape: AWSShape>(_ type: Shape.Type, from body: some DataProtocol) throws(AWSRequestError) -> Shape {
        let data = body.isEmpty ? Data("{}".utf8) : Data(body)
        let decoder = makeDecoder()
        let value: JSONValue
        do {
            value = try decoder.decode(JSONValue.self, from: data)
        } catch {
            throw .serialization("Could not parse the request body as JSON")
        }
        guard case .object = value else {
            throw .serialization("Expected an object as the request body")
        }
        try ShapeValidator().validate(value, against: Shape.schema)
        do {
            return try decoder.decode(Shape.self, from: data)
        } catch {
            throw .serialization("The request body does not match the \(Shape.self) shape")
        }
    }

    public static func encodeResponse(_ value: some Encodable) throws -> Data {
        try makeEncoder().encode(value)
    }

    /// `{"__type": …, "message": …}`, the AWS JSON error body.
    public static func encodeError(_ error: any AWSErrorRenderable) -> Data {
        let body = AWSJSONErrorBody(type: error.awsErrorType, message: error.message)
        return (try? JSONEncoder().encode(body)) ?? Data()
    }

    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        decoder.dataDecodingStrategy = .base64
        return decoder
    }

    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.dataEncodingStrategy = .base64
        return encoder
    }
}

/// The body of an AWS JSON error response.
struct AWSJSONErrorBody: Codable {
    var type: String
    var message: String

    enum CodingKeys: String, CodingKey {
        case type = "__type"
        case message
    }
}
