//! Facets: how many of the articles a query matches fall under each source,
//! category and year.
//!
//! A tantivy collector over the fast fields (`source`, `category`, `date`):
//! one pass over the matching articles, reading a column value per article,
//! no stored text. Counts are exact; articles without a value are counted
//! apart, so each facet's counts and its `missing` add up to the total.

use std::collections::BTreeMap;
use std::str::FromStr;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::error::{Error, Result};
use crate::schema;
use tantivy::collector::Count;

use crate::searcher::{Engine, SearchRequest};

/// A field to count by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Facet {
    /// The outlet.
    Source,
    /// The section.
    Category,
    /// The publication year (UTC).
    Year,
}

impl Facet {
    /// Every facet, in the order they are shown.
    pub const ALL: [Facet; 3] = [Facet::Source, Facet::Category, Facet::Year];

    /// The facet's name, as `--facet` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Source => "source",
            Facet::Category => "category",
            Facet::Year => "year",
        }
    }

    /// Reads a comma-separated list (`source,year`); an unknown name is an
    /// error that names the facets there are.
    pub fn parse_list(text: &str) -> Result<Vec<Facet>, Error> {
        let mut facets = Vec::new();
        for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let facet = name.parse()?;
            if !facets.contains(&facet) {
                facets.push(facet);
            }
        }
        Ok(facets)
    }
}

impl FromStr for Facet {
    type Err = Error;

    fn from_str(name: &str) -> Result<Facet, Error> {
        Facet::ALL.into_iter().find(|f| f.name() == name.trim().to_lowercase()).ok_or_else(|| {
            let names: Vec<&str> = Facet::ALL.iter().map(|f| f.name()).collect();
            Error::UnknownName {
                what: "facet",
                given: name.to_string(),
                role: "",
                known: format!("the facets are {}", names.join(", ")),
            }
        })
    }
}

/// The counts of one facet.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct FacetCounts {
    /// Which facet.
    pub facet: Facet,
    /// Each value with its articles, most first (then by value).
    pub counts: Vec<(String, u64)>,
    /// Matching articles without a value.
    pub missing: u64,
}

/// Counts the matching articles by each of `facets`.
pub(crate) struct FacetCollector {
    facets: Vec<Facet>,
}

impl FacetCollector {
    /// A collector of `facets`.
    pub(crate) fn new(facets: &[Facet]) -> FacetCollector {
        FacetCollector { facets: facets.to_vec() }
    }
}

/// One segment's counts: per facet, by value.
pub(crate) struct SegmentFacets {
    facets: Vec<Facet>,
    source: Option<StrColumn>,
    category: Option<StrColumn>,
    date: Option<tantivy::columnar::Column<tantivy::DateTime>>,
    /// Per facet: counts by column ordinal (source, category) or year.
    by_ord: Vec<Vec<u64>>,
    by_year: BTreeMap<i32, u64>,
    missing: Vec<u64>,
}

impl Collector for FacetCollector {
    type Fruit = Vec<FacetCounts>;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let fast = reader.fast_fields();
        let source = fast.str(schema::SOURCE)?;
        let category = fast.str(schema::CATEGORY)?;
        let date = fast.date(schema::DATE).ok();
        let by_ord = self
            .facets
            .iter()
            .map(|facet| {
                let column = match facet {
                    Facet::Source => source.as_ref(),
                    Facet::Category => category.as_ref(),
                    Facet::Year => None,
                };
                vec![0; column.map_or(0, |c| c.num_terms())]
            })
            .collect();
        Ok(SegmentFacets {
            facets: self.facets.clone(),
            source,
            category,
            date,
            by_ord,
            by_year: BTreeMap::new(),
            missing: vec![0; self.facets.len()],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Vec<FacetCounts>>) -> tantivy::Result<Vec<FacetCounts>> {
        let mut merged: Vec<(BTreeMap<String, u64>, u64)> =
            vec![(BTreeMap::new(), 0); self.facets.len()];
        for segment in segments {
            for (i, counts) in segment.into_iter().enumerate() {
                for (value, n) in counts.counts {
                    *merged[i].0.entry(value).or_default() += n;
                }
                merged[i].1 += counts.missing;
            }
        }
        Ok(self
            .facets
            .iter()
            .zip(merged)
            .map(|(&facet, (counts, missing))| {
                let mut counts: Vec<(String, u64)> = counts.into_iter().collect();
                if facet == Facet::Year {
                    // Years read in time order.
                    counts.sort_by(|a, b| a.0.cmp(&b.0));
                } else {
                    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                }
                FacetCounts { facet, counts, missing }
            })
            .collect())
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = Vec<FacetCounts>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for (i, facet) in self.facets.iter().enumerate() {
            match facet {
                Facet::Source | Facet::Category => {
                    let column =
                        if *facet == Facet::Source { &self.source } else { &self.category };
                    match column.as_ref().and_then(|c| c.ords().first(doc)) {
                        Some(ord) => self.by_ord[i][ord as usize] += 1,
                        None => self.missing[i] += 1,
                    }
                }
                Facet::Year => match self.date.as_ref().and_then(|c| c.first(doc)) {
                    Some(date) => *self.by_year.entry(date.into_utc().year()).or_default() += 1,
                    None => self.missing[i] += 1,
                },
            }
        }
    }

    fn harvest(self) -> Vec<FacetCounts> {
        let mut text = String::new();
        self.facets
            .iter()
            .enumerate()
            .map(|(i, &facet)| {
                let counts = match facet {
                    Facet::Year => {
                        self.by_year.iter().map(|(year, n)| (year.to_string(), *n)).collect()
                    }
                    Facet::Source | Facet::Category => {
                        let column =
                            if facet == Facet::Source { &self.source } else { &self.category };
                        let mut counts = Vec::new();
                        for (ord, &n) in self.by_ord[i].iter().enumerate().filter(|(_, n)| **n > 0)
                        {
                            let named = column.as_ref().is_some_and(|c| {
                                c.ord_to_str(ord as u64, &mut text).unwrap_or(false)
                            });
                            if named {
                                counts.push((text.clone(), n));
                            }
                        }
                        counts
                    }
                };
                FacetCounts { facet, counts, missing: self.missing[i] }
            })
            .collect()
    }
}

/// How many articles `request`'s query matches, and how many of them
/// fall under each value of each of `facets` (the page and sort of the
/// request play no part).
pub fn facets(
    engine: &Engine,
    request: &SearchRequest,
    facets: &[Facet],
) -> Result<(usize, Vec<FacetCounts>)> {
    let searcher = engine.searcher();
    let plan = engine.plan(&searcher, request)?;
    engine.count_with(&searcher, &*plan.ranked.base, request, &(Count, FacetCollector::new(facets)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::searcher::query::Match;
    use crate::searcher::SearchRequest;
    use crate::testing::{engine, engine_in_commits, news, record, search};

    fn counts(pairs: &[(&str, u64)]) -> Vec<(String, u64)> {
        pairs.iter().map(|(v, n)| (v.to_string(), *n)).collect()
    }

    /// The counts of every facet over the whole of `news()`.
    fn every_article() -> Vec<FacetCounts> {
        vec![
            FacetCounts {
                facet: Facet::Source,
                // Most first, then by name.
                counts: counts(&[("spa", 2), ("wam", 2), ("qna", 1)]),
                missing: 0,
            },
            FacetCounts {
                facet: Facet::Category,
                counts: counts(&[("اقتصاد", 2), ("رياضة", 1), ("سياسة", 1)]),
                missing: 1,
            },
            FacetCounts {
                facet: Facet::Year,
                // In time order.
                counts: counts(&[("2018", 2), ("2019", 2)]),
                missing: 1,
            },
        ]
    }

    #[test]
    fn every_article_is_counted_by_source_category_and_year() {
        let engine = engine(news());
        let (total, facets) =
            crate::research::facets(&engine, &SearchRequest::new("*"), &Facet::ALL).unwrap();
        assert_eq!(total, 5);
        assert_eq!(facets, every_article());
    }

    #[test]
    fn the_counts_of_segments_add_up() {
        let mut news = news();
        let later = news.split_off(2);
        let engine = engine_in_commits(vec![news, later]);
        assert_eq!(engine.searcher().segment_readers().len(), 2);
        let (total, facets) =
            crate::research::facets(&engine, &SearchRequest::new("*"), &Facet::ALL).unwrap();
        assert_eq!(total, 5);
        assert_eq!(facets, every_article());
    }

    #[test]
    fn only_the_matches_are_counted() {
        let engine = engine(news());
        let request = SearchRequest::new("أسعار");
        let (total, facets) =
            crate::research::facets(&engine, &request, &[Facet::Year, Facet::Category]).unwrap();
        assert_eq!(total, 2);
        assert_eq!(
            facets,
            [
                FacetCounts {
                    facet: Facet::Year,
                    counts: counts(&[("2018", 1), ("2019", 1)]),
                    missing: 0
                },
                FacetCounts {
                    facet: Facet::Category,
                    counts: counts(&[("اقتصاد", 2)]),
                    missing: 0
                },
            ]
        );
    }

    #[test]
    fn a_search_counts_its_facets_by_every_word() {
        let engine = engine(news());
        // A ranked list of any word, its facets counted as a count counts.
        let mut request = SearchRequest::new("الذهب النفط");
        request.facets = vec![Facet::Source];
        request.options.counting = true;
        let results = search(&engine, &request);
        assert_eq!((results.total, results.rule), (2, Match::Any));
        assert_eq!(results.facets_rule, Match::All);
        assert_eq!(results.facets[0].counts, counts(&[("wam", 1)]));
    }

    #[test]
    fn with_stories_each_story_is_counted_once() {
        let story = "قال وزير الخارجية في مؤتمر صحفي عقده اليوم في العاصمة إن المحادثات مع \
                     الوفد الزائر تناولت التعاون في مجالات الطاقة والنقل والتعليم وأضاف أن \
                     الجانبين اتفقا على تشكيل لجنة مشتركة تجتمع كل ثلاثة أشهر";
        let engine = engine(vec![
            record("a", "محادثات", story).source("wam"),
            record("b", "محادثات", story).source("spa"),
            record("c", "محادثات", "انتهت المحادثات بين النقابة والشركة دون اتفاق").source("spa"),
        ]);
        let mut request = SearchRequest::new("المحادثات");
        let (total, facets) = crate::research::facets(&engine, &request, &[Facet::Source]).unwrap();
        assert_eq!((total, facets[0].counts.clone()), (3, counts(&[("spa", 2), ("wam", 1)])));
        // Each story as its first article: b is a copy of a.
        request.stories = true;
        let (total, facets) = crate::research::facets(&engine, &request, &[Facet::Source]).unwrap();
        assert_eq!((total, facets[0].counts.clone()), (2, counts(&[("spa", 1), ("wam", 1)])));
    }

    #[test]
    fn a_list_of_facets_keeps_each_once_and_an_unknown_name_is_refused() {
        assert_eq!(Facet::parse_list(" year,Source, year,").unwrap(), [Facet::Year, Facet::Source]);
        let error = Facet::parse_list("source,outlet").unwrap_err().to_string();
        assert!(
            error.contains("\"outlet\"") && error.contains("source, category, year"),
            "{error}"
        );
    }
}
