//! The domain: a session, its people, policy questions and notes. Knows nothing of terminals or files.

mod attendance;
mod change;
mod filter;
pub mod merge;
mod names;
mod note;
mod participation;
mod replay;
mod session;
mod speaking;
mod vocabulary;

pub use attendance::{Attendance, Attendances};
pub use change::{Change, unite};
pub use filter::{Matcher, NoteFilter};
pub use names::{fold, name_matches};
pub use note::{FloorChange, Note, NoteId, SegmentChange, Speaker, hashtags};
pub use participation::{Participation, ParticipationError};
pub use session::{
    DEFAULT_SEGMENTS, Group, Incoming, NoteClash, PERSON_PREFIX, Person, PersonId, PolicyQuestion,
    Section, Session, SessionInfo, WhoError, person_id_block,
};
pub use vocabulary::{Gender, NoteKind, RegionalGroup, Role, StakeholderGroup, UnknownWord};
