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

    /// An extra rule folder (or file); its rules override built-ins with the same id.
    /// Repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,

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
    /// report shows what is left.
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

    /// Documents checked in parallel (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
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
