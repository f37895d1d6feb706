pub mod logic;
pub mod page;
pub mod strings;
