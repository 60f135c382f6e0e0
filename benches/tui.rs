//! What the live screen costs: one frame at 200×50 with 10 to 100,000 notes, and one key press
//! (event → update → frame) at 1,000, 10,000 and 100,000 notes, in the editor and in the
//! timeline's search: it must cost the same at every size.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use crossterm::event::KeyCode;
use rapporteur::model::{Change, Session};
use rapporteur::store::StoreError;
use rapporteur::tui::sample::*;
use rapporteur::tui::{self, App, Persist, Recovery, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Writes nothing: the key-press figure is our own work, not the disk's.
struct Nowhere;

impl Persist for Nowhere {
    fn append(&mut self, _: &Change) -> Result<(), StoreError> {
        Ok(())
    }
    fn save_header(&mut self, _: &Session) -> Result<(), StoreError> {
        Ok(())
    }
    fn save_draft(&mut self, _: &Recovery) -> Result<(), StoreError> {
        Ok(())
    }
    fn clear_draft(&mut self) -> Result<(), StoreError> {
        Ok(())
    }
}

fn frame(c: &mut Criterion) {
    // 200×50 and the 160×48 of a laptop's full-screen terminal.
    for (width, height) in [(200, 50), (160, 48)] {
        let mut group = c.benchmark_group(format!("frame_{width}x{height}"));
        for notes in [10, 1_000, 10_000, 100_000] {
            let app = app(mid_way(notes), width, height);
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            group.bench_with_input(BenchmarkId::from_parameter(notes), &app, |b, app| {
                b.iter(|| {
                    terminal.draw(|f| draw(f, app)).unwrap();
                })
            });
        }
        group.finish();
    }
    // The same frame without the terminal's diff: our own share of it.
    let app = app(mid_way(10_000), 200, 50);
    let area = ratatui::layout::Rect::new(0, 0, 200, 50);
    c.bench_function("render_only_200x50/10000", |b| {
        b.iter(|| {
            let mut buffer = ratatui::buffer::Buffer::empty(area);
            ratatui::widgets::Widget::render(&app, area, &mut buffer);
            buffer
        })
    });
    let mut empty = Terminal::new(TestBackend::new(200, 50)).unwrap();
    c.bench_function("empty_frame_200x50", |b| {
        b.iter(|| {
            empty.draw(|_| {}).unwrap();
        })
    });
}

/// One key press that keeps the text the same length over a run: a character, then Backspace.
fn type_or_erase(app: &mut App, store: &mut Nowhere, n: &mut u64, c: char) {
    *n += 1;
    let code = if n.is_multiple_of(2) {
        KeyCode::Char(c)
    } else {
        KeyCode::Backspace
    };
    tui::step(app, store, Some(key(code)), moment(now()));
}

/// The sizes a key press must cost the same at (issue 10: under 1 ms at 100,000 notes).
const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn key_press(c: &mut Criterion) {
    let mut group = c.benchmark_group("key_press_200x50");
    for notes in SIZES {
        let app = app(mid_way(notes), 200, 50);
        let terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
        key_and_frame(&mut group, notes, app, terminal);
    }
    group.finish();
}

/// One key press and the frame after it, the text kept the same length over a run.
fn key_and_frame(
    group: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>,
    notes: usize,
    mut app: App,
    mut terminal: Terminal<TestBackend>,
) {
    let mut store = Nowhere;
    let mut n = 0u64;
    group.bench_function(BenchmarkId::from_parameter(notes), |b| {
        b.iter(|| {
            type_or_erase(&mut app, &mut store, &mut n, 'x');
            terminal.draw(|f| draw(f, &app)).unwrap();
        })
    });
}

fn key_update_only(c: &mut Criterion) {
    let mut group = c.benchmark_group("key_update_only");
    for notes in SIZES {
        let mut app = app(mid_way(notes), 200, 50);
        let mut store = Nowhere;
        let mut n = 0u64;
        group.bench_function(BenchmarkId::from_parameter(notes), |b| {
            b.iter(|| {
                type_or_erase(&mut app, &mut store, &mut n, 'x');
            })
        });
    }
    group.finish();
}

/// A key press in the timeline's search line, a letter and Backspace timed apart: the first
/// letter of a search ("" → "n") and the next ("n" → "no"). The search looks only as far up as
/// the screen needs (`tui::live::search`), so each must cost the same at every size.
fn search_key_press(c: &mut Criterion) {
    use std::time::{Duration, Instant};
    for (name, typed) in [("first_letter", ""), ("next_letter", "n")] {
        for timed in ["type", "backspace"] {
            let mut group = c.benchmark_group(format!("search_{timed}_{name}"));
            for notes in SIZES {
                let mut app = app(mid_way(notes), 200, 50);
                let mut store = Nowhere;
                let opened = [KeyCode::Tab, KeyCode::Char('/')];
                let words = typed.chars().map(KeyCode::Char);
                for code in opened.into_iter().chain(words) {
                    tui::step(&mut app, &mut store, Some(key(code)), moment(now()));
                }
                group.bench_function(BenchmarkId::from_parameter(notes), |b| {
                    b.iter_custom(|iters| {
                        let mut spent = Duration::ZERO;
                        for _ in 0..iters {
                            for code in [KeyCode::Char('o'), KeyCode::Backspace] {
                                let began = Instant::now();
                                tui::step(&mut app, &mut store, Some(key(code)), moment(now()));
                                if (code == KeyCode::Backspace) == (timed == "backspace") {
                                    spent += began.elapsed();
                                }
                            }
                        }
                        spent
                    })
                });
            }
            group.finish();
        }
    }
}

/// A key press in a report field, drawn as the screen draws it: the short report's first
/// takeaway (a short field) and the final report's first policy question, seeded with a third of
/// the notes (thousands of lines at 10,000 notes). The field's text area has been drawn once
/// before the key, as on screen: its wrapping is known.
fn report_key_press(c: &mut Criterion) {
    use rapporteur::tui::action::{Action, Move};
    use rapporteur::tui::update;
    for (name, final_report) in [("takeaway", false), ("policy_question", true)] {
        let mut group = c.benchmark_group(format!("report_key_press_200x50_{name}"));
        for notes in SIZES {
            let mut app = app(mid_way(notes), 200, 50);
            update(&mut app, Action::SwitchScreen);
            if final_report {
                // Up from the last field past the four on participation and the way forward.
                update(&mut app, Action::SwitchReport);
                update(&mut app, Action::ReportMove(Move::Last));
                for _ in 0..7 {
                    update(&mut app, Action::ReportMove(Move::Up));
                }
            }
            update(&mut app, Action::EditField);
            let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
            terminal.draw(|f| draw(f, &app)).unwrap();
            let title = if final_report {
                "Policy question 1"
            } else {
                "Key takeaway 1"
            };
            let screen = terminal.backend().to_string();
            assert!(screen.contains(title), "not the field meant: {screen}");
            key_and_frame(&mut group, notes, app, terminal);
        }
        group.finish();
    }
    // What leaving a changed field costs: the form is rebuilt from every note.
    let session = mid_way(10_000);
    let dirs = rapporteur::report::TemplateDirs::built_in();
    let profile = rapporteur::report::Profile::load("igf", &dirs).unwrap();
    for report in rapporteur::report::Report::ALL {
        c.bench_function(
            &format!("report_form_rebuild_10000_notes/{}", report.slug()),
            |b| b.iter(|| rapporteur::report::Form::new(&session, &profile, report)),
        );
    }
}

criterion_group!(
    benches,
    frame,
    key_press,
    key_update_only,
    search_key_press,
    report_key_press
);
criterion_main!(benches);
