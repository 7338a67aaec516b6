//! Behaviour on small DOCX files built in the test, and on hostile input.

use std::io::{Cursor, Write};

use policy_blocks::{BlockKind, Decoded, Limit, Limits, Merge};
use policy_docx::{Error, read};
use zip::write::SimpleFileOptions;

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml""#;

/// Zips the given parts (name, content) into a DOCX.
fn zip_parts(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in parts {
        zip.start_file(*name, SimpleFileOptions::default())
            .expect("zip to memory");
        zip.write_all(content).expect("zip to memory");
    }
    zip.finish().expect("zip to memory").into_inner()
}

/// A DOCX whose body is `body`, with optional styles and numbering parts.
fn docx(body: &str, styles: Option<&str>, numbering: Option<&str>) -> Vec<u8> {
    let document = format!("<w:document {NS}><w:body>{body}</w:body></w:document>");
    let styles = styles.map(|s| format!("<w:styles {NS}>{s}</w:styles>"));
    let numbering = numbering.map(|n| format!("<w:numbering {NS}>{n}</w:numbering>"));
    let mut parts: Vec<(&str, &[u8])> = vec![("word/document.xml", document.as_bytes())];
    if let Some(s) = &styles {
        parts.push(("word/styles.xml", s.as_bytes()));
    }
    if let Some(n) = &numbering {
        parts.push(("word/numbering.xml", n.as_bytes()));
    }
    zip_parts(&parts)
}

fn read_ok(bytes: &[u8]) -> Decoded {
    read(bytes, &Limits::default()).expect("a readable DOCX")
}

fn texts(doc: &Decoded) -> Vec<String> {
    doc.blocks.iter().map(|b| b.text()).collect()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn numbered(num_id: u32, ilvl: u8, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

const CHINESE_NUMBERING: &str = r#"
  <w:abstractNum w:abstractNumId="7">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="（%2）"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
    <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%4"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="8">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%1."/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="8"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#;

#[test]
fn automatic_numbering_labels_are_restored() {
    let body = [
        numbered(1, 0, "总体要求"),
        numbered(1, 1, "指导思想"),
        numbered(1, 2, "健全机制。"),
        numbered(1, 2, "完善格局。"),
        numbered(1, 3, "细项"),
        numbered(1, 1, "工作目标"),
        numbered(1, 2, "提高效能。"),
        numbered(1, 0, "重点任务"),
        numbered(2, 0, "甲项"),
        numbered(2, 0, "乙项"),
        numbered(3, 0, "重新编号"),
        // numId 0 switches numbering off.
        numbered(0, 0, "不编号"),
    ]
    .concat();
    let doc = read_ok(&docx(&body, None, Some(CHINESE_NUMBERING)));
    assert_eq!(
        texts(&doc),
        [
            "一、总体要求",
            "（一）指导思想",
            "1.健全机制。",
            "2.完善格局。",
            "①细项",
            "（二）工作目标",
            "1.提高效能。",
            "二、重点任务",
            "甲.甲项",
            "乙.乙项",
            "一、重新编号",
            "不编号"
        ]
    );
}

#[test]
fn numbering_past_ten_in_a_document() {
    let body: String = (1..=21)
        .map(|i| numbered(1, 0, &format!("第{i}项")))
        .collect();
    let doc = read_ok(&docx(&body, None, Some(CHINESE_NUMBERING)));
    let got = texts(&doc);
    assert_eq!(got[9], "十、第10项");
    assert_eq!(got[10], "十一、第11项");
    assert_eq!(got[19], "二十、第20项");
    assert_eq!(got[20], "二十一、第21项");
}

#[test]
fn heading_styles_and_style_numbering() {
    let styles = r#"
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
      <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
        <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="a5"><w:name w:val="标题 2"/>
        <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="自定义"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>"#;
    let body = r#"
      <w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>总体要求</w:t></w:r></w:p>
      <w:p><w:pPr><w:pStyle w:val="a5"/></w:pPr><w:r><w:t>指导思想</w:t></w:r></w:p>
      <w:p><w:pPr><w:pStyle w:val="Outline"/></w:pPr><w:r><w:t>大纲级别</w:t></w:r></w:p>
      <w:p><w:r><w:t>正文。</w:t></w:r></w:p>
      <w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>重点任务</w:t></w:r></w:p>"#;
    let doc = read_ok(&docx(body, Some(styles), Some(CHINESE_NUMBERING)));
    let kinds: Vec<_> = doc.blocks.iter().map(|b| b.kind.clone()).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Heading {
                level: 1,
                text: "一、总体要求".into()
            },
            BlockKind::Heading {
                level: 2,
                text: "（一）指导思想".into()
            },
            BlockKind::Heading {
                level: 3,
                text: "大纲级别".into()
            },
            BlockKind::Paragraph {
                text: "正文。".into()
            },
            BlockKind::Heading {
                level: 1,
                text: "二、重点任务".into()
            },
        ]
    );
}

#[test]
fn runs_tabs_breaks_fields_and_revisions() {
    let body = r#"<w:p>
        <w:r><w:t>一</w:t></w:r><w:r><w:t xml:space="preserve">二 </w:t></w:r><w:r><w:tab/><w:t>三</w:t></w:r>
        <w:r><w:br/><w:t>第二行</w:t></w:r>
        <w:ins w:id="1"><w:r><w:t>插入</w:t></w:r></w:ins>
        <w:del w:id="2"><w:r><w:delText>删除</w:delText></w:r></w:del>
        <w:bookmarkStart w:id="0" w:name="x"/><w:r><w:t>书签</w:t></w:r><w:bookmarkEnd w:id="0"/>
        <w:commentRangeStart w:id="3"/><w:r><w:commentReference w:id="3"/></w:r>
        <w:r><w:footnoteReference w:id="1"/></w:r>
        <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>
        <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
        <w:fldSimple w:instr="DATE"><w:r><w:t>/今日</w:t></w:r></w:fldSimple>
        <w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:font="Symbol" w:char="F0D6"/></w:r>
        <w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:r><w:t>链接</w:t></w:r></w:hyperlink>
      </w:p>"#;
    let doc = read_ok(&docx(body, None, None));
    assert_eq!(texts(&doc), ["一二 \t三\n第二行插入书签7/今日✓√链接"]);
}

#[test]
fn footnotes_part_is_not_read() {
    let document = format!(
        "<w:document {NS}><w:body>{}</w:body></w:document>",
        p("正文")
    );
    let footnotes = format!(
        "<w:footnotes {NS}><w:footnote w:id=\"1\">{}</w:footnote></w:footnotes>",
        p("脚注")
    );
    let bytes = zip_parts(&[
        ("word/document.xml", document.as_bytes()),
        ("word/footnotes.xml", footnotes.as_bytes()),
    ]);
    assert_eq!(texts(&read_ok(&bytes)), ["正文"]);
}

fn tc(props: &str, text: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text))
}

#[test]
fn table_merges_resolve_into_a_grid() {
    let body = format!(
        r#"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
          <w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}{}{}</w:tr>
          <w:tr>{}{}{}{}</w:tr>
          <w:tr>{}{}{}{}</w:tr>
          <w:tr>{}</w:tr>
          <w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>{}{}</w:tr>
          <w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}{}{}</w:tr>
        </w:tbl>"#,
        tc("", "类别"),
        tc("", "序号"),
        tc("", "任务"),
        tc("", "责任单位"),
        tc(r#"<w:vMerge w:val="restart"/>"#, "一、社会力量"),
        tc("", "1"),
        tc("", "培育组织"),
        tc(r#"<w:vMerge w:val="restart"/>"#, "州民政局"),
        tc("<w:vMerge/>", ""),
        tc("", "2"),
        tc("", "志愿服务"),
        tc(r#"<w:vMerge w:val="continue"/>"#, ""),
        tc(r#"<w:gridSpan w:val="4"/>"#, "二、质量提升"),
        tc("", "3"),
        tc("", "固本强基"),
        tc("", "类别"),
        tc("", "序号"),
        tc("", "任务"),
        tc("", "责任单位"),
    );
    let doc = read_ok(&docx(&body, None, None));
    let BlockKind::Table(table) = &doc.blocks[0].kind else {
        panic!("not a table: {:?}", doc.blocks)
    };
    let grid: Vec<Vec<(&str, Merge)>> = table
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| (c.text.as_str(), c.merge)).collect())
        .collect();
    use Merge::{Left, None as N, Up};
    assert_eq!(
        grid,
        [
            vec![("类别", N), ("序号", N), ("任务", N), ("责任单位", N)],
            vec![
                ("一、社会力量", N),
                ("1", N),
                ("培育组织", N),
                ("州民政局", N)
            ],
            vec![("", Up), ("2", N), ("志愿服务", N), ("", Up)],
            vec![("二、质量提升", N), ("", Left), ("", Left), ("", Left)],
            vec![("", N), ("3", N), ("固本强基", N), ("", N)],
        ]
    );
    let headers: Vec<bool> = table.rows.iter().map(|r| r.is_header).collect();
    assert_eq!(headers, [true, false, false, false, false]);
    // Every cell's span points at its text.
    for cell in table.rows.iter().flat_map(|r| &r.cells) {
        assert_eq!(&doc.text[cell.span.start..cell.span.end], cell.text);
    }
}

#[test]
fn cell_paragraphs_breaks_numbering_and_nested_tables() {
    let nested = format!(
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        tc("", "指标"),
        tc("", "目标值"),
        tc("", "覆盖率"),
        tc("", "100%")
    );
    let body = format!(
        r#"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>
            <w:tc><w:p><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr></w:pPr></w:p></w:tc>
            <w:tc>{}{}</w:tc>
            <w:tc><w:p><w:r><w:t>城乡社区社会</w:t><w:br/><w:t>工作服务行动</w:t></w:r></w:p>{nested}</w:tc>
          </w:tr></w:tbl>"#,
        p("州民政局"),
        p("各县市人民政府"),
    );
    let doc = read_ok(&docx(&body, None, Some(CHINESE_NUMBERING)));
    let BlockKind::Table(table) = &doc.blocks[0].kind else {
        panic!("not a table")
    };
    let cells: Vec<&str> = table.rows[0]
        .cells
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(
        cells,
        [
            "1.",
            "州民政局\n各县市人民政府",
            "城乡社区社会\n工作服务行动\n指标\t目标值\n覆盖率\t100%"
        ]
    );
}

#[test]
fn text_box_content_comes_once_at_its_anchor() {
    let box_body = format!(
        "{}{}",
        p("专栏1 重点工程"),
        p("（1）社区服务设施补短板工程。")
    );
    let body = format!(
        r#"{}<w:p><w:r><w:t>锚点段落</w:t></w:r><w:r><mc:AlternateContent>
            <mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>
              <w:txbxContent>{box_body}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
            <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{box_body}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
          </mc:AlternateContent></w:r></w:p>{}
          <w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"#,
        p("前文"),
        p("后文"),
        p("仅有VML的文本框"),
    );
    let doc = read_ok(&docx(&body, None, None));
    assert_eq!(
        texts(&doc),
        [
            "前文",
            "锚点段落",
            "专栏1 重点工程",
            "（1）社区服务设施补短板工程。",
            "后文",
            "仅有VML的文本框"
        ]
    );
}

#[test]
fn fallback_used_when_only_it_has_the_text_box() {
    let body = format!(
        r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wpg"><w:drawing/></mc:Choice>
          <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
          </mc:AlternateContent></w:r></w:p>"#,
        p("只在备选里")
    );
    assert_eq!(texts(&read_ok(&docx(&body, None, None))), ["只在备选里"]);
}

#[test]
fn core_properties_are_offered() {
    let document = format!(
        "<w:document {NS}><w:body>{}</w:body></w:document>",
        p("正文")
    );
    let core = r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>实施方案</dc:title><dcterms:created xsi:type="dcterms:W3CDTF">2023-09-25T08:00:00Z</dcterms:created></cp:coreProperties>"#;
    let bytes = zip_parts(&[
        ("word/document.xml", document.as_bytes()),
        ("docProps/core.xml", core.as_bytes()),
    ]);
    let doc = read_ok(&bytes);
    assert_eq!(doc.props.title.as_deref(), Some("实施方案"));
    assert_eq!(doc.props.created.as_deref(), Some("2023-09-25T08:00:00Z"));
}

#[test]
fn main_part_found_through_relationships() {
    let document = format!(
        "<w:document {NS}><w:body>{}</w:body></w:document>",
        p("别处的正文")
    );
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#;
    let bytes = zip_parts(&[
        ("_rels/.rels", rels.as_bytes()),
        ("word/document2.xml", document.as_bytes()),
    ]);
    assert_eq!(texts(&read_ok(&bytes)), ["别处的正文"]);
}

// ---- hostile input ----

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture present")
}

#[test]
fn empty_file() {
    assert!(matches!(read(b"", &Limits::default()), Err(Error::Empty)));
}

#[test]
fn random_bytes() {
    // A fixed xorshift stream: deterministic "random" bytes.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    assert!(matches!(
        read(&bytes, &Limits::default()),
        Err(Error::NotZip { .. })
    ));
    let mut pk = b"PK\x03\x04".to_vec();
    pk.extend_from_slice(&bytes);
    assert!(matches!(read(&pk, &Limits::default()), Err(Error::Zip(_))));
}

#[test]
fn truncated_zip() {
    let bytes = fixture("002_implementation_plan.docx");
    let err = read(&bytes[..bytes.len() / 2], &Limits::default()).unwrap_err();
    assert!(matches!(err, Error::Zip(_)), "{err}");
    assert_eq!(err.to_string(), "the zip archive is damaged or truncated");
}

#[test]
fn ole_files_are_named() {
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(1024, 0);
    assert!(matches!(
        read(&ole, &Limits::default()),
        Err(Error::LegacyOle)
    ));
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    assert!(matches!(
        read(&ole, &Limits::default()),
        Err(Error::Encrypted)
    ));
}

#[test]
fn real_legacy_doc_is_refused() {
    let bytes = fixture("real/real04_hainan_nongji_butie_fangan.doc");
    assert!(matches!(
        read(&bytes, &Limits::default()),
        Err(Error::LegacyOle)
    ));
}

#[test]
fn missing_document_part() {
    let bytes = zip_parts(&[("word/styles.xml", b"<w:styles/>")]);
    let err = read(&bytes, &Limits::default()).unwrap_err();
    assert!(
        matches!(&err, Error::MissingDocument { part } if part == "word/document.xml"),
        "{err}"
    );
}

#[test]
fn malformed_xml() {
    let bytes = zip_parts(&[("word/document.xml", b"<w:document><w:body></w:document>")]);
    assert!(matches!(
        read(&bytes, &Limits::default()),
        Err(Error::Xml { .. })
    ));
}

/// A document.xml that inflates to 4 MiB from a few KiB, against a 1 MiB limit.
fn bomb() -> Vec<u8> {
    let mut document = format!("<w:document {NS}><w:body><w:p><w:r><w:t>").into_bytes();
    document.resize(4 << 20, b'a');
    document.extend_from_slice(b"</w:t></w:r></w:p></w:body></w:document>");
    zip_parts(&[("word/document.xml", &document)])
}

fn small_limits() -> Limits {
    Limits {
        max_decompressed_bytes: 1 << 20,
        ..Limits::default()
    }
}

#[test]
fn zip_bomb_refused_by_declared_size() {
    let bytes = bomb();
    assert!(
        bytes.len() < 64 << 10,
        "the bomb should compress well: {}",
        bytes.len()
    );
    let err = read(&bytes, &small_limits()).unwrap_err();
    assert!(
        matches!(&err, Error::Limit(l) if l.limit == Limit::DecompressedBytes),
        "{err}"
    );
}

#[test]
fn zip_bomb_with_lying_sizes_refused_while_inflating() {
    let mut bytes = bomb();
    // Rewrite the uncompressed size in the local header (offset 22) and the
    // central directory entry (offset 24) to claim 100 bytes.
    let lie = 100u32.to_le_bytes();
    for (signature, offset) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let at = bytes.windows(4).position(|w| w == signature).unwrap();
        bytes[at + offset..at + offset + 4].copy_from_slice(&lie);
    }
    // The declared sizes pass; reading through `take()` stops the inflation
    // one byte past the declared size, and the part is refused as damaged.
    let err = read(&bytes, &small_limits()).unwrap_err();
    assert!(
        matches!(&err, Error::Decompress { source, .. } if source.to_string().contains("past the 100 bytes")),
        "{err}"
    );
}

#[test]
fn deep_nesting_refused() {
    let depth = 100_000;
    let mut document = format!("<w:document {NS}><w:body>").into_bytes();
    document.extend("<w:sdt>".repeat(depth).bytes());
    document.extend("</w:sdt>".repeat(depth).bytes());
    document.extend_from_slice(b"</w:body></w:document>");
    let bytes = zip_parts(&[("word/document.xml", &document)]);
    let limits = Limits {
        max_nesting_depth: 64,
        ..Limits::default()
    };
    let err = read(&bytes, &limits).unwrap_err();
    assert!(
        matches!(&err, Error::Limit(l) if l.limit == Limit::NestingDepth && l.allowed == 64),
        "{err}"
    );
    // Even a generous limit does not let the walk recurse without bound.
    let limits = Limits {
        max_nesting_depth: 1_000_000,
        ..Limits::default()
    };
    assert!(matches!(read(&bytes, &limits), Err(Error::Limit(_))));
}

#[test]
fn too_many_entries() {
    let names: Vec<String> = (0..20).map(|i| format!("word/media/{i}.bin")).collect();
    let mut parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let document = format!("<w:document {NS}><w:body/></w:document>");
    parts.push(("word/document.xml", document.as_bytes()));
    let limits = Limits {
        max_zip_entries: 10,
        ..Limits::default()
    };
    let err = read(&zip_parts(&parts), &limits).unwrap_err();
    assert!(
        matches!(&err, Error::Limit(l) if l.limit == Limit::ZipEntries),
        "{err}"
    );
}

#[test]
fn input_too_large() {
    let limits = Limits {
        max_input_bytes: 100,
        ..Limits::default()
    };
    let err = read(&fixture("002_implementation_plan.docx"), &limits).unwrap_err();
    assert!(
        matches!(&err, Error::Limit(l) if l.limit == Limit::InputBytes),
        "{err}"
    );
}

#[test]
fn table_cell_limit() {
    let rows: String = (0..30)
        .map(|_| format!("<w:tr>{}{}</w:tr>", tc("", "a"), tc("", "b")))
        .collect();
    let limits = Limits {
        max_table_cells: 50,
        ..Limits::default()
    };
    let err = read(
        &docx(&format!("<w:tbl>{rows}</w:tbl>"), None, None),
        &limits,
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::Limit(l) if l.limit == Limit::TableCells),
        "{err}"
    );
}

#[test]
fn absurd_spans_are_clamped_and_noted() {
    // One cell claiming to span four billion grid columns; Word allows 63.
    let body = format!(
        r#"<w:tbl><w:tr>{}</w:tr><w:tr><w:trPr><w:gridBefore w:val="99999"/></w:trPr>{}</w:tr></w:tbl>"#,
        tc(r#"<w:gridSpan w:val="4294967295"/>"#, "x"),
        tc("", "y")
    );
    let doc = read_ok(&docx(&body, None, None));
    let BlockKind::Table(table) = &doc.blocks[0].kind else {
        panic!("not a table")
    };
    assert_eq!(table.n_cols(), 64);
    assert_eq!(doc.notes.len(), 1, "{:?}", doc.notes);
}

#[test]
fn damaged_document_parts() {
    let empty = zip_parts(&[("word/document.xml", b"")]);
    assert!(matches!(
        read(&empty, &Limits::default()),
        Err(Error::NoDocumentElement { .. })
    ));

    let cut = format!("<w:document {NS}><w:body><w:p><w:r><w:t>一、总体");
    let doc = read_ok(&zip_parts(&[("word/document.xml", cut.as_bytes())]));
    assert_eq!(texts(&doc), ["一、总体"]);
    assert!(
        doc.notes.iter().any(|n| n.message.contains("cut off")),
        "{:?}",
        doc.notes
    );

    // DTD entities are never expanded: no billion laughs, no external files.
    let laughs = format!(
        r#"<!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document {NS}><w:body>{}{}</w:body></w:document>"#,
        p("&lol;"),
        p("&xxe;&amp;")
    );
    let doc = read_ok(&zip_parts(&[("word/document.xml", laughs.as_bytes())]));
    assert_eq!(texts(&doc), ["&"]);
    assert!(
        doc.notes.iter().any(|n| n.message.contains("entity")),
        "{:?}",
        doc.notes
    );
}

#[test]
fn unclosed_field_hides_the_rest_and_says_so() {
    let body = format!(
        "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>TOC</w:instrText></w:r></w:p>{}",
        p("之后")
    );
    let doc = read_ok(&docx(&body, None, None));
    assert!(doc.blocks.is_empty());
    assert_eq!(doc.notes.len(), 1, "{:?}", doc.notes);
}

#[test]
fn hidden_runs_are_not_read() {
    let body = r#"<w:p><w:r><w:t>看得见</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="x"/><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>也看得见</w:t></w:r></w:p>"#;
    assert_eq!(texts(&read_ok(&docx(body, None, None))), ["看得见也看得见"]);
}

#[test]
fn undefined_numbering_is_noted() {
    let doc = read_ok(&docx(&numbered(5, 0, "无定义"), None, None));
    assert_eq!(texts(&doc), ["无定义"]);
    assert_eq!(doc.notes.len(), 1, "{:?}", doc.notes);
}

/// Deterministic pseudo-random positions (xorshift).
fn positions(seed: u64, n: usize, below: usize) -> Vec<usize> {
    let mut state = seed;
    (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        })
        .collect()
}

#[test]
fn corrupted_bytes_never_panic() {
    let original = fixture("000_division_table.docx");
    for (i, at) in positions(7, 120, original.len()).into_iter().enumerate() {
        let mut bytes = original.clone();
        bytes[at] ^= 0x5A;
        // Ok or a typed error; a panic fails the test.
        let _ = read(&bytes, &Limits::default());
        bytes.truncate(at.max(1));
        let _ = read(&bytes, &Limits::default())
            .map_err(|e| assert!(!e.to_string().is_empty(), "case {i}"));
    }
}

#[test]
fn cut_or_damaged_xml_never_panics() {
    let mut archive = zip::ZipArchive::new(Cursor::new(fixture("001_ledger_table.docx")))
        .expect("fixture is a zip");
    let mut document = Vec::new();
    std::io::Read::read_to_end(
        &mut archive
            .by_name("word/document.xml")
            .expect("has document.xml"),
        &mut document,
    )
    .expect("fixture inflates");
    for at in positions(11, 60, document.len()) {
        let mut cut = document[..at].to_vec();
        let _ = read(
            &zip_parts(&[("word/document.xml", &cut)]),
            &Limits::default(),
        );
        cut.extend_from_slice(
            b"<w:tc><w:tcPr><w:gridSpan w:val=\"-3\"/><w:vMerge/></w:tcPr></w:tr></w:tbl>",
        );
        cut.extend_from_slice(&document[at..]);
        let _ = read(
            &zip_parts(&[("word/document.xml", &cut)]),
            &Limits::default(),
        );
    }
}

/// `tests/data/002_implementation_plan_autonum.docx` is fixture 002 with its
/// typed labels (一、 / (一) / 1.) removed and Word automatic numbering
/// (`chineseCounting`, and a decimal level with `w:lvlRestart w:val="0"` that
/// runs on across sections) put in their place: it must read the same.
#[test]
fn auto_numbered_variant_reads_like_the_typed_original() {
    let typed = read_ok(&fixture("002_implementation_plan.docx"));
    let path = format!(
        "{}/tests/data/002_implementation_plan_autonum.docx",
        env!("CARGO_MANIFEST_DIR")
    );
    let auto = read_ok(&std::fs::read(path).expect("test data present"));
    assert_eq!(auto.blocks, typed.blocks);
}

#[test]
fn table_of_contents_is_left_out() {
    let toc_line = |title: &str, page: u32| {
        format!(
            r#"<w:p><w:hyperlink w:anchor="_Toc1"><w:r><w:t>{title}</w:t></w:r><w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGEREF _Toc1 \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{page}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p>"#
        )
    };
    let body = format!(
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-3" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p>{}{}<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>{}<w:p><w:fldSimple w:instr=" TOC \o "><w:r><w:t>简单目录</w:t></w:r></w:fldSimple></w:p>"#,
        toc_line("一、总体要求", 1),
        toc_line("二、重点任务", 2),
        p("一、总体要求"),
    );
    let doc = read_ok(&docx(&body, None, None));
    assert_eq!(texts(&doc), ["一、总体要求"]);
    assert!(
        doc.notes.iter().any(|n| n.message.contains("TOC")),
        "{:?}",
        doc.notes
    );
}

/// Nesting just under the hard cap (512) must not exhaust a test thread's
/// 2 MiB stack, whatever shape the recursion takes.
#[test]
fn deep_but_allowed_nesting_does_not_overflow() {
    let limits = Limits {
        max_nesting_depth: 1_000_000,
        ..Limits::default()
    };
    let inline = format!(
        "<w:p>{}<w:r><w:t>深</w:t></w:r>{}</w:p>",
        "<w:hyperlink>".repeat(500),
        "</w:hyperlink>".repeat(500)
    );
    let doc = read(&docx(&inline, None, None), &limits).expect("within the cap");
    assert_eq!(texts(&doc), ["深"]);

    let tables = 160; // three elements per level: tbl, tr, tc
    let nested = format!(
        "{}{}{}",
        "<w:tbl><w:tr><w:tc>".repeat(tables),
        p("表"),
        "</w:tc></w:tr></w:tbl>".repeat(tables)
    );
    let doc = read(&docx(&nested, None, None), &limits).expect("within the cap");
    assert_eq!(texts(&doc), ["表"]);

    let boxes = 125; // p, r, pict, txbxContent, then the next paragraph
    let nested = format!(
        "{}{}{}",
        "<w:p><w:r><w:pict><w:txbxContent>".repeat(boxes),
        p("框"),
        "</w:txbxContent></w:pict></w:r></w:p>".repeat(boxes)
    );
    let doc = read(&docx(&nested, None, None), &limits).expect("within the cap");
    assert_eq!(texts(&doc), ["框"]);
}

#[test]
fn damaged_supporting_parts_are_left_out_with_a_note() {
    let document = format!(
        "<w:document {NS}><w:body>{}</w:body></w:document>",
        numbered(1, 0, "总体要求")
    );
    let bytes = zip_parts(&[
        ("word/document.xml", document.as_bytes()),
        ("word/styles.xml", b"<w:styles><w:style></w:styles>"),
        ("word/numbering.xml", b"<w:numbering><oops></w:numbering>"),
    ]);
    let doc = read_ok(&bytes);
    assert_eq!(texts(&doc), ["总体要求"]);
    assert!(
        doc.notes
            .iter()
            .filter(|n| n.message.starts_with("left out"))
            .count()
            == 2,
        "{:?}",
        doc.notes
    );
}

/// The main document is streamed after the supporting parts are read, yet
/// its own errors come first, as when it was parsed before them.
#[test]
fn document_errors_come_before_other_parts_and_the_walk() {
    let big_styles = format!("<w:styles {NS}>{}</w:styles>", " ".repeat(2 << 20));
    let limits = small_limits();
    // A sound document: the styles part over the limit is the error.
    let sound = format!("<w:document {NS}><w:body>{}</w:body></w:document>", p("一"));
    let bytes = zip_parts(&[
        ("word/document.xml", sound.as_bytes()),
        ("word/styles.xml", big_styles.as_bytes()),
    ]);
    let err = read(&bytes, &limits).unwrap_err();
    assert!(
        matches!(&err, Error::Limit(l) if l.limit == Limit::DecompressedBytes),
        "{err}"
    );
    // A damaged document (or none at all) wins over the styles part.
    let damaged = format!(
        "<w:document {NS}><w:body>{}</w:p></w:body></w:document>",
        p("一")
    );
    let bytes = zip_parts(&[
        ("word/document.xml", damaged.as_bytes()),
        ("word/styles.xml", big_styles.as_bytes()),
    ]);
    let err = read(&bytes, &limits).unwrap_err();
    assert!(matches!(&err, Error::Xml { .. }), "{err}");
    let bytes = zip_parts(&[
        ("word/document.xml", b"<other/>"),
        ("word/styles.xml", big_styles.as_bytes()),
    ]);
    let err = read(&bytes, &limits).unwrap_err();
    assert!(matches!(&err, Error::NoDocumentElement { .. }), "{err}");

    // A table over the cell limit, then damage further on: the damage.
    let rows: String = (0..30)
        .map(|_| format!("<w:tr>{}{}</w:tr>", tc("", "a"), tc("", "b")))
        .collect();
    let limits = Limits {
        max_table_cells: 50,
        ..Limits::default()
    };
    let err = read(
        &docx(
            &format!("<w:tbl>{rows}</w:tbl>{}</w:tc>", p("后")),
            None,
            None,
        ),
        &limits,
    )
    .unwrap_err();
    assert!(matches!(&err, Error::Xml { .. }), "{err}");
    let deeper = format!(
        "<w:tbl>{rows}</w:tbl>{}{}",
        "<w:sdt>".repeat(300),
        "</w:sdt>".repeat(300)
    );
    let err = read(&docx(&deeper, None, None), &limits).unwrap_err();
    assert!(
        matches!(&err, Error::Limit(l) if l.limit == Limit::NestingDepth),
        "{err}"
    );
}

/// Only the first `w:body` of the first `w:document` is read; text between
/// blocks and elements around the body are ignored.
#[test]
fn first_document_and_body_only() {
    let document = format!(
        "<?xml version=\"1.0\"?><w:document {NS}><w:background/>stray<w:body>{}stray{}<w:sectPr><w:p/></w:sectPr></w:body><w:body>{}</w:body></w:document><w:document {NS}><w:body>{}</w:body></w:document>",
        p("一"),
        p("二"),
        p("第二个正文"),
        p("第二个文档")
    );
    let doc = read_ok(&zip_parts(&[("word/document.xml", document.as_bytes())]));
    assert_eq!(texts(&doc), ["一", "二"]);
    assert!(doc.notes.is_empty(), "{:?}", doc.notes);

    let no_body = format!("<w:document {NS}><w:background/></w:document>");
    let doc = read_ok(&zip_parts(&[("word/document.xml", no_body.as_bytes())]));
    assert!(doc.blocks.is_empty());
    assert!(
        doc.notes.iter().any(|n| n.message.contains("no w:body")),
        "{:?}",
        doc.notes
    );
}
