//! The page in a real browser: headless Chromium driven over WebDriver
//! (Debian's `chromium` and `chromium-driver`), walking through what a
//! reader does, and an article made of markup that must stay text.
//!
//! When Chromium or chromedriver is missing the tests say so on stderr and
//! pass without checking anything, unless `FAHRAS_BROWSER_REQUIRED=1` is set
//! (`.ci/run` sets it once it has installed them), where they fail.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use crate::serve::Server;
use crate::util::IndexDir;

/// A chromedriver process on a free loopback port, stopped when dropped.
struct Driver {
    child: Child,
    url: String,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The program named by `$variable` or else the first of `names` that is a
/// file, searching `$PATH` for bare names.
fn find_program(variable: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(variable) {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in names {
        if name.starts_with('/') {
            if Path::new(name).is_file() {
                return Some(PathBuf::from(name));
            }
            continue;
        }
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// Starts chromedriver and a session in headless Chromium, or returns
/// `None` after saying why the browser tests are skipped.
async fn browser() -> Option<(Driver, Client)> {
    let driver =
        find_program("FAHRAS_CHROMEDRIVER", &["chromedriver", "/usr/lib/chromium/chromedriver"]);
    let chromium = find_program(
        "FAHRAS_CHROMIUM",
        &["chromium", "chromium-browser", "/usr/lib/chromium/chromium"],
    );
    let (Some(driver), Some(chromium)) = (driver, chromium) else {
        let why = "skipped: the browser tests need Chromium and chromedriver \
                   (Debian: apt-get install chromium chromium-driver), not found on PATH";
        assert!(
            std::env::var_os("FAHRAS_BROWSER_REQUIRED").is_none(),
            "FAHRAS_BROWSER_REQUIRED is set, yet {why}"
        );
        eprintln!("{why}");
        return None;
    };
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(&driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", driver.display()));
    let profile = tempfile::tempdir().unwrap();
    let driver = Driver { child, url: format!("http://127.0.0.1:{port}"), _profile: profile };
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                format!("--user-data-dir={}", driver._profile.path().display()),
            ],
        },
    });
    let Value::Object(capabilities) = capabilities else { unreachable!() };
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let client = ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(&driver.url)
        .await
        .unwrap_or_else(|e| panic!("no Chromium session from chromedriver: {e}"));
    Some((driver, client))
}

/// Runs `walk` against a browser, closing the session however it ends.
fn with_browser<F, Fut>(walk: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let Some((_driver, client)) = browser().await else { return };
        walk(client).await;
    });
}

/// The value of a JavaScript expression in the page.
async fn js(client: &Client, expression: &str) -> Value {
    client
        .execute(&format!("return ({expression});"), vec![])
        .await
        .unwrap_or_else(|e| panic!("{expression}: {e}"))
}

/// Waits (up to 15 s) until `expression` is true in the page; on timeout,
/// fails with what the page's status line says.
async fn until(client: &Client, expression: &str) {
    let started = Instant::now();
    loop {
        if js(client, expression).await == Value::Bool(true) {
            return;
        }
        if started.elapsed() > Duration::from_secs(15) {
            let status = js(client, "document.querySelector('#status').textContent").await;
            panic!("waited 15 s for `{expression}`; the page's status says {status}");
        }
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
}

/// Waits until the page shows results for `q` (a fresh render, the
/// status line empty) with `#total` equal to `expected`.
async fn until_total(client: &Client, expected: u64) {
    until(
        client,
        &format!(
            "document.querySelector('#status').textContent === '' && \
             document.querySelector('#total')?.dataset.total === '{expected}'"
        ),
    )
    .await;
}

/// Strips Arabic diacritics (U+064B..U+0652) and tatweel.
fn bare(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, '\u{064B}'..='\u{0652}' | '\u{0640}')).collect()
}

#[test]
fn a_reader_searches_narrows_opens_and_goes_back() {
    let dir = IndexDir::with_sample();
    let expected = dir.count("الدوحه") as u64;
    let server = Server::start(&dir.arg());
    with_browser(|client| async move {
        // 1. Type the query as a reader would and submit it.
        client.goto(&format!("{}/", server.base)).await.unwrap();
        let input = client.wait().for_element(Locator::Css("#q")).await.unwrap();
        input.send_keys("الدوحه").await.unwrap();
        client.find(Locator::Css("#search button")).await.unwrap().click().await.unwrap();
        until_total(&client, expected).await;
        let url = client.current_url().await.unwrap();
        assert!(url.query_pairs().any(|(k, v)| k == "q" && v == "الدوحه"), "{url}");
        let hits = client.find_all(Locator::Css("ol#results li.hit")).await.unwrap();
        assert_eq!(hits.len() as u64, expected);
        // Every snippet marks a spelling of the word, on the original text.
        let marks = js(
            &client,
            "[...document.querySelectorAll('li.hit')].map(li => \
             [...li.querySelectorAll('p.snippet mark')].map(m => m.textContent))",
        )
        .await;
        for (i, list) in marks.as_array().unwrap().iter().enumerate() {
            let list = list.as_array().unwrap();
            assert!(!list.is_empty(), "hit {i} has no mark in its snippet: {marks}");
            for mark in list {
                assert!(bare(mark.as_str().unwrap()).contains("دوح"), "{marks}");
            }
        }
        let spellings: Vec<String> = marks
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|l| l.as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_string()))
            .collect();
        assert!(spellings.iter().any(|m| m == "الدوحة"), "{spellings:?}");
        assert!(spellings.iter().any(|m| m == "الدوحه"), "{spellings:?}");
        assert!(spellings.iter().any(|m| *m != bare(m)), "a diacritized match: {spellings:?}");
        // Laid out right to left: the document's direction, text aligned to
        // the right of each result, and the facets (first in the source) on
        // the right of the results.
        assert_eq!(js(&client, "document.documentElement.dir").await, "rtl");
        assert_eq!(
            js(&client, "getComputedStyle(document.querySelector('li.hit')).direction").await,
            "rtl"
        );
        assert_eq!(
            js(
                &client,
                "(() => { const li = document.querySelector('li.hit').getBoundingClientRect(); \
                 const t = document.querySelector('li.hit a.title').getBoundingClientRect(); \
                 return Math.abs(li.right - t.right) < Math.abs(li.left - t.left); })()"
            )
            .await,
            true,
            "a title starts at its result's right edge"
        );
        assert_eq!(
            js(
                &client,
                "document.querySelector('#facets').getBoundingClientRect().left > \
                 document.querySelector('#results').getBoundingClientRect().left"
            )
            .await,
            true,
            "the facets sit on the right"
        );

        // 2. A source facet: the total becomes that facet's count.
        let facet = client.find(Locator::Css("a.facet[data-facet='source']")).await.unwrap();
        let source = facet.attr("data-value").await.unwrap().unwrap();
        let count: u64 = facet.attr("data-count").await.unwrap().unwrap().parse().unwrap();
        assert!(count < expected, "a facet that narrows: {source} {count}");
        facet.click().await.unwrap();
        until_total(&client, count).await;
        let url = client.current_url().await.unwrap();
        let written = format!("الدوحه source:\"{source}\"");
        assert!(url.query_pairs().any(|(k, v)| k == "q" && v == written), "{url}");
        assert_eq!(js(&client, "document.querySelector('#q').value").await, written.as_str());
        assert_eq!(
            js(&client, "document.querySelector('a.facet.active').dataset.value").await,
            source.as_str()
        );
        assert_eq!(dir.count(&written) as u64, count, "the command line agrees");

        // 3. A timeline bar: the total becomes the bar's count, for its month.
        let bar = client
            .find(Locator::Css("#chart rect.bar[data-count]:not([data-count='0'])"))
            .await
            .unwrap();
        let month = bar.attr("data-period").await.unwrap().unwrap();
        let in_month: u64 = bar.attr("data-count").await.unwrap().unwrap().parse().unwrap();
        bar.click().await.unwrap();
        until(&client, "document.querySelector('#filter-dates') !== null").await;
        until_total(&client, in_month).await;
        let url = client.current_url().await.unwrap();
        assert!(url.query_pairs().any(|(k, v)| k == "from" && v == month), "{url}");
        assert!(url.query_pairs().any(|(k, v)| k == "to" && v == month), "{url}");
        assert_eq!(dir.count_with(&written, &["--from", &month, "--to", &month]) as u64, in_month);
        let listed_results = client.current_url().await.unwrap();

        // 4. Open the first result: the whole article, its matches marked.
        let first = client.find(Locator::Css("li.hit")).await.unwrap();
        let id = first.attr("data-id").await.unwrap().unwrap();
        first.find(Locator::Css("h3 a.title")).await.unwrap().click().await.unwrap();
        until(&client, "!document.querySelector('#article').hidden && document.querySelector('#article .body') !== null").await;
        let url = client.current_url().await.unwrap();
        assert!(url.query_pairs().any(|(k, v)| k == "id" && v == id), "{url}");
        let marks =
            js(&client, "[...document.querySelectorAll('#article mark')].map(m => m.textContent)")
                .await;
        let marks = marks.as_array().unwrap();
        assert!(!marks.is_empty(), "no marks in the article {id}");
        for mark in marks {
            assert!(bare(mark.as_str().unwrap()).contains("دوح"), "{marks:?}");
        }
        assert_eq!(js(&client, "document.querySelector('#results').children.length").await, 0);

        // 5. The browser's back button: the same results, as they were.
        client.back().await.unwrap();
        until_total(&client, in_month).await;
        assert_eq!(client.current_url().await.unwrap(), listed_results);
        assert_eq!(js(&client, "document.querySelector('#article').hidden").await, true);
        assert_eq!(js(&client, "document.querySelector('li.hit').dataset.id").await, id.as_str());
        // And the article's own link back.
        first_title(&client).await.click().await.unwrap();
        until(&client, "!document.querySelector('#article').hidden").await;
        client.find(Locator::Css("#back")).await.unwrap().click().await.unwrap();
        until_total(&client, in_month).await;
        assert_eq!(client.current_url().await.unwrap(), listed_results);
        client.close().await.unwrap();
    });
}

async fn first_title(client: &Client) -> fantoccini::elements::Element {
    client.find(Locator::Css("li.hit h3 a.title")).await.unwrap()
}

/// Counts what a script or a parsed tag would have left in the page.
const INJECTED: &str = "({ \
    images: document.querySelectorAll('img').length, \
    scripts: document.scripts.length, \
    bold: document.querySelectorAll('b, i, svg:not(#chart svg):not(#heat svg)').length, \
    ran: window.fahrasInjected === undefined ? null : window.fahrasInjected })";

#[test]
fn markup_in_the_archive_is_shown_as_text_in_the_page() {
    let dir = IndexDir::new();
    let file = dir.tmp.path().join("xss.jsonl");
    let title = "<img src=x onerror=alert(1)> الدوحة";
    let article = json!({
        "id": "xss-1", "title": title, "date": "2024-02-03",
        "body": "<script>window.fahrasInjected = 1; alert(2)</script> خبر من الدوحة \
                 <img src=y onerror=\"window.fahrasInjected = 3\"> <b onclick=\"alert(4)\">عاجل</b>",
        "source": "<i>مصدر</i>", "category": "<svg onload=alert(5)>",
    });
    let other =
        json!({"id": "plain-1", "title": "خبر", "body": "خبر آخر من الدوحة", "date": "2024-03-01"});
    std::fs::write(&file, format!("{article}\n{other}\n")).unwrap();
    dir.index(&[file.to_str().unwrap()]);
    let server = Server::start(&dir.arg());
    with_browser(|client| async move {
        let clean = json!({"images": 0, "scripts": 1, "bold": 0, "ran": null});
        // The results, with facets and the timeline built from the data.
        client.goto(&format!("{}/?q=الدوحة", server.base)).await.unwrap();
        until_total(&client, 2).await;
        until(&client, "document.querySelector('#chart rect.bar') !== null").await;
        assert_eq!(js(&client, INJECTED).await, clean, "results page");
        let shown =
            js(&client, "document.querySelector(\"li.hit[data-id='xss-1'] a.title\").textContent")
                .await;
        assert_eq!(shown, title, "the title shows as its text");
        let facets =
            js(&client, "[...document.querySelectorAll('a.facet')].map(a => a.dataset.value)")
                .await;
        assert!(facets.as_array().unwrap().contains(&json!("<i>مصدر</i>")), "{facets}");
        assert!(facets.as_array().unwrap().contains(&json!("<svg onload=alert(5)>")), "{facets}");
        // A facet whose value is markup filters as text.
        client
            .find(Locator::Css("a.facet[data-facet='source']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        until_total(&client, 1).await;
        assert_eq!(js(&client, INJECTED).await, clean, "filtered by a markup source");
        // The article view.
        client.goto(&format!("{}/?q=الدوحة&id=xss-1", server.base)).await.unwrap();
        until(&client, "!document.querySelector('#article').hidden").await;
        assert_eq!(js(&client, INJECTED).await, clean, "article view");
        let body = js(&client, "document.querySelector('#article .body').textContent").await;
        assert!(body.as_str().unwrap().starts_with("<script>window.fahrasInjected = 1;"), "{body}");
        let marks =
            js(&client, "[...document.querySelectorAll('#article mark')].map(m => m.textContent)")
                .await;
        assert_eq!(marks, json!(["الدوحة", "الدوحة"]));
        // The concordance.
        client.goto(&format!("{}/?q=الدوحة&tab=kwic", server.base)).await.unwrap();
        until(&client, "document.querySelectorAll('#kwic tbody tr').length === 2").await;
        assert_eq!(js(&client, INJECTED).await, clean, "concordance");
        let lines = js(&client, "document.querySelector('#kwic tbody').textContent").await;
        assert!(lines.as_str().unwrap().contains("<img src=y"), "{lines}");
        // What the archive holds: the markup outlet's name is a label.
        client.goto(&format!("{}/?tab=coverage", server.base)).await.unwrap();
        until(&client, "document.querySelectorAll('#heat rect.cell').length === 4").await;
        assert_eq!(js(&client, INJECTED).await, clean, "coverage");
        let labels = js(
            &client,
            "[...document.querySelectorAll('#heat text.row-label')].map(t => t.textContent)",
        )
        .await;
        assert!(labels.as_array().unwrap().contains(&json!("<i>مصدر</i>")), "{labels}");
        // No alert was ever opened: WebDriver has none to read.
        assert!(client.get_alert_text().await.is_err(), "an alert is open");
        client.close().await.unwrap();
    });
}

/// Issue 31: a month without any article in the archive is a grey band in
/// the page's timeline, not an empty bar, and an empty cell in the
/// coverage table.
#[test]
fn a_month_the_archive_lacks_is_a_gap_on_the_page() {
    let dir = IndexDir::new();
    let file = dir.tmp.path().join("gaps.jsonl");
    let mut lines = String::new();
    for (n, date) in ["2018-01-10", "2018-01-20", "2018-03-05", "2018-04-02"].iter().enumerate() {
        let body = if n == 1 { "خبر من الرياض" } else { "خبر من الدوحة" };
        lines += &format!(
            "{}\n",
            json!({"id": format!("g{n}"), "title": "خبر", "body": body, "date": date, "source": "alpha"})
        );
    }
    std::fs::write(&file, lines).unwrap();
    dir.index(&[file.to_str().unwrap()]);
    let server = Server::start(&dir.arg());
    with_browser(|client| async move {
        client.goto(&format!("{}/?q=الدوحة", server.base)).await.unwrap();
        until_total(&client, 3).await;
        until(&client, "document.querySelector('#chart rect.bar') !== null").await;
        let bars = js(
            &client,
            "[...document.querySelectorAll('#chart rect')].map(r => [r.dataset.period, r.dataset.gap ? 'gap' : r.dataset.count])",
        )
        .await;
        assert_eq!(
            bars,
            json!([["2018-01", "1"], ["2018-02", "gap"], ["2018-03", "1"], ["2018-04", "1"]])
        );
        let said = js(&client, "document.querySelector('#chart-gaps').textContent").await;
        assert!(said.as_str().unwrap().contains("فجوة"), "{said}");
        // The coverage tab: alpha's February is an empty cell.
        client.goto(&format!("{}/?tab=coverage", server.base)).await.unwrap();
        until(&client, "document.querySelectorAll('#heat rect.cell').length === 4").await;
        let cells = js(
            &client,
            "[...document.querySelectorAll('#heat rect.cell')].map(r => [r.dataset.period, Number(r.dataset.articles), r.classList.contains('empty')])",
        )
        .await;
        assert_eq!(
            cells,
            json!([
                ["2018-01", 2, false],
                ["2018-02", 0, true],
                ["2018-03", 1, false],
                ["2018-04", 1, false]
            ])
        );
        client.close().await.unwrap();
    });
}
