//! The end-to-end journeys, one test binary: the modules share one link and one pool of test
//! threads, so a file with a single slow journey no longer runs alone.

mod accessibility;
mod chunks;
mod duties;
mod editorial;
mod fraud;
mod info;
mod journeys;
mod media;
mod plan;
mod royalties;
mod security;
mod snippet;
mod stats;
