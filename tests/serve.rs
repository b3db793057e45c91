//! `fahras serve`: the API answers as the command line does, errors are
//! JSON with their status, archive markup stays text, and an index changed
//! under a running server is seen by the next request. Loopback only.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::time::Duration;

use crate::util::{fahras, fahras_cmd, sample, IndexDir};

/// A running `fahras serve` on a free loopback port, stopped when dropped.
pub struct Server {
    child: Child,
    pub base: String,
    agent: ureq::Agent,
}

impl Server {
    pub fn start(index: &str) -> Server {
        let mut child = fahras_cmd(&["serve", "--index", index, "--addr", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let base = fahras::server::address_in(&line)
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(20)))
            .build()
            .into();
        Server { child, base, agent }
    }

    /// (status, headers as `name: value` lines, body) of `GET path`.
    fn get(&self, path: &str) -> (u16, String, String) {
        let mut response =
            self.agent.get(&format!("{}{}", self.base, encode(path))).call().unwrap();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| format!("{k}: {}\n", v.to_str().unwrap_or("")))
            .collect();
        let body = response.body_mut().read_to_string().unwrap();
        (response.status().as_u16(), headers, body)
    }

    fn json(&self, path: &str) -> (u16, serde_json::Value) {
        let (status, _, body) = self.get(path);
        (status, serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}")))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Percent-encodes what a URI cannot hold as it is (Arabic, spaces, quotes).
fn encode(path: &str) -> String {
    let mut out = String::new();
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~/?&=:,*".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[test]
fn the_api_answers_as_the_command_line_does() {
    let dir = IndexDir::with_sample();
    let server = Server::start(&dir.arg());
    let (status, results) = server.json("/api/search?q=الدوحه&facet=source,year");
    assert_eq!(status, 200, "{results}");
    let ids: Vec<&str> =
        results["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap()).collect();
    // The same ranking as `search --json`.
    let cli: Vec<String> =
        dir.hits("الدوحه", &[]).iter().map(|h| h["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, cli);
    assert_eq!(results["total"], dir.count("الدوحه"));
    assert!(ids.len() >= 5, "{ids:?}");
    // Each source's count is what searching with that source finds.
    for pair in results["facets"]["source"]["counts"].as_array().unwrap() {
        let query = format!("الدوحه source:\"{}\"", pair[0].as_str().unwrap());
        assert_eq!(pair[1], dir.count(&query), "{query}");
    }
    for hit in results["hits"].as_array().unwrap() {
        let html = hit["snippet_html"].as_str().unwrap();
        assert!(html.contains("<mark>"), "{html}");
    }
    // The article, its marks on its own words.
    let (status, article) = server.json("/api/articles/fx-047?q=الدوحه");
    assert_eq!(status, 200, "{article}");
    let body: Vec<char> = article["body"].as_str().unwrap().chars().collect();
    let marked: Vec<String> = article["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            body[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize].iter().collect()
        })
        .collect();
    assert_eq!(marked, ["الدوحه", "الدوحة"]);
    // Timeline, concordance, stats, analysis: the CLI's numbers.
    let (_, chart) = server.json("/api/timeline?q=الدوحه&by=month");
    let sum: u64 =
        chart["series"][0]["counts"].as_array().unwrap().iter().map(|c| c.as_u64().unwrap()).sum();
    assert_eq!(sum as usize, dir.count("الدوحه"));
    let cli = fahras(&["timeline", "--index", &dir.arg(), "--json", "الدوحه"]);
    assert_eq!(chart, serde_json::from_str::<serde_json::Value>(&cli.stdout).unwrap());
    let (_, kwic) = server.json("/api/kwic?q=الدوحه");
    assert_eq!(kwic["lines"].as_array().unwrap().len(), 7, "{kwic}");
    let (_, stats) = server.json("/api/stats");
    assert_eq!(stats["articles"], 50);
    let (_, tokens) = server.json("/api/analyze?text=والمدارس");
    assert_eq!(tokens[0]["term"], "مدارس");
}

#[test]
fn errors_are_json_with_their_status_and_headers_are_strict() {
    let dir = IndexDir::with_sample();
    let server = Server::start(&dir.arg());
    let long = format!("/api/search?q={}", "قطر ".repeat(700));
    for (path, status, says) in [
        ("/api/search?q=قطر&limt=5", 400, "unknown parameter \"limt\""),
        ("/api/search?q=قطر&limit=1001", 400, "limit=1001"),
        ("/api/search?q=قطر&from=2024-13", 400, "not a date"),
        ("/api/search?q=قطر&facet=color", 400, "unknown facet"),
        ("/api/search", 400, "\"q\" is missing"),
        ("/api/search?q=قطر&q=مصر", 400, "q is given 2 times"),
        (long.as_str(), 400, "the limit is 4096"),
        ("/api/articles/nope", 404, "no article with id \"nope\""),
        ("/api/nothing", 404, "no such page"),
        ("/assets/../Cargo.toml", 404, ""),
        ("/assets/%2e%2e%2fCargo.toml", 404, "no asset"),
    ] {
        let (got, _, body) = server.get(path);
        assert_eq!(got, status, "{path}: {body}");
        let json: serde_json::Value =
            serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"));
        assert_eq!(json["error"]["status"], status);
        assert!(json["error"]["message"].as_str().unwrap().contains(says), "{path}: {body}");
    }
    for path in ["/", "/api/search?q=قطر", "/assets/app.js"] {
        let (status, headers, _) = server.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(
            headers.contains("content-security-policy: default-src 'self'; script-src 'self';"),
            "{headers}"
        );
        assert!(headers.contains("x-content-type-options: nosniff"), "{headers}");
        assert!(!headers.contains("access-control-allow-origin"), "{headers}");
    }
    // The page has no inline script: only its own file.
    let (_, _, page) = server.get("/");
    assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert_eq!(page.matches("<script").count(), 1);
    assert!(page.contains("<script src=\"/assets/app.js\" defer></script>"));
}

#[test]
fn markup_in_an_article_stays_text() {
    let dir = IndexDir::new();
    let file = dir.tmp.path().join("xss.jsonl");
    let article = serde_json::json!({
        "id": "x<1>", "title": "<img src=x onerror=alert(1)> الدوحة",
        "body": "<script>alert(2)</script> خبر من الدوحة <b onclick=\"alert(3)\">عاجل</b>",
        "source": "<i>مصدر</i>", "date": "2024-01-01",
    });
    std::fs::write(&file, format!("{article}\n")).unwrap();
    dir.index(&[file.to_str().unwrap()]);
    let server = Server::start(&dir.arg());
    let (status, results) = server.json("/api/search?q=الدوحة");
    assert_eq!(status, 200);
    let hit = &results["hits"][0];
    assert_eq!(
        hit["title"], "<img src=x onerror=alert(1)> الدوحة",
        "the JSON keeps the text as written"
    );
    assert_eq!(hit["title_html"], "&lt;img src=x onerror=alert(1)&gt; <mark>الدوحة</mark>");
    let snippet = hit["snippet_html"].as_str().unwrap();
    assert!(snippet.starts_with("&lt;script&gt;alert(2)&lt;/script&gt;"), "{snippet}");
    assert!(snippet.contains("&lt;b onclick=&quot;alert(3)&quot;&gt;"), "{snippet}");
    assert_eq!(snippet.replace("<mark>", "").replace("</mark>", "").matches('<').count(), 0);
    let (status, article) = server.json("/api/articles/x<1>?q=الدوحة");
    assert_eq!(status, 200, "{article}");
    assert_eq!(article["source"], "<i>مصدر</i>");
}

#[test]
fn an_index_changed_under_the_server_is_seen_by_the_next_search() {
    let dir = IndexDir::new();
    let server = Server::start(&dir.arg());
    // No index yet: 503, saying why.
    let (status, body) = server.json("/api/search?q=*");
    assert_eq!(status, 503, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("cannot be opened"), "{body}");
    dir.index(&[sample().to_str().unwrap()]);
    assert_eq!(server.json("/api/search?q=*&limit=0").1["total"], 50);
    // A commit by another process.
    let more = dir.tmp.path().join("more.jsonl");
    std::fs::write(
        &more,
        "{\"id\":\"new-1\",\"title\":\"خبر جديد\",\"body\":\"خبر جديد عن الدوحة\"}\n",
    )
    .unwrap();
    dir.index(&[more.to_str().unwrap()]);
    assert_eq!(server.json("/api/search?q=*&limit=0").1["total"], 51);
    // A reindex swaps a generation in (and removes the old one).
    let before = dir.generation_dir();
    let run = fahras(&["reindex", "--index", &dir.arg()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_ne!(dir.generation_dir(), before);
    let (status, results) = server.json("/api/search?q=الدوحة&limit=50");
    assert_eq!(status, 200, "{results}");
    assert_eq!(results["total"], 7);
    assert_eq!(server.json("/api/stats").1["articles"], 51);
}
