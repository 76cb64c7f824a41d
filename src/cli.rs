//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use mtlint::input::InputFormat;
use mtlint::report::Format;
use mtlint::score::FailOn;
use mtlint::text::lexicon::Dialect;

/// Finds the traces machine translation and scraping leave in English articles, scores each
/// article (MQM) and gates publication.
#[derive(Debug, Parser)]
#[command(name = "mtlint", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check articles: files, folders (recursive, .gitignore-aware) or `-` for stdin.
    Check(Box<CheckArgs>),
    /// Print the effective configuration and where each value comes from.
    Config(ConfigArgs),
    /// List, test and explain rules.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Align a source article with its translation and print the links: which sentences
    /// translate which, and what is omitted or added (what `check --source` reads).
    Align(AlignArgs),
    /// Run the language server over standard input and output, for editors: findings as
    /// diagnostics while you write, fixes as code actions. Settings come from the client and
    /// `mtlint.toml`, as for `check`.
    Lsp,
}

#[derive(Debug, Args)]
pub struct AlignArgs {
    /// The source article: text, Markdown or HTML (by extension).
    #[arg(value_name = "SOURCE")]
    pub source: PathBuf,

    /// Its translation: text, Markdown or HTML (by extension).
    #[arg(value_name = "TRANSLATION")]
    pub translation: PathBuf,

    /// The source's language (`fr`, `ja`…): its usual length ratio to English guides the
    /// alignment. Without it, the two articles' own ratio does.
    #[arg(long, value_name = "LANG")]
    pub source_lang: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = AlignFormat::Human)]
    pub format: AlignFormat,
}

/// How `mtlint align` prints the links.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum AlignFormat {
    /// One line per link: its shape, where it is on each side, and the start of each side.
    #[default]
    Human,
    /// A JSON object with every link, its places and texts, its cost and margin.
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, folders or `-` (standard input). Folders are searched for .txt, .text, .md,
    /// .markdown, .html, .htm and .jsonl files. Default: the current folder.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// How to read the inputs: `auto` goes by extension (.jsonl is JSON Lines, .md and
    /// .markdown Markdown, .html and .htm HTML, the rest text); standard input is text unless
    /// this says otherwise.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,

    /// JSON Lines: the field holding the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub text_field: String,

    /// JSON Lines: the field holding the record id.
    #[arg(long, default_value = "id", value_name = "NAME")]
    pub id_field: String,

    /// JSON Lines: the field saying how each record's text is written (`text`, `markdown` or
    /// `html`); records without it are plain text.
    #[arg(long, value_name = "NAME")]
    pub format_field: Option<String>,

    /// JSON Lines: the field holding the source text a record translates; a record with one is
    /// checked against it too (numbers, names, negation, sentence type, untranslated and empty
    /// text), a record without one as English only.
    #[arg(long, default_value = "source", value_name = "NAME")]
    pub source_field: String,

    /// The source article of the translation checked (a file), or a folder that mirrors the
    /// translation folder by relative path (`--source articles/fr articles/en`): each
    /// translation is aligned with its source, sentence by sentence, and checked against it
    /// (omitted and added sentences, numbers, names…). Text, Markdown or HTML.
    #[arg(long, value_name = "PATH")]
    pub source: Option<PathBuf>,

    /// JSON Lines: the field holding the source's language (an ISO 639-1 code such as `fr`);
    /// `--source-lang` names the language of sources that do not say.
    #[arg(long, default_value = "source_lang", value_name = "NAME")]
    pub source_lang_field: String,

    /// An extra rule folder (or file); its rules override built-ins with the same id.
    /// Repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,

    /// Check only these rules, categories (`fluency/spelling`) or families (`design`); comma
    /// separated or repeated. Applied after mtlint.toml.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Leave out these rules, categories or families; comma separated or repeated.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// The name standard input is reported under; its extension chooses how it is read
    /// (`.md`, `.html`…), as for a file. For editors that pipe a buffer.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,

    /// A glob of paths to leave out when walking folders (`drafts/**`). Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    #[command(flatten)]
    pub config: ConfigArgs,

    /// The source language of the translation (`fr`…): loads its rule pack (false friends,
    /// a closer search for its words).
    #[arg(long, value_name = "LANG")]
    pub source_lang: Option<String>,

    /// Spelling: American (`color`) or British (`colour`) English. Without it, suggestions are
    /// American and both spellings are accepted; with it, the other one is flagged.
    #[arg(long, value_enum)]
    pub dialect: Option<Dialect>,

    /// A file of accepted words, one a line (`#` starts a comment): never flagged as
    /// misspelled or untranslated. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub vocab: Vec<PathBuf>,

    /// A glossary (TSV: `source term<TAB>translation|alternative…`, `!` before a forbidden
    /// translation; or TBX-Basic, `.tbx`): where a source term occurs, its translation must.
    /// Checked only against sources (JSON Lines source fields, XLIFF). Repeatable.
    #[arg(long, value_name = "FILE")]
    pub glossary: Vec<PathBuf>,

    /// The lowest passing score (0 to 100); default 97.
    #[arg(long, value_name = "N", value_parser = parse_score)]
    pub min_score: Option<f64>,

    /// A finding at or above this severity fails its document; default critical.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Exit 0 even when documents fail the gate (the exit code is still 2 if the run failed).
    #[arg(long)]
    pub no_fail: bool,

    /// Silence the findings recorded in this baseline file (written by --write-baseline or
    /// exported from the HTML report); they are counted as suppressed.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record every current finding in FILE as accepted (sorted JSON, one finding a line), then
    /// exit 0 unless the run itself failed.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Apply the suggestions of rules whose fix is safe, rewriting the files atomically; the
    /// report shows what is left. On standard input (`-` alone), the fixed text goes to
    /// standard output and the report to standard error.
    #[arg(long)]
    pub fix: bool,

    /// With --fix or --diff: apply every first suggestion, safe or not (typos, terminology).
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print the fixes as a unified diff instead of writing them (exit 1 if there is any).
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,

    /// After the report, count the findings per rule and per category (on stdout for the
    /// human format, else on stderr).
    #[arg(long)]
    pub statistics: bool,

    /// Documents checked in parallel (default: all cores; at most 256).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    /// The largest document checked, in bytes, or with a K, M or G suffix (powers of 1,024):
    /// a larger file, record or standard input is an error, read no further than the limit.
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = parse_size)]
    pub max_document_size: u64,

    /// With --fix: rewrite read-only files and files with several hard links too.
    #[arg(long, requires = "fix")]
    pub force: bool,
}

/// A size in bytes: digits, optionally followed by K, M or G (KiB, MiB, GiB).
fn parse_size(value: &str) -> Result<u64, String> {
    let trimmed = value.trim();
    let (digits, shift) = match trimmed.char_indices().last() {
        Some((i, 'k' | 'K')) => (trimmed.get(..i), 10),
        Some((i, 'm' | 'M')) => (trimmed.get(..i), 20),
        Some((i, 'g' | 'G')) => (trimmed.get(..i), 30),
        _ => (Some(trimmed), 0),
    };
    let number: u64 = digits
        .and_then(|d| d.parse().ok())
        .ok_or_else(|| format!("`{value}` is not a size (bytes, or a number with K, M or G)"))?;
    number
        .checked_mul(1 << shift)
        .filter(|&bytes| bytes > 0)
        .ok_or_else(|| format!("`{value}` is not a size between 1 byte and 16 EiB"))
}

fn parse_score(value: &str) -> Result<f64, String> {
    let score: f64 = value
        .parse()
        .map_err(|_| format!("`{value}` is not a number"))?;
    if (0.0..=100.0).contains(&score) {
        Ok(score)
    } else {
        Err(format!("{score} is not between 0 and 100"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_binary_suffixes() {
        assert_eq!(parse_size("256M"), Ok(256 << 20));
        assert_eq!(parse_size("12"), Ok(12));
        assert_eq!(parse_size("3k"), Ok(3072));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert!(parse_size("0").is_err());
        assert!(
            parse_size("ten")
                .unwrap_err()
                .contains("`ten` is not a size")
        );
        assert!(parse_size("99999999999999G").is_err());
    }
}

/// Where the configuration comes from.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The configuration file (default: the nearest mtlint.toml in this folder or above).
    #[arg(long = "config", value_name = "FILE")]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List the rules: id, check kind, category, severity, message.
    List {
        /// Extra rule folders, as for `check --rules`.
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
        /// Include the pack of this source language, as for `check --source-lang`.
        #[arg(long, value_name = "LANG")]
        source_lang: Option<String>,
    },
    /// Run the examples of every rule in DIR (default: every built-in pack).
    Test {
        /// Rule folders or files.
        #[arg(value_name = "DIR")]
        dirs: Vec<PathBuf>,
    },
    /// Print the rules' reference in Markdown (every built-in pack, or the rules in DIR): what
    /// `docs/rules.md` holds.
    Docs {
        /// Rule folders or files.
        #[arg(value_name = "DIR")]
        dirs: Vec<PathBuf>,
    },
    /// Print a rule's documentation and examples.
    Explain {
        /// The rule id.
        id: String,
        /// Extra rule folders, as for `check --rules`.
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
        /// Include the pack of this source language, as for `check --source-lang`.
        #[arg(long, value_name = "LANG")]
        source_lang: Option<String>,
    },
}
