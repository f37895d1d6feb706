//! [`super::Store`] on SQLite: nothing differs from the shared implementation.

super::store_impl!(sqlite);
