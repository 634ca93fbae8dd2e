import Identity
import ServiceCalls

/// Lists the users, groups and roles a managed policy is attached to.
public enum ListEntitiesForPolicy: IAMOperation {
    public static let name = "ListEntitiesForPolicy"

    public static func perform(_ input: ListEntitiesForPolicyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> ListEntitiesForPolicyResponse {
        try iam.authorize("iam:ListEntitiesForPolicy", policyARN: input.policyArn, context: context)
        let directory = iam.identities.current
        let policy = try iam.managedPolicy(input.policyArn, in: directory, context: context)
        let prefix = input.pathPrefix ?? "/"
        var entities: [(kind: EntityType, name: String, id: String)] = []
        if input.policyUsageFilter != .permissionsBoundary {
            for arn in directory.entities(attachedTo: policy.arn) {
                if let group = directory.groups[arn] {
                    if group.path.hasPrefix(prefix) { entities.append((.group, group.name, group.groupID)) }
                } else if let role = directory.role(arn: arn) {
                    if role.path.hasPrefix(prefix) { entities.append((.role, role.name, role.roleID)) }
                } else if let user = try? iam.user(arn: arn, context: context).shape, user.path.hasPrefix(prefix) {
                    entities.append((.user, user.userName, user.userId))
                }
            }
        }
        entities = entities.filter { entity in input.entityFilter.map { $0 == entity.kind } ?? true }
            .sorted { ($0.kind.rawValue, $0.name.lowercased()) < ($1.kind.rawValue, $1.name.lowercased()) }
        let (page, next) = try IAMPage.page(entities, maxItems: input.maxItems, marker: input.marker)
        return ListEntitiesForPolicyResponse(
            policyGroups: page.filter { $0.kind == .group }.map { PolicyGroup(groupName: $0.name, groupId: $0.id) },
            policyUsers: page.filter { $0.kind == .user }.map { PolicyUser(userName: $0.name, userId: $0.id) },
            policyRoles: page.filter { $0.kind == .role }.map { PolicyRole(roleName: $0.name, roleId: $0.id) },
            isTruncated: next != nil, marker: next)
    }
}
