//! `policy-extract review` end to end, in a real browser: headless Chromium
//! (the Debian package; `.ci/run` installs it when missing) opens the pages
//! and a script checks the rendered DOM.
//!
//! The driver speaks the DevTools protocol over `--remote-debugging-pipe`
//! (JSON messages ended by NUL on the browser's file descriptors 3 and 4,
//! wired to our pipes by `sh`), so it needs no WebSocket, no network and no
//! crate beyond serde_json. `CHROMIUM` names the browser binary (default
//! `chromium`). The pages, the screenshot of seed 003 and the browser's log
//! stay in `target/tmp/review/`; `POLICY_REVIEW_SCREENSHOT=1` also writes the
//! screenshot to `docs/review.png`, the one the README shows.

// Helpers outside #[test] fns panic on a broken test setup, as the tests themselves do.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("review");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The seeds and the top-level fixtures the issue names, sorted.
fn inputs() -> Vec<PathBuf> {
    let mut inputs = Vec::new();
    for (folder, extensions) in [
        ("seeds", &["txt"][..]),
        ("fixtures", &["docx", "pdf", "txt", "html"][..]),
    ] {
        // Relative to the repository (the commands run there), as an analyst types them.
        let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join(folder))
            .unwrap()
            .map(|entry| entry.unwrap())
            .filter(|entry| entry.file_type().unwrap().is_file())
            .map(|entry| Path::new(folder).join(entry.file_name()))
            .filter(|path| {
                path.extension()
                    .is_some_and(|ext| extensions.iter().any(|e| ext == *e))
            })
            .collect();
        files.sort();
        inputs.extend(files);
    }
    assert!(inputs.len() > 10, "seeds and fixtures are in place");
    inputs
}

fn extractor() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_policy-extract"));
    cmd.current_dir(repo());
    cmd
}

/// Runs `policy-extract review ARGS -o page` and returns the page's path.
fn review_page(args: &[PathBuf], page: &Path) -> PathBuf {
    let output = extractor()
        .arg("review")
        .arg("--quiet")
        .args(args)
        .arg("-o")
        .arg(page)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "review failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    page.to_path_buf()
}

/// The JSON documents of the same inputs, in order.
fn documents(args: &[PathBuf]) -> Vec<Value> {
    let output = extractor().arg("--quiet").args(args).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

// ---- a minimal DevTools protocol client -----------------------------------

struct Browser {
    child: Child,
    to_browser: ChildStdin,
    from_browser: Receiver<Value>,
    next_id: u64,
    session: Option<String>,
    /// Every event received, in order.
    events: Vec<Value>,
    _profile: tempfile::TempDir,
}

const WAIT: Duration = Duration::from_secs(60);

impl Browser {
    /// `None` when no browser can be started.
    fn launch() -> Option<Browser> {
        let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".to_string());
        let profile = tempfile::tempdir().unwrap();
        let log = std::fs::File::create(out_dir().join("chromium.log")).unwrap();
        let child = Command::new("sh")
            .arg("-c")
            // The browser reads commands on fd 3 and writes replies on fd 4.
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 </dev/null >/dev/null"#)
            .arg(&binary)
            .args([
                "--headless",
                "--remote-debugging-pipe",
                // CI runs as root in a container, where the sandbox cannot start.
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--hide-scrollbars",
                "--window-size=1400,900",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log))
            .spawn()
            .ok()?;
        let mut child = child;
        let to_browser = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut message = Vec::new();
            while reader.read_until(0, &mut message).is_ok_and(|n| n > 0) {
                if message.last() == Some(&0) {
                    message.pop();
                }
                if let Ok(value) = serde_json::from_slice::<Value>(&message)
                    && tx.send(value).is_err()
                {
                    break;
                }
                message.clear();
            }
        });
        let mut browser = Browser {
            child,
            to_browser,
            from_browser: rx,
            next_id: 0,
            session: None,
            events: Vec::new(),
            _profile: profile,
        };
        let target = browser
            .call("Target.createTarget", json!({"url": "about:blank"}))
            .ok()?;
        let target_id = target["targetId"].as_str()?.to_string();
        let attached = browser
            .call(
                "Target.attachToTarget",
                json!({"targetId": target_id, "flatten": true}),
            )
            .ok()?;
        browser.session = Some(attached["sessionId"].as_str()?.to_string());
        for method in ["Page.enable", "Runtime.enable", "Log.enable"] {
            browser.call(method, json!({})).ok()?;
        }
        browser
            .call(
                "Emulation.setDeviceMetricsOverride",
                json!({"width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": false}),
            )
            .ok()?;
        Some(browser)
    }

    /// Sends a command (to the page once attached) and waits for its reply.
    fn call(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = &self.session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.to_browser
            .write_all(&bytes)
            .and_then(|()| self.to_browser.flush())
            .map_err(|err| format!("{method}: cannot write to the browser: {err}"))?;
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.from_browser.recv_timeout(left) {
                Ok(reply) if reply["id"] == json!(id) => {
                    return match reply.get("error") {
                        Some(error) => Err(format!("{method}: {error}")),
                        None => Ok(reply["result"].clone()),
                    };
                }
                Ok(event) => self.events.push(event),
                Err(RecvTimeoutError::Timeout) => return Err(format!("{method}: no reply")),
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(format!("{method}: the browser went away"));
                }
            }
        }
    }

    /// Waits for an event named `method`, received after event number `since`.
    fn wait_for(&mut self, method: &str, since: usize) -> Result<(), String> {
        if self.events[since..].iter().any(|e| e["method"] == method) {
            return Ok(());
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.from_browser.recv_timeout(left) {
                Ok(event) => {
                    let found = event["method"] == method;
                    self.events.push(event);
                    if found {
                        return Ok(());
                    }
                }
                Err(_) => return Err(format!("no {method} event")),
            }
        }
    }

    /// Opens `page` and waits until it has loaded; returns the event count before.
    fn open(&mut self, page: &Path) -> usize {
        let since = self.events.len();
        let url = format!("file://{}", page.canonicalize().unwrap().display());
        self.call("Page.navigate", json!({"url": url})).unwrap();
        self.wait_for("Page.loadEventFired", since).unwrap();
        since
    }

    /// Evaluates `expression` (a promise is awaited) and returns its value.
    fn eval(&mut self, expression: &str) -> Value {
        let result = self
            .call(
                "Runtime.evaluate",
                json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
            )
            .unwrap();
        assert!(
            result.get("exceptionDetails").is_none(),
            "the check script threw: {}",
            result["exceptionDetails"]
        );
        result["result"]["value"].clone()
    }

    /// Console errors, uncaught exceptions, error log entries (a refused
    /// script, say) and dialogs since event number `since`.
    fn errors_since(&self, since: usize) -> Vec<String> {
        self.events[since..]
            .iter()
            .filter(|e| match e["method"].as_str() {
                Some("Runtime.exceptionThrown" | "Page.javascriptDialogOpening") => true,
                Some("Runtime.consoleAPICalled") => {
                    matches!(e["params"]["type"].as_str(), Some("error" | "assert"))
                }
                Some("Log.entryAdded") => e["params"]["entry"]["level"] == "error",
                _ => false,
            })
            .map(|e| e.to_string())
            .collect()
    }

    fn screenshot(&mut self, to: &Path) {
        let shot = self
            .call("Page.captureScreenshot", json!({"format": "png"}))
            .unwrap();
        let png = base64_decode(shot["data"].as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"), "a PNG came back");
        std::fs::write(to, png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        self.session = None;
        let _ = self.call("Browser.close", json!({}));
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let sextets: Vec<u8> = text.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(sextets.len() * 3 / 4);
    for chunk in sextets.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &s)| n | (u32::from(s) << (18 - 6 * i)));
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    out
}

fn browser() -> Browser {
    Browser::launch().unwrap_or_else(|| {
        panic!(
            "cannot start headless Chromium (`{}`; see target/tmp/review/chromium.log): \
             install it (`apt-get install chromium`, as .ci/run does) or name it in CHROMIUM",
            std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".to_string())
        )
    })
}

/// Draws every section, then clicks every task row and checks that its span
/// comes into view in the text pane, highlighted; clicks every span's number
/// and checks that its row is selected.
const CHECK_ROWS: &str = r#"
(async () => {
  const problems = [];
  const docs = [];
  window.policyReview.renderAll();
  for (const sec of document.querySelectorAll('section.doc[data-doc]')) {
    sec.scrollIntoView();
    const path = sec.querySelector('.path').textContent;
    const pane = sec.querySelector('.text');
    const side = sec.querySelector('.side');
    const rows = [...sec.querySelectorAll('table.tasks tbody tr')];
    let inView = 0;
    for (const row of rows) {
      const key = row.dataset.k;
      row.click();
      const anchor = pane.querySelector(`.num[data-k="${key}"]`);
      if (!anchor) { problems.push(`${path} ${key}: no number in the text`); continue; }
      const p = pane.getBoundingClientRect(), a = anchor.getBoundingClientRect();
      if (a.top >= p.top && a.bottom <= p.bottom) inView++;
      else problems.push(`${path} ${key}: its number is at ${a.top}..${a.bottom}, the pane ${p.top}..${p.bottom}`);
      if (!row.classList.contains('sel')) problems.push(`${path} ${key}: row not selected`);
    }
    // Each placed warning jumps to its sign in the text.
    for (const item of side.querySelectorAll('ul.warns li[data-k]')) {
      item.click();
      const sign = pane.querySelector(`.wa[data-k="${item.dataset.k}"]`);
      const p = pane.getBoundingClientRect(), a = sign && sign.getBoundingClientRect();
      if (!a || a.top < p.top || a.bottom > p.bottom)
        problems.push(`${path} ${item.dataset.k}: the warning did not jump to its place`);
    }
    // And back: a click on a span's number selects its row and brings it into view.
    for (const num of pane.querySelectorAll('.num[data-k^="t"]')) {
      num.click();
      const row = side.querySelector(`tr[data-k="${num.dataset.k}"]`);
      const s = side.getBoundingClientRect(), r = row.getBoundingClientRect();
      if (!row.classList.contains('sel') || r.bottom < s.top || r.top > s.bottom)
        problems.push(`${path} ${num.dataset.k}: clicking its number did not bring its row`);
    }
    const payload = JSON.parse(sec.querySelector('script[type="application/json"]').textContent);
    docs.push({ path, rows: rows.length, inView, marks: pane.querySelectorAll('.m.t').length,
                tasks: payload.tasks.length, warnings: sec.querySelectorAll('ul.warns li[data-k]').length,
                grids: pane.querySelectorAll('table.grid').length, boxes: pane.querySelectorAll('.box').length });
  }
  return { docs, problems: problems.slice(0, 20), nProblems: problems.length };
})()
"#;

#[test]
fn every_task_row_is_drawn_and_clicking_it_brings_its_span_into_view() {
    let inputs = inputs();
    let dir = out_dir();
    let page = review_page(&inputs, &dir.join("seeds_and_fixtures.html"));
    let documents = documents(&inputs);
    assert_eq!(documents.len(), inputs.len());

    let mut browser = browser();
    let since = browser.open(&page);
    let result = browser.eval(CHECK_ROWS);
    std::fs::write(dir.join("check.json"), result.to_string()).unwrap();
    let errors = browser.errors_since(since);
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    assert_eq!(result["nProblems"], json!(0), "{:#}", result["problems"]);
    let docs = result["docs"].as_array().unwrap();
    assert_eq!(docs.len(), documents.len(), "one section per input");
    for (drawn, document) in docs.iter().zip(&documents) {
        let n_tasks = document["tasks"].as_array().unwrap().len();
        assert_eq!(drawn["path"], document["source"]["path"]);
        assert_eq!(drawn["rows"], json!(n_tasks), "{drawn}");
        assert_eq!(drawn["inView"], json!(n_tasks), "{drawn}");
        assert!(
            n_tasks == 0 || drawn["marks"].as_u64().unwrap() > 0,
            "{drawn}"
        );
    }
    // Tables are drawn as grids where the readers give them (DOCX, PDF, HTML, Markdown).
    assert!(docs.iter().any(|d| d["grids"].as_u64().unwrap() > 0));
    assert!(docs.iter().any(|d| d["boxes"].as_u64().unwrap() > 0));
}

#[test]
fn seed_003_page_renders_and_is_photographed() {
    let seed = PathBuf::from("seeds/003_38b093e0452f821f.txt");
    let dir = out_dir();
    let page = review_page(std::slice::from_ref(&seed), &dir.join("seed_003.html"));
    let mut browser = browser();
    let since = browser.open(&page);
    // The first section draws itself when it comes into view; then the
    // fourth task is selected, so the picture shows a link in action.
    let drawn = browser.eval(
        "new Promise(done => { const wait = () => document.querySelector('.text .m.t') ? \
         (window.policyReview.select(0, 't3', 'text'), requestAnimationFrame(() => done(true))) : \
         setTimeout(wait, 20); wait(); })",
    );
    assert_eq!(drawn, json!(true));
    // The filter box narrows the rows to the tasks that name the word, in
    // any field: here an owner.
    let document = &documents(std::slice::from_ref(&seed))[0];
    let word = "市民政局";
    let expected = document["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|task| task.to_string().contains(word))
        .count();
    assert!(expected > 0 && expected < document["tasks"].as_array().unwrap().len());
    let shown = browser.eval(&format!(
        "(() => {{ const box = document.querySelector('.filter'); box.value = '{word}';          box.dispatchEvent(new Event('input'));          const n = [...document.querySelectorAll('table.tasks tbody tr')].filter(r => !r.hidden).length;          box.value = ''; box.dispatchEvent(new Event('input')); return n; }})()"
    ));
    assert_eq!(shown, json!(expected));
    let errors = browser.errors_since(since);
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    let shot = dir.join("seed_003.png");
    browser.screenshot(&shot);
    if std::env::var_os("POLICY_REVIEW_SCREENSHOT").is_some_and(|v| v == "1") {
        std::fs::copy(&shot, repo().join("docs/review.png")).unwrap();
    }
}

#[test]
fn a_hostile_document_runs_no_script() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = dir.path().join("hostile<script>.txt");
    let payload =
        r#"<script>window.__pwned=1</script></script><img src=x onerror="window.__pwned=2">"'&"#;
    std::fs::write(
        &hostile,
        format!(
            "关于印发{payload}实施方案的通知\n一、重点任务\n1.建设{payload}服务中心。（责任单位：县民政局{payload}、住建局）\n\
             2.完善机制</textarea><!--{payload}。（牵头单位：县财政局；配合单位：县{payload}局）\n"
        ),
    )
    .unwrap();
    let page = review_page(
        std::slice::from_ref(&hostile),
        &out_dir().join("hostile.html"),
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert_eq!(
        html.matches("<script").count(),
        2,
        "only the data block and the page's own script"
    );
    let mut browser = browser();
    let since = browser.open(&page);
    let result = browser.eval(
        "(async () => { window.policyReview.renderAll(); \
         await new Promise(r => setTimeout(r, 200)); \
         return { pwned: window.__pwned === undefined ? null : window.__pwned, \
                  images: document.querySelectorAll('img').length, \
                  text: document.querySelector('.text').textContent, \
                  rows: document.querySelectorAll('table.tasks tbody tr').length, \
                  owners: [...document.querySelectorAll('.side .owner')].map(o => o.textContent), \
                  path: document.querySelector('.head .path').textContent }; })()",
    );
    assert_eq!(result["pwned"], Value::Null, "a document's markup ran");
    assert_eq!(
        result["images"],
        json!(0),
        "a document's markup became an element"
    );
    let text = result["text"].as_str().unwrap();
    assert!(
        text.contains(payload),
        "the text is shown as written: {text}"
    );
    assert_eq!(result["rows"], json!(2));
    assert!(
        result["owners"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o.as_str().unwrap().contains("<script>")),
        "{}",
        result["owners"]
    );
    assert!(
        result["path"]
            .as_str()
            .unwrap()
            .ends_with("hostile<script>.txt")
    );
    let errors = browser.errors_since(since);
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}

/// The issue's size: 100 documents, over 5,000 tasks. The page must open in
/// under 2 s; the test measures (and writes to `target/tmp/review/timing.json`)
/// and fails only at 10 s, as the machine running it may be shared. The
/// measured figures are in docs/review.md.
#[test]
fn a_page_of_a_hundred_documents_opens_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut copies = Vec::new();
    for idx in 0..100 {
        let seed = if idx % 10 < 7 {
            "seeds/001_03346fc2c8259cea.txt"
        } else {
            "seeds/003_38b093e0452f821f.txt"
        };
        let copy = dir.path().join(format!("{idx:03}.txt"));
        std::fs::copy(repo().join(seed), &copy).unwrap();
        copies.push(copy);
    }
    let started = Instant::now();
    let page = review_page(&copies, &out_dir().join("hundred.html"));
    let build = started.elapsed();
    let n_tasks: usize = documents(&copies)
        .iter()
        .map(|d| d["tasks"].as_array().unwrap().len())
        .sum();
    assert!(n_tasks >= 5_000, "{n_tasks} tasks");

    let mut browser = browser();
    let started = Instant::now();
    let since = browser.open(&page);
    let loaded = started.elapsed();
    // From the start of navigation to the first section drawn and painted.
    let timing = browser.eval(
        "new Promise(done => { const wait = () => document.querySelector('.text .m.t') ? \
         requestAnimationFrame(() => done({ drawn: performance.now(), \
           load: performance.getEntriesByType('navigation')[0].loadEventEnd })) : \
         setTimeout(wait, 5); wait(); })",
    );
    let all = browser.eval(
        "(() => { const t = performance.now(); window.policyReview.renderAll(); \
         return { renderAll: performance.now() - t, \
                  rows: document.querySelectorAll('table.tasks tbody tr').length }; })()",
    );
    let errors = browser.errors_since(since);
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    assert_eq!(all["rows"], json!(n_tasks));
    let report = json!({
        "documents": copies.len(),
        "tasks": n_tasks,
        "page_bytes": std::fs::metadata(&page).unwrap().len(),
        "build_ms": build.as_millis() as u64,
        "navigate_to_load_ms": loaded.as_millis() as u64,
        "first_section_drawn_ms": timing["drawn"],
        "load_event_end_ms": timing["load"],
        "draw_all_sections_ms": all["renderAll"],
    });
    std::fs::write(out_dir().join("timing.json"), report.to_string()).unwrap();
    eprintln!("review page of 100 documents: {report}");
    let drawn = timing["drawn"].as_f64().unwrap();
    assert!(
        drawn < 10_000.0,
        "the first section took {drawn} ms: {report}"
    );
}
