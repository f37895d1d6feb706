//! What every form shares: fields and their messages, and the parsing of what people type.

pub mod field;
pub mod money;

pub use field::{
    error_id, focus_first_invalid, focus_later, input_id, invalid_flag, local_field, messages_of,
    messages_under, FieldMessages,
};
pub use money::parse_dong;
