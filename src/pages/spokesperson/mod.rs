pub mod html;
pub mod page;
pub mod strings;
