/// What an operation may do to a key in each key state.
///
/// From "How Key State Affects Use of a Customer Master Key" (kms-developer-guide.md): cryptographic
/// operations need an enabled key — a disabled one "Results in `DisabledException` with the
/// message "`Key ARN` is disabled."", one pending deletion "Results in `KMSInvalidStateException`
/// with the message "`Key ARN` is pending deletion."". Management operations (enable, disable,
/// aliases, description, tags) work on enabled and disabled keys; reads work in every state.
public enum KeyStateRequirement: Sendable, CaseIterable {
    /// Encrypt, Decrypt, ReEncrypt, GenerateDataKey*, CreateGrant, and the rotation settings:
    /// EnableKeyRotation, DisableKeyRotation, RotateKeyOnDemand.
    case cryptographic
    /// UpdateKeyDescription, CreateAlias, UpdateAlias (target), TagResource, UntagResource,
    /// ScheduleKeyDeletion, and the import operations.
    case management
    /// EnableKey, DisableKey: enabled and disabled keys only; a key without its imported
    /// material cannot be switched on or off.
    case enablement
    /// DescribeKey, GetKeyPolicy, PutKeyPolicy, ListKeyPolicies, ListResourceTags, DeleteAlias,
    /// ListAliases, GetKeyRotationStatus, ListKeyRotations.
    case any
    /// CancelKeyDeletion: "Results in `KMSInvalidStateException` with the message "`Key ARN` is
    /// not pending deletion."" for every other state (a multi-Region primary waiting for its
    /// replicas' deletion, PendingReplicaDeletion, is pending deletion too).
    case pendingDeletion
}

extension KeyState {
    /// Throws the error the key state table gives for this use, or returns when the use is allowed.
    ///
    /// The ARN is only built for the error message, so the allowed path allocates nothing.
    public func require(_ requirement: KeyStateRequirement, keyARN: @autoclosure () -> String) throws(KMSError) {
        switch (requirement, self) {
        case (.pendingDeletion, .pendingDeletion), (.pendingDeletion, .pendingReplicaDeletion):
            return
        case (.pendingDeletion, _):
            throw KMSError(.kmsInvalidState, "\(keyARN()) is not pending deletion.")
        case (.any, _), (.cryptographic, .enabled), (.management, .enabled), (.management, .disabled),
             (.management, .pendingImport), (.enablement, .enabled), (.enablement, .disabled):
            return
        case (.cryptographic, .disabled):
            throw KMSError(.disabled, "\(keyARN()) is disabled.")
        case (_, .pendingDeletion), (_, .pendingReplicaDeletion):
            let arn = keyARN()
            var error = KMSError(.kmsInvalidState, "\(arn) is pending deletion.")
            error.keyPendingDeletion = arn
            throw error
        case (_, .pendingImport):
            throw KMSError(.kmsInvalidState, "\(keyARN()) is pending import.")
        case (_, .unavailable):
            throw KMSError(.kmsInvalidState, "\(keyARN()) is unavailable.")
        case (_, .creating), (_, .updating):
            throw KMSError(.kmsInvalidState, "\(keyARN()) is not yet available.")
        }
    }
}
