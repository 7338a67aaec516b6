//! Every word the parser knows, by what it means: one place to read them and
//! one place to add a word.
//!
//! The stages read these lists and nothing else: table reading (column
//! meanings), the outline (background sections, 附件, 专栏), owners (labels,
//! role words, organisation body words, level prefixes, collectives), targets
//! (units and comparator words), deadlines, indicators and metadata. A test
//! (`tests/lexicon.rs` of this crate) fails when a module of `grammar`,
//! `parse` or `semantics` keeps a word list of its own.
//!
//! Order matters where a comment says so (longest first, where one word is a
//! prefix of another).

use policy_model::{Comparator, OwnerRole};

// ---------------------------------------------------------------------------
// Table headers, by column meaning
// ---------------------------------------------------------------------------

/// A 序号 column.
pub const HEADER_SEQ: &[&str] = &["序号", "编号"];

/// An owner column (责任单位 and kin); the role comes from [`HEADER_LEAD`] /
/// [`HEADER_CO`] words in the same cell. The shape `…单位` / `…部门` / `…主体`
/// is also read as an owner column (see `is_owner_label`).
pub const HEADER_OWNER: &[&str] = &[
    "责任单位",
    "牵头单位",
    "配合单位",
    "责任部门",
    "牵头部门",
    "配合部门",
    "实施主体",
    "责任主体",
    "主责单位",
    "协办单位",
    "参与单位",
    "实施单位",
    "承办单位",
    "负责单位",
    "单位",
];

/// Words in an owner column's header that make its owners lead.
pub const HEADER_LEAD: &[&str] = &["牵头", "主责", "主办"];

/// Words in an owner column's header that make its owners support.
pub const HEADER_CO: &[&str] = &["配合", "协办", "参与", "协同", "协作"];

/// A deadline column.
pub const HEADER_DEADLINE: &[&str] = &[
    "完成时限",
    "时间节点",
    "完成时间",
    "时限",
    "进度安排",
    "时间安排",
    "完成期限",
    "期限",
];

/// A task's short name.
pub const HEADER_TITLE: &[&str] = &[
    "工作任务",
    "重点任务",
    "主要任务",
    "任务名称",
    "项目名称",
    "工作事项",
    "任务",
];

/// The requirement text.
pub const HEADER_CONTENT: &[&str] = &[
    "主要内容",
    "工作要求",
    "工作措施",
    "具体措施",
    "任务内容",
    "工作内容",
    "具体内容",
    "工作目标",
    "目标任务",
    "主要举措",
    "具体任务",
    "整改目标",
    "整改措施",
    "内容",
    "要求",
    "措施",
];

/// A category column (filled down, part of the path).
pub const HEADER_CATEGORY: &[&str] = &[
    "重点项目",
    "具体项目",
    "项目",
    "类别",
    "领域",
    "分类",
    "重点领域",
    "重点工作",
    "存在问题",
    "问题",
];

/// [`HEADER_CATEGORY`] words that name a grouping and nothing else: such a
/// column is a category even where its cells are not enumerated.
pub const HEADER_GROUPING: &[&str] = &["类别", "领域", "分类", "类型"];

/// Words of a task table's header (分工表, 台账): a table naming any of them is
/// not an indicator table, whatever else it names.
pub const HEADER_TASK_TABLE: &[&str] = &[
    "责任",
    "牵头",
    "配合",
    "任务",
    "措施",
    "时限",
    "时间节点",
    "进度",
];

/// An indicator's attribute as a table cell writes it: it ends a row of a
/// flattened indicator table (`…低于0.26预期性2十万人…`).
pub const ATTRIBUTE_VALUES: &[&str] = &["预期性", "约束性"];

/// Words that start the target after an indicator's name in a flattened row
/// (`十万人火灾事故死亡率低于0.26`, `专职消防人员数量总量达366人`), beside the
/// comparator words and the first digit.
pub const FLAT_TARGET_CUES: &[&str] = &[
    "同比",
    "低于",
    "高于",
    "达到",
    "控制在",
    "保持在",
    "保持",
    "总量",
    "力争",
    "累计",
];

/// Indicator table: the attribute column (预期性 / 约束性).
/// Header words before 指标 that name a target list's leading columns
/// (`类别 序号 指标…`): the header starts at the first of them.
pub const HEADER_LEAD_COLUMNS: &[&str] = &["类别", "序号", "领域"];

/// Words an indicator's name may trail into from the sentence after it
/// (`…覆盖率均`, `…要`), cut off.
pub const NAME_TRAILING_MODALS: &[char] = &['均', '要', '将'];

pub const HEADER_ATTRIBUTE: &[&str] = &["属性", "性质"];

/// Indicator table: the baseline column.
pub const HEADER_BASELINE: &[&str] = &["基期", "基准", "现状", "基数", "基础值", "现值"];

/// Indicator table: the target column.
pub const HEADER_TARGET: &[&str] = &["目标", "规划值", "预期值", "规划目标"];

/// Indicator table: the unit column.
pub const HEADER_UNIT: &[&str] = &["单位"];

/// Indicator table: the indicator's name.
pub const HEADER_INDICATOR: &[&str] = &["指标", "名称", "内容", "项目"];

// ---------------------------------------------------------------------------
// The outline
// ---------------------------------------------------------------------------

/// Titles of background sections: their items are not tasks.
pub const BACKGROUND: &[&str] = &[
    "发展环境",
    "发展基础",
    "发展现状",
    "面临形势",
    "形势",
    "背景",
    "现状",
    "指导思想",
    "总体要求",
    "总体思路",
    "基本原则",
    "主要目标",
    "工作目标",
    "发展目标",
    "总体目标",
    "目标要求",
    "行动目标",
    "目标任务",
    "适用范围",
    "编制依据",
    "重要意义",
    "工作原则",
];

/// Titles of the sections that hold a plan's work (`2．主要任务`, `四、保障措施`):
/// in text that lost its line breaks such a title runs straight into its
/// first item (`2．主要任务推进物联网应用。…`) and is cut off as a heading.
pub const SECTION_TITLES: &[&str] = &[
    "主要任务",
    "重点任务",
    "工作任务",
    "主要措施",
    "工作措施",
    "具体措施",
    "保障措施",
    "重点工作",
    "主要工作",
    "工作重点",
    "实施步骤",
    "工作步骤",
    "进度安排",
    "组织保障",
    "工作要求",
];

/// Last words of a lead before a colon that introduces what follows rather than
/// titling it (`条件如下：`, `主要内容包括：`, `各单位要：`).
pub const COLON_LEADS: &[&str] = &["如下", "包括", "是", "为", "有", "要", "应", "在于"];

/// Words anywhere in a lead before a colon that make it introduce a list
/// (`须准备以下资料：1.…`).
pub const LIST_INTRO_WORDS: &[&str] = &["以下", "如下", "下列"];

/// `A、B和C分别达X、Y和Z`: the values go to the subjects in order.
pub const RESPECTIVELY: &str = "分别";

/// Last words of a problem statement (`投资增长动力不足`, `排涝设施比较薄弱`,
/// `节能减排面临新挑战`): in a problem / measures table flattened to text, the
/// problem cell ends with one and the first measure starts right after it.
pub const PROBLEM_ENDINGS: &[&str] = &[
    "不足",
    "较大",
    "偏少",
    "偏多",
    "偏低",
    "偏高",
    "偏弱",
    "不强",
    "够强",
    "不高",
    "够高",
    "不优",
    "够优",
    "滞后",
    "薄弱",
    "突出",
    "繁重",
    "挑战",
    "遏制",
    "下降",
    "烦恼",
    "隐患",
    "困难",
    "不多",
    "够多",
    "较多",
    "较少",
    "短板",
    "较弱",
    "不畅",
    "乏力",
    "较低",
    "较高",
    "压力大",
    "待优化",
    "待提升",
    "待加强",
    "待完善",
    "待提高",
    "待改善",
];

/// Problem endings that are also common words inside a measure (`完善机制`,
/// `问题导向`): the problem cell ends at one only where an action verb follows.
pub const WEAK_PROBLEM_ENDINGS: &[&str] = &[
    "问题", "完善", "健全", "平衡", "充分", "到位", "明显", "风险", "缺乏", "不够",
];

/// Verbs that open an action heading or a run-in title (`营造积极发展环境`,
/// `强化知识产权战略`): a title opening with one names work, even when it
/// holds a background word; and where one starts inside a numbered heading
/// that is run together with its first item, the item's title starts.
pub const ACTION_VERBS: &[&str] = &[
    "营造",
    "优化",
    "改善",
    "构建",
    "打造",
    "创造",
    "加强",
    "强化",
    "推进",
    "推动",
    "完善",
    "建立",
    "健全",
    "提升",
    "提高",
    "加快",
    "加大",
    "深化",
    "实施",
    "促进",
    "培育",
    "落实",
    "巩固",
    "扩大",
    "拓展",
    "规范",
    "开展",
    "夯实",
    "做好",
    "抓好",
    "做大",
    "做强",
    "大力",
    "积极",
    "着力",
    "全面",
    "深入",
    "持续",
    "切实",
    "狠抓",
    "严格",
    "坚持",
    "统筹",
    "引导",
    "鼓励",
    "支持",
    "发挥",
    "增强",
    "探索",
    "广泛",
    "取缔",
    "防治",
    "治理",
    "控制",
    "调整",
    "保护",
    "整治",
    "严控",
    "推广",
    "依法",
    "合理",
    "科学",
    "防范",
    "稳妥",
    "全力",
    "认真",
    "聚焦",
    "开发",
    "提速",
    "研究",
    "不断",
    "放宽",
    "推行",
    "简化",
    "降低",
    "减轻",
    "确保",
    "压实",
    "出台",
    "制定",
    "实行",
    "进一步",
];

/// Action verbs that take another verb (`研究建立`, `积极治理`, `全面加强`): a verb
/// right after one of them is part of its phrase, not the start of another.
pub const ACTION_ADVERBS: &[&str] = &[
    "研究",
    "积极",
    "大力",
    "全面",
    "加快",
    "切实",
    "着力",
    "依法",
    "稳妥",
    "持续",
    "深入",
    "认真",
    "全力",
    "科学",
    "合理",
    "严格",
    "广泛",
    "不断",
    "进一步",
];

/// Characters before an action verb that make it part of the phrase before it
/// (`最严格`, `并加强`, `的保护`), not the start of a new title.
pub const ACTION_VERB_QUALIFIERS: &str = "最更的和与及并或而再";

/// Marks written on an enumerator (`1* .`, `2*.`, `★3.`: a pilot, a key
/// target): the number is the digit without its mark.
pub const ENUMERATOR_MARKS: &[char] = &['*', '＊', '★', '☆', '▲', '△'];

/// One character of each [`BACKGROUND`] word: a title without any is not
/// searched word by word.
pub const BACKGROUND_MARKS: &[char] = &[
    '境', '础', '状', '势', '景', '想', '求', '路', '则', '标', '围', '据', '义',
];

/// Words that make a background section a list of targets (工作目标, 主要目标).
pub const GOALS: &[&str] = &["目标"];

/// The word that opens an attachment (`附件`, `附件2`): numbering starts over.
pub const ATTACHMENT: &str = "附件";

/// The word that opens a box (`专栏3 …`).
pub const BOX: &str = "专栏";

/// Web page chrome: a line or run opening with one of these is not content.
pub const WEB_CHROME_OPENERS: &[&str] = &[
    "当前位置",
    "您的位置",
    "您现在的位置",
    "首页",
    "发布时间",
    "发布日期",
    "信息来源",
    "来源：",
    "来源:",
    "浏览次数",
    "访问次数",
    "字体",
    "分享到",
    "【打印",
    "打印本页",
    "关闭窗口",
    "附件下载",
    "相关附件",
    "扫一扫",
];

/// Labels of a web page's metadata lines (`标题: …`, `成文日期：…`): the value
/// after the label is what the page says of the document.
pub const WEB_META_TITLE: &[&str] = &["标题", "文件标题", "名称"];
pub const WEB_META_NUMBER: &[&str] = &["文号", "发文字号"];
/// The document's own date (a signature date).
pub const WEB_META_SIGNED: &[&str] = &["成文日期", "印发日期"];
/// The page's date: used only when the document gives none.
pub const WEB_META_PUBLISHED: &[&str] = &["发布时间", "发布日期", "公开日期", "时间"];
/// Other labels of such lines: not content.
pub const WEB_META_OTHER: &[&str] = &[
    "发布机构",
    "发文机关",
    "栏目",
    "原文链接",
    "本地目录",
    "索引号",
    "主题分类",
    "来源",
    "信息来源",
    "页面链接与图片详见",
];

/// Share buttons and font switches that pages write among their chrome.
pub const WEB_CHROME_WORDS: &[&str] = &["微信", "微博", "QQ空间", "打印", "收藏", "关闭"];

// ---------------------------------------------------------------------------
// Owners
// ---------------------------------------------------------------------------

/// Owner labels that make their owners lead (`牵头单位：`).
pub const LABEL_LEAD: &[&str] = &[
    "牵头单位",
    "牵头部门",
    "牵头考核单位",
    "主责单位",
    "主办单位",
    "牵头",
];

/// Owner labels that make their owners support (`配合单位：`).
pub const LABEL_CO: &[&str] = &[
    "配合单位",
    "配合部门",
    "协办单位",
    "参与单位",
    "参与部门",
    "协同单位",
    "协助单位",
    "配合",
];

/// The heads of owner labels that say only who is responsible. Any label
/// shaped `<head>…单位` / `<head>…部门` / `<head>…主体` before a colon is read
/// too (`牵头考核单位：`, `具体实施单位：`): see `owners::label`.
pub const LABEL_RESPONSIBLE: &[&str] = &[
    "责任单位",
    "责任部门",
    "责任主体",
    "实施单位",
    "实施主体",
    "主体单位",
    "负责单位",
    "承办单位",
    "主管部门",
    "主管单位",
    "监管部门",
    "部门分工",
    "责任分工",
];

/// Words an owner label opens with, when it is read by its shape
/// (`<head>…<body>：`, e.g. `牵头考核单位：`).
pub const LABEL_HEADS: &[&str] = &[
    "牵头",
    "配合",
    "责任",
    "实施",
    "主责",
    "主办",
    "协办",
    "参与",
    "协同",
    "协助",
    "负责",
    "承办",
    "主管",
    "监管",
    "具体",
    "考核",
    "主体",
    "执行",
    "协作",
    "主要",
    "部门分工",
    "责任分工",
];

/// The body words an owner label ends with (`…单位：`).
pub const LABEL_BODIES: &[&str] = &["单位", "部门", "主体", "机构", "科室", "处室", "股室"];

/// Labels shaped like owner labels that name a person, not an organisation
/// (`责任领导：`, `分管领导：`).
pub const PERSON_LABELS: &[&str] = &["责任领导", "分管领导", "牵头领导", "责任人"];

/// Bracket pairs an owner clause may be written in (`（…）`, `〔…〕`, `[…]`, `【…】`).
/// Round brackets of either width close each other (page-break joins mix them).
pub const CLAUSE_BRACKETS: &[(char, char)] = &[
    ('（', '）'),
    ('(', ')'),
    ('（', ')'),
    ('(', '）'),
    ('〔', '〕'),
    ('[', ']'),
    ('［', '］'),
    ('【', '】'),
];

/// What an indicator's owner bracket opens with before its labels
/// (`（预期性指标，牵头单位：…）`): the indicator's attribute, not an owner.
pub const ATTRIBUTE_WORD: &str = "指标";

/// Words of a note saying that the first owner listed leads
/// (`首位单位为牵头单位`, `列第一位者为牵头单位`): one of these and a lead label.
pub const FIRST_LISTED_WORDS: &[&str] =
    &["首位", "第一位", "排第一", "列第一", "排在第一", "第一个"];

/// Words that open a verb phrase, an adverbial or a pronoun and never an
/// organisation's name: a "name" cut from a clause opening with one is the
/// clause's own words (`进一步细化公开各部门…`, `充分利用县政府…`, `我们已与县委…`,
/// `确定一个县直部门…`).
pub const NOT_NAME_OPENERS: &[&str] = &[
    "进一步",
    "充分",
    "细化",
    "公开",
    "确定",
    "我们",
    "我",
    "已经",
    "已",
    "每",
    "一个",
    "所有",
    "这",
    "该",
];

/// What a level's party committee or government is called after its level
/// (`县委`, `市政府`): its organs are written right after it (`县委组织部`).
pub const LEVEL_SEATS: &[&str] = &["委", "党委", "人民政府", "政府"];

/// Partners a clause opening with one of these names support the clause's
/// subject (`…，会同有关部门做好…`). Not 配合: `配合县政府做好…` names whom the
/// item's own doer supports, not a partner.
pub const PARTNER_CONNECTORS: &[&str] = &["会同", "联合"];

/// What a clause says of a designated body (`以乡镇政府为责任主体`,
/// `X是…的综合部门`): the words after 为 / 是 that make it the owner.
pub const DESIGNATIONS: &[&str] = &["责任主体", "责任单位", "主体", "牵头单位"];

/// Words that open the units of the body before them (`…支队及所属大队`): no
/// body of its own.
pub const DEPENDENT_OPENERS: &[&str] = &["所属", "下属", "直属", "其"];

/// A note that names bodies every task involves (`具体任务均涉及各县市人民政府，
/// 不再做分工`): the bodies after it are owners of the item that writes it.
pub const NOTE_INVOLVES: &[&str] = &["均涉及", "涉及"];

/// Last words of the labels an item's fields are written under on lines of
/// their own (`牵头单位：`, `分管县领导：`, `部门分工：`, `完成时限：`): a line
/// opening with one starts a clause of its own.
pub const LINE_LABEL_ENDINGS: &[&str] = &[
    "单位",
    "部门",
    "主体",
    "机构",
    "科室",
    "处室",
    "股室",
    "领导",
    "分工",
    "时限",
    "时间",
    "进度",
    "方式",
    "责任人",
    "联系人",
];

/// Last words of labels that name a person or a post (`牵头领导：`,
/// `项目责任人：`, `联系电话：`): their values are never owners.
pub const PERSON_LABEL_ENDINGS: &[&str] = &["领导", "责任人", "负责人", "联系人", "电话"];

/// Last words of labels that report progress (`实际完成情况：`, `工作进展：`):
/// their values are not the item's text.
pub const REPORT_LABEL_ENDINGS: &[&str] = &[
    "完成情况",
    "进展情况",
    "推进情况",
    "落实情况",
    "进展",
    "成效",
];

/// Last words of labels that name offices (`责任科室：`, `牵头处室：`).
pub const OFFICE_LABEL_ENDINGS: &[&str] = &["科室", "处室", "股室"];

/// Nouns a section heading that names its owner ends with (`一、县发改局牵头工作（2项）`).
pub const HEADING_WORK_NOUNS: &[&str] = &["重点工作", "工作任务", "工作", "任务", "事项"];

/// Role markers after a name: `A牵头` leads.
pub const ROLE_LEAD: &[&str] = &["牵头负责", "牵头"];

/// Role markers after a name: `B配合` supports.
pub const ROLE_CO: &[&str] = &["负责配合", "配合", "协同", "协助", "参与", "支持", "协办"];

/// What closes an owner clause or list and is not part of a name, longest first.
pub const RESPONSIBILITY_ENDINGS: &[&str] = &[
    "按职责分工负责",
    "按职责负责",
    "分工负责",
    "按照职责分工负责",
    "负责落实",
    "分别负责",
    "负责",
    "牵头",
    "配合",
    "落实",
    "参与",
];

/// Words that mark a note written among owners, not an owner.
pub const NOTE_WORDS: &[&str] = &[
    "以下",
    "不再列出",
    "不再",
    "均需",
    "注：",
    "注:",
    "备注",
    "下同",
];

/// Last characters of organisation names: a piece ending in none is doubtful.
pub const ORG_SUFFIXES: &[&str] = &[
    "局",
    "委",
    "办",
    "部",
    "厅",
    "院",
    "会",
    "联",
    "社",
    "中心",
    "队",
    "处",
    "所",
    "站",
    "室",
    "科",
    "股",
    "政府",
    "公司",
    "集团",
    "企业",
    "银行",
    "行",
    "组",
    "署",
    "馆",
    "台",
    "团",
    "校",
    "协",
    "单位",
    "部门",
    "街道",
    "乡镇",
    "镇",
    "乡",
    "村",
    "社区",
    "机关",
    "机构",
    "园区",
    "区",
    "县",
    "市",
    "州",
    "省",
    "都",
    "司",
    "盟",
    "旗",
    "支行",
    "分行",
    "公安",
    "法院",
    "检察院",
    "海关",
    "专班",
    "小组",
    "运营商",
    "派出所",
    "监管组",
    "办事处",
    "成员单位",
];

/// Body words that end an organisation's name for sure: used where a name
/// must be cut out of running text (`…、电力公司创新应用…` ends at 公司).
pub const ORG_STRONG_SUFFIXES: &[&str] = &[
    "局",
    "厅",
    "委",
    "办",
    "处",
    "部",
    "公司",
    "中心",
    "集团",
    "部门",
    "单位",
    "政府",
    "企业",
    "海关",
    "支行",
    "分行",
    "银行",
    "委员会",
    "办公室",
    "管委会",
    "工委",
    "支队",
    "大队",
    "派出所",
    "运营商",
    "办事处",
    "院",
    "署",
    "联",
    "小组",
    "工作组",
];

/// Words that extend a body's name into a collective of it (`区海上搜救中心成员单位`).
pub const NAME_EXTENSIONS: &[&str] = &["成员单位", "各成员单位"];

/// Level prefixes an owner list writes once and elides after, longest first.
pub const LEVELS: &[&str] = &[
    "自治区",
    "自治州",
    "自治县",
    "省",
    "市",
    "州",
    "县",
    "区",
    "旗",
    "盟",
];

/// Words that start like a level but are not one (`市场监管局`).
pub const NOT_LEVELS: &[&str] = &[
    "市场", "区域", "县域", "市域", "区内", "市内", "县内", "省内", "区直", "市直", "县直", "省直",
    "省际", "省级", "市级", "县级", "区级", "区间",
];

/// Words that end like a body but are verbs or nouns (`查处`, `办理`): with the
/// character after a body word (`处` + `理`) or as the name's own ending.
pub const NOT_BODY_ENDINGS: &[&str] = &[
    "查处", "惩处", "论处", "相处", "到处", "之处", "此处", "好处", "出处", "难处", "各处", "举办",
    "创办", "督办", "交办", "催办", "代办", "兴办", "开办", "申办", "查办", "转办", "局部",
];

/// Characters after a one-character body word that make it part of another
/// word: 处理, 办理, 委托, 部署, 联动 …
pub const BODY_WORD_CONTINUATIONS: &[(char, &str)] = &[
    ('处', "理置罚分"),
    // 办发: a document number's issuer code (`某政办发〔2024〕12号`)
    ('办', "理法好结事公训发"),
    ('局', "面势限"),
    ('委', "托派"),
    ('队', "伍列"),
    ('部', "署分"),
    ('联', "动系合网通"),
    ('院', "落"),
    ('厅', "堂"),
    ('行', "业为动使"),
];

/// Party organs that sit under a 委 / 党委 prefix (`县委组织部、宣传部` → 县委宣传部).
pub const PARTY_ORGANS: &[&str] = &[
    "组织部",
    "宣传部",
    "统战",
    "统一战线",
    "政法委",
    "网信办",
    "编办",
    "机构编制",
    "文明办",
    "政研室",
    "老干部",
    "党史",
    "农办",
    "外办",
    "保密",
    "党校",
];

/// Names opening with these carry their own place or are collectives: no
/// level prefix is added to them.
pub const OWN_PLACE_OPENERS: &[&str] = &[
    "各",
    "有关",
    "相关",
    "其他",
    "全体",
    "中共",
    "中国",
    "国家",
    "区直",
    "市直",
    "县直",
    "省直",
    "区内",
    "市内",
    "县内",
    "省级",
    "市级",
    "州级",
    "县级",
    "区级",
    "乡级",
    "镇级",
    "乡镇级",
];

/// Names containing these carry their own place (offices of central bodies,
/// companies): no level prefix is added to them.
pub const OWN_PLACE_WORDS: &[&str] = &[
    "银保监",
    "金融监管",
    "人民银行",
    "人行",
    "证监",
    "税务",
    "通信管理",
    "海关",
    "海事",
    "检验检疫",
    "铁路",
    "电信",
    "移动",
    "联通",
    "铁塔",
    "公司",
    "企业",
    "银行",
    "集团",
    "银监",
    "研究中心",
    "运营商",
    // zones with their own administration (`高新区管委会`, `某某经开区管委会`)
    "高新区",
    "经开区",
    "开发区",
    "园区",
    "新区",
    "示范区",
    "保税区",
    "自贸区",
    "试验区",
];

/// Words that open a bracketed gloss rather than an owner list (`（或汽车拆解企业）`).
pub const GLOSS_OPENERS: &[&str] = &[
    "或",
    "含",
    "包括",
    "即",
    "如",
    "和",
    "及",
    "以及",
    "不含",
    "除",
    "指",
    "简称",
    "以下简称",
];

/// Administrative units that a shared 各 applies to (`各乡镇、街道`).
pub const UNITS: &[&str] = &[
    "街道",
    "乡镇",
    "镇",
    "乡",
    "村",
    "社区",
    "县",
    "市",
    "区",
    "县市",
    "县（市、区）",
    "县(市、区)",
    "开发区",
    "园区",
    "部门",
    "单位",
];

/// Plural units whose 人民政府 a preceding 各 reaches (`各县市、乡镇人民政府`).
pub const PLURAL_UNITS: &[&str] = &[
    "乡镇",
    "街道",
    "县市",
    "县（市、区）",
    "县(市、区)",
    "开发区",
    "园区",
];

/// Government words after a unit (`乡镇人民政府`).
pub const GOVERNMENT_WORDS: &[&str] = &["人民政府", "政府", "办事处"];

/// A place's party committee (`各县（市、区）党委`, `街道党工委`): joined by 和 to
/// its bare government (`…党委和人民政府`, `…党工委和办事处`), the government takes
/// the committee's place.
pub const PARTY_COMMITTEE_WORDS: &[&str] = &["党工委", "党委"];

/// Verbs whose subject is given work (`县教育局负责…`, `各乡镇要…`), for
/// owners written in sentences. Longest first.
pub const DUTY_VERBS: &[&str] = &[
    "牵头负责",
    "具体负责",
    "负责",
    "牵头",
    "会同",
    "联合",
    "配合",
    "组织",
    "承担",
    "统筹",
    "指导",
    "督促",
    "做好",
    "加强",
    "落实",
    "开展",
    "制定",
    "确定",
    "建立",
    "完善",
];

/// Verbs and function words that open a clause with no subject before them
/// (`完成全区…布局`, `强化…部门…`): a name read from a clause opening with one
/// of these is not an organisation.
pub const CLAUSE_OPENERS: &[&str] = &[
    "完成", "升级", "形成", "实现", "提高", "提升", "强化", "建立", "健全", "建成", "建设", "落实",
    "定期", "厘清", "推进", "推动", "推广", "加强", "加快", "加大", "开展", "完善", "深化", "优化",
    "构建", "打造", "组织", "做好", "培训", "逐步", "综合", "全面", "配齐", "配强", "以及", "支持",
    "鼓励", "引导", "督促", "指导", "发挥", "依托", "围绕", "结合", "按照", "根据", "通过", "利用",
    "运用", "统筹", "规范", "严格", "严厉", "积极", "大力", "持续", "坚持", "确保", "力争", "争取",
    "明确", "制定", "出台", "探索", "创新", "促进", "满足", "畅通", "整合", "实施", "开发", "配备",
    "采取", "集合", "编制", "增强", "扩大", "保障", "提供", "落地", "培育", "打通", "设置", "实行",
    "聘请", "委托", "新建", "新设", "设立", "成立", "贯彻", "以", "将", "对", "把", "在", "为",
    "从", "与", "和", "及", "并", "使", "让", "给", "向",
];

/// Words between a subject and its verb that keep it a subject.
pub const SUBJECT_ADVERBS: &[&str] = &[
    "按规定",
    "按照规定",
    "按职责分工",
    "按照职责分工",
    "按职责",
    "依法",
    "及时",
    "统一",
    "进一步",
    "共同",
    "分别",
    "具体",
    "切实",
    "自主",
    "至多",
    "至少",
    "全面",
    "积极",
    "主动",
    "认真",
    "严格",
    "定期",
    "适时",
    "对",
    "针对",
    "要",
    "应当",
    "应",
    "将",
    "可",
    "须",
    "必须",
    "需",
];

/// Characters that, right after a name, show it is not a subject (`区财政局的资金`).
pub const NOT_VERB_START: &str = "的之和与及或等所是、，。；：";

/// The last words [`TRAILING_NOISE`] and [`ROLE_MARKER`] can match.
pub const OWNER_NOISE_ENDINGS: &[&str] = &[
    "负责", "职责", "分工", "落实", "部门", "单位", "等", "牵头", "配合", "协同", "协助", "参与",
    "支持", "协办",
];

/// Scopes that open a list of bodies and are written once for all of them
/// (`当地农业农村部门、财政部门`, `各级财政、审计部门`), longest first.
pub const SCOPE_PREFIXES: &[&str] = &[
    "各市县（区）",
    "各市县(区)",
    "市县（区）",
    "市县(区)",
    "各市县",
    "各级",
    "当地",
    "各地",
];

/// Verbs after `X与Y` that make both the subject (`由A与B协商确定`).
pub const JOINT_VERBS: &[&str] = &["协商", "共同", "一起", "研究确定"];

/// Body words a list of fields shares (`教育、民政等部门`).
pub const SHARED_BODIES: &[&str] = &["部门", "单位", "机构"];

/// Words before 部门 that name no domain (`其他部门`, `作为改进政府部门`, `主管部门`).
pub const NOT_FIELDS: &[&str] = &[
    "其他", "其它", "政府", "作为", "上级", "主管", "职能", "行业", "业务", "下属", "所属", "本",
];

/// Sub-units of a bureau whose bureau is written once (`区经发局经信处、发改处`).
pub const SUB_UNITS: &[&str] = &["处", "科", "股", "室"];

/// Modal words that make the subject before them an owner (`县卫健局应当…`).
pub const DUTY_MODALS: &[&str] = &["应当", "应", "要", "将", "可", "须", "必须", "需"];

/// Words before an organisation that make it a receiver or an object, not an
/// owner (`报省商务厅备案`, `向市财政局申请`, `按照国务院要求`).
pub const NOT_OWNER_BEFORE: &[&str] = &[
    "报",
    "向",
    "按照",
    "按",
    "依照",
    "根据",
    "经",
    "督促",
    "委托",
    "引导",
    "鼓励",
    "支持",
    "指导",
    "组织",
    "协调",
    "会同",
    "联合",
    "通过",
    "与",
    "和",
    "及",
    "由于",
    "对",
    "配合",
    "协助",
    "利用",
    "充分利用",
];

/// Actors that are regulated or served, not given work (`企业`, `消费者`).
pub const NOT_OWNER_ACTORS: &[&str] = &[
    "企业",
    "消费者",
    "购机者",
    "申请人",
    "车主",
    "群众",
    "个人",
    "第三方",
    "社会单位",
    "经营者",
    "商户",
    "平台",
    "媒体",
    "保险公司",
    "物业",
    "农户",
    "金融机构",
    "培训机构",
    "中介机构",
    "服务机构",
    "评估机构",
    "检测机构",
    "认证机构",
    "代理机构",
    "保险机构",
    "专业机构",
    "运营机构",
    "经营机构",
];

/// Body words that also end other words (`场所`, `网站`, `团队`): a name
/// ending in one opens a sentence as its subject only where a duty, an
/// adverbial or another name follows at once (`乡镇消防队、微型消防站结合…`,
/// `县农技站要…`, `消防救援机构针对…`).
pub const WEAK_BODIES: &[&str] = &["机构", "站", "所", "队", "馆"];

/// Words ending in a [`WEAK_BODIES`] word that name no body.
pub const NOT_WEAK_BODIES: &[&str] = &[
    "场所",
    "处所",
    "住所",
    "厕所",
    "网站",
    "车站",
    "加油站",
    "加气站",
    "充电站",
    "换电站",
    "诊所",
    "事务所",
    "团队",
    "梯队",
    "排队",
    "军队",
    "展馆",
];

/// Verbs that set up a unit (`设置微型消防站`, `乡镇消防队达标建设`): a unit an
/// item builds is what its work makes, not who does it.
pub const BUILD_VERBS: &[&str] = &[
    "建设", "新建", "组建", "设置", "设立", "成立", "建成", "建立", "建好", "配建",
];

/// Prepositions that open an adverbial between a subject and its verb
/// (`消防救援机构针对…，编制…`).
pub const SUBJECT_PREPOSITIONS: &[&str] =
    &["针对", "结合", "围绕", "依托", "按照", "根据", "对照", "在"];

/// Words between names in a role cell that say the names share the work
/// (`A牵头，B、C按职责分工负责`): the names before them are responsible.
pub const DUTY_BY_DIVISION: &[&str] = &["按职责分工负责", "分工负责"];

/// Offices and units a body's name goes on with (`区公安局治安大队`,
/// `县商务局办公室`), besides the one-character [`SUB_UNITS`].
pub const OFFICE_UNITS: &[&str] = &["办公室", "中心", "支队", "大队", "办"];

/// `相关` / `有关` between 等 and a body word (`A等相关部门及B`).
pub const RELATED_WORDS: &[&str] = &["相关", "有关"];

/// Body words of a collective after 等 (`A等部门及B`).
pub const GENERIC_BODIES: &[&str] = &["部门", "单位"];

/// Every character one of the [`NOTE_WORDS`] holds: a cheap test before the
/// word search (a test checks that every note word has one).
pub const NOTE_CHARS: &[char] = &['以', '不', '均', '注', '同'];

/// What marks a level's party committee after the level (`县委组织部`,
/// `州党委网信办`), longest first.
pub const PARTY_MARKERS: &[&str] = &["党委", "委"];

/// Collectives, by what they open with (`各级…`, `有关部门`, `其他单位`).
pub const COLLECTIVE_OPENERS: &[&str] = &["各级", "各", "有关", "相关", "其他"];

/// The first characters of [`COLLECTIVE_OPENERS`]: a name opening with one is
/// a collective, not a bare field of a list (`有关部门`, `各区`).
pub const COLLECTIVE_INITIALS: &[char] = &['各', '有', '相', '其'];

/// What a collective ends with besides a unit word (`各地`, `各级政府`,
/// `有关部门`, `各成员单位`).
pub const COLLECTIVE_ENDINGS: &[&str] = &[
    "地",
    "级政府",
    "人民政府",
    "部门",
    "单位",
    "机构",
    "成员单位",
];

/// Bodies directly under a level, written as a collective (`区直各部门`).
pub const DIRECT_OPENERS: &[&str] = &["区直", "市直", "县直", "省直"];

/// Grassroots places a weak body's name may open with (`镇司法所`, `各乡镇消防队`),
/// besides the [`LEVELS`].
pub const GRASSROOTS_OPENERS: &[&str] = &["乡", "镇", "街道", "各"];

/// Connectives that may open a clause before its subject (`同时，`, `此外`).
pub const CLAUSE_CONNECTIVES: &[&str] =
    &["同时", "此外", "另外", "其中", "并且", "并", "且", "对此"];

/// What follows a year that opens a clause (`2024年底前`, `2021年起`).
pub const YEAR_TAILS: &[&str] = &["底前", "年底前", "底", "内", "起", "前"];

/// Characters of a government's place (`县政府`, `乡镇人民政府`): one level word.
pub const LEVEL_CHARS: &[char] = &['省', '市', '县', '区', '州', '乡', '镇', '旗'];

/// One-character body words that end a body's name (`…局`, `…委`), for a name
/// cut from the start of a clause.
pub const BODY_END_CHARS: &[char] = &['局', '厅', '委', '办', '处', '队'];

/// Function characters that do not occur in a bare field of a list (`教育、民政部门`):
/// a "field" holding one is a clause's words (`形成政府主导的…`).
pub const FIELD_BREAK_CHARS: &[char] = &['的', '由', '在', '向', '对', '将', '把'];

/// Function characters that do not occur in a body's name cut from a clause
/// (`所需资金由区环保局`).
pub const NAME_BREAK_CHARS: &[char] = &['由', '的', '向', '把', '将', '对', '在', '从', '为'];

/// Function characters and joiners that do not occur in a domain before 部门
/// (`人社部门`, not `与有关部门`).
pub const DOMAIN_BREAK_CHARS: &[char] = &[
    '的', '由', '在', '向', '对', '将', '把', '等', '和', '与', '及',
];

/// Separators and conjunctions that continue a list of names (`A、B`, `A和B`).
pub const LIST_JOINERS: &[char] = &['、', '和', '及', '与'];

/// Conjunctions between two items of a list (`A和B`, `A及B`, `A与B`).
pub const CONJUNCTIONS: &[char] = &['和', '及', '与'];

/// Conjunctions between bodies that share one duty (`乡镇政府及公安派出所：`).
pub const NAME_JOINERS: &[char] = &['及', '和'];

// ---------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------

/// Words right before a date that make it a report of what was done
/// (`已于2014年5月30日通车`), not a deadline.
pub const PAST_MARKERS: &[&str] = &["已", "已经", "业已", "早已", "曾"];

/// Words after a year that make it a completion date (`2025年完成`).
pub const DEADLINE_DONE: &[&str] = &["完成", "建成", "实现", "全面", "全部", "基本"];

/// Deadline words of an ongoing task: a clause piece that is one of them, or
/// a deadline cell that holds one (`持续推进`, `长期坚持`, `按进度推进`).
pub const DEADLINE_ONGOING: &[&str] = &[
    "持续实施",
    "长期坚持",
    "持续推进",
    "长期推进",
    "按进度推进",
    "常态化推进",
    "持续开展",
    "长期",
    "持续",
    "常态",
    "经常",
    "坚持",
    "每季度",
    "每月",
    "每半年",
    "定期",
    "按进度",
];

/// Opening brackets, either width.
pub const BRACKET_OPENERS: [char; 2] = ['（', '('];

/// Closing brackets, either width.
pub const BRACKET_CLOSERS: [char; 2] = ['）', ')'];

/// Punctuation that ends a sentence.
pub const SENTENCE_ENDS: &[char] = &['。', '；', ';', '！', '？'];

/// Punctuation that ends a clause.
pub const CLAUSE_ENDS: &[char] = &['，', ',', '：', ':', '。', '；', ';', '！', '？'];

// ---------------------------------------------------------------------------
// Quantities and comparators
// ---------------------------------------------------------------------------

/// Count and measure words that make a number a commitment, longest first
/// where one is a prefix of another.
pub const QUANTITY_UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "%",
    "‰",
    "微克/立方米",
    "平方公里",
    "平方千米",
    "平方米",
    "平米",
    "㎡",
    "m²",
    "m2",
    "立方米",
    "千米",
    "公里",
    "km",
    "米",
    "公顷",
    "亩",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "kW",
    "MW",
    "千克",
    "公斤",
    "kg",
    "吨标准煤",
    "吨标煤",
    "吨",
    "元",
    "人次",
    "人",
    "名",
    "位",
    "户",
    "家",
    "个",
    "处",
    "场次",
    "场",
    "套",
    "支",
    "所",
    "张",
    "床",
    "间",
    "座",
    "条",
    "项",
    "件",
    "台(套)",
    "台",
    "辆",
    "艘",
    "架",
    "本",
    "册",
    "份",
    "次",
    "栋",
    "幢",
    "块",
    "段",
    "棵",
    "株",
    "头",
    "只",
    "班",
    "组",
    "队",
    "篇",
    "门",
    "小时",
    "分钟",
    "天",
    "倍",
];

/// Words after a number that describe rather than commit: durations, ages, classes, grades.
pub const QUANTITY_DESCRIPTIVE: &[&str] = &[
    "个月",
    "个工作日",
    "工作日",
    "个小时",
    "周岁",
    "岁",
    "类",
    "种",
    "级",
    "批",
    "大类",
    "星级",
    "A级",
];

/// Multipliers written before a unit (`10万人`).
pub const QUANTITY_MULTIPLIERS: &[&str] = &["万", "亿", "千"];

/// Comparators written after a number, longest first.
pub const COMPARATOR_SUFFIXES: &[(&str, Comparator)] = &[
    ("及以上", Comparator::AtLeast),
    ("以上", Comparator::AtLeast),
    ("及以下", Comparator::AtMost),
    ("以下", Comparator::AtMost),
    ("以内", Comparator::AtMost),
    ("之内", Comparator::AtMost),
    ("左右", Comparator::About),
];

/// Comparator words written before a number, longest first among words ending alike.
pub const COMPARATOR_PREFIXES: &[(&str, Comparator)] = &[
    ("不低于", Comparator::AtLeast),
    ("不少于", Comparator::AtLeast),
    ("不小于", Comparator::AtLeast),
    ("不短于", Comparator::AtLeast),
    ("至少", Comparator::AtLeast),
    ("最少", Comparator::AtLeast),
    ("超过", Comparator::AtLeast),
    ("超", Comparator::AtLeast),
    ("≥", Comparator::AtLeast),
    (">=", Comparator::AtLeast),
    ("⩾", Comparator::AtLeast),
    ("不高于", Comparator::AtMost),
    ("不超过", Comparator::AtMost),
    ("不大于", Comparator::AtMost),
    ("不多于", Comparator::AtMost),
    ("至多", Comparator::AtMost),
    ("最多", Comparator::AtMost),
    ("≤", Comparator::AtMost),
    ("<=", Comparator::AtMost),
    ("⩽", Comparator::AtMost),
    ("大于", Comparator::Above),
    ("高于", Comparator::Above),
    ("多于", Comparator::Above),
    (">", Comparator::Above),
    ("小于", Comparator::Below),
    ("低于", Comparator::Below),
    ("少于", Comparator::Below),
    ("<", Comparator::Below),
    ("约", Comparator::About),
    ("达到", Comparator::Equal),
    ("提高到", Comparator::Equal),
    ("提高至", Comparator::Equal),
    ("提升到", Comparator::Equal),
    ("提升至", Comparator::Equal),
    ("增加到", Comparator::Equal),
    ("增加至", Comparator::Equal),
    ("增长到", Comparator::Equal),
    ("增长至", Comparator::Equal),
    ("降低到", Comparator::Equal),
    ("降低至", Comparator::Equal),
    ("下降到", Comparator::Equal),
    ("下降至", Comparator::Equal),
    ("降到", Comparator::Equal),
    ("降至", Comparator::Equal),
    ("缩小到", Comparator::Equal),
    ("缩小至", Comparator::Equal),
    ("缩减到", Comparator::Equal),
    ("缩减至", Comparator::Equal),
    ("控制在", Comparator::Equal),
    ("保持在", Comparator::Equal),
    ("稳定在", Comparator::Equal),
    ("达", Comparator::Equal),
    ("实现", Comparator::Equal),
    ("为", Comparator::Equal),
];

/// Words that make the numbers of their sentence the rules of a scheme
/// (subsidy rates and caps, payment ratios), not quantities of work.
pub const RULE_CONTEXT_WORDS: &[&str] = &["补贴", "补助", "奖补", "资助", "补偿", "贴息", "奖励"];

/// Units of a duration: a processing time or a capability, not a quantity of work.
pub const DURATION_UNITS: &[&str] = &["天", "小时", "分钟", "日", "周"];

/// Words a few characters before a number that cap a choice (`至多选择2个平台`): not a target.
pub const CAP_WORDS: &[&str] = &["至多", "最多", "可至", "最高可"];

/// Words right before a number that pick from a set named before (`其中1家平台`): not a target.
pub const PICK_WORDS: &[&str] = &["其中"];

/// Words right after a quantity that make it a threshold of whom a rule
/// covers (`5000元以上的`), not a target.
pub const THRESHOLD_AFTER: &[&str] = &["以上的", "以下的", "以内的"];

/// Words right before a number that set a threshold of scope (`存栏5000头以上`);
/// a verb between them states a target (`存栏稳定在25万头以上`).
pub const THRESHOLD_BEFORE: &[&str] = &["存栏", "出栏", "使用年限", "年限", "年满", "排量"];

/// Words that may stand between a [`THRESHOLD_BEFORE`] word and its number
/// (`年存栏达500头`).
pub const THRESHOLD_LINKS: &[&str] = &["达", "超过", "超", "在"];

/// Words a few characters before a number that state what exists now
/// (`已有1个县级、8个乡镇站点`, `现有床位300张`): the present, not a target.
pub const STATUS_BEFORE: &[&str] = &["已有", "现有", "已建成", "已建", "现已", "目前已", "已经"];

/// Verbs before a goal's number whose object, written after the number, names
/// the indicator (`建成3家以上互联网孵化器` → 互联网孵化器).
pub const RESULT_VERBS: &[&str] = &[
    "建成",
    "新建",
    "新增",
    "培育",
    "建设",
    "打造",
    "引进",
    "创建",
    "完成",
    "形成",
    "培训",
    "改造",
    "累计建成",
    "累计新增",
    "新培育",
    "发展",
    "落地",
];

/// A deadline cell that recurs every year.
pub const DEADLINE_YEARLY: &[&str] = &["每年", "年度", "每一年"];

/// A deadline cell within the current year (`年底前`; 年内 / 今年 name no month).
pub const DEADLINE_THIS_YEAR: &[&str] = &["年底", "年末", "年内", "今年", "全年"];

/// Hedges kept in `raw` only.
pub const HEDGES: &[&str] = &["力争", "争取", "确保"];

// ---------------------------------------------------------------------------
// Indicators and metadata
// ---------------------------------------------------------------------------

/// Five-year plans and their base years: `“十四五”` → 2020 (target 2025).
pub const FIVE_YEAR_PLANS: &[(&str, i32)] = &[
    ("十三五", 2015),
    ("十四五", 2020),
    ("十五五", 2025),
    ("十六五", 2030),
];

/// Last words of an issuing organisation's name (meta's 落款 and 版头).
pub const ISSUER_SUFFIXES: &[&str] = &[
    "厅",
    "局",
    "部",
    "委",
    "会",
    "办",
    "院",
    "署",
    "处",
    "室",
    "行",
    "联",
    "协",
    "社",
    "所",
    "站",
    "队",
    "司",
    "团",
    "组",
    "馆",
    "府",
    "中心",
    "集团",
    "委员会",
    "办公室",
];

/// Place-like endings that are not a region (`社区`, `园区`).
/// Last characters of an issuing body's name (`…厅`, `…局`, `…中心`): where one
/// ends, a run-together list of issuers may start its next name.
pub const ISSUER_END_CHARS: &[char] = &[
    '厅', '局', '部', '委', '会', '办', '院', '署', '室', '联', '协', '社', '府', '心',
];

/// First characters of a short "place" read from a title that is no place
/// (`全市`, `我省`, `本县`, `各区`, `该市`, `关于…`, `新区`).
pub const NOT_PLACE_INITIALS: &[char] = &['全', '我', '本', '各', '该', '关', '新'];

pub const NOT_PLACES: &[&str] = &[
    "社区",
    "园区",
    "小区",
    "城区",
    "街区",
    "地区",
    "景区",
    "辖区",
    "片区",
    "城市",
    "都市",
    "超市",
    "自治区",
];

/// Genre words a title ends with (`…实施方案`), plans before notices.
pub const GENRE_WORDS: &[&str] = &[
    "方案",
    "规划",
    "计划",
    "意见",
    "细则",
    "办法",
    "措施",
    "要点",
    "纲要",
    "清单",
    "分工表",
    "台账",
    "分解表",
    "任务表",
    "一览表",
    "安排",
    "指南",
    "通知",
    "决定",
    "公告",
    "通告",
    "条例",
    "规定",
];

/// Words of a notice's body that hand on a plan (`现将《…》印发给你们`): a notice
/// whose title is missing (a page that starts at its salutation) still frames a plan.
pub const NOTICE_TRANSMIT_WORDS: &[&str] = &["印发给你们", "现予印发", "现印发给"];

/// Title endings of an implementation plan's genre (`…实施方案`, `…若干措施`).
pub const IMPLEMENTATION_GENRE_WORDS: &[&str] = &["方案", "实施意见", "实施细则", "计划", "措施"];

/// What a title's first line may end with when its genre is on the next line
/// (`2024—2026年`, `…海南省`).
pub const TITLE_HEAD_ENDS: &[char] = &['年', '省', '市', '县', '区', '州'];

/// Genre words of a notice rather than a plan.
pub const NOTICE_GENRE_WORDS: &[&str] = &["通知", "决定", "公告", "通告"];

/// A regex alternation of `words`, escaped: `(?:a|b|c)`.
pub fn alternation(words: &[&str]) -> String {
    let escaped: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    format!("(?:{})", escaped.join("|"))
}

/// Whether `text` contains any of `words`.
pub fn contains_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

/// The role an owner label or column header gives: lead, co, or none said.
pub fn header_role(header: &str) -> Option<OwnerRole> {
    if contains_any(header, HEADER_LEAD) {
        Some(OwnerRole::Lead)
    } else if contains_any(header, HEADER_CO) {
        Some(OwnerRole::Co)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_background_word_has_a_mark() {
        for word in BACKGROUND {
            assert!(word.contains(BACKGROUND_MARKS), "{word}");
        }
    }

    #[test]
    fn longest_first_where_it_matters() {
        for list in [LEVELS, ROLE_LEAD, ROLE_CO, QUANTITY_UNITS] {
            for (i, a) in list.iter().enumerate() {
                for b in &list[i + 1..] {
                    assert!(
                        !(b.starts_with(a) && b.len() > a.len()),
                        "{b} after its prefix {a}"
                    );
                }
            }
        }
    }

    /// One concept, two uses: an issuer is an organisation, so every issuer
    /// ending ends in an organisation suffix (委员会) or is the tail of one (府
    /// of 政府, 司 of 公司). meta keeps its own list because it tests a line's last characters
    /// without the owner grammar's continuation rules.
    #[test]
    fn issuer_endings_are_organisation_endings() {
        for issuer in ISSUER_SUFFIXES {
            assert!(
                ORG_SUFFIXES
                    .iter()
                    .any(|org| org.ends_with(issuer) || issuer.ends_with(org)),
                "{issuer} is no organisation ending"
            );
        }
    }

    #[test]
    fn alternations_escape() {
        assert_eq!(alternation(&["a", "b+"]), r"(?:a|b\+)");
    }
}
