//! `fahras keywords`: the words one set of articles uses more than another.

use std::io::{self, Write};

use clap::Args;

use super::printer::bidi::Bidi;
use super::printer::table::{Column, Table};
use super::query_args::QueryArgs;
use super::research_output::{self, Form};
use super::{IndexDir, Outcome};
use fahras::error::{Error, Result};
use fahras::research::collocates::GroupBy;
use fahras::research::keywords::{KeywordOptions, KeywordSort, Keywords, Side};
use fahras::searcher::Engine;

/// The words the articles FOCUS matches use more often than those
/// REFERENCE matches (`--vs`; by default the rest of the archive).
///
/// FOCUS and REFERENCE are queries with filters: `source:alarabiya --vs
/// source:aljazirah`, `'date:[2017-01 TO 2017-05]' --vs 'date:[2017-06 TO
/// 2017-12]'`, `قطر` (against every article without it). Each word (a stem,
/// shown as the articles most often write it, or with `--by exact` a form)
/// is listed with its count and count per million words on both sides, its
/// log-likelihood G² (Dunning 1993) and log ratio (Hardie 2014); words with
/// G² under `--min-ll` (15.13: p < 0.0001) are left out. Words are counted
/// in the articles' bodies; copies of one story are counted once on each
/// side unless `--no-collapse`. Exit status: 0 found, 1 no keyword, 2 error.
#[derive(Debug, Args)]
pub(crate) struct KeywordsArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// The focus: a query, as `fahras search` reads it (`*` for every article).
    #[arg(value_name = "FOCUS", required = true, num_args = 1..)]
    pub focus: Vec<String>,
    /// The reference: a query (default: every article FOCUS does not match).
    #[arg(long, value_name = "REFERENCE", allow_hyphen_values = true)]
    pub vs: Option<String>,
    /// Count stems (every form of a word together) or exact forms.
    #[arg(long, value_parser = super::choice::parser::<GroupBy>(), default_value = "stem")]
    pub by: GroupBy,
    /// Least log-likelihood G² to list a word (3.84: p < 0.05; 6.63: p <
    /// 0.01; 10.83: p < 0.001; 15.13: p < 0.0001).
    #[arg(long, value_name = "G2", default_value_t = 15.13, allow_negative_numbers = true)]
    pub min_ll: f64,
    /// Fewest times on the side a word is over-represented in.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub min_freq: u64,
    /// List the words FOCUS uses less than REFERENCE (negative keywords).
    #[arg(long)]
    pub negative: bool,
    /// The order: ll (G², the most significant first), ratio (log ratio,
    /// the largest effect first) or simple (simple maths).
    #[arg(long, value_parser = super::choice::parser::<KeywordSort>(), default_value = "ll")]
    pub sort: KeywordSort,
    /// Simple maths' smoothing N: (per million + N) / (per million + N);
    /// larger favours common words (Kilgarriff 2009).
    #[arg(long, value_name = "N", default_value_t = 1.0, allow_negative_numbers = true)]
    pub smooth: f64,
    /// Keywords to list.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 50)]
    pub limit: usize,
    /// Count every matching article: copies of one story too.
    #[arg(long)]
    pub no_collapse: bool,
    #[command(flatten)]
    pub query_args: QueryArgs,
    #[command(flatten)]
    pub form: Form,
}

/// Runs `fahras keywords`.
pub(crate) fn run(args: KeywordsArgs) -> Result<Outcome> {
    if !args.min_ll.is_finite() || args.min_ll < 0.0 {
        let min_ll = args.min_ll;
        return Err(Error::Invalid(format!("--min-ll {min_ll}: expected a number of 0 or more")));
    }
    if !args.smooth.is_finite() || args.smooth <= 0.0 {
        let smooth = args.smooth;
        return Err(Error::Invalid(format!("--smooth {smooth}: expected a number above 0")));
    }
    let engine = Engine::open(&args.dir.index)?;
    let mut focus = args.query_args.counting_request(args.focus.join(" "))?;
    focus.collapse = !args.no_collapse;
    let reference = match &args.vs {
        Some(query) => {
            let mut request = args.query_args.counting_request(query.clone())?;
            request.collapse = !args.no_collapse;
            Some(request)
        }
        None => None,
    };
    let options = KeywordOptions {
        by: args.by,
        min_ll: args.min_ll,
        min_freq: args.min_freq,
        smooth: args.smooth,
        negative: args.negative,
        sort: args.sort,
        limit: args.limit,
    };
    let found = fahras::research::keywords(&engine, &focus, reference.as_ref(), &options)?;
    research_output::print(
        &found,
        &found.notes,
        args.form,
        |writer| write_csv(writer, &found),
        |out, layout, width| print_table(out, &found, layout, width, args.sort),
    )?;
    // Found: some word passes the thresholds (shown or not, with `-n`).
    Ok(if found.significant == 0 { Outcome::Partial } else { Outcome::Success })
}

fn write_csv(writer: &mut csv::Writer<&mut dyn Write>, found: &Keywords) -> csv::Result<()> {
    writer.write_record([
        "word",
        "term",
        "focus",
        "reference",
        "focus_per_million",
        "reference_per_million",
        "focus_articles",
        "reference_articles",
        "ll",
        "log_ratio",
        "simple_maths",
    ])?;
    for k in &found.keywords {
        writer.write_record([
            k.word.clone(),
            k.term.clone(),
            k.focus.to_string(),
            k.reference.to_string(),
            format!("{:.2}", k.focus_per_million),
            format!("{:.2}", k.reference_per_million),
            k.focus_articles.to_string(),
            k.reference_articles.to_string(),
            format!("{:.3}", k.ll),
            format!("{:.3}", k.log_ratio),
            format!("{:.3}", k.simple_maths),
        ])?;
    }
    Ok(())
}

/// The keywords as a table, numbers right-aligned, fitted to `width`.
fn print_table(
    out: &mut dyn Write,
    found: &Keywords,
    layout: Bidi,
    width: Option<usize>,
    sort: KeywordSort,
) -> io::Result<()> {
    let ks = &found.keywords;
    let column = |f: &dyn Fn(&fahras::research::keywords::Keyword) -> String| {
        ks.iter().map(f).collect::<Vec<String>>()
    };
    // Simple maths is shown when it is the order; the per-million figures
    // and the log ratio are what a narrow terminal loses first.
    let mut columns = vec![
        Column::kept("focus", column(&|k| k.focus.to_string())),
        Column::optional("per M", column(&|k| format!("{:.1}", k.focus_per_million))),
        Column::kept("ref", column(&|k| k.reference.to_string())),
        Column::optional("ref per M", column(&|k| format!("{:.1}", k.reference_per_million))),
        Column::kept("G²", column(&|k| format!("{:.1}", k.ll))),
        Column::optional("log ratio", column(&|k| format!("{:.2}", k.log_ratio))),
    ];
    if sort == KeywordSort::Simple {
        columns.push(Column::kept("simple", column(&|k| format!("{:.2}", k.simple_maths))));
    }
    if !ks.is_empty() {
        let texts = ks.iter().map(|k| k.word.as_str()).collect();
        let table = Table { text_header: "word", texts, columns, ranked: true };
        research_output::print_fitted(out, table, width, layout)?;
    }
    // The summary (standard error) after the table it sums up.
    out.flush()?;
    let side = |s: &Side, name: &str| {
        format!(
            "{name} {} article{}{} ({} words)",
            s.articles,
            if s.articles == 1 { "" } else { "s" },
            match s.copies_skipped {
                0 => String::new(),
                _ => format!(", {} stories", s.read),
            },
            s.words
        )
    };
    let reference = if found.reference_is_rest {
        side(&found.reference, "the rest of the archive:")
    } else {
        side(&found.reference, "reference:")
    };
    say!(
        "{} {}keyword{} of {} listed; focus: {} against {}; G² ≥ {} and {} time{} at least{}{}{}",
        found.keywords.len(),
        if found.negative { "negative " } else { "" },
        if found.keywords.len() == 1 { "" } else { "s" },
        found.significant,
        side(&found.focus, "").trim_start(),
        reference,
        found.min_ll,
        found.min_freq,
        if found.min_freq == 1 { "" } else { "s" },
        match found.by {
            GroupBy::Exact => "; exact forms",
            _ => "; stems",
        },
        if found.collapsed {
            "; copies of a story counted once on each side"
        } else {
            "; every article counted, copies too"
        },
        match found.overlap {
            0 => String::new(),
            n => format!(
                "; {n} of the {} counted are on both sides and counted on both",
                if found.collapsed { "stories" } else { "articles" }
            ),
        }
    );
    Ok(())
}
