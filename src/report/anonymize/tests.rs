use super::find::camel_pieces;
use super::words::fold;
use super::*;
use crate::model::{Person, PersonId, RegionalGroup, StakeholderGroup};

fn person(id: u32, name: &str, stakeholder: StakeholderGroup, region: RegionalGroup) -> Person {
    let mut person = Person::new(PersonId(id), name);
    person.stakeholder = Some(stakeholder);
    person.region = Some(region);
    person
}

fn session() -> Session {
    use RegionalGroup as R;
    use StakeholderGroup as S;
    let mut session = Session::default();
    let mut livia = person(3, "Livia Sobota", S::TechnicalCommunity, R::EasternEuropean);
    livia.affiliation = Some("JPCERT/CC".into());
    let mut li = person(4, "Li Na", S::PrivateSector, R::AsiaPacific);
    li.affiliation = Some("Comitê Gestor (NIC.br)".into());
    session.people = vec![
        person(1, "Bruna Toso de Alcântara", S::CivilSociety, R::Grulac),
        person(2, "Alexandra Paulus", S::Government, R::Weog),
        livia,
        li,
        person(5, "陈静", S::Government, R::AsiaPacific),
        person(6, "Siobhán O'Brien", S::CivilSociety, R::Weog),
        person(
            7,
            "He Jun",
            S::IntergovernmentalOrganization,
            R::AsiaPacific,
        ),
    ];
    session
}

fn anonymizer() -> Anonymizer {
    Anonymizer::new(&session(), Anonymity::GroupAndRegion)
}

const BRUNA: &str = "Civil Society (GRULAC)";
const ALEX: &str = "Government (WEOG)";
const LIVIA: &str = "Technical Community (Eastern Europe)";
const LI: &str = "Private Sector (Asia-Pacific)";
const CHEN: &str = "Government (Asia-Pacific)";
const SIOBHAN: &str = "Civil Society (WEOG)";
const HE: &str = "Intergovernmental Organization (Asia-Pacific)";

#[test]
fn full_names_and_their_parts_go_whatever_the_accents() {
    let anonymizer = anonymizer();
    assert_eq!(
        anonymizer.apply("Bruna Toso de Alcantara agreed with PAULUS's point; alcântara too."),
        format!("{BRUNA} agreed with {ALEX}'s point; {BRUNA} too.")
    );
    assert_eq!(anonymizer.apply("nothing to hide"), "nothing to hide");
    // A run of name words is one name, not two.
    assert_eq!(
        anonymizer.apply("Toso-de-Alcântara's view"),
        format!("{BRUNA}'s view")
    );
    // "de" alone is no name.
    assert_eq!(anonymizer.apply("the role de facto"), "the role de facto");
}

#[test]
fn two_letter_parts_go_as_whole_words_only() {
    let anonymizer = anonymizer();
    assert_eq!(
        anonymizer.apply("Li said it; then Na agreed, and LI NA closed."),
        format!("{LI} said it; then {LI} agreed, and {LI} closed.")
    );
    assert_eq!(
        anonymizer.apply("Linear national limits"),
        "Linear national limits"
    );
}

#[test]
fn decomposed_and_zero_width_spellings_go() {
    let anonymizer = anonymizer();
    let nfd = "Alca\u{0302}ntara and Pau\u{200B}lus and Ｓｏｂｏｔａ";
    assert_eq!(
        anonymizer.apply(nfd),
        format!("{BRUNA} and {ALEX} and {LIVIA}")
    );
    assert_eq!(
        anonymizer.apply("Alexandra\u{200D}Paulus"),
        ALEX,
        "a joiner inside a name joins it"
    );
}

#[test]
fn look_alike_letters_of_other_scripts_are_read_as_the_latin_ones() {
    let anonymizer = anonymizer();
    // Cyrillic Ѕ and і, Greek ο and υ, in names otherwise written in Latin letters.
    for text in [
        "\u{405}obota",
        "Liv\u{456}a",
        "S\u{3bf}bota",
        "Pa\u{3c5}lus",
    ] {
        let replaced = anonymizer.apply(text);
        assert!(replaced == LIVIA || replaced == ALEX, "{text} → {replaced}");
    }
    // Every letter a look-alike: Cyrillic "Ѕоbоtа" but for the b.
    assert_eq!(anonymizer.apply("\u{405}\u{43e}b\u{43e}t\u{430}"), LIVIA);
    // A word of another script is its own: transliterated, not read by its look.
    assert_eq!(fold("Иванов"), "ivanov");
    assert_eq!(fold("Москва"), "moskva");
}

#[test]
fn names_spelled_out_letter_by_letter_go() {
    let anonymizer = anonymizer();
    for text in [
        "S o b o t a",
        "S.o.b.o.t.a",
        "S-o-b-o-t-a",
        "s. o. b. o. t. a",
    ] {
        assert_eq!(
            anonymizer.apply(&format!("as {text} said")),
            format!("as {LIVIA} said"),
            "{text}"
        );
    }
    assert_eq!(anonymizer.apply("the P a u l u s"), format!("the {ALEX}"));
    // Letters that spell no name stay, and so do letters on separate lines.
    for text in ["U.S.A.", "a b c d", "S o b\no t a", "e.g. i.e."] {
        assert_eq!(anonymizer.apply(text), text);
    }
}

#[test]
fn other_forms_and_transliterations_of_a_name_go() {
    let mut session = session();
    session.people[0].name = "Dmitry Ivanov".into();
    session.people[1].name = "Koichiro Komiyama".into();
    session.people[5].name = "Elena Markovska".into();
    let anonymizer = Anonymizer::new(&session, Anonymity::GroupAndRegion);
    for (text, label) in [
        ("Ivanova", BRUNA),
        ("Dmitrii", BRUNA),
        ("Dmitriy", BRUNA),
        ("Dmitrij", BRUNA),
        ("Komiyamasan", ALEX),
        ("Komiyama-sensei", ALEX),
        ("Markovski", SIOBHAN),
        ("Markovsky", SIOBHAN),
        ("Sobotová", LIVIA),
        ("Sobotova", LIVIA),
        ("Sobota\u{2019}s", LIVIA),
        ("Sobotas\u{2019}", LIVIA),
    ] {
        let replaced = anonymizer.apply(text);
        assert!(
            replaced.starts_with(label) && !fold(&replaced).contains(&fold(text)[..5]),
            "{text} → {replaced}"
        );
    }
    let mut feminine = self::session();
    feminine.people[0].name = "Maria Ivanova".into();
    let anonymizer = Anonymizer::new(&feminine, Anonymity::GroupAndRegion);
    assert_eq!(anonymizer.apply("Ivanov"), BRUNA);
    // Words near a name are not forms of it.
    for text in ["costs", "victory", "marine", "Ivan", "sobriety", "Komi"] {
        assert_eq!(anonymizer.apply(text), text);
    }
}

#[test]
fn joined_and_affixed_forms_go() {
    let anonymizer = anonymizer();
    for (text, expected) in [
        ("#AlexandraPaulus", format!("#{ALEX}")),
        ("@alexandrapaulus", format!("@{ALEX}")),
        ("@apaulus", format!("@{ALEX}")),
        ("LiviaSobota", LIVIA.to_string()),
        ("Sobota2022", LIVIA.to_string()),
        ("the Sobotas", format!("the {LIVIA}")),
        ("sobotalivia", LIVIA.to_string()),
        ("#teamsobota", format!("#{LIVIA}")),
        ("#LiNa", format!("#{LI}")),
    ] {
        assert_eq!(anonymizer.apply(text), expected, "{text}");
    }
    // Plural endings and joins do not reach ordinary words.
    for text in ["Linen", "analysis", "#Lisbon", "also", "Pauline"] {
        assert_eq!(anonymizer.apply(text), text);
    }
}

#[test]
fn names_in_other_scripts_go_in_either_writing() {
    let anonymizer = anonymizer();
    assert_eq!(anonymizer.apply("Chen Jing said"), format!("{CHEN} said"));
    assert_eq!(anonymizer.apply("陈静说：好"), format!("{CHEN}说：好"));
    assert_eq!(anonymizer.apply("ChenJing"), CHEN);
    // A lone character is a syllable of countless words.
    assert_eq!(anonymizer.apply("安静"), "安静");
}

#[test]
fn apostrophes_may_be_left_out() {
    let anonymizer = anonymizer();
    for text in [
        "O'Brien",
        "O’Brien",
        "obrien",
        "OBrien",
        "OBRIEN",
        "O'Brien's",
    ] {
        let replaced = anonymizer.apply(text);
        assert!(
            replaced.starts_with(SIOBHAN) && !fold(&replaced).contains("brien"),
            "{text} → {replaced}"
        );
    }
}

#[test]
fn affiliations_go_wherever_they_are_written() {
    let anonymizer = anonymizer();
    assert_eq!(
        anonymizer.apply("JPCERT/CC and nic.br and Comitê Gestor agreed"),
        format!("{ORGANIZATION} and {ORGANIZATION} and {ORGANIZATION} agreed")
    );
    assert_eq!(anonymizer.apply("#JPCERTCC"), format!("#{ORGANIZATION}"));
}

#[test]
fn parts_of_an_affiliation_go_too() {
    let mut session = session();
    session.people[0].affiliation = Some("ACME GmbH".into());
    session.people[1].affiliation = Some("Brazilian Internet Steering Committee - CGI.br".into());
    session.people[5].affiliation = Some("Ministry of Foreign Affairs".into());
    let anonymizer = Anonymizer::new(&session, Anonymity::GroupAndRegion);
    for text in [
        "ACME said",
        "Brazilian Internet Steering Committee said",
        "CGI.br said",
    ] {
        assert_eq!(
            anonymizer.apply(text),
            format!("{ORGANIZATION} said"),
            "{text}"
        );
    }
    assert_eq!(
        anonymizer.apply("the Ministry of Health"),
        "the Ministry of Health"
    );
}

#[test]
fn a_name_with_umlauts_goes_as_german_writes_it_without_them() {
    let mut session = session();
    session.people[0].name = "José Müller-Lüdenscheidt".into();
    let anonymizer = Anonymizer::new(&session, Anonymity::GroupAndRegion);
    for text in ["Mueller", "Muller", "Lüdenscheidt", "Luedenscheidt"] {
        assert!(
            !fold(&anonymizer.apply(text)).contains("denscheidt")
                && !fold(&anonymizer.apply(text)).contains("ller"),
            "{text} → {}",
            anonymizer.apply(text)
        );
    }
}

#[test]
fn short_everyday_words_go_only_as_a_name() {
    let anonymizer = anonymizer();
    assert_eq!(
        anonymizer.apply("He said he would ask He Jun, as He had agreed."),
        format!("He said he would ask {HE}, as {HE} had agreed.")
    );
    assert_eq!(anonymizer.apply("Jun"), HE);
}

#[test]
fn a_lone_group_and_region_is_told_and_coarse_labels_name_groups_only() {
    let session = session();
    let lone = Anonymity::GroupAndRegion.lone_labels(&session);
    assert!(lone.contains(&BRUNA.to_string()), "{lone:?}");
    let coarse = Anonymizer::new(&session, Anonymity::GroupOnly);
    assert_eq!(coarse.apply("Paulus"), "Government");
    // Two people of Government now share the label; one is still alone in hers.
    let lone = Anonymity::GroupOnly.lone_labels(&session);
    assert!(!lone.contains(&"Government".to_string()), "{lone:?}");
    assert!(lone.contains(&"Private Sector".to_string()), "{lone:?}");
}

#[test]
fn camel_case_breaks_where_a_reader_would() {
    let pieces = |w: &str| {
        camel_pieces(w)
            .into_iter()
            .map(|r| w[r].to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(pieces("AlexandraPaulus"), ["Alexandra", "Paulus"]);
    assert_eq!(pieces("Sobota2022"), ["Sobota", "2022"]);
    assert_eq!(pieces("WSISForum"), ["WSIS", "Forum"]);
    assert_eq!(pieces("plain"), ["plain"]);
}
