import Crypto
import Foundation

extension KeyManagementService {
    /// The `KeyMaterialId` AWS reports: 64 hex digits naming one backing key version.
    ///
    /// Derived by hashing the key id and version, so it is stable and reveals nothing of the material.
    func keyMaterialID(of key: KMSKey, version: UInt32) -> String {
        var input = Array("arca-key-material".utf8) + key.id.bytes
        withUnsafeBytes(of: version.bigEndian) { input.append(contentsOf: $0) }
        return SHA256.hash(data: input).map { String(format: "%02x", $0) }.joined()
    }
}
