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

use fantoccini::actions::{InputSource as _, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
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
        // The outlet is a parameter of its own; the query box keeps what
        // was typed.
        assert!(url.query_pairs().any(|(k, v)| k == "q" && v == "الدوحه"), "{url}");
        assert!(url.query_pairs().any(|(k, v)| k == "source" && v == source), "{url}");
        assert_eq!(js(&client, "document.querySelector('#q').value").await, "الدوحه");
        let written = format!("الدوحه source:\"{source}\"");
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

/// The page's own scripts (app, tables, kwic, desk, help, brush).
const SCRIPTS: u64 = 6;

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
        "url": "javascript:window.fahrasInjected = 6",
    });
    let other =
        json!({"id": "plain-1", "title": "خبر", "body": "خبر آخر من الدوحة", "date": "2024-03-01"});
    std::fs::write(&file, format!("{article}\n{other}\n")).unwrap();
    dir.index(&[file.to_str().unwrap()]);
    let server = Server::start(&dir.arg());
    with_browser(|client| async move {
        let clean = json!({"images": 0, "scripts": SCRIPTS, "bold": 0, "ran": null});
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
        // A `javascript:` address is shown, not linked.
        assert_eq!(js(&client, "document.querySelectorAll('#article a.url').length").await, 0);
        let shown = js(&client, "document.querySelector('#article-url').textContent").await;
        assert!(shown.as_str().unwrap().contains("javascript:window.fahrasInjected"), "{shown}");
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
        // The desk's tabs: words, keywords, collocates and outlets as text.
        for (tab, table) in [
            ("words&ngrams=2&min_freq=1", "#words tbody tr"),
            // Two articles make no keyword: the table, empty, and the
            // query's own text in the line above it.
            ("keywords&vs=<b>خبر</b>", "#keywords"),
            ("collocates&min_freq=1", "#collocates tbody tr"),
            ("dispersion", "#dispersion tbody tr"),
        ] {
            client.goto(&format!("{}/?q=الدوحة&tab={tab}", server.base)).await.unwrap();
            until(&client, &format!("document.querySelector('{table}') !== null")).await;
            assert_eq!(js(&client, INJECTED).await, clean, "{tab}");
        }
        let parts = js(&client, "document.querySelector('#dispersion tbody').textContent").await;
        assert!(parts.as_str().unwrap().contains("<i>مصدر</i>"), "{parts}");
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
            "[...document.querySelectorAll('#chart rect:not(.brush)')].map(r => [r.dataset.period, r.dataset.gap ? 'gap' : r.dataset.count])",
        )
        .await;
        assert_eq!(
            bars,
            json!([["2018-01", "1"], ["2018-02", "gap"], ["2018-03", "1"], ["2018-04", "1"]])
        );
        let said = js(&client, "document.querySelector('#chart-gaps').textContent").await;
        assert!(said.as_str().unwrap().contains("فجوة"), "{said}");
        // Nothing found in the gap month: the page says the archive holds
        // no article then, not that other words might find one.
        client.goto(&format!("{}/?q=الدوحة&from=2018-02&to=2018-02", server.base)).await.unwrap();
        until_total(&client, 0).await;
        until(&client, "document.querySelector('#summary .none') !== null").await;
        let said = js(&client, "document.querySelector('#summary .none').textContent").await;
        assert!(said.as_str().unwrap().contains("فجوة في الأرشيف"), "{said}");
        // Nothing found in a month the archive holds: other words, maybe.
        client.goto(&format!("{}/?q=الرياض&from=2018-03&to=2018-03", server.base)).await.unwrap();
        until_total(&client, 0).await;
        until(&client, "document.querySelector('#summary .none') !== null").await;
        let said = js(&client, "document.querySelector('#summary .none').textContent").await;
        assert!(
            !said.as_str().unwrap().contains("فجوة") && said.as_str().unwrap().contains("جرّب"),
            "{said}"
        );
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

/// The bytes of a CSV download link's file (its `file` Blob: the page's
/// Content-Security-Policy lets no script fetch a `blob:` address).
async fn fetched(client: &Client, selector: &str) -> Vec<u8> {
    let script = format!(
        "const done = arguments[arguments.length - 1]; \
         document.querySelector({selector:?}).file.arrayBuffer() \
         .then(b => done([...new Uint8Array(b)]), e => done(String(e)));"
    );
    let bytes = client.execute_async(&script, vec![]).await.unwrap();
    let Value::Array(bytes) = bytes else { panic!("{selector}: {bytes}") };
    bytes.iter().map(|b| b.as_u64().unwrap() as u8).collect()
}

/// Issue 33: the desk's tabs (keywords, words, collocates, dispersion) are
/// tables of the query's words with a CSV download that Excel reads as
/// Arabic, and their choices live in the URL.
#[test]
fn the_desk_tabs_count_words_and_download_them() {
    let dir = IndexDir::with_sample();
    let server = Server::start(&dir.arg());
    with_browser(|client| async move {
        client.goto(&format!("{}/?q=الدوحة", server.base)).await.unwrap();
        until(&client, "document.querySelector('#total') !== null").await;
        client.find(Locator::Css("#tab-keywords")).await.unwrap().click().await.unwrap();
        until(&client, "document.querySelector('#keywords tbody tr') !== null").await;
        let url = client.current_url().await.unwrap();
        assert!(url.query_pairs().any(|(k, v)| k == "tab" && v == "keywords"), "{url}");
        let first =
            js(&client, "document.querySelector('#keywords tbody td.word').textContent").await;
        assert_eq!(first, "الدوحة");
        // No stray text: every child of the desk is an element.
        let stray =
            "[...document.querySelector('#desk').childNodes].filter(n => n.nodeType !== 1).length";
        let what = js(&client, "document.querySelector('#desk-what').textContent").await;
        assert!(what.as_str().unwrap().contains("بقية الأرشيف"), "{what}");
        let csv = fetched(&client, "#desk a.csv").await;
        assert_eq!(&csv[..3], b"\xEF\xBB\xBF", "a byte-order mark first");
        let text = String::from_utf8(csv[3..].to_vec()).unwrap();
        assert!(text.starts_with("word,"), "{text}");
        assert!(text.contains("\r\nالدوحة,دوح,7,0,"), "{text}");
        // Against another query: the reference side is that query's.
        let vs = client.find(Locator::Css("#vs")).await.unwrap();
        vs.send_keys("النفط").await.unwrap();
        client.find(Locator::Css("#vs-form button")).await.unwrap().click().await.unwrap();
        until(&client, "document.querySelector('#desk-what')?.textContent.includes('«النفط»')")
            .await;
        let url = client.current_url().await.unwrap();
        assert!(url.query_pairs().any(|(k, v)| k == "vs" && v == "النفط"), "{url}");
        // Words: pairs of words, chosen in the select, kept in the URL.
        client.find(Locator::Css("#tab-words")).await.unwrap().click().await.unwrap();
        until(&client, "document.querySelector('#words tbody tr') !== null").await;
        js(&client, "(() => { const s = document.querySelector('#choose-ngrams'); s.value = '2'; s.dispatchEvent(new Event('change')); return true; })()").await;
        until(&client, "document.querySelector('#words th')?.textContent === 'العبارة'").await;
        let url = client.current_url().await.unwrap();
        assert!(url.query_pairs().any(|(k, v)| k == "ngrams" && v == "2"), "{url}");
        assert_eq!(js(&client, stray).await, 0, "words");
        let pair = js(&client, "document.querySelector('#words tbody td.word').textContent").await;
        assert_eq!(pair.as_str().unwrap().split(' ').count(), 2, "{pair}");
        // Back: single words again.
        client.back().await.unwrap();
        until(&client, "document.querySelector('#words th')?.textContent === 'الكلمة'").await;
        // A length the server refuses: the error in Arabic, and the select
        // shows what the URL asked for (not «كلمة», which would claim single
        // words are in force), so choosing a length is a change that runs.
        client.goto(&format!("{}/?q=الدوحة&tab=words&ngrams=9", server.base)).await.unwrap();
        until(&client, "document.querySelector('#status.error') !== null").await;
        let shown = js(&client, "document.querySelector('#choose-ngrams').value").await;
        assert_eq!(shown, "9");
        js(&client, "(() => { const s = document.querySelector('#choose-ngrams'); s.value = '1'; s.dispatchEvent(new Event('change')); return true; })()").await;
        until(&client, "document.querySelector('#words th')?.textContent === 'الكلمة'").await;
        let url = client.current_url().await.unwrap();
        assert!(!url.query_pairs().any(|(k, _)| k == "ngrams"), "{url}");
        // On a phone a word list fits the screen, single words with their
        // stems, phrases without (the line says the CSV has them).
        client.set_window_size(390, 844).await.unwrap();
        let fits = "(() => { const t = document.querySelector('#words'); \
                    return t.getBoundingClientRect().width <= document.documentElement.clientWidth \
                    && t.parentElement.scrollWidth <= t.parentElement.clientWidth; })()";
        until(&client, fits).await;
        let stems = "getComputedStyle(document.querySelector('#words th[data-key=term]')).display";
        assert_ne!(js(&client, stems).await, "none");
        client.goto(&format!("{}/?q=الدوحة&tab=words&ngrams=3", server.base)).await.unwrap();
        until(&client, "document.querySelector('#words th')?.textContent === 'العبارة'").await;
        until(&client, fits).await;
        assert_eq!(js(&client, stems).await, "none");
        let said = js(&client, "document.querySelector('#desk-hidden').innerText").await;
        assert!(said.as_str().unwrap().contains("«الجذع (كل صيغه معاً)»"), "{said}");
        // Keywords and dispersion, the widest tables, fit too, and name
        // what they leave out.
        for (tab, left_out) in
            [("keywords", "«نسبة لوغاريتمية»"), ("dispersion", "«حصته من المواضع»")]
        {
            client.goto(&format!("{}/?q=الدوحة&tab={tab}", server.base)).await.unwrap();
            until(&client, &format!("document.querySelector('#{tab} tbody tr') !== null")).await;
            let fits = fits.replace("#words", &format!("#{tab}"));
            until(&client, &fits).await;
            let said = js(&client, "document.querySelector('#desk-hidden').innerText").await;
            assert!(said.as_str().unwrap().contains(left_out), "{tab}: {said}");
        }
        client.set_window_size(1200, 900).await.unwrap();
        // On a wide screen every column shows, and nothing is said hidden.
        until(
            &client,
            "getComputedStyle(document.querySelector('#desk-hidden')).display === 'none'",
        )
        .await;
        // Dispersion: a row per outlet, the four of the sample.
        client.find(Locator::Css("#tab-dispersion")).await.unwrap().click().await.unwrap();
        until(&client, "document.querySelectorAll('#dispersion tbody tr').length === 4").await;
        // Collocates: with the least count at 1, the sample has some.
        client.goto(&format!("{}/?q=الدوحة&tab=collocates&min_freq=1", server.base)).await.unwrap();
        until(&client, "document.querySelector('#collocates tbody tr') !== null").await;
        let csv = fetched(&client, "#desk a.csv").await;
        assert_eq!(&csv[..3], b"\xEF\xBB\xBF");
        assert_eq!(js(&client, stray).await, 0, "collocates");
        client.close().await.unwrap();
    });
}

/// An archive of `n` articles each holding الدوحة once, with other words
/// around it, three outlets and dates spread over a year.
fn doha_archive(n: usize) -> IndexDir {
    let dir = IndexDir::new();
    let letters: Vec<char> = "بتثجحخدذرزسشصضطظعغفق".chars().collect();
    let word = |k: usize, first: char| -> String {
        format!("{first}{}{}ا{}", letters[k % 20], letters[(k / 20) % 20], letters[(k * 7) % 20])
    };
    let mut lines = String::new();
    for k in 0..n {
        let body = format!(
            "{} {} الدوحة {} {} {}",
            word(k * 3, 'م'),
            word(k * 11 + 5, 'ك'),
            word(k * 13 + 1, 'ل'),
            word(k, 'ن'),
            word(k * 17 + 2, 'ي')
        );
        let date = format!("2019-{:02}-{:02}", k % 12 + 1, k % 28 + 1);
        let source = ["alpha", "beta", "gamma"][k % 3];
        lines += &format!(
            "{}\n",
            json!({"id": format!("d{k}"), "title": word(k, 'ع'), "body": body, "date": date, "source": source})
        );
    }
    let file = dir.tmp.path().join("doha.jsonl");
    std::fs::write(&file, lines).unwrap();
    dir.index(&[file.to_str().unwrap()]);
    dir
}

/// The ids of the concordance's lines, in order.
const KWIC_IDS: &str = "[...document.querySelectorAll('#kwic tbody tr')].map(r => r.dataset.id)";

/// Issue 33: the concordance reads every matching article, 100 lines a
/// page, sorts by a column's header, and on a phone keeps every line's
/// match in view.
#[test]
fn the_concordance_pages_sorts_and_fits_a_phone() {
    let dir = doha_archive(150);
    let server = Server::start(&dir.arg());
    with_browser(|client| async move {
        client.goto(&format!("{}/?q=الدوحة&tab=kwic", server.base)).await.unwrap();
        until(&client, "document.querySelectorAll('#kwic tbody tr').length === 100").await;
        let status = js(&client, "document.querySelector('#status').textContent").await;
        assert!(status.as_str().unwrap().contains("من 150 سطراً"), "{status}");
        let page1 = js(&client, KWIC_IDS).await;
        client
            .find(Locator::Css("#kwic-pages a[rel='next']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        until(&client, "document.querySelectorAll('#kwic tbody tr').length === 50").await;
        let url = client.current_url().await.unwrap();
        assert!(url.query_pairs().any(|(k, v)| k == "page" && v == "2"), "{url}");
        let page2 = js(&client, KWIC_IDS).await;
        for id in page2.as_array().unwrap() {
            assert!(!page1.as_array().unwrap().contains(id), "{id} on both pages");
        }
        // Sorted by the context before the match: another order, in the URL.
        client.find(Locator::Css("#kwic th.before a")).await.unwrap().click().await.unwrap();
        until(&client, "document.querySelectorAll('#kwic tbody tr').length === 100").await;
        let url = client.current_url().await.unwrap();
        assert!(url.query_pairs().any(|(k, v)| k == "sort" && v == "left"), "{url}");
        assert!(!url.query_pairs().any(|(k, _)| k == "page"), "a new sort starts at page 1");
        let by_left = js(&client, KWIC_IDS).await;
        assert_ne!(by_left, page1, "sorting by the left context changes the order");
        // By date: each line's date no earlier than the one before.
        client.find(Locator::Css("#kwic th.date a")).await.unwrap().click().await.unwrap();
        until(&client, "new URLSearchParams(location.search).get('sort') === 'date' && document.querySelectorAll('#kwic tbody tr').length === 100").await;
        let dates =
            js(&client, "[...document.querySelectorAll('#kwic td.date')].map(d => d.textContent)")
                .await;
        let dates: Vec<&str> =
            dates.as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
        // The page's CSV: a byte-order mark, then a line per row.
        let csv = fetched(&client, "#kwic-download a.csv").await;
        assert_eq!(&csv[..3], b"\xEF\xBB\xBF");
        assert_eq!(String::from_utf8(csv[3..].to_vec()).unwrap().lines().count(), 101);
        // A phone: every line's match cell lies inside the window.
        client.set_window_size(390, 844).await.unwrap();
        client.refresh().await.unwrap();
        until(&client, "document.querySelectorAll('#kwic tbody tr').length === 100").await;
        assert_eq!(js(&client, "window.innerWidth <= 400").await, true);
        let outside = js(
            &client,
            "[...document.querySelectorAll('#kwic td.match mark')].filter(m => { \
             const r = m.getBoundingClientRect(); \
             return r.left < 0 || r.right > document.documentElement.clientWidth || r.width === 0; }).length",
        )
        .await;
        assert_eq!(outside, 0, "matches cut or off screen on a phone");
        assert_eq!(
            js(
                &client,
                "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
            )
            .await,
            true,
            "the page does not scroll sideways"
        );
        client.close().await.unwrap();
    });
}

/// Issue 33: an article's view lists the other copies of its story, each
/// with its outlet, date, a link to its own view and its address.
#[test]
fn an_article_view_lists_its_copies() {
    let dir = IndexDir::new();
    let filler: Vec<String> = (0..40).map(|n| format!("كلمة{n}")).collect();
    let story = format!("النفط يرتفع في الأسواق {}", filler.join(" "));
    let mut lines = String::new();
    for (id, source, date) in
        [("x1", "a", "2018-01-02"), ("x2", "b", "2018-01-01"), ("x3", "c", "2018-01-03")]
    {
        lines += &format!(
            "{}\n",
            json!({"id": id, "title": "خبر", "body": story, "source": source, "date": date,
                   "url": format!("https://example.org/{id}")})
        );
    }
    lines += &format!("{}\n", json!({"id": "y1", "title": "آخر", "body": "خبر آخر قصير"}));
    let file = dir.tmp.path().join("copies.jsonl");
    std::fs::write(&file, lines).unwrap();
    dir.index(&[file.to_str().unwrap()]);
    let server = Server::start(&dir.arg());
    with_browser(|client| async move {
        client.goto(&format!("{}/?q=النفط&id=x1", server.base)).await.unwrap();
        until(&client, "document.querySelector('#copies li') !== null").await;
        assert_eq!(js(&client, "document.querySelector('#story').dataset.storySize").await, "3");
        let copies = js(
            &client,
            "[...document.querySelectorAll('#copies li')].map(li => [li.dataset.id, \
             li.querySelector('a.copy').textContent, li.querySelector('a.url').href])",
        )
        .await;
        assert_eq!(
            copies,
            json!([["x2", "b", "https://example.org/x2"], ["x3", "c", "https://example.org/x3"]])
        );
        assert_eq!(
            js(&client, "document.querySelector('#article-url a.url').href").await,
            "https://example.org/x1"
        );
        // A copy's link opens that copy's view, which lists the others.
        client.find(Locator::Css("#copies a.copy")).await.unwrap().click().await.unwrap();
        // (Until x2's own view is drawn: x1's list, which holds x2, stays
        // on the page while it loads.)
        until(&client, "new URLSearchParams(location.search).get('id') === 'x2' && document.querySelector('#copies li[data-id=\"x1\"]') !== null").await;
        let ids =
            js(&client, "[...document.querySelectorAll('#copies li')].map(li => li.dataset.id)")
                .await;
        assert_eq!(ids, json!(["x1", "x3"]));
        // An article without copies says so.
        client.goto(&format!("{}/?id=y1", server.base)).await.unwrap();
        until(&client, "document.querySelector('#story') !== null").await;
        assert_eq!(js(&client, "document.querySelectorAll('#copies li').length").await, 0);
        client.close().await.unwrap();
    });
}

/// Issue 33: two outlets at once (values of one field are alternatives),
/// each a chip above the results whose text is isolated, removable.
#[test]
fn two_outlets_at_once_are_two_chips() {
    let dir = IndexDir::with_sample();
    let server = Server::start(&dir.arg());
    let total = dir.count("الدوحة") as u64;
    with_browser(|client| async move {
        client.goto(&format!("{}/?q=الدوحة", server.base)).await.unwrap();
        until_total(&client, total).await;
        let facets = js(
            &client,
            "[...document.querySelectorAll(\"a.facet[data-facet='source']\")].map(a => [a.dataset.value, Number(a.dataset.count)])",
        )
        .await;
        let facets = facets.as_array().unwrap();
        assert!(facets.len() >= 2, "{facets:?}");
        let (a, b) = (&facets[0], &facets[1]);
        let name = |f: &Value| f[0].as_str().unwrap().to_string();
        let count = |f: &Value| f[1].as_u64().unwrap();
        let pick = |value: String| {
            let client = client.clone();
            async move {
                let selector = format!("a.facet[data-facet='source'][data-value='{value}']");
                client.find(Locator::Css(&selector)).await.unwrap().click().await.unwrap();
            }
        };
        pick(name(a)).await;
        until_total(&client, count(a)).await;
        // The other outlet is still offered, with its own count.
        until(
            &client,
            &format!("document.querySelector(\"a.facet[data-value='{}']\") !== null", name(b)),
        )
        .await;
        pick(name(b)).await;
        until_total(&client, count(a) + count(b)).await;
        let url = client.current_url().await.unwrap();
        let sources: Vec<String> =
            url.query_pairs().filter(|(k, _)| k == "source").map(|(_, v)| v.into_owned()).collect();
        assert_eq!(sources, [name(a), name(b)]);
        assert_eq!(js(&client, "document.querySelector('#q').value").await, "الدوحة");
        let written = format!("الدوحة source:\"{}\" source:\"{}\"", name(a), name(b));
        assert_eq!(dir.count(&written) as u64, count(a) + count(b), "the command line agrees");
        // Two chips, each one isolated text: the label and the outlet.
        let chips = js(
            &client,
            "[...document.querySelectorAll('#filters .chip')].map(c => [c.querySelector('bdi').textContent, c.children.length])",
        )
        .await;
        assert_eq!(
            chips,
            json!([[format!("المصدر: {}", name(a)), 2], [format!("المصدر: {}", name(b)), 2]])
        );
        // Removing the first chip leaves the second outlet.
        client.find(Locator::Css("#filters .chip a.remove")).await.unwrap().click().await.unwrap();
        until_total(&client, count(b)).await;
        client.back().await.unwrap();
        until_total(&client, count(a) + count(b)).await;
        client.close().await.unwrap();
    });
}

/// A query read otherwise than it looked: finding nothing points to the
/// notes, not to "fewer words"; a concordance of no word shows no table.
#[test]
fn a_query_read_otherwise_points_to_its_notes() {
    let dir = IndexDir::with_sample();
    let server = Server::start(&dir.arg());
    with_browser(|client| async move {
        client.goto(&format!("{}/?q=source:(", server.base)).await.unwrap();
        until(&client, "document.querySelector('#read-otherwise') !== null").await;
        let notes = js(&client, "document.querySelector('#notes').textContent").await;
        assert!(notes.as_str().unwrap().contains("بلا قيمة"), "{notes}");
        client.goto(&format!("{}/?q=-الدوحة&tab=kwic", server.base)).await.unwrap();
        until(&client, "document.querySelector('#status').textContent.includes('لا سطر')").await;
        assert_eq!(js(&client, "document.querySelector('#kwic').hidden").await, true);
        assert_eq!(
            js(&client, "document.querySelector('#kwic-controls').children.length").await,
            0
        );
        client.close().await.unwrap();
    });
}

/// Issue 33: the query help is Arabic, and an example runs on a click.
#[test]
fn a_help_example_runs_on_a_click() {
    let dir = IndexDir::with_sample();
    let server = Server::start(&dir.arg());
    let expected = dir.count("قطر -السعودية") as u64;
    with_browser(|client| async move {
        client.goto(&format!("{}/", server.base)).await.unwrap();
        until(&client, "document.querySelector('#help summary') !== null").await;
        client.find(Locator::Css("#help summary")).await.unwrap().click().await.unwrap();
        let examples = js(&client, "document.querySelectorAll('#help a.example').length").await;
        assert!(examples.as_u64().unwrap() >= 8, "{examples}");
        let said = js(&client, "document.querySelector('#help').textContent").await;
        for syntax in ["«", "OR", "title:", "source:", "date:[", "*", "-"] {
            assert!(said.as_str().unwrap().contains(syntax), "no {syntax} in the help: {said}");
        }
        let example = client
            .find(Locator::XPath(
                "//a[contains(@class, 'example')][normalize-space(.)='قطر -السعودية']",
            ))
            .await
            .unwrap();
        example.click().await.unwrap();
        until_total(&client, expected).await;
        assert_eq!(js(&client, "document.querySelector('#q').value").await, "قطر -السعودية");
        client.close().await.unwrap();
    });
}

/// Issue 33: the timeline in ‰ (a month with too few articles in the
/// archive has no bar, and says why), several queries as lines, and its
/// SVG and PNG downloads.
#[test]
fn the_timeline_shows_shares_compares_and_downloads_as_svg_and_png() {
    let dir = IndexDir::with_sample();
    let server = Server::start(&dir.arg());
    with_browser(|client| async move {
        client.goto(&format!("{}/?q=الدوحة", server.base)).await.unwrap();
        until(&client, "document.querySelector('#chart rect.bar') !== null").await;
        let svg = fetched(&client, "#chart-svg").await;
        let svg = String::from_utf8(svg).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("fill=\"#0b5cad\""), "{svg}");
        // The PNG is drawn on the first click, then downloaded.
        client.find(Locator::Css("#chart-png")).await.unwrap().click().await.unwrap();
        until(&client, "document.querySelector('#chart-png').dataset.ready === 'true'").await;
        let png = fetched(&client, "#chart-png").await;
        assert_eq!(&png[..4], b"\x89PNG");
        // Shares: the sample's months hold fewer than 30 articles each.
        client.find(Locator::Css("#chart-share")).await.unwrap().click().await.unwrap();
        until(&client, "document.querySelector('#chart rect.thin') !== null").await;
        let url = client.current_url().await.unwrap();
        assert!(url.query_pairs().any(|(k, v)| k == "share" && v == "true"), "{url}");
        assert_eq!(js(&client, "document.querySelectorAll('#chart rect.bar').length").await, 0);
        let caption =
            js(&client, "document.querySelector('#timeline figcaption').textContent").await;
        assert!(caption.as_str().unwrap().contains("‰"), "{caption}");
        let said = js(&client, "document.querySelector('#chart-gaps').textContent").await;
        assert!(said.as_str().unwrap().contains("لا نسبة"), "{said}");
        client.back().await.unwrap();
        until(&client, "document.querySelector('#chart rect.bar') !== null").await;
        // Another query on the same chart: a line each, a legend.
        client.find(Locator::Css("#also")).await.unwrap().send_keys("النفط").await.unwrap();
        client.find(Locator::Css("#also-form button")).await.unwrap().click().await.unwrap();
        until(&client, "document.querySelectorAll('#chart path.series').length === 2").await;
        let url = client.current_url().await.unwrap();
        assert!(url.query_pairs().any(|(k, v)| k == "also" && v == "النفط"), "{url}");
        let legend = js(&client, "[...document.querySelectorAll('#chart-legend li')].map(li => li.querySelector('bdi').textContent)").await;
        assert_eq!(legend, json!(["الدوحة", "النفط"]));
        // The downloaded chart carries its key and its scale.
        let svg = String::from_utf8(fetched(&client, "#chart-svg").await).unwrap();
        assert!(svg.contains(">النفط</text>") && svg.contains(">الدوحة</text>"), "{svg}");
        assert!(svg.contains("class=\"scale\""), "{svg}");
        client.find(Locator::Css("#chart-legend a.remove")).await.unwrap().click().await.unwrap();
        until(&client, "document.querySelector('#chart rect.bar') !== null").await;
        // The brush: pressed on the first month's bar, dragged to the
        // third's and let go, the search is narrowed to those months, the
        // chart still showing the whole span with them marked.
        let bars = js(
            &client,
            "[...document.querySelectorAll('#chart rect.bar')].map(b => { \
             const r = b.getBoundingClientRect(); \
             return [b.dataset.period, r.left + r.width / 2, r.top + r.height / 2]; })",
        )
        .await;
        let bars = bars.as_array().unwrap();
        assert!(bars.len() >= 3, "{bars:?}");
        let at = |i: usize| (bars[i][1].as_f64().unwrap(), bars[i][2].as_f64().unwrap());
        let (first, third) = (bars[0][0].as_str().unwrap(), bars[2][0].as_str().unwrap());
        let total =
            js(&client, "document.querySelectorAll('#chart rect.bar, #chart rect.gap').length")
                .await;
        let mouse = MouseActions::new("mouse".to_string())
            .then(PointerAction::MoveTo { duration: None, x: at(0).0, y: at(0).1 })
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::MoveTo {
                duration: Some(Duration::from_millis(150)),
                x: at(2).0,
                y: at(2).1,
            })
            .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
        client.perform_actions(mouse).await.unwrap();
        until(&client, "new URLSearchParams(location.search).has('from')").await;
        let url = client.current_url().await.unwrap();
        let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        assert!(pairs.contains(&("from".into(), first.into())), "{url}");
        assert!(pairs.contains(&("to".into(), third.into())), "{url}");
        until(&client, "document.querySelector('#chart rect.bar') !== null").await;
        let marked = js(
            &client,
            "[...document.querySelectorAll('#chart rect.bar.active')].map(b => b.dataset.period)",
        )
        .await;
        let marked: Vec<&str> =
            marked.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert!(
            !marked.is_empty() && marked.iter().all(|m| *m >= first && *m <= third),
            "{marked:?}"
        );
        assert_eq!(
            js(&client, "document.querySelectorAll('#chart rect.bar, #chart rect.gap').length")
                .await,
            total,
            "the chart keeps the whole span"
        );
        assert_eq!(js(&client, "document.querySelector('#period-from').value").await, json!(first));
        assert_eq!(js(&client, "document.querySelector('#period-to').value").await, json!(third));
        // The month fields do the same from the keyboard.
        let to = client.find(Locator::Css("#period-to")).await.unwrap();
        client
            .execute(
                "arguments[0].value = arguments[1];",
                vec![serde_json::to_value(&to).unwrap(), json!(first)],
            )
            .await
            .unwrap();
        client.find(Locator::Css("#period-form button")).await.unwrap().click().await.unwrap();
        until(&client, &format!("new URLSearchParams(location.search).get('to') === '{first}'"))
            .await;
        // Several series: the chosen months are a band on the lines too.
        client
            .goto(&format!("{}/?q=الدوحة&also=النفط&from={first}&to={third}", server.base))
            .await
            .unwrap();
        until(&client, "document.querySelectorAll('#chart path.series').length === 2").await;
        let chosen = js(
            &client,
            "[...document.querySelectorAll('#chart rect.chosen')].map(r => r.dataset.period)",
        )
        .await;
        let chosen: Vec<&str> =
            chosen.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert!(chosen.contains(&first) && chosen.contains(&third), "{chosen:?}");
        assert!(chosen.iter().all(|m| *m >= first && *m <= third), "{chosen:?}");
        client.close().await.unwrap();
    });
}
