//! The named choices a front end takes as text (`by=month`, `--sort left`,
//! `sort="left"` in Python): each choice enum's names in one table, which
//! the command line's help, the HTTP API and the Python package all read,
//! so a name means the same thing everywhere.

use std::fmt;

use crate::analysis::NamedChain;
use crate::calendar::Calendar;
use crate::research::collocates::{GroupBy, Measure};
use crate::research::dispersion::Parts;
use crate::research::keywords::KeywordSort;
use crate::research::kwic::KwicSort;
use crate::research::timeline::Period;
use crate::searcher::{Match, Sort};

/// An enum whose values a user names: [`Choice::NAMES`] lists each name
/// with its value, the default first.
pub trait Choice: Copy + PartialEq + 'static {
    /// Every value with its name; the first is the default.
    const NAMES: &'static [(&'static str, Self)];

    /// Other names a value is also read by (`before` for `left`), not
    /// listed among the choices.
    const ALIASES: &'static [(&'static str, Self)] = &[];

    /// What the value means, in a few words (the command line's help).
    fn help(self) -> &'static str;

    /// The value named `text` (surrounding spaces and ASCII case ignored).
    fn named(text: &str) -> Result<Self, UnknownName> {
        let wanted = text.trim();
        Self::NAMES
            .iter()
            .chain(Self::ALIASES)
            .find(|(name, _)| name.eq_ignore_ascii_case(wanted))
            .map(|&(_, value)| value)
            .ok_or_else(|| UnknownName {
                given: text.to_string(),
                names: Self::NAMES.iter().map(|(name, _)| *name).collect(),
            })
    }

    /// The value's name.
    fn name(self) -> &'static str {
        Self::NAMES.iter().find(|(_, value)| *value == self).map_or("", |(name, _)| name)
    }

    /// The names, in order (the default first).
    fn names() -> Vec<&'static str> {
        Self::NAMES.iter().map(|(name, _)| *name).collect()
    }
}

/// A name no value of a [`Choice`] has: what was given, and the names there
/// are. Each front end says it in its own words (`--by`, `by=`, `by=`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// The text given.
    pub given: String,
    /// The names the choice has, the default first.
    pub names: Vec<&'static str>,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\": expected one of {}", self.given, self.names.join(", "))
    }
}

impl std::error::Error for UnknownName {}

impl Choice for Period {
    const NAMES: &'static [(&'static str, Period)] = &[
        ("month", Period::Month),
        ("day", Period::Day),
        ("week", Period::Week),
        ("year", Period::Year),
    ];

    fn help(self) -> &'static str {
        match self {
            Period::Month => "Calendar months.",
            Period::Day => "Calendar days.",
            Period::Week => "Weeks from Monday.",
            Period::Year => "Calendar years.",
        }
    }
}

impl Choice for Calendar {
    const NAMES: &'static [(&'static str, Calendar)] = &Calendar::NAMES;

    fn help(self) -> &'static str {
        match self {
            Calendar::Gregorian => "The Gregorian calendar.",
            Calendar::Hijri => "The Umm al-Qura Hijri calendar.",
        }
    }
}

impl Choice for Match {
    const NAMES: &'static [(&'static str, Match)] = &[("any", Match::Any), ("all", Match::All)];

    fn help(self) -> &'static str {
        match self {
            Match::Any => "Any word is enough (OR): the default of a ranked search.",
            Match::All => "Every word required (AND): the default of a count.",
        }
    }
}

impl Choice for Sort {
    const NAMES: &'static [(&'static str, Sort)] =
        &[("relevance", Sort::Relevance), ("date", Sort::Date)];

    fn help(self) -> &'static str {
        match self {
            Sort::Relevance => "Best score first.",
            Sort::Date => "Newest first.",
        }
    }
}

impl Choice for KwicSort {
    const NAMES: &'static [(&'static str, KwicSort)] = &[
        ("rank", KwicSort::Rank),
        ("left", KwicSort::Left),
        ("right", KwicSort::Right),
        ("date", KwicSort::Date),
        ("source", KwicSort::Source),
    ];
    const ALIASES: &'static [(&'static str, KwicSort)] =
        &[("before", KwicSort::Left), ("after", KwicSort::Right)];

    fn help(self) -> &'static str {
        match self {
            KwicSort::Rank => "The search's ranking, then place in the article.",
            KwicSort::Left => "The words before the match (AntConc's 1L, 2L…).",
            KwicSort::Right => "The words after the match (1R, 2R…).",
            KwicSort::Date => "Oldest first.",
            KwicSort::Source => "Source, then date.",
        }
    }
}

impl Choice for KeywordSort {
    const NAMES: &'static [(&'static str, KeywordSort)] =
        &[("ll", KeywordSort::Ll), ("ratio", KeywordSort::Ratio), ("simple", KeywordSort::Simple)];

    fn help(self) -> &'static str {
        match self {
            KeywordSort::Ll => "Log-likelihood G²: the most significant first.",
            KeywordSort::Ratio => "Log ratio: the largest effect first.",
            KeywordSort::Simple => "Simple maths: the largest first.",
        }
    }
}

impl Choice for Parts {
    const NAMES: &'static [(&'static str, Parts)] = &[
        ("source", Parts::Source),
        ("category", Parts::Category),
        ("year", Parts::Year),
        ("month", Parts::Month),
    ];

    fn help(self) -> &'static str {
        match self {
            Parts::Source => "The outlets.",
            Parts::Category => "The sections.",
            Parts::Year => "The years, as dated.",
            Parts::Month => "The months, as dated.",
        }
    }
}

impl Choice for GroupBy {
    const NAMES: &'static [(&'static str, GroupBy)] =
        &[("stem", GroupBy::Stem), ("exact", GroupBy::Exact)];

    fn help(self) -> &'static str {
        match self {
            GroupBy::Stem => "Every form of a word together.",
            GroupBy::Exact => "Each normalized form apart.",
        }
    }
}

impl Choice for Measure {
    const NAMES: &'static [(&'static str, Measure)] =
        &[("logdice", Measure::LogDice), ("mi", Measure::Mi), ("t", Measure::T)];

    fn help(self) -> &'static str {
        match self {
            Measure::LogDice => "logDice (Rychlý 2008): 14 at most, comparable across archives.",
            Measure::Mi => "Mutual information (Church & Hanks 1990): favours rare words.",
            Measure::T => "t-score (Church et al. 1991): favours frequent words.",
        }
    }
}

impl Choice for NamedChain {
    const NAMES: &'static [(&'static str, NamedChain)] = &[
        ("stemmed", NamedChain::Stemmed),
        ("exact", NamedChain::Exact),
        ("snowball", NamedChain::Snowball),
        ("index", NamedChain::Index),
    ];

    fn help(self) -> &'static str {
        match self {
            NamedChain::Stemmed => {
                "Normalized, stop words dropped, light-stemmed (search default)."
            }
            NamedChain::Exact => "Normalized, not stemmed.",
            NamedChain::Snowball => "tantivy's Snowball Arabic stemmer (baseline).",
            NamedChain::Index => "The index chain: exact (`=` marked) and stemmed terms per word.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_reads_as_its_value_and_an_unknown_one_lists_the_names() {
        assert_eq!(Period::named(" Week "), Ok(Period::Week));
        assert_eq!(KwicSort::named("left"), Ok(KwicSort::Left));
        assert_eq!(KwicSort::named("before"), Ok(KwicSort::Left));
        assert!(!KwicSort::names().contains(&"before"));
        assert_eq!(Calendar::named("hijri"), Ok(Calendar::Hijri));
        let error = Measure::named("dice").unwrap_err();
        assert_eq!(error.to_string(), "\"dice\": expected one of logdice, mi, t");
        // The default comes first: a front end's default is NAMES[0].
        assert_eq!(Period::NAMES[0].1, Period::Month);
        assert_eq!(Sort::NAMES[0].1, Sort::default());
        assert_eq!(KwicSort::NAMES[0].1, KwicSort::default());
        assert_eq!(GroupBy::NAMES[0].1, GroupBy::default());
        assert_eq!(Measure::NAMES[0].1, Measure::default());
    }

    #[test]
    fn every_name_is_distinct_and_reads_back() {
        fn check<T: Choice + PartialEq + std::fmt::Debug>() {
            for (name, value) in T::NAMES {
                assert_eq!(T::named(name), Ok(*value), "{name}");
                assert_eq!(T::NAMES.iter().filter(|(n, _)| n == name).count(), 1, "{name}");
            }
        }
        check::<Period>();
        assert_eq!(Period::Week.name(), "week");
        assert_eq!(Measure::LogDice.name(), "logdice");
        check::<Calendar>();
        check::<Sort>();
        check::<KwicSort>();
        check::<GroupBy>();
        check::<Measure>();
        check::<NamedChain>();
    }
}
