//! `cargo xtask build`: only the split release build of the SPA into `dist/`, and its sizes.

use crate::proc::root_dir;
use crate::sizes::print_bundle_sizes;
use crate::split::build_spa;
use crate::tools::{build_tools, install};

pub fn cmd() -> Result<(), String> {
    let tool_steps = build_tools();
    install(&tool_steps, tool_steps.len())?;
    let bundle = build_spa()?;
    print_bundle_sizes(&root_dir().join("dist"), &bundle)
}
