//! Ranking metrics over TREC qrels: MRR@10, Recall@k, nDCG@10.
//!
//! Definitions follow `trec_eval` (Voorhees & Harman, *TREC: Experiment and
//! Evaluation in Information Retrieval*, 2005): the gain of a document is its
//! relevance grade; DCG@k = Σ gain_i / log2(i + 1) over ranks i = 1..k; the
//! ideal DCG sorts all judged-relevant grades; recall counts documents with
//! a grade above 0.

use std::collections::HashMap;

/// The judged documents of one query: doc id → relevance grade.
pub(crate) type Judgments = HashMap<String, u32>;

/// Metrics of one ranked list.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct QueryMetrics {
    /// 1 / rank of the first relevant document within the top 10, else 0.
    pub rr10: f64,
    /// Share of relevant documents in the top 10.
    pub recall10: f64,
    /// Share of relevant documents in the top 100.
    pub recall100: f64,
    /// Normalized discounted cumulative gain at 10.
    pub ndcg10: f64,
}

/// Scores a ranked list of doc ids against the judgments.
pub(crate) fn score(ranked: &[String], judged: &Judgments) -> QueryMetrics {
    let relevant = judged.values().filter(|&&g| g > 0).count();
    if relevant == 0 {
        return QueryMetrics::default();
    }
    let grade = |id: &String| judged.get(id).copied().unwrap_or(0);
    let rr10 =
        ranked.iter().take(10).position(|id| grade(id) > 0).map_or(0.0, |i| 1.0 / (i + 1) as f64);
    let recall_at = |k: usize| {
        ranked.iter().take(k).filter(|id| grade(id) > 0).count() as f64 / relevant as f64
    };
    let dcg = |grades: &mut dyn Iterator<Item = u32>| -> f64 {
        grades.take(10).enumerate().map(|(i, g)| g as f64 / ((i + 2) as f64).log2()).sum()
    };
    let actual = dcg(&mut ranked.iter().map(grade));
    let mut ideal: Vec<u32> = judged.values().copied().filter(|&g| g > 0).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let best = dcg(&mut ideal.into_iter());
    QueryMetrics { rr10, recall10: recall_at(10), recall100: recall_at(100), ndcg10: actual / best }
}

/// Means over queries.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Summary {
    /// Queries scored.
    pub queries: usize,
    /// Queries for which the search returned nothing.
    pub no_hits: usize,
    /// Mean reciprocal rank at 10.
    pub mrr10: f64,
    /// Mean recall at 10.
    pub recall10: f64,
    /// Mean recall at 100.
    pub recall100: f64,
    /// Mean nDCG at 10.
    pub ndcg10: f64,
}

impl Summary {
    /// Averages per-query metrics.
    pub fn of(per_query: &[QueryMetrics], no_hits: usize) -> Summary {
        let n = per_query.len().max(1) as f64;
        let mean = |f: fn(&QueryMetrics) -> f64| per_query.iter().map(f).sum::<f64>() / n;
        Summary {
            queries: per_query.len(),
            no_hits,
            mrr10: mean(|m| m.rr10),
            recall10: mean(|m| m.recall10),
            recall100: mean(|m| m.recall100),
            ndcg10: mean(|m| m.ndcg10),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn hand_computed() {
        let judged: Judgments = [("a".to_string(), 1), ("b".to_string(), 1)].into();
        // Relevant at ranks 2 and 4: RR = 1/2; DCG = 1/log2(3) + 1/log2(5)
        // = 0.6309 + 0.4307 = 1.0616; IDCG = 1 + 0.6309 = 1.6309 → 0.651.
        let m = score(&ids(&["x", "a", "y", "b"]), &judged);
        assert_eq!(m.rr10, 0.5);
        assert_eq!(m.recall10, 1.0);
        assert!((m.ndcg10 - 0.651).abs() < 5e-4, "{}", m.ndcg10);
        let m = score(&ids(&["x", "y"]), &judged);
        assert_eq!(m, QueryMetrics::default());
    }
}
