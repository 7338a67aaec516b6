use serde::{Deserialize, Serialize};

/// The `schema_version` every [`Document`] is printed with.
pub const SCHEMA_VERSION: &str = "1";

/// One extracted document: the root of the output contract.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Document {
    pub schema_version: String,
    pub source: Source,
    pub meta: Meta,
    pub tasks: Vec<Task>,
    pub indicators: Vec<Indicator>,
    pub warnings: Vec<Warning>,
}

impl Document {
    /// An empty document for `source`: no facts yet.
    pub fn new(source: Source) -> Document {
        Document {
            schema_version: SCHEMA_VERSION.to_string(),
            source,
            meta: Meta::default(),
            tasks: Vec::new(),
            indicators: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// Where a document came from and how it was read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Source {
    pub path: String,
    pub format: SourceFormat,
    /// The character encoding the bytes were decoded with (`utf-8`, `gb18030`,
    /// `utf-16le`, …); `null` for containers that define their own (DOCX, PDF).
    pub encoding: Option<String>,
    /// Hex SHA-256 of the input bytes.
    pub sha256: Option<String>,
}

impl Source {
    pub fn new(path: impl Into<String>, format: SourceFormat) -> Source {
        Source {
            path: path.into(),
            format,
            encoding: None,
            sha256: None,
        }
    }
}

/// The container a document was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    Docx,
    // Word 97-2003 binary (`.doc`, and `.wps` files that are Word binary inside);
    // a plain comment, so the schema stays one string enum.
    Doc,
    Pdf,
    Text,
    Markdown,
    Html,
}

impl SourceFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Docx => "docx",
            SourceFormat::Doc => "doc",
            SourceFormat::Pdf => "pdf",
            SourceFormat::Text => "text",
            SourceFormat::Markdown => "markdown",
            SourceFormat::Html => "html",
        }
    }
}

/// Document-level facts: title, 文号, date, issuers, region, genre.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Meta {
    /// The plan's own title, without a `关于印发…的通知` wrapper.
    pub title: Option<String>,
    /// The wrapping notice's title, when the plan is attached to one.
    pub notice_title: Option<String>,
    /// 文号, e.g. `吉民发〔2023〕35号`.
    pub doc_number: Option<String>,
    /// 成文日期 as an ISO date (`2023-06-20`).
    pub date: Option<String>,
    /// 发文机关 / 落款, in the order written.
    pub issuers: Vec<String>,
    /// The place the plan applies to, if stated.
    pub region: Option<String>,
    pub genre: Genre,
}

/// The kind of document, by its layout and wording.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Genre {
    DivisionTable,
    LedgerTable,
    ImplementationPlan,
    ActionPlan,
    FiveYearPlan,
    Notice,
    #[default]
    Unknown,
}

/// One actionable item: a table row, a numbered prose item, or a 专栏 item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Task {
    /// Stable within one output: `t1`, `t2`, … in document order.
    pub id: String,
    /// The item's own enumerator as written, without punctuation (`3`, `十一`, `（三）`).
    pub number: Option<String>,
    /// Enclosing headings or category cells, outermost first, with their enumerators.
    pub path: Vec<String>,
    /// The 专栏 the task sits in, if any.
    #[serde(rename = "box")]
    pub in_box: Option<TaskBox>,
    /// Short name: the 工作任务 cell, or the lead sentence before the first 。.
    pub title: Option<String>,
    /// The full requirement text, line breaks inside cells and page-break splits joined.
    pub text: String,
    pub owners: Vec<Owner>,
    /// A note in the owner cell (`以下均需…不再列出。`) that applies to this and later rows.
    pub owner_note: Option<String>,
    pub deadline: Option<Deadline>,
    pub targets: Vec<Target>,
    pub span: Span,
}

/// A 专栏 box.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TaskBox {
    /// `专栏3`.
    pub id: String,
    pub title: Option<String>,
}

/// One organisation responsible for a task, normalised.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Owner {
    /// One organisation, elided level prefix restored, trailing 等按职责分工负责 removed.
    pub name: String,
    pub role: OwnerRole,
    /// The owner as written in the source.
    pub raw: String,
}

/// What the document says an owner does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum OwnerRole {
    /// 牵头: leads the task.
    Lead,
    /// 配合 / 协同: supports the lead.
    Co,
    /// The source draws no line between owners.
    Responsible,
}

/// When a task must be done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Deadline {
    pub raw: String,
    pub kind: DeadlineKind,
    pub year: Option<i32>,
    pub month: Option<u32>,
    /// The last year of a `range` deadline (`2023—2025年`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub end_year: Option<i32>,
}

/// How a deadline is stated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DeadlineKind {
    /// A year or a date: `2025`, `2025年底前`, `2024年6月`.
    By,
    /// 持续实施 / 长期坚持 / 持续推进.
    Ongoing,
    /// `2023—2025年`.
    Range,
    /// 每年.
    Yearly,
    /// A blank 完成时限 cell.
    None,
}

/// How a stated value compares to its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Comparator {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = "=")]
    Equal,
    #[serde(rename = ">")]
    Above,
    #[serde(rename = "<")]
    Below,
    #[serde(rename = "~")]
    About,
}

/// A quantitative commitment inside a task.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Target {
    /// The words the target was read from, as written.
    pub raw: String,
    pub comparator: Option<Comparator>,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub year: Option<i32>,
}

/// A value with its unit, and the year it refers to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Quantity {
    pub raw: Option<String>,
    pub comparator: Option<Comparator>,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub year: Option<i32>,
}

/// A named indicator with its baseline and target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Indicator {
    pub name: String,
    pub baseline: Option<Quantity>,
    pub target: Option<Quantity>,
    /// 预期性 or 约束性.
    pub attribute: Option<String>,
    /// The 专栏 the indicator table sits in (`专栏1`).
    #[serde(rename = "box")]
    pub in_box: Option<String>,
    pub span: Span,
}

/// A location in the document's normalized text: UTF-8 byte offsets, end exclusive.
///
/// For text inputs the normalized text is the decoded file; for containers
/// (DOCX, PDF, HTML) it is the text of the decoded blocks, one per line, and
/// `page` gives the 1-based page where the container has pages.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<u32>,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            page: None,
        }
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
            page: self.page.or(other.page),
        }
    }
}

/// Something the parser noticed and could not settle: never silence, never a crash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Warning {
    pub code: WarningCode,
    pub message: String,
    pub span: Span,
}

/// The kinds of [`Warning`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningCode {
    /// A numbered item has no owner clause where its siblings have one.
    MissingOwner,
    /// A bracket opens and never closes (or the reverse).
    UnbalancedParenthesis,
    /// An owner clause was found but could not be split into organisations.
    UnsplitOwnerClause,
    /// A table whose header names no known column.
    UnrecognisedTableHeader,
    /// A number that looks like a target but could not be read with confidence.
    AmbiguousTarget,
    /// A deadline cell or phrase that could not be read.
    UnreadableDeadline,
    /// The reader dropped or guessed something (an unresolved numbering, an odd cell).
    Reader,
    /// No task was found in the document.
    NoTasks,
    /// The structure stage had to guess where an item, a heading or a table
    /// cell ends in text that lost its line breaks (an enumerator inside a line
    /// with no punctuation before it, a heading run into its first title, a
    /// flattened table's cells).
    GuessedStructure,
}
