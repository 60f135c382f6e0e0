//! rapporteur: the record of a live multistakeholder session, from proposal to report.
//!
//! The [`model`] knows the session; the [`store`] keeps it durable; [`import`] reads proposal
//! pages; [`stats`] counts floor time; [`report`] assembles the reports; [`transcript`] checks the
//! record against the published transcript; [`tui`] is the live screen.

pub mod clock;
pub mod import;
pub mod model;
pub mod report;
pub mod stats;
pub mod store;
pub mod text;
pub mod transcript;
pub mod tui;
