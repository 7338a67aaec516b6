//! The HTML reader on the fixtures, on MinerU table fragments and on hostile input.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use policy_blocks::{BlockKind, Decoded, Limit, Limits, Merge, Table};
use policy_html::{Error, read, tables_from_fragment};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seed(prefix: &str) -> String {
    let dir = repo().join("seeds");
    let entry = std::fs::read_dir(&dir)
        .expect("seeds folder")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .expect("seed with this prefix");
    std::fs::read_to_string(entry.path()).expect("seed is UTF-8")
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn read_fixture(name: &str) -> Decoded {
    let bytes = std::fs::read(repo().join("fixtures").join(name)).expect("fixture present");
    read(&bytes, &Limits::default()).expect("fixture reads")
}

fn paragraphs(doc: &Decoded) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Paragraph { text } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn gb2312_page_holds_every_line_of_its_seed() {
    let doc = read_fixture("004_action_plan.gb2312.html");
    assert_eq!(doc.encoding.as_deref(), Some("gb18030"));
    let all: String = doc
        .blocks
        .iter()
        .map(|b| without_whitespace(&b.text()))
        .collect();
    for line in seed("004_").lines() {
        let line = without_whitespace(line);
        assert!(all.contains(&line), "missing seed line: {line}");
    }
    // Navigation and footer are not article text.
    assert!(!all.contains("首页"));
    assert!(!all.contains("备案号"));
}

#[test]
fn gb2312_page_keeps_header_and_numbered_items_apart() {
    let doc = read_fixture("004_action_plan.gb2312.html");
    let paragraphs = paragraphs(&doc);
    let numbers = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    ];
    for number in numbers {
        let label = format!("{number}、");
        let count = paragraphs
            .iter()
            .filter(|p| p.trim_start().starts_with(&label))
            .count();
        assert_eq!(count, 1, "one paragraph starts with {label}");
    }
    let own_block = |needle: &str| paragraphs.iter().any(|p| p.trim() == needle);
    assert!(own_block("吉民发〔2023〕35号"), "文号 is its own block");
    assert!(own_block("2023年6月20日"), "date is its own block");
    assert!(
        paragraphs
            .iter()
            .any(|p| p.starts_with("吉林省民政厅") && p.contains("中共吉林省委组织部"))
    );
    let title = doc.props.title.as_deref().unwrap_or_default();
    assert!(title.ends_with("的通知"));
    // Spans point at each block's text.
    for block in &doc.blocks {
        assert_eq!(
            doc.text.get(block.span.start..block.span.end),
            Some(block.text().as_str())
        );
    }
}

#[test]
fn gb2312_page_snapshot() {
    let doc = read_fixture("004_action_plan.gb2312.html");
    insta::assert_json_snapshot!("004_action_plan.gb2312.html", doc);
}

#[test]
fn article_body_tables_and_headings() {
    let page = r#"<!doctype html><html><head><title> 某市 实施方案 </title><style>p{}</style></head><body>
        <header><h1>某市人民政府</h1></header>
        <div id="breadcrumb">首页 &gt; 政府文件 &gt; 通知</div>
        <div class="left-menu"><ul><li>政策解读</li><li>新闻发布</li></ul></div>
        <div class="main-wrap"><div id="UCAP-CONTENT" class="TRS_Editor">
          <h2>关于印发实施方案的通知</h2>
          <p>　　一、工作目标。到2025年，全市
             建成100个站点。<br>（一）加强统筹。<br><br>（二）强化保障。</p>
          <script>document.write("<p>不是正文</p>")</script>
          <table border=1>
            <caption>表1 任务分工</caption>
            <thead><tr><th>序号</th><th>任务</th><th>责任单位</th><th>完成时限</th></tr></thead>
            <tr><td rowspan="2">1</td><td>建设站点</td><td rowspan=2 colspan=2>市商务局<br>市财政局</td></tr>
            <tr><td>开展培训</td></tr>
            <tr><th>合计</th><td colspan="3">2项</td></tr>
          </table>
          <div class="share-bar">分享到：微信 微博</div>
        </div></div>
        <div class="footer">主办单位：某市人民政府办公室</div>
        </body></html>"#;
    let doc = read(page.as_bytes(), &Limits::default()).expect("reads");
    assert_eq!(doc.props.title.as_deref(), Some("某市 实施方案"));
    let kinds: Vec<&BlockKind> = doc.blocks.iter().map(|b| &b.kind).collect();
    assert!(
        matches!(
            kinds[..],
            [
                BlockKind::Heading { level: 2, .. },
                BlockKind::Paragraph { .. },
                BlockKind::Paragraph { .. },
                BlockKind::Paragraph { .. },
                BlockKind::Table(_)
            ]
        ),
        "{kinds:#?}"
    );
    assert_eq!(
        doc.blocks[1].text(),
        "　　一、工作目标。到2025年，全市建成100个站点。\n（一）加强统筹。"
    );
    assert_eq!(doc.blocks[2].text(), "（二）强化保障。");
    assert_eq!(doc.blocks[3].text(), "表1 任务分工");
    let BlockKind::Table(table) = &doc.blocks[4].kind else {
        unreachable!()
    };
    assert_eq!(
        grid(table),
        [
            "序号|任务|责任单位|完成时限",
            "1|建设站点|市商务局\n市财政局|<",
            "^|开展培训|^|<",
            "合计|2项|<|<",
        ]
    );
    let header: Vec<bool> = table.rows.iter().map(|r| r.is_header).collect();
    assert_eq!(header, [true, false, false, false]);
    let all = doc.blocks.iter().map(|b| b.text()).collect::<String>();
    for chrome in [
        "首页",
        "政策解读",
        "不是正文",
        "分享到",
        "主办单位",
        "某市人民政府\n",
    ] {
        assert!(!all.contains(chrome), "{chrome} leaked into {all}");
    }
}

#[test]
fn portal_page_keeps_the_metadata_table_and_drops_print_links() {
    let body = "<p>　　一、总体要求。坚持以人民为中心的发展思想。</p><p>　　二、主要任务。（一）加快项目建设。（责任单位：市发展改革委）</p>";
    let page = format!(
        r#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>通知_政府信息公开</title></head>
        <body><div class="header"><div class="mainNav"><a>首页</a><a>政务公开</a></div></div>
        <div class="crumbs">当前位置：首页 &gt; 政策</div>
        <div class="article oneColumn">
          <table class="bd1"><tr><td><b>索引号：</b></td><td>000014349/2023-00035</td><td><b>发文机关：</b></td><td>某市人民政府</td></tr>
            <tr><td><b>发文字号：</b></td><td>某政发〔2023〕5号</td><td><b>成文日期：</b></td><td>2023年06月20日</td></tr></table>
          <div class="pages_content" id="UCAP-CONTENT">{body}<p style="display: none">隐藏的文字</p></div>
          <div class="pages_print"><a>【打印本页】</a><a>【关闭窗口】</a></div>
        </div>
        <div id="footer">主办：某市人民政府办公室</div></body></html>"#
    );
    let doc = read(page.as_bytes(), &Limits::default()).expect("reads");
    let texts: Vec<String> = doc.blocks.iter().map(|b| b.text()).collect();
    assert!(
        matches!(&doc.blocks[0].kind, BlockKind::Table(t) if t.rows.len() == 2),
        "{texts:#?}"
    );
    assert!(texts[0].contains("某政发〔2023〕5号"));
    assert_eq!(
        texts[1..],
        [
            "　　一、总体要求。坚持以人民为中心的发展思想。",
            "　　二、主要任务。（一）加快项目建设。（责任单位：市发展改革委）"
        ]
    );
}

#[test]
fn page_without_content_markers_uses_the_element_with_the_chinese_text() {
    let body = "<p>一、总体要求。坚持以人民为中心的发展思想，推动高质量发展。</p>".repeat(20);
    let page = format!(
        "<html><body><div class=top><a>网站首页</a><a>机构概况</a></div><div class=wrap><div class=box>{body}</div></div></body></html>"
    );
    let doc = read(page.as_bytes(), &Limits::default()).expect("reads");
    assert_eq!(doc.blocks.len(), 20);
    assert!(
        doc.notes
            .iter()
            .any(|n| n.message.contains("class=\"box\"")),
        "{:?}",
        doc.notes
    );
}

#[test]
fn a_form_wrapping_the_whole_page_is_not_chrome() {
    let page = "<html><body><form id=form1><div class=nav>首页</div>\
        <p>一、总体要求。坚持以人民为中心。</p><p>二、主要任务。加快推进项目建设。</p></form></body></html>";
    let doc = read(page.as_bytes(), &Limits::default()).expect("reads");
    let texts: Vec<String> = doc.blocks.iter().map(|b| b.text()).collect();
    assert_eq!(
        texts,
        [
            "一、总体要求。坚持以人民为中心。",
            "二、主要任务。加快推进项目建设。"
        ]
    );
}

#[test]
fn layout_tables_are_read_as_text() {
    let page = "<html><body><table><tr><td><table><tr><td>栏目</td><td>导航</td></tr></table></td></tr>\
        <tr><td><p>一、总体要求。</p><p>二、主要任务。</p></td></tr></table></body></html>";
    let doc = read(page.as_bytes(), &Limits::default()).expect("reads");
    assert!(
        doc.blocks
            .iter()
            .any(|b| matches!(&b.kind, BlockKind::Paragraph { text } if text == "一、总体要求。"))
    );
}

/// `^` Merge::Up, `<` Merge::Left, cells joined with `|`.
fn grid(table: &Table) -> Vec<String> {
    table
        .rows
        .iter()
        .map(|row| {
            row.cells
                .iter()
                .map(|c| match c.merge {
                    Merge::Up => "^".to_string(),
                    Merge::Left => "<".to_string(),
                    _ => c.text.clone(),
                })
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

/// What MinerU emits for a table: one line of HTML inside the Markdown.
const MINERU_TABLE: &str = r#"<html><body><table><tr><td>序号</td><td>任务</td><td>责任单位</td></tr><tr><td rowspan="2">1</td><td>开展家电以旧换新</td><td rowspan="2">各市商务主管部门</td></tr><tr><td>规范回收网点</td></tr><tr><td colspan="3">注：各市可结合实际细化。</td></tr></table></body></html>"#;

#[test]
fn mineru_table_fragment() {
    let tables = tables_from_fragment(MINERU_TABLE, &Limits::default()).expect("reads");
    assert_eq!(tables.len(), 1);
    assert_eq!(
        grid(&tables[0]),
        [
            "序号|任务|责任单位",
            "1|开展家电以旧换新|各市商务主管部门",
            "^|规范回收网点|^",
            "注：各市可结合实际细化。|<|<",
        ]
    );
    assert!(
        tables[0]
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .all(|c| c.span == Default::default())
    );
}

#[test]
fn fragment_tables_nested_tables_stay_in_their_cell() {
    let html = "<table><tr><td>a</td><td><table><tr><td>x</td><td>y</td></tr></table></td></tr></table><p>间隔</p><table><tr><td>b</td></tr></table>";
    let tables = tables_from_fragment(html, &Limits::default()).expect("reads");
    assert_eq!(tables.len(), 2);
    assert_eq!(grid(&tables[0]), ["a|x y"]);
    assert_eq!(grid(&tables[1]), ["b"]);
}

#[test]
fn real_mineru_markdown_tables() {
    let markdown = std::fs::read_to_string(
        repo().join("fixtures/real/real07_shandong_jiadian_yijiuhuanxin_fangan.mineru.md"),
    )
    .expect("fixture present");
    // This converter output has no <table> blocks: its tables were images or
    // prose. Every HTML block it might have goes through the fragment reader.
    let html_blocks: Vec<&str> = markdown
        .lines()
        .filter(|l| l.trim_start().starts_with('<'))
        .collect();
    let tables: usize = html_blocks
        .iter()
        .map(|block| {
            tables_from_fragment(block, &Limits::default())
                .expect("reads")
                .len()
        })
        .sum();
    assert_eq!(tables, markdown.matches("<table").count());
}

// Hostile input.

#[test]
fn empty_input_is_an_error() {
    assert!(matches!(read(b"", &Limits::default()), Err(Error::Empty)));
}

#[test]
fn oversized_input_is_an_error() {
    let limits = Limits {
        max_input_bytes: 10,
        ..Limits::default()
    };
    assert!(
        matches!(read(b"<p>0123456789</p>", &limits), Err(Error::Limit(e)) if e.limit == Limit::InputBytes)
    );
    assert!(matches!(
        tables_from_fragment("<table>0123456789</table>", &limits),
        Err(Error::Limit(_))
    ));
}

#[test]
fn random_bytes_do_not_panic() {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for len in [1usize, 7, 64, 1000, 65_536] {
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect();
        // Noise reads as no encoding (a clear refusal), or as some page.
        match read(&bytes, &Limits::default()) {
            Ok(_) | Err(Error::Binary { .. } | Error::UnknownEncoding { .. }) => {}
            Err(other) => panic!("unexpected error {other}"),
        }
        let no_nul: Vec<u8> = bytes.iter().map(|b| b.max(&1)).copied().collect();
        match read(&no_nul, &Limits::default()) {
            Ok(_) | Err(Error::UnknownEncoding { .. }) => {}
            Err(other) => panic!("unexpected error {other}"),
        }
    }
}

#[test]
fn deep_nesting_is_an_error_and_fast() {
    let page = format!(
        "<html><body>{}正文{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let limits = Limits {
        max_nesting_depth: 64,
        ..Limits::default()
    };
    let start = Instant::now();
    let err = read(page.as_bytes(), &limits).expect_err("too deep");
    assert!(
        matches!(&err, Error::Limit(e) if e.limit == Limit::NestingDepth),
        "{err}"
    );
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert!(tables_from_fragment(&page, &limits).is_err());
}

#[test]
fn misnested_formatting_tags_stay_within_limits() {
    // The tree builder clones open formatting elements: the tree can be deeper
    // than the tags suggest. The walk checks the depth it meets.
    let page = format!(
        "<html><body>{}<p>正文</p></body></html>",
        "<b><i></b></i>".repeat(200)
    );
    match read(
        page.as_bytes(),
        &Limits {
            max_nesting_depth: 32,
            ..Limits::default()
        },
    ) {
        Ok(_) => {}
        Err(Error::Limit(e)) => assert_eq!(e.limit, Limit::NestingDepth),
        Err(other) => panic!("unexpected error {other}"),
    }
}

#[test]
fn huge_spans_are_capped() {
    let page = r#"<html><body><table><tr><td colspan="100000" rowspan="100000">合计</td><td>a</td></tr>
        <tr><td>b</td><td>c</td></tr></table></body></html>"#;
    let start = Instant::now();
    let doc = read(page.as_bytes(), &Limits::default()).expect("capped, not an error");
    assert!(start.elapsed() < Duration::from_secs(2));
    let BlockKind::Table(table) = &doc.blocks[0].kind else {
        panic!("{:?}", doc.blocks)
    };
    assert!(table.n_cols() <= 4, "{}", table.n_cols());
    assert_eq!(table.rows.len(), 2);

    // Many rows of wide cells hit the cell budget instead of allocating.
    let row = r#"<tr><td colspan="100000">x</td><td>y</td></tr>"#.repeat(500);
    let page = format!("<table>{row}</table>");
    let err = read(
        page.as_bytes(),
        &Limits {
            max_table_cells: 100_000,
            ..Limits::default()
        },
    )
    .expect_err("budget");
    assert!(
        matches!(&err, Error::Limit(e) if e.limit == Limit::TableCells),
        "{err}"
    );
    let err = tables_from_fragment(
        &page,
        &Limits {
            max_table_cells: 100_000,
            ..Limits::default()
        },
    )
    .expect_err("budget");
    assert!(
        matches!(&err, Error::Limit(e) if e.limit == Limit::TableCells),
        "{err}"
    );
}

#[test]
fn truncated_html_reads_what_is_there() {
    let bytes = std::fs::read(repo().join("fixtures/004_action_plan.gb2312.html"))
        .expect("fixture present");
    assert!(read(&bytes[..10], &Limits::default()).is_ok());
    for cut in [100, 500, bytes.len() / 2, bytes.len() - 7] {
        let doc = read(&bytes[..cut], &Limits::default()).expect("truncated page still reads");
        assert_eq!(doc.encoding.as_deref(), Some("gb18030"), "cut at {cut}");
    }
    let half = read(&bytes[..bytes.len() / 2], &Limits::default()).expect("reads");
    assert!(half.blocks.iter().any(|b| b.text().starts_with("吉民发")));
    let table = "<table><tr><td rowspan=3>a<td>b<tr><td>c</td";
    assert_eq!(
        tables_from_fragment(table, &Limits::default())
            .expect("reads")
            .len(),
        1
    );
}

#[test]
fn wrong_extension_binary_containers_are_errors() {
    for name in [
        "002_implementation_plan.docx",
        "002_implementation_plan.pdf",
    ] {
        let bytes = std::fs::read(repo().join("fixtures").join(name)).expect("fixture present");
        let err = read(&bytes, &Limits::default()).expect_err("not HTML");
        assert!(matches!(err, Error::Binary { .. }), "{name}: {err}");
    }
}

#[test]
fn wrong_extension_plain_text_reads_as_prose() {
    let doc = read("一、总体要求\n二、主要任务".as_bytes(), &Limits::default()).expect("reads");
    assert_eq!(doc.blocks.len(), 1);
    assert_eq!(doc.encoding.as_deref(), Some("utf-8"));
}

/// Probes trimmed from a provincial government page (TRS CMS; `../shared/probe/`,
/// copied into `tests/probe/`): the article sits in a `TRS_Editor` block and the
/// footer lists county and department sites, all links, more Chinese characters
/// than the article. The article is the content, and the note says what was left out.
#[test]
fn a_long_footer_of_links_does_not_outweigh_the_article() {
    let opening = "跨越千山万水，行程近两万公里，山西品牌丝路行首次登陆巴西";
    let closing = "南美站活动将先后在巴西、乌拉圭、阿根廷举行。";
    for name in ["s1.html", "s2.html", "t.html"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/probe")
            .join(name);
        let bytes = std::fs::read(&path).expect("probe present");
        let doc = read(&bytes, &Limits::default()).expect("probe reads");
        let text = without_whitespace(&doc.text);
        assert!(
            text.contains(opening),
            "{name}: article opening missing: {text:.200}"
        );
        assert!(text.contains(closing), "{name}: article end missing");
        assert!(
            !text.contains("省发展和改革委员会"),
            "{name}: the footer was read"
        );
        assert!(
            doc.notes.iter().any(|n| n.message.contains("left out")),
            "{name}: no note on the footer left out: {:?}",
            doc.notes
        );
    }
}
