//! The wall clock, read without panicking. chrono's `Local::now()` panics when the system clock
//! is set before 1970; a rapporteur's laptop with a dead battery can boot there.

use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, FixedOffset, Local, Utc};

/// The system clock says a time before 1970: every note would be stamped wrongly.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the system clock is set to {0}, before 1970; set the date and time, then try again")]
pub struct ClockBeforeEpoch(pub String);

/// Refuses a system clock set before 1970, so that a command stops before it stamps anything.
pub fn check() -> Result<(), ClockBeforeEpoch> {
    check_reading(SystemTime::now())
}

fn check_reading(reading: SystemTime) -> Result<(), ClockBeforeEpoch> {
    match reading.duration_since(UNIX_EPOCH) {
        Ok(_) => Ok(()),
        Err(_) => Err(ClockBeforeEpoch(
            local(reading).format("%Y-%m-%d %H:%M:%S %:z").to_string(),
        )),
    }
}

/// The local time now, with its offset. Never panics: a clock that is stepped back before 1970
/// while a command runs gives a time before 1970 (see [`check`] for refusing that up front).
pub fn now() -> DateTime<FixedOffset> {
    local(SystemTime::now())
}

fn local(reading: SystemTime) -> DateTime<FixedOffset> {
    DateTime::<Utc>::from(reading)
        .with_timezone(&Local)
        .fixed_offset()
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_clock_before_1970_is_an_error_not_a_panic() {
        let before = UNIX_EPOCH - Duration::from_secs(86_400 * 365);
        let error = check_reading(before).unwrap_err();
        assert!(error.to_string().contains("1969"), "{error}");
        assert_eq!(local(before).timestamp(), -86_400 * 365);
        assert_eq!(check_reading(UNIX_EPOCH + Duration::from_secs(1)), Ok(()));
    }
}
