//! The printable HTML report's page breaks, as its markup and print rules decide them: no page
//! holds only the footer, and what grows with the roster runs over pages rather than leaving a
//! heading alone on one. (Printing itself is checked by CI's own printed-report checks.)

mod common;
mod fixture;

use rapporteur::model::{Person, PersonId, Role};
use rapporteur::report::{Format, Report};

fn html(session: &rapporteur::model::Session, profile: &str, report: Report) -> String {
    let bytes = common::export(session, profile, report, Format::Html, None);
    String::from_utf8(bytes).expect("UTF-8")
}

/// The rules of the print style sheet for `selector`, as written.
fn print_rule<'a>(html: &'a str, selector: &str) -> Vec<&'a str> {
    let print = html.split("@media print").nth(1).unwrap_or_default();
    let print = print.split("</style>").next().unwrap_or_default();
    print
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with(&format!("{selector} {{")))
        .collect()
}

#[test]
fn the_footer_closes_the_last_section_and_is_kept_with_what_precedes_it() {
    let session = fixture::session();
    for profile in ["igf", "igf-2016"] {
        for kind in [Report::Short, Report::Final] {
            let html = html(&session, profile, kind);
            let at = format!("{profile} {kind:?}");
            assert_eq!(html.matches("<footer>").count(), 1, "{at}");
            // Printed after the last section, a footer that does not fit on its page is carried
            // to a page of its own; inside the section, it takes the block before it along.
            let closing = html.rsplit_once("</section>").expect("a section").0;
            assert!(closing.trim_end().ends_with("</footer>"), "{at}: {closing}");
            let after = html.rsplit_once("</section>").unwrap().1;
            assert!(
                after.trim_start().starts_with("</main>"),
                "{at}: nothing after the last section but the end: {after}"
            );
            let footer = print_rule(&html, "footer");
            assert!(
                footer
                    .iter()
                    .any(|rule| rule.contains("break-before: avoid")),
                "{at}: {footer:?}"
            );
        }
    }
}

#[test]
fn what_grows_with_the_roster_may_run_over_a_page_a_row_at_a_time() {
    let mut session = fixture::session();
    // A main session's roster: its speakers list and tables run longer than a page.
    for n in 0..40 {
        let mut person = Person::new(PersonId(1000 + n), format!("Speaker Number{n}"));
        person.add_role(Role::Speaker);
        session.people.push(person);
    }
    let html = html(&session, "igf", Report::Final);
    assert!(html.contains(r#"<dl class="particulars grows">"#));
    assert!(
        html.contains(r#"<table class="floor grows">"#),
        "the speakers' floor time"
    );
    assert_eq!(
        html.matches(r#"<table class="floor">"#).count(),
        3,
        "the groups' and the audience's tables stay whole"
    );
    let who = html
        .split("<h3>Who took part</h3>")
        .nth(1)
        .expect("who took part");
    assert!(
        who.trim_start()
            .starts_with(r#"<p class="muted">By stakeholder group:"#),
        "the counts come first, so that no page holds them alone after a long table"
    );
    assert!(who.contains(r#"<table class="grows">"#));
    let style = html.split("</style>").next().unwrap();
    let rule = |selector: &str| {
        style
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with(selector))
            .unwrap_or_else(|| panic!("a rule for {selector}"))
    };
    assert!(rule("table.grows, dl.grows {").contains("break-inside: auto"));
    assert!(rule("table.grows tr {").contains("break-inside: avoid"));
}
