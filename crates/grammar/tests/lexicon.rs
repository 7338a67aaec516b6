//! Every word list of the parser lives in `lexicon.rs`: a module of `grammar`,
//! `parse` or `semantics` that declares a list of words of its own fails here,
//! whether as a named `const` / `static` or written inline (`["通知", "决定"]`,
//! `['局', '厅', '委']`).

use std::path::{Path, PathBuf};

/// The source files of the crates that read words.
fn sources() -> Vec<PathBuf> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for krate in ["grammar", "parse", "semantics"] {
        let mut stack = vec![crates.join(krate).join("src")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("source folders are readable") {
                let path = entry.expect("entries are readable").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && path.file_name().is_some_and(|n| n != "lexicon.rs")
                {
                    out.push(path);
                }
            }
        }
    }
    out
}

/// A `const` or `static` whose type is a slice of strings, characters or
/// pairs of them, outside the test modules (which may list cases).
fn word_lists(source: &str) -> Vec<String> {
    let body = source.split("#[cfg(test)]").next().unwrap_or(source);
    body.lines()
        .map(str::trim)
        .filter(|l| {
            l.starts_with("const ")
                || l.starts_with("pub const ")
                || l.starts_with("pub(crate) const ")
                || l.starts_with("static ")
        })
        .filter(|l| {
            ["&[&str]", "&[char]", "&[(&str", "[&str;", "[char;"]
                .iter()
                .any(|t| l.contains(t))
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn no_module_keeps_a_word_list_of_its_own() {
    let mut found = Vec::new();
    for path in sources() {
        let source = std::fs::read_to_string(&path).expect("sources are UTF-8");
        for list in word_lists(&source) {
            found.push(format!("{}: {list}", path.display()));
        }
    }
    assert!(
        found.is_empty(),
        "word lists outside lexicon.rs (move them there):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_a_list() {
    let lists = word_lists(
        "const WORDS: &[&str] = &[\"甲\"];\nfn f() {}\n#[cfg(test)]\nconst CASES: &[&str] = &[];",
    );
    assert_eq!(lists.len(), 1);
}

/// The source outside its test module and its comment lines.
fn code_outside_tests(source: &str) -> String {
    let mut end = source.len();
    for (at, _) in source.match_indices("#[cfg(test)]") {
        if source[at + "#[cfg(test)]".len()..]
            .trim_start()
            .starts_with("mod ")
        {
            end = at;
            break;
        }
    }
    source[..end]
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("//") {
                ""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The literals of a list opening `text` at its `[`: `Some((strings with a
/// Han character, chars that are Han))` when everything up to the `]` is
/// string or char literals and commas.
fn literal_list(text: &str) -> Option<(usize, usize)> {
    let mut chars = text.strip_prefix('[')?.chars().peekable();
    let (mut words, mut han_chars, mut any) = (0, 0, false);
    loop {
        while chars.next_if(|c| c.is_whitespace() || *c == ',').is_some() {}
        match chars.next()? {
            ']' => return any.then_some((words, han_chars)),
            '"' => {
                let mut han = false;
                loop {
                    match chars.next()? {
                        '\\' => {
                            chars.next()?;
                        }
                        '"' => break,
                        c => han |= is_han(c),
                    }
                }
                words += usize::from(han);
            }
            '\'' => {
                let c = chars.next()?;
                let c = if c == '\\' { chars.next()? } else { c };
                if chars.next()? != '\'' {
                    return None;
                }
                han_chars += usize::from(is_han(c));
            }
            _ => return None,
        }
        any = true;
    }
}

/// Lists of Chinese literals written inline outside the test modules: two or
/// more Chinese words, or three or more Chinese characters (punctuation lists
/// such as `['，', '。']` are no word lists).
fn inline_lists(source: &str) -> Vec<String> {
    let code = code_outside_tests(source);
    let mut out = Vec::new();
    for (at, _) in code.match_indices('[') {
        if let Some((words, han_chars)) = literal_list(&code[at..])
            && (words >= 2 || han_chars >= 3)
        {
            let line = code[..at].matches('\n').count() + 1;
            let text: String = code[at..].chars().take(40).collect();
            out.push(format!("line {line}: {}", text.replace('\n', " ")));
        }
    }
    out
}

#[test]
fn no_module_writes_a_word_list_inline() {
    let mut found = Vec::new();
    for path in sources() {
        let source = std::fs::read_to_string(&path).expect("sources are UTF-8");
        for list in inline_lists(&source) {
            found.push(format!("{}: {list}", path.display()));
        }
    }
    assert!(
        found.is_empty(),
        "inline word lists outside lexicon.rs (name them there):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_inline_check_sees_a_list() {
    let source = r#"
fn genre(s: &str) -> bool {
    ["通知", "决定"].iter().any(|w| s.ends_with(w))
}
fn body(s: &str) -> bool {
    s.ends_with([
        '局', '厅',
        '委',
    ])
}
fn fine(s: &str) -> bool {
    // ["注释", "不算"]
    s.contains(['，', '。', '；']) || s.starts_with(["甲"][0]) || s.contains(['的', '由'])
}
#[cfg(test)]
mod tests {
    const CASES: [&str; 2] = ["测试", "用例"];
}
"#;
    let lists = inline_lists(source);
    assert_eq!(lists.len(), 2, "{lists:?}");
    assert!(lists[0].starts_with("line 3:"), "{lists:?}");
    assert!(lists[1].starts_with("line 6:"), "{lists:?}");
}
