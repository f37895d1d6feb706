//! HTTP pieces every feature shares: the problem+json error, extractors, answers, the
//! idempotency middleware, security headers and the SPA's files.

pub mod error;
pub mod extract;
pub mod idempotency;
pub mod respond;
pub mod security;
pub mod serve;
pub mod spa;
