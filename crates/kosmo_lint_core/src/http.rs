//! The HTTP methods a KosmoJS `defineRoute` factory hands out.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The seven method builders of every generation (spec §3.1); there is no `ALL` or `TRACE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
}

impl HttpMethod {
    pub const ALL: [Self; 7] =
        [Self::Get, Self::Post, Self::Put, Self::Patch, Self::Delete, Self::Head, Self::Options];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
            Self::Head => "HEAD",
            Self::Options => "OPTIONS",
        }
    }
}

impl FromStr for HttpMethod {
    type Err = ();

    /// Exact, case-sensitive: the framework matches the callee text `GET`, never `get`.
    fn from_str(name: &str) -> Result<Self, ()> {
        Self::ALL.into_iter().find(|m| m.as_str() == name).ok_or(())
    }
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
