//! `mtlint align`: the links between a source article and its translation, as `check
//! --source` sees them.

use std::io::Write;

use mtlint::align::{Link, LinkKind};
use mtlint::document::Document;
use mtlint::input::{Input, InputStream, ReadOptions, SourcePairing};
use mtlint::linter::PreparedDocument;
use mtlint::text::excerpt;
use serde::Serialize;

use super::{CommandError, EXIT_OK, exit_code};
use crate::cli::{AlignArgs, AlignFormat};

/// Runs `mtlint align`.
pub fn run(args: &AlignArgs) -> u8 {
    exit_code(align(args))
}

/// One side of a link, for the JSON output.
#[derive(Serialize)]
struct Place {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    text: String,
}

/// A link, for the JSON output.
#[derive(Serialize)]
struct LinkOut {
    kind: &'static str,
    shape: [usize; 2],
    whole_paragraph: bool,
    source: Place,
    target: Place,
    cost: f64,
    /// Absent where the margin is infinite (a gap with no neighbour to join).
    #[serde(skip_serializing_if = "Option::is_none")]
    margin: Option<f64>,
}

/// The JSON output.
#[derive(Serialize)]
struct AlignmentOut {
    source: String,
    translation: String,
    links: Vec<LinkOut>,
}

fn align(args: &AlignArgs) -> Result<u8, CommandError> {
    let options = ReadOptions {
        source: Some(SourcePairing {
            path: args.source.clone(),
            lang: args.source_lang.clone(),
        }),
        ..ReadOptions::default()
    };
    let mut inputs = InputStream::new(std::slice::from_ref(&args.translation), &options);
    let source = match inputs.next() {
        Some(Input::Document(source)) => source,
        Some(Input::Unreadable(error)) => {
            return Err(format!("{}{}: {}", error.source, error.place(), error.message).into());
        }
        Some(Input::Skipped { source, reason }) => {
            return Err(format!("{source}: {reason}").into());
        }
        None => {
            return Err(format!("{}: nothing to align", args.translation.display()).into());
        }
    };
    if source.source_text.is_none() {
        return Err(format!(
            "{}: only text, Markdown and HTML articles are aligned",
            args.translation.display()
        )
        .into());
    }
    let prepared = PreparedDocument::new(source);
    let Some(doc) = prepared.document() else {
        return Err(format!(
            "{}: the translation is over 1 MB, which mtlint checks a block at a time and does not align",
            args.translation.display()
        )
        .into());
    };
    let links = doc
        .bitext()
        .and_then(|b| b.alignment())
        .map(|a| a.links.as_slice())
        .unwrap_or_default();
    let out: Vec<LinkOut> = links.iter().map(|link| link_out(doc, link)).collect();
    let mut stdout = std::io::stdout().lock();
    let written = match args.format {
        AlignFormat::Json => {
            let report = AlignmentOut {
                source: args.source.display().to_string(),
                translation: args.translation.display().to_string(),
                links: out,
            };
            serde_json::to_writer_pretty(&mut stdout, &report)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(stdout))
        }
        AlignFormat::Human => write_human(&mut stdout, args, &out),
    };
    match written {
        Ok(()) => Ok(EXIT_OK),
        // A closed pipe (`| head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(EXIT_OK),
        Err(e) => Err(format!("cannot write the alignment: {e}").into()),
    }
}

/// A link's sides placed in their files.
fn link_out(doc: &Document, link: &Link) -> LinkOut {
    let target_range = doc.to_original(link.target.clone());
    let target_start = doc.line_column(target_range.start);
    let target = Place {
        text: doc
            .original()
            .get(target_range.clone())
            .unwrap_or_default()
            .to_owned(),
        start: target_range.start,
        end: target_range.end,
        line: target_start.line,
        column: target_start.column,
    };
    let source = match doc.bitext() {
        Some(bitext) => {
            let located = bitext.locate(link.source.clone(), doc.original());
            Place {
                start: located.range.start,
                end: located.range.end,
                line: located.start.line,
                column: located.start.column,
                text: located.text,
            }
        }
        None => Place {
            start: 0,
            end: 0,
            line: 1,
            column: 1,
            text: String::new(),
        },
    };
    LinkOut {
        kind: match link.kind {
            LinkKind::Pair => "pair",
            LinkKind::Omitted => "omitted",
            LinkKind::Added => "added",
        },
        shape: [link.shape.0, link.shape.1],
        whole_paragraph: link.whole_paragraph,
        source,
        target,
        cost: (link.cost * 100.0).round() / 100.0,
        margin: link
            .margin
            .is_finite()
            .then(|| (link.margin * 100.0).round() / 100.0),
    }
}

/// One line per link.
fn write_human(out: &mut impl Write, args: &AlignArgs, links: &[LinkOut]) -> std::io::Result<()> {
    let count = |kind: &str| links.iter().filter(|l| l.kind == kind).count();
    writeln!(
        out,
        "{} → {}: {} links, {} omitted, {} added",
        args.source.display(),
        args.translation.display(),
        count("pair"),
        count("omitted"),
        count("added")
    )?;
    for link in links {
        let shape = format!("{}-{}", link.shape[0], link.shape[1]);
        let what = if link.whole_paragraph {
            format!("{} paragraph", link.kind)
        } else {
            link.kind.to_owned()
        };
        writeln!(
            out,
            "{what:<18} {shape:<4} source {}:{}  translation {}:{}",
            link.source.line, link.source.column, link.target.line, link.target.column
        )?;
        if !link.source.text.is_empty() {
            writeln!(out, "    < {}", excerpt(&link.source.text, 70))?;
        }
        if !link.target.text.trim().is_empty() {
            writeln!(out, "    > {}", excerpt(&link.target.text, 70))?;
        }
    }
    Ok(())
}
