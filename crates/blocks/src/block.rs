use policy_model::{SourceFormat, Span};
use serde::Serialize;

/// A document after reading: its normalized text and its blocks.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Decoded {
    pub format: Option<SourceFormat>,
    /// The encoding the bytes were decoded with, for text forms.
    pub encoding: Option<String>,
    /// The normalized text every [`Span`] points into.
    #[serde(skip)]
    pub text: String,
    pub blocks: Vec<Block>,
    /// Container metadata (DOCX core properties, PDF info, HTML `<title>`):
    /// offered to the parser, never trusted over the body.
    pub props: DocProps,
    /// What the reader had to drop or guess, in its own words. The parser
    /// turns each into a `reader` warning of the document.
    pub notes: Vec<Note>,
}

/// Something a reader dropped or guessed, and where, when it is one place.
///
/// Serialized as its message alone when it has no span (as notes were when
/// they were plain strings), else as `{message, span}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub message: String,
    /// Where in [`Decoded::text`] the note applies; `None` for the whole
    /// document or for what never reached the text (a skipped part).
    pub span: Option<Span>,
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl Serialize for Note {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        match self.span {
            None => serializer.serialize_str(&self.message),
            Some(span) => {
                let mut note = serializer.serialize_struct("Note", 2)?;
                note.serialize_field("message", &self.message)?;
                note.serialize_field("span", &span)?;
                note.end()
            }
        }
    }
}

impl Note {
    /// A note on one place of the text.
    pub fn at(message: impl Into<String>, span: Span) -> Note {
        Note {
            message: message.into(),
            span: Some(span),
        }
    }
}

impl From<String> for Note {
    fn from(message: String) -> Note {
        Note {
            message,
            span: None,
        }
    }
}

impl From<&str> for Note {
    fn from(message: &str) -> Note {
        Note::from(message.to_string())
    }
}

/// Container metadata.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DocProps {
    pub title: Option<String>,
    /// ISO date or date-time as the container states it.
    pub created: Option<String>,
}

/// One block in reading order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
}

impl Block {
    /// The block's text; a table's cells joined row by row, tab-separated.
    pub fn text(&self) -> String {
        match &self.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => text.clone(),
            BlockKind::Table(table) => table
                .rows
                .iter()
                .map(|row| {
                    row.cells
                        .iter()
                        .map(|c| c.text.as_str())
                        .collect::<Vec<_>>()
                        .join("\t")
                })
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// What a block is.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BlockKind {
    /// A heading the container marks as such (Markdown `#`, a Word heading style,
    /// HTML `<h1>`…). Level 1 is outermost. Numbered prose lines that the
    /// container does not mark are paragraphs: the parser finds their level.
    Heading {
        level: u8,
        text: String,
    },
    /// A paragraph: one logical unit of running text, line breaks inside it kept as `\n`.
    Paragraph {
        text: String,
    },
    Table(Table),
}

/// A table as a grid: every row has one [`Cell`] per grid column, merges resolved.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Table {
    pub rows: Vec<Row>,
}

impl Table {
    pub fn n_cols(&self) -> usize {
        self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0)
    }
}

/// One table row.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// The container marks this row as a header (`w:tblHeader`, `<th>`, a
    /// header row repeated at a page break).
    pub is_header: bool,
}

/// One grid cell.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Cell {
    /// The cell's text, lines inside the cell joined with `\n`. Empty for a
    /// merge continuation: the text stays with the cell the merge starts at.
    pub text: String,
    pub span: Span,
    pub merge: Merge,
}

/// How a grid cell relates to a merged region.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Merge {
    /// A cell of its own (or the first cell of a merged region).
    #[default]
    None,
    /// Continues the cell above (vertical merge, `rowspan`).
    Up,
    /// Continues the cell to the left (horizontal merge, `gridSpan`, `colspan`).
    Left,
}

/// Builds a [`Decoded`] while keeping the normalized text and block spans in step.
///
/// Readers of containers (DOCX, PDF, HTML) have no text of their own to point
/// into, so they build one: each block's text is appended on its own line and
/// its span points at it.
#[derive(Debug)]
pub struct DecodedBuilder {
    doc: Decoded,
}

impl DecodedBuilder {
    pub fn new(format: SourceFormat) -> DecodedBuilder {
        DecodedBuilder {
            doc: Decoded {
                format: Some(format),
                ..Decoded::default()
            },
        }
    }

    pub fn encoding(&mut self, encoding: impl Into<String>) -> &mut Self {
        self.doc.encoding = Some(encoding.into());
        self
    }

    pub fn props(&mut self, props: DocProps) -> &mut Self {
        self.doc.props = props;
        self
    }

    pub fn note(&mut self, note: impl Into<Note>) -> &mut Self {
        self.doc.notes.push(note.into());
        self
    }

    /// Appends `text` on a line of its own and returns where it landed.
    pub fn push_text(&mut self, text: &str, page: Option<u32>) -> Span {
        if !self.doc.text.is_empty() {
            self.doc.text.push('\n');
        }
        let start = self.doc.text.len();
        self.doc.text.push_str(text);
        Span {
            start,
            end: self.doc.text.len(),
            page,
        }
    }

    pub fn heading(&mut self, level: u8, text: &str, page: Option<u32>) -> &mut Self {
        let span = self.push_text(text, page);
        self.doc.blocks.push(Block {
            kind: BlockKind::Heading {
                level,
                text: text.to_string(),
            },
            span,
        });
        self
    }

    pub fn paragraph(&mut self, text: &str, page: Option<u32>) -> &mut Self {
        let span = self.push_text(text, page);
        self.doc.blocks.push(Block {
            kind: BlockKind::Paragraph {
                text: text.to_string(),
            },
            span,
        });
        self
    }

    /// Adds a table given as rows of (text, merge) cells; every cell's text is
    /// appended to the normalized text so it has a span.
    pub fn table(
        &mut self,
        rows: Vec<(Vec<(String, Merge)>, bool)>,
        page: Option<u32>,
    ) -> &mut Self {
        let mut table = Table::default();
        let mut whole: Option<Span> = None;
        for (cells, is_header) in rows {
            let mut row = Row {
                cells: Vec::with_capacity(cells.len()),
                is_header,
            };
            for (text, merge) in cells {
                let span = self.push_text(&text, page);
                whole = Some(whole.map_or(span, |w| w.cover(span)));
                row.cells.push(Cell { text, span, merge });
            }
            table.rows.push(row);
        }
        let span = whole.unwrap_or_else(|| self.push_text("", page));
        self.doc.blocks.push(Block {
            kind: BlockKind::Table(table),
            span,
        });
        self
    }

    /// Adds a block whose span the caller computed against the text built so far.
    pub fn push_block(&mut self, block: Block) -> &mut Self {
        self.doc.blocks.push(block);
        self
    }

    /// The normalized text built so far.
    pub fn text(&self) -> &str {
        &self.doc.text
    }

    pub fn finish(self) -> Decoded {
        self.doc
    }
}

impl Decoded {
    /// A decoded text document whose spans point into `text` itself.
    pub fn from_text(format: SourceFormat, text: String, blocks: Vec<Block>) -> Decoded {
        Decoded {
            format: Some(format),
            text,
            blocks,
            ..Decoded::default()
        }
    }
}
