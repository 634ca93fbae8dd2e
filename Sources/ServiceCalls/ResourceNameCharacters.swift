/// The characters of SQS queue names and SNS topic names, of permission labels and of batch entry
/// ids: "alphanumeric characters, hyphens (-), and underscores (_)".
public enum ResourceNameCharacters {
    public static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }
}
