//! Reusable pieces of the interface.

pub mod chart;
pub mod dynamic;
pub mod layout;
pub mod markup;
pub mod pagination;
pub mod results_table;
pub mod sort_header;
pub mod states;
pub mod toast;
pub mod vocab_select;

pub use chart::{BarItem, BarList, ChartPoint, ChartSeries, LineChart, Sparkline};
pub use dynamic::{dyn_aria, dyn_flag, dyn_text, dyn_view, DynView};
pub use layout::{LangSwitch, MainNav, Shell, SkipLink, TopBar};
pub use pagination::Pagination;
pub use results_table::{ColumnHeads, ResultsTable, TableSkeleton};
pub use sort_header::SortHeader;
pub use states::{
    empty_list, error_state, EmptyListTexts, EmptyState, ErrorState, ForbiddenState, Loaded,
    NavigationProgress, SkeletonBlock, SkeletonRows,
};
pub use toast::{provide_toasts, use_toasts, ToastKind, ToastRegion, Toasts};
pub use vocab_select::{VocabOption, VocabSelect};
