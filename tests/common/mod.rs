//! The fixture session shared by the report tests: a 90-minute IGF workshop with notes of every
//! kind, audience and online questions, floor changes, an absent and a removed person, and a few
//! drafted report fields. Fixed ids and times, so snapshots hold still.

#![allow(dead_code)]

use chrono::{DateTime, FixedOffset};
use rapporteur::model::{
    Change, FloorChange, Note, NoteId, NoteKind, Person, PersonId, PolicyQuestion, RegionalGroup,
    Role, SegmentChange, Session, SessionInfo, Speaker, StakeholderGroup,
};
use std::path::PathBuf;

/// The checked-in copy of `session()`, as the store writes it.
pub fn fixture_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ws-attribution.ron")
}

pub fn at(hh_mm: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2022-11-29T{hh_mm}:00+03:00")).expect("fixture time")
}

fn person(
    id: u32,
    name: &str,
    affiliation: &str,
    stakeholder: StakeholderGroup,
    region: RegionalGroup,
    roles: &[Role],
) -> Person {
    let mut p = Person::new(PersonId(id), name);
    p.affiliation = Some(affiliation.to_string());
    p.stakeholder = Some(stakeholder);
    p.region = Some(region);
    for role in roles {
        p.add_role(*role);
    }
    p
}

/// Time, speaker, policy questions, kind, text.
type NoteRow = (
    &'static str,
    Option<Speaker>,
    &'static [u8],
    NoteKind,
    &'static str,
);

pub const LUCIA: Speaker = Speaker::Person(PersonId(1));
pub const KWAME: Speaker = Speaker::Person(PersonId(2));
pub const INGRID: Speaker = Speaker::Person(PersonId(3));
pub const CHEN: Speaker = Speaker::Person(PersonId(4));
pub const ANA: Speaker = Speaker::Person(PersonId(5));
pub const TOMAS: Speaker = Speaker::Person(PersonId(6));

pub fn session() -> Session {
    use RegionalGroup as R;
    use StakeholderGroup as S;
    let mut session = Session {
        info: SessionInfo {
            code: "IGF 2022 WS #999".to_string(),
            title: "Attribution of cyberattacks: who decides, and on what evidence?".to_string(),
            start: Some(at("10:30")),
            end: Some(at("12:00")),
            format: Some("Round Table - Circle".to_string()),
            duration_minutes: Some(90),
            sdgs: vec!["16. Peace, Justice and Strong Institutions".to_string()],
            expected_outcomes: Some(
                "A summary of where stakeholders agree on evidence standards for attribution."
                    .to_string(),
            ),
            ..SessionInfo::default()
        },
        taker: "Aisha Rahman".to_string(),
        clock_started: Some(at("10:30")),
        ..Session::default()
    };
    session.people = vec![
        person(
            1,
            "Lucía Fernández Ortega",
            "Red Ciudadana Digital",
            S::CivilSociety,
            R::Grulac,
            &[Role::Organizer, Role::OnsiteModerator],
        ),
        person(
            2,
            "Kwame Mensah-Boateng",
            "National Cyber Security Authority",
            S::Government,
            R::African,
            &[Role::Speaker],
        ),
        person(
            3,
            "Ingrid Solberg",
            "Nordic Network Operators Forum",
            S::TechnicalCommunity,
            R::Weog,
            &[Role::Speaker],
        ),
        person(
            4,
            "Chen Wei",
            "Pacific Cloud Services",
            S::PrivateSector,
            R::AsiaPacific,
            &[Role::Speaker],
        ),
        person(
            5,
            "Ana-Maria Popescu",
            "Regional Cyber Cooperation Office",
            S::IntergovernmentalOrganization,
            R::EasternEuropean,
            &[Role::Speaker],
        ),
        person(
            6,
            "Tomás Ó Briain",
            "Open Rights Collective",
            S::CivilSociety,
            R::Weog,
            &[Role::OnlineModerator, Role::Organizer],
        ),
        person(
            7,
            "Aisha Rahman",
            "Asia-Pacific Internet Research Network",
            S::TechnicalCommunity,
            R::AsiaPacific,
            &[Role::Rapporteur],
        ),
        {
            let mut absent = person(
                8,
                "Dmitri Volkov",
                "Ministry of Foreign Affairs",
                S::Government,
                R::EasternEuropean,
                &[Role::Speaker],
            );
            absent.attended = false;
            absent
        },
        {
            let mut removed = person(
                9,
                "Jean-Pierre Moreau",
                "Cyber Peace Lab",
                S::CivilSociety,
                R::Weog,
                &[Role::Speaker],
            );
            removed.removed = true;
            removed
        },
    ];
    session.questions = vec![
        question(
            1,
            "Evidence",
            "What standard of evidence should a public attribution of a cyberattack meet?",
        ),
        question(
            2,
            "Accountability",
            "How can states be held accountable when an attribution is contested?",
        ),
        question(
            3,
            "Non-state actors",
            "What role can companies, network operators and civil society play in attribution?",
        ),
    ];

    use NoteKind::*;
    let notes: &[NoteRow] = &[
        (
            "10:31",
            Some(LUCIA),
            &[],
            Remark,
            "Opened the session: when a cyberattack hits critical infrastructure, who gets to say who did it, and on what evidence? #attribution",
        ),
        (
            "10:37",
            Some(KWAME),
            &[1],
            Remark,
            "Public attribution is a political decision, but it must rest on technical evidence that can be shared with partners, even when it cannot be shared with the public.",
        ),
        (
            "10:40",
            Some(KWAME),
            &[1],
            Quote,
            "\"We cannot ask citizens to trust an accusation we are not willing to explain.\"",
        ),
        (
            "10:43",
            Some(INGRID),
            &[1, 3],
            Remark,
            "Network operators see the traces first; their logs are often the only evidence, yet they are rarely asked and never credited. #evidence",
        ),
        (
            "10:46",
            Some(INGRID),
            &[1],
            Takeaway,
            "Attribution claims are only as credible as the technical evidence behind them; operators and CERTs should be able to review that evidence.",
        ),
        (
            "10:49",
            Some(CHEN),
            &[3],
            Remark,
            "Cloud providers publish threat reports that now shape attribution debates; Mensah-Boateng's point on sharing evidence applies to companies too.",
        ),
        (
            "10:53",
            Some(ANA),
            &[2],
            Remark,
            "Regional organisations can offer a neutral venue where contested attributions are examined before sanctions are discussed.",
        ),
        (
            "10:55",
            None,
            &[2],
            Takeaway,
            "Contested attributions need a neutral venue; regional and intergovernmental organisations can provide one without replacing national decisions.",
        ),
        (
            "10:59",
            Some(LUCIA),
            &[2],
            Question,
            "Asked Solberg and Popescu whether an independent attribution body is realistic.",
        ),
        (
            "11:01",
            Some(INGRID),
            &[2, 3],
            Remark,
            "An independent body is realistic only if it publishes its methods; secrecy would defeat its purpose.",
        ),
        (
            "11:05",
            Some(Speaker::Audience),
            &[1],
            Question,
            "How can smaller countries without forensic capacity judge the evidence that others present?",
        ),
        (
            "11:08",
            Some(KWAME),
            &[1],
            Remark,
            "Peer review among national CERTs lets smaller states rely on colleagues they trust.",
        ),
        (
            "11:10",
            Some(Speaker::Online),
            &[3],
            Question,
            "Should victims of an attack, companies included, be consulted before a government attributes it publicly?",
        ),
        (
            "11:11",
            Some(Speaker::Online),
            &[],
            Remark,
            "Several participants in the chat asked for the speakers' slides to be shared.",
        ),
        (
            "11:13",
            Some(CHEN),
            &[3],
            Remark,
            "Companies want to be consulted, but they cannot be the ones who decide.",
        ),
        (
            "11:16",
            Some(Speaker::Audience),
            &[2],
            Question,
            "Is there any precedent for an attribution being withdrawn after new evidence came to light?",
        ),
        (
            "11:17",
            Some(Speaker::Audience),
            &[],
            Remark,
            "A youth IGF participant noted that young people rarely get a seat in these debates. #youth",
        ),
        (
            "11:20",
            Some(ANA),
            &[2],
            Remark,
            "Withdrawals are rare; a shared record of past attributions and their evidence would make mistakes visible.",
        ),
        (
            "11:22",
            Some(TOMAS),
            &[],
            Remark,
            "Read out written remarks from Dmitri Volkov, who could not attend, on the UN norms of responsible state behaviour; Moreau's comments from the chat were summarised too.",
        ),
        (
            "11:26",
            Some(LUCIA),
            &[1, 3],
            CallToAction,
            "CERTs and network operators should be invited to review the technical evidence before governments attribute an attack publicly.",
        ),
        (
            "11:27",
            None,
            &[2],
            CallToAction,
            "The IGF should host a multistakeholder dialogue on a shared record of past attributions and the evidence behind them.",
        ),
        (
            "11:28",
            Some(CHEN),
            &[3],
            Takeaway,
            "Companies hit by an attack hold key evidence and should be consulted, but the decision to attribute remains with states.",
        ),
        (
            "11:29",
            None,
            &[1],
            Takeaway,
            "Smaller states need regional peer review to judge attribution claims they cannot verify themselves.",
        ),
        (
            "11:30",
            Some(LUCIA),
            &[],
            Quote,
            "\"Who did it matters less than whether we can all check the answer,\" Fernández said in closing.",
        ),
    ];
    for (index, (time, speaker, questions, kind, text)) in notes.iter().enumerate() {
        let mut note = Note::new(
            at(time),
            *speaker,
            questions.to_vec(),
            *kind,
            *text,
            "Aisha Rahman",
        );
        note.id = NoteId(uuid::Uuid::from_u128(
            0x0184_c2a0_0000_7000_8000_0000_0000_0000 + index as u128 + 1,
        ));
        session.apply(Change::Note(note));
    }

    let floor: &[(&str, Option<Speaker>)] = &[
        ("10:30", Some(LUCIA)),
        ("10:36", Some(KWAME)),
        ("10:42", Some(INGRID)),
        ("10:48", Some(CHEN)),
        ("10:52", Some(ANA)),
        ("10:58", Some(LUCIA)),
        ("11:00", Some(INGRID)),
        ("11:04", Some(Speaker::Audience)),
        ("11:07", Some(KWAME)),
        ("11:10", Some(Speaker::Online)),
        ("11:12", Some(CHEN)),
        ("11:15", Some(Speaker::Audience)),
        ("11:19", Some(ANA)),
        ("11:22", Some(TOMAS)),
        ("11:25", Some(LUCIA)),
        ("11:31", None),
    ];
    for (time, speaker) in floor {
        session.apply(Change::Floor(FloorChange {
            at: at(time),
            speaker: *speaker,
        }));
    }
    for (time, name) in [
        ("10:30", "Opening"),
        ("10:36", "Speakers"),
        ("10:58", "Debate"),
        ("11:04", "Q&A"),
        ("11:25", "Closing"),
    ] {
        session.apply(Change::Segment(SegmentChange {
            at: at(time),
            name: name.to_string(),
        }));
    }

    let drafted = [
        (
            "short.takeaways.1",
            "Attribution is credible only when the technical evidence behind it can be reviewed by network operators and CERTs, even where it cannot be made public.",
        ),
        (
            "final.summary",
            "The round table brought together a government cyber security authority, network operators, a cloud provider and a regional organisation to ask who should attribute cyberattacks and on what evidence. Speakers agreed that attribution is a political act that needs verifiable technical evidence, and differed on whether an independent attribution body is realistic. Questions from the room and from online participants turned to smaller states without forensic capacity and to the place of victims in the decision.",
        ),
        ("final.onsite_participants", "45"),
        ("final.online_participants", "23"),
        ("final.women", "31"),
        (
            "final.gender",
            "Gender was not a topic of the discussion. Three of the six speakers and moderators were women, and the online moderator invited women in the chat to take the floor.",
        ),
        (
            "final.presentations.p2",
            "Kwame Mensah-Boateng described public attribution as a political decision that must rest on technical evidence shared at least with partners, and argued that peer review among national CERTs lets smaller states rely on colleagues they trust.",
        ),
    ];
    for (key, text) in drafted {
        session.apply(Change::ReportField {
            key: key.to_string(),
            text: text.to_string(),
            at: at("12:30"),
        });
    }
    session
}

fn question(number: u8, title: &str, text: &str) -> PolicyQuestion {
    PolicyQuestion {
        number,
        title: Some(title.to_string()),
        text: text.to_string(),
    }
}
