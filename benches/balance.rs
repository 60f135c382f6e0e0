//! What the balance panel costs at 10,000 notes: every figure counted (once per change to the
//! session), the open floor counted on at a tick (no change), and a frame with the panel shown,
//! which only reads the figures.

use std::hint::black_box;

use chrono::TimeDelta;
use criterion::{Criterion, criterion_group, criterion_main};
use rapporteur::stats::{self, Until};
use rapporteur::tui::action::Action;
use rapporteur::tui::sample::*;
use rapporteur::tui::{draw, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

const NOTES: usize = 10_000;

fn figures(c: &mut Criterion) {
    let session = mid_way(NOTES);
    c.bench_function("balance/every figure, 10000 notes", |b| {
        b.iter(|| {
            let counted = stats::compute(&session, Until::Moment(now()));
            black_box(stats::balance(&session, &counted))
        })
    });
    // A hand-over: the change is recorded and every figure counted again, once.
    let mut handing = app(mid_way(NOTES), 200, 50);
    let mut n = 0u32;
    c.bench_function("balance/floor change through update, 10000 notes", |b| {
        b.iter(|| {
            n += 1;
            update(&mut handing, Action::GiveFloorTo(1 + (n % 2) as usize))
        })
    });
    // Time passing with the floor open: counted on, not counted again.
    let mut ticking = app(mid_way(NOTES), 200, 50);
    let mut clock = now();
    c.bench_function("balance/tick with the floor open, 10000 notes", |b| {
        b.iter(|| {
            clock += TimeDelta::seconds(1);
            update(&mut ticking, Action::Tick(moment(clock)))
        })
    });
}

fn frames(c: &mut Criterion) {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = app(mid_way(NOTES), w, h);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        c.bench_function(
            &format!("balance/frame without the panel {w}x{h}, 10000 notes"),
            |b| b.iter(|| terminal.draw(|f| draw(f, &app)).unwrap().area),
        );
        update(&mut app, Action::ToggleBalance);
        c.bench_function(
            &format!("balance/frame with the panel {w}x{h}, 10000 notes"),
            |b| b.iter(|| terminal.draw(|f| draw(f, &app)).unwrap().area),
        );
        // The panel's own share of the frame: laid out and drawn from the figures.
        let area = balance_panel_area(&app);
        c.bench_function(
            &format!("balance/the panel alone {w}x{h}, 10000 notes"),
            |b| {
                b.iter(|| {
                    let mut buffer = Buffer::empty(area);
                    render_balance_panel(&app, area, &mut buffer);
                    buffer
                })
            },
        );
    }
}

criterion_group!(benches, figures, frames);
criterion_main!(benches);
