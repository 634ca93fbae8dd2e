import Foundation

/// Whole seconds since the epoch, as condition keys and records carry them.
public enum EpochSeconds {
    /// The second `date` falls in, clamped to what `Int64` holds: a date no clock reaches never
    /// traps the process.
    public static func clamped(_ date: Date) -> Int64 {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite else { return 0 }
        if seconds >= 9_223_372_036_854_774_784 { return .max }
        if seconds <= -9_223_372_036_854_775_808 { return .min }
        return Int64(seconds)
    }
}
