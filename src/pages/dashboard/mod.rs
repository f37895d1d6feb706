pub mod page;
pub mod strings;
