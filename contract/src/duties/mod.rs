//! The board's recurring duties beyond single articles: the quarterly model articles sent to
//! the VSS portal board, and "my work" (what waits for the signed-in user).

pub mod my_work;
pub mod quarterly;

pub use my_work::*;
pub use quarterly::*;
