//! Flags that name a choice (`--by week`, `--sort left`) read through the
//! library's one table of names ([`fahras::choice::Choice`]), the table the
//! HTTP API and the Python package read too: `--help` lists its names with
//! what each means.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

use fahras::choice::Choice;

/// The parser of a flag whose value is a `T`.
pub(crate) fn parser<T: Choice + PartialEq + Send + Sync>() -> impl TypedValueParser<Value = T> {
    let values = T::NAMES.iter().map(|&(name, value)| {
        let aliases = T::ALIASES.iter().filter(move |(_, v)| *v == value);
        PossibleValue::new(name).help(value.help()).aliases(aliases.map(|(alias, _)| *alias))
    });
    PossibleValuesParser::new(values).try_map(|name: String| T::named(&name))
}
