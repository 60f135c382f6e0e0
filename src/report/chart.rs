//! The final report's picture of who spoke when: one lane a speaker over the session's time,
//! laid out here so the HTML template only draws it as inline SVG. Black on white, so that it
//! prints the same in colour or not.

use serde::Serialize;

use super::anonymize::Anonymity;
use crate::model::{Session, Speaker};
use crate::stats::{SpeakingTimeline, Until, hms};

/// The SVG's coordinate system: the width in user units, and where the bars begin and end.
const WIDTH: f64 = 700.0;
const PLOT_LEFT: f64 = 190.0;
const PLOT_RIGHT: f64 = 630.0;
const ROW: u32 = 18;
/// A turn of a few seconds still shows as a hairline.
const NARROWEST: f64 = 0.8;

#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub width: f64,
    pub height: u32,
    pub plot_left: f64,
    pub plot_right: f64,
    /// Where the time axis runs, below the last lane.
    pub axis_y: u32,
    /// "10:30".
    pub start: String,
    pub end: String,
    pub lanes: Vec<ChartLane>,
    pub ticks: Vec<ChartTick>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChartLane {
    pub label: String,
    /// The top of the lane.
    pub y: u32,
    pub spans: Vec<ChartSpan>,
    /// "0:10:00".
    pub time: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChartSpan {
    pub x: f64,
    pub width: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChartTick {
    pub x: f64,
    pub label: String,
}

/// Rounded to a tenth: enough for print, and short in the page's source.
fn tenth(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// None when no floor time was recorded. Anonymous, a person's lane is named as in the floor
/// tables (by stakeholder group, and region unless coarse).
pub fn who_spoke_when(session: &Session, anonymity: Option<Anonymity>) -> Option<Chart> {
    let timeline = SpeakingTimeline::of(session, Until::LastRecorded)?;
    let plot = PLOT_RIGHT - PLOT_LEFT;
    let x = |at| tenth(PLOT_LEFT + timeline.position(at) * plot);
    let label = |speaker: Speaker| match (speaker, anonymity) {
        (Speaker::Person(id), Some(anonymity)) => session
            .person(id)
            .map_or_else(|| "Participant".to_string(), |p| anonymity.label(p)),
        (other, _) => session.speaker_name(other),
    };
    let lanes: Vec<ChartLane> = timeline
        .lanes
        .iter()
        .zip(0u32..)
        .map(|(lane, row)| ChartLane {
            label: label(lane.speaker),
            y: row * ROW,
            spans: lane
                .spans
                .iter()
                .map(|(from, to)| ChartSpan {
                    x: x(*from),
                    width: tenth((x(*to) - x(*from)).max(NARROWEST)),
                })
                .collect(),
            time: hms(lane.floor),
        })
        .collect();
    let axis_y = lanes.len() as u32 * ROW + 2;
    let time = |at: chrono::DateTime<chrono::FixedOffset>| at.format("%H:%M").to_string();
    let ticks = timeline
        .ticks(6)
        .into_iter()
        .map(|at| ChartTick {
            x: x(at),
            label: time(at),
        })
        .collect();
    Some(Chart {
        width: WIDTH,
        height: axis_y + 14,
        plot_left: PLOT_LEFT,
        plot_right: PLOT_RIGHT,
        axis_y,
        start: time(timeline.start),
        end: time(timeline.end),
        lanes,
        ticks,
    })
}
