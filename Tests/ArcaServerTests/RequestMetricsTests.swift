import Foundation
import Identity
import KeyManagement
import Testing
@testable import ArcaServer

/// The Prometheus exposition of the request counters, latency histograms and key gauges.
@Suite struct RequestMetricsTests {
    @Test func countersHistogramsAndGaugesRender() {
        let metrics = RequestMetrics()
        metrics.observe(service: "kms", operation: "Encrypt", outcome: "Success", seconds: 0.0007)
        metrics.observe(service: "kms", operation: "Encrypt", outcome: "Success", seconds: 0.02)
        metrics.observe(service: "kms", operation: "Encrypt", outcome: "AccessDeniedException", seconds: 9)
        metrics.observePendingDeletionUse(keyID: "1234")
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        var key = KMSKey(id: KeyID("1234abcd-12ab-34cd-56ef-1234567890ab")!, scope: KMSScope(account: .default, region: "us-east-1"),
                         creationDate: now, description: "", keyUsage: .encryptDecrypt, keySpec: .symmetricDefault,
                         origin: .external, keyManager: .customer, state: .enabled, policy: "{}", tags: [],
                         currentMaterialVersion: 1)
        key.importedMaterials = [ImportedKeyMaterial(fingerprint: "f", version: 1, expirationModel: .keyMaterialExpires,
                                                     validTo: now.addingTimeInterval(90), present: true)]
        let lines = Set(metrics.render(keys: [key], now: now).split(separator: "\n").map(String.init))
        #expect(lines.contains(#"arca_requests_total{service="kms",operation="Encrypt",outcome="Success"} 2"#))
        #expect(lines.contains(#"arca_requests_total{service="kms",operation="Encrypt",outcome="AccessDeniedException"} 1"#))
        #expect(lines.contains(#"arca_request_duration_seconds_bucket{service="kms",operation="Encrypt",le="0.001"} 1"#))
        #expect(lines.contains(#"arca_request_duration_seconds_bucket{service="kms",operation="Encrypt",le="0.025"} 2"#))
        #expect(lines.contains(#"arca_request_duration_seconds_bucket{service="kms",operation="Encrypt",le="5.0"} 2"#))
        #expect(lines.contains(#"arca_request_duration_seconds_bucket{service="kms",operation="Encrypt",le="+Inf"} 3"#))
        #expect(lines.contains(#"arca_request_duration_seconds_count{service="kms",operation="Encrypt"} 3"#))
        #expect(lines.contains(#"arca_keys{state="Enabled"} 1"#) && lines.contains(#"arca_keys{state="Disabled"} 0"#))
        #expect(lines.contains(#"SecondsUntilKeyMaterialExpiration{KeyId="1234abcd-12ab-34cd-56ef-1234567890ab"} 90"#))
        #expect(lines.contains(#"arca_pending_deletion_key_use_total{KeyId="1234"} 1"#))
        #expect(RequestMetrics.escape("a\"b\\c\nd") == #"a\"b\\c\nd"#)
    }
}
