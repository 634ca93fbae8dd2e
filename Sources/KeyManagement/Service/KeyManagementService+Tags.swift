/// Tag rules common to CreateKey and TagResource.
///
/// "Tags beginning with aws: are reserved", in any letter case; a request may not name a tag key twice ("Duplicate tag
/// keys"); a key has at most 50 tags ("Too many tags") — AWS's TagException messages.
enum TagRules {
    static let maximumPerKey = 50

    static func validate(_ tags: [Tag]) throws(KMSError) {
        guard tags.count <= maximumPerKey else { throw KMSError(.tag, "Too many tags") }
        var seen = Set<String>()
        for tag in tags {
            if tag.tagKey.lowercased().hasPrefix("aws:") { throw KMSError(.tag, "Tags beginning with aws: are reserved") }
            guard seen.insert(tag.tagKey).inserted else { throw KMSError(.tag, "Duplicate tag keys") }
        }
    }

    /// Existing tags with `new` applied: new keys appended, existing keys overwritten in place.
    static func merge(_ existing: [Tag], _ new: [Tag]) throws(KMSError) -> [Tag] {
        var merged = existing
        for tag in new {
            if let index = merged.firstIndex(where: { $0.tagKey == tag.tagKey }) {
                merged[index].tagValue = tag.tagValue
            } else {
                merged.append(tag)
            }
        }
        guard merged.count <= maximumPerKey else { throw KMSError(.tag, "Too many tags") }
        return merged
    }
}
