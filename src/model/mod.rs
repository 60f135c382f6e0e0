//! The domain: a session, its people, policy questions and notes. Knows nothing of terminals or files.

mod attendance;
mod change;
mod filter;
mod floor_settle;
mod group;
pub mod merge;
mod names;
mod note;
mod participation;
mod problems;
mod replay;
mod roster;
mod session;
mod speaking;
mod takers;
mod vocabulary;

pub use attendance::{Attendance, Attendances};
pub use change::{Change, unite};
pub use filter::{Matcher, NoteFilter};
pub use floor_settle::{
    DIFFERENT_HOLDERS, FloorConflict, FloorRecords, SAME_HOLDER, floor_changes, floor_records,
    settle,
};
pub use group::Group;
pub use names::{fold, name_matches};
pub use note::{EmptyNote, FloorChange, Note, NoteId, SegmentChange, Speaker, hashtags};
pub use participation::{Participation, ParticipationError};
pub use problems::Problem;
pub use roster::{PERSON_PREFIX, Person, PersonId, WhoError, person_id_block};
pub use session::{
    DEFAULT_SEGMENTS, Incoming, NoteClash, PolicyQuestion, Section, Session, SessionInfo,
};
pub use vocabulary::{Gender, NoteKind, RegionalGroup, Role, StakeholderGroup, UnknownWord};
