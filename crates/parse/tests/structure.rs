//! The structure stage on small documents written for each rule.

use policy_blocks::{Decoded, DecodedBuilder, Merge};
mod common;

use common::summary;
use policy_model::{Document, Source, SourceFormat, WarningCode};

fn parse_text(text: &str) -> Document {
    let decoded = policy_text::read(text.as_bytes(), &Default::default()).expect("text reads");
    policy_parse::parse(&decoded, Source::new("t.txt", SourceFormat::Text))
}

fn parse_decoded(decoded: &Decoded) -> Document {
    policy_parse::parse(decoded, Source::new("t.docx", SourceFormat::Docx))
}

#[test]
fn leaves_of_the_outline_are_tasks_and_background_is_not() {
    let doc = parse_text(
        "一、指导思想\n坚持以人民为中心。\n二、主要任务\n（一）强化服务\n1.建设中心。建设100个中心。(县民政局、财政局等按职责分工负责)\n2.完善制度。健全机制。(县委组织部、宣传部)\n（二）加强队伍\n3.培训人员。每年培训一次。\n三、保障措施\n（一）加强领导。各部门要高度重视。\n",
    );
    assert_eq!(
        summary(&doc),
        [
            "1 | 二、主要任务 > （一）强化服务 | 建设中心 | 县民政局、县财政局",
            "2 | 二、主要任务 > （一）强化服务 | 完善制度 | 县委组织部、县委宣传部",
            "3 | 二、主要任务 > （二）加强队伍 | 培训人员 | ",
            // No clause: the body a sentence gives work to (`各部门要…`).
            "（一） | 三、保障措施 | 加强领导 | 各部门",
        ]
    );
    // The owner clause is not part of the text; the title is not repeated in it.
    assert_eq!(doc.tasks[0].text, "建设100个中心。");
}

#[test]
fn a_heading_item_takes_its_line_as_title_and_the_paragraphs_below_as_text() {
    let doc = parse_text(
        "一、发放时间\n2025年7月19日至11月15日。\n二、参与对象\n在济南的用户。\n均可参与。\n三、其他事项\n",
    );
    let got: Vec<_> = doc
        .tasks
        .iter()
        .map(|t| (t.title.as_deref().unwrap_or("-"), t.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("发放时间", "2025年7月19日至11月15日。"),
            ("参与对象", "在济南的用户。均可参与。"),
            ("其他事项", "其他事项")
        ]
    );
}

#[test]
fn an_attachment_starts_its_numbering_afresh() {
    let doc = parse_text(
        "一、任务\n（一）加强监管\n1.甲。内容。\n附件\n1.建设中心。完成改造。\n2.完善制度。建立台账。\n",
    );
    let paths: Vec<_> = doc.tasks.iter().map(|t| t.path.join(" > ")).collect();
    assert_eq!(paths, ["一、任务 > （一）加强监管", "", ""]);
}

#[test]
fn an_attached_catalogue_is_not_work() {
    let doc = parse_text(
        "一、任务\n1.甲。内容。\n附件\n农机补贴范围\n1.耕整地机械\n1.1耕地机械\n1.1.1犁\n2.收获机械\n2.1谷物收获机械\n",
    );
    assert_eq!(summary(&doc), ["1 | 一、任务 | 甲 | "]);
}

#[test]
fn a_paragraph_after_an_items_sentences_is_a_provision() {
    let doc = parse_text(
        "一、实施要求\n（一）加强领导。各地要建立机制。\n各县农业农村部门要于每年12月20日前报送总结。\n（二）强化监督。公开信息。\n",
    );
    assert_eq!(
        summary(&doc),
        [
            "（一） | 一、实施要求 | 加强领导 | 各地",
            " | 一、实施要求 | 各县农业农村部门要于每年12月20日前报送总结 | 各县农业农村部门",
            "（二） | 一、实施要求 | 强化监督 | ",
        ]
    );
}

#[test]
fn a_document_may_start_at_any_enumerator_kind() {
    let doc = parse_text(
        "（一）甲项工作。内容。（责任单位：市民政局）\n（二）乙项工作。内容。（责任单位：市财政局）\n",
    );
    assert_eq!(
        summary(&doc),
        [
            "（一） |  | 甲项工作 | 市民政局",
            "（二） |  | 乙项工作 | 市财政局"
        ]
    );
}

#[test]
fn boxes_hold_their_numbered_items_and_close_at_a_higher_item() {
    let doc = parse_text(
        "# 规划\n\n## 二、任务\n\n（五）健全机制。内容。（责任单位：市民政局）\n\n## 专栏2 社会参与行动\n\n1.培育行动。内容。\n\n2.志愿行动。内容。\n\n（六）完善格局。内容。（责任单位：市财政局）\n",
    );
    let boxes: Vec<_> = doc
        .tasks
        .iter()
        .map(|t| t.in_box.as_ref().map(|b| b.id.as_str()))
        .collect();
    assert_eq!(boxes, [None, Some("专栏2"), Some("专栏2"), None]);
    assert_eq!(
        doc.tasks[1]
            .in_box
            .as_ref()
            .and_then(|b| b.title.as_deref()),
        Some("社会参与行动")
    );
    // （五） keeps no box children: it stays a task.
    assert_eq!(doc.tasks[0].number.as_deref(), Some("（五）"));
    assert_eq!(doc.tasks[3].path, ["二、任务"]);
}

#[test]
fn owner_sentences_and_roles() {
    let doc = parse_text(
        "一、任务\n1.建设平台。内容。由市商务局牵头，市财政局配合。\n2.建设网络。内容（牵头单位：市工信局；配合单位：市通信管理局）\n",
    );
    assert_eq!(
        summary(&doc),
        [
            "1 | 一、任务 | 建设平台 | 市商务局+、市财政局~",
            "2 | 一、任务 | 建设网络 | 市工信局+、市通信管理局~"
        ]
    );
}

#[test]
fn missing_owners_among_siblings_are_warned_about() {
    let doc = parse_text(
        "一、任务\n1.甲。内容。（责任单位：县民政局）\n2.乙。内容。（责任单位：县财政局）\n3.丙。内容。\n",
    );
    let codes: Vec<_> = doc.warnings.iter().map(|w| w.code).collect();
    assert_eq!(codes, [WarningCode::MissingOwner]);
    assert_eq!(doc.warnings[0].span, doc.tasks[2].span);
}

#[test]
fn unbalanced_brackets_are_warned_about() {
    let doc = parse_text("一、任务\n1.甲。推进村（社区建设。\n");
    assert!(
        doc.warnings
            .iter()
            .any(|w| w.code == WarningCode::UnbalancedParenthesis)
    );
}

fn cells(texts: &[&str]) -> (Vec<(String, Merge)>, bool) {
    (
        texts
            .iter()
            .map(|t| match *t {
                "^" => (String::new(), Merge::Up),
                "<" => (String::new(), Merge::Left),
                t => (t.to_string(), Merge::None),
            })
            .collect(),
        false,
    )
}

#[test]
fn tables_by_column_meaning_with_merged_categories() {
    let mut b = DecodedBuilder::new(SourceFormat::Docx);
    b.table(
        vec![
            cells(&[
                "类别",
                "序号",
                "任务名称",
                "具体措施",
                "牵头单位",
                "配合单位",
                "完成时限",
            ]),
            cells(&[
                "一、服务",
                "1",
                "养老行动",
                "建设中心。",
                "市民政局",
                "市财政局\n市住建局",
                "2025年底前",
            ]),
            cells(&["^", "2", "助残行动", "开展康复。", "市残联", "", "持续推进"]),
            cells(&[
                "二、治理",
                "3",
                "平安行动",
                "建设警务室。",
                "市公安局",
                "",
                "",
            ]),
            cells(&[
                "类别",
                "序号",
                "任务名称",
                "具体措施",
                "牵头单位",
                "配合单位",
                "完成时限",
            ]),
            cells(&["^", "4", "法律行动", "普法。", "市司法局", "", "2024"]),
        ],
        None,
    );
    let doc = parse_decoded(&b.finish());
    assert_eq!(
        summary(&doc),
        [
            "1 | 一、服务 | 养老行动 | 市民政局+、市财政局~、市住建局~",
            "2 | 一、服务 | 助残行动 | 市残联+",
            "3 | 二、治理 | 平安行动 | 市公安局+",
            "4 | 二、治理 | 法律行动 | 市司法局+",
        ]
    );
    let deadlines: Vec<_> = doc
        .tasks
        .iter()
        .map(|t| t.deadline.as_ref().map(|d| (d.kind, d.year)))
        .collect();
    use policy_model::DeadlineKind as K;
    assert_eq!(
        deadlines,
        [
            Some((K::By, Some(2025))),
            Some((K::Ongoing, None)),
            None,
            Some((K::By, Some(2024)))
        ]
    );
}

#[test]
fn a_table_without_a_known_header_is_warned_about() {
    let mut b = DecodedBuilder::new(SourceFormat::Docx);
    b.table(vec![cells(&["甲", "乙"]), cells(&["1", "2"])], None);
    let doc = parse_decoded(&b.finish());
    assert!(doc.tasks.is_empty());
    assert!(
        doc.warnings
            .iter()
            .any(|w| w.code == WarningCode::UnrecognisedTableHeader)
    );
}
