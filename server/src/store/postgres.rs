//! [`super::Store`] on PostgreSQL: nothing differs from the shared implementation.

super::store_impl!(postgres);
