//! Account roles, highest first: owner, admin, editor, viewer.

use serde::{Deserialize, Serialize};

/// A member's role inside an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Full control of the tenant.
    Owner,
    /// Like owner: team, account settings and billing mutations.
    Admin,
    /// Writes planner, writer, automation and integration data.
    Editor,
    /// Read-only.
    Viewer,
}

impl Role {
    /// Every role, highest first.
    pub const ALL: [Role; 4] = [Role::Owner, Role::Admin, Role::Editor, Role::Viewer];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Viewer => "viewer",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    fn rank(self) -> u8 {
        match self {
            Role::Owner => 4,
            Role::Admin => 3,
            Role::Editor => 2,
            Role::Viewer => 1,
        }
    }

    /// True when this role is `other` or higher.
    pub fn at_least(self, other: Role) -> bool {
        self.rank() >= other.rank()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hierarchy() {
        assert!(Role::Owner.at_least(Role::Admin));
        assert!(Role::Admin.at_least(Role::Admin));
        assert!(!Role::Editor.at_least(Role::Admin));
        assert!(!Role::Viewer.at_least(Role::Editor));
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("developer"), None);
    }
}
