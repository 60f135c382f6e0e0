//! Comparing names the way a rapporteur types them: without accents, without case, by any part.

/// Lower case, accents removed ("Alcântara" → "alcantara"), white space folded.
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `query` names `name`: every word of the query is a part of the folded name.
pub fn name_matches(name: &str, query: &str) -> bool {
    let name = fold(name);
    let query = fold(query);
    !query.is_empty() && query.split(' ').all(|word| name.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_do_not_matter() {
        assert!(name_matches("Bruna Toso de Alcântara", "alcantara"));
        assert!(name_matches("Bruna Toso de Alcântara", "BRUNA alc"));
        assert!(!name_matches("Bruna Toso de Alcântara", "livia"));
        assert!(!name_matches("Bruna Toso de Alcântara", "  "));
    }

    #[test]
    fn fold_keeps_non_latin_names_comparable() {
        assert_eq!(fold("  Ünal   Çelik "), "unal celik");
        assert!(!fold("小林").is_empty());
    }
}
