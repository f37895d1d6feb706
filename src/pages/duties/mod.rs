pub mod my_work;
pub mod norms;
pub mod quarterly;
pub mod strings;
