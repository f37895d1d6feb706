pub mod board;
pub mod logic;
pub mod strings;
