//! The words a corpus is made of: business domains as top-level route folders,
//! sub-resources below them, and the fields of their records.

pub const DOMAINS: &[&str] = &[
    "accounts",
    "alerts",
    "analytics",
    "articles",
    "audit",
    "billing",
    "bookings",
    "calendar",
    "campaigns",
    "catalog",
    "comments",
    "contracts",
    "customers",
    "deployments",
    "documents",
    "events",
    "exports",
    "imports",
    "integrations",
    "inventory",
    "invoices",
    "leads",
    "messages",
    "metrics",
    "notifications",
    "orders",
    "payments",
    "products",
    "projects",
    "releases",
    "reports",
    "roles",
    "sessions",
    "settings",
    "shipments",
    "subscriptions",
    "teams",
    "tickets",
    "users",
    "vendors",
    "warehouses",
    "webhooks",
    "workspaces",
];

pub const SUBRESOURCES: &[&str] = &[
    "activity",
    "approvals",
    "attachments",
    "billing",
    "changes",
    "comments",
    "drafts",
    "events",
    "exports",
    "history",
    "invites",
    "items",
    "keys",
    "labels",
    "limits",
    "lines",
    "links",
    "logs",
    "members",
    "metrics",
    "notes",
    "overview",
    "owners",
    "permissions",
    "preview",
    "reviews",
    "rules",
    "schedule",
    "settings",
    "snapshots",
    "stats",
    "status",
    "summary",
    "tags",
    "tasks",
    "timeline",
    "totals",
    "usage",
    "versions",
];

pub const FIELDS: &[&str] = &[
    "amount",
    "archived",
    "color",
    "count",
    "createdAt",
    "currency",
    "description",
    "dueAt",
    "email",
    "kind",
    "label",
    "name",
    "note",
    "ownerId",
    "priority",
    "rank",
    "region",
    "score",
    "slug",
    "status",
    "tags",
    "title",
    "total",
    "updatedAt",
    "url",
    "version",
];

/// A field's TypeScript type.
pub const FIELD_TYPES: &[&str] =
    &["string", "number", "boolean", "string | null", "Date", "string[]", "Record<string, number>"];

/// `users` → `Users`, `created_at` → `CreatedAt`.
pub fn pascal(word: &str) -> String {
    word.split(['_', '-'])
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
        })
        .collect()
}

/// `users` → `users`, `created_at` → `createdAt`.
pub fn camel(word: &str) -> String {
    let pascal = pascal(word);
    let mut chars = pascal.chars();
    chars.next().map_or_else(String::new, |first| first.to_lowercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn cases() {
        assert_eq!(super::pascal("created_at"), "CreatedAt");
        assert_eq!(super::camel("OrderId"), "orderId");
        assert_eq!(super::camel("users"), "users");
    }
}
