//! The configurations of a workspace: each document is checked with the nearest
//! `mtlint.toml` above it (or the file the client names), whose rules load once and are kept
//! until a file they were read from changes or the client's settings do.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use crate::config::{self, CommandLine, Config};
use crate::input::{SourcePairing, SourceText};
use crate::linter::Linter;

use super::settings::Settings;

/// The baseline file's name when the client names none.
pub const DEFAULT_BASELINE: &str = "mtlint-baseline.json";

/// One configuration, loaded: its rules and what the code actions write to.
#[derive(Debug)]
pub struct Loaded {
    /// The effective configuration.
    pub config: Config,
    /// Its rules, vocabulary, baseline and gate.
    pub linter: Linter,
    /// The folder relative paths are resolved from: the configuration file's, else the
    /// workspace folder's.
    pub folder: PathBuf,
    /// Where accepted findings are written (and read from, when it exists).
    pub baseline: PathBuf,
}

impl Loaded {
    /// The files and folders whose change makes this configuration stale.
    pub fn inputs(&self) -> Vec<PathBuf> {
        let config = &self.config;
        let mut inputs: Vec<PathBuf> = config.files_read().map(Path::to_path_buf).collect();
        inputs.extend(config.rules_dirs.value.iter().cloned());
        inputs.extend(config.vocab.value.iter().cloned());
        inputs.extend(config.glossary.value.iter().cloned());
        inputs.push(self.baseline.clone());
        inputs
    }

    /// The vocabulary file new words go to: the first the configuration names.
    pub fn vocabulary_file(&self) -> Option<&Path> {
        self.config.vocab.value.first().map(PathBuf::as_path)
    }

    /// The source file of the translation at `path`, when the configuration pairs
    /// translations with sources (`source = …`): that file itself, or the file at the same
    /// path relative to the nearest folder above the translation that the source folder
    /// mirrors (else the same file name in it).
    pub fn source_file(&self, path: &Path) -> Option<PathBuf> {
        let source = self.config.source.value.as_ref()?;
        if !source.is_dir() {
            return Some(source.clone());
        }
        let mirrored = path
            .ancestors()
            .skip(1)
            .filter_map(|root| path.strip_prefix(root).ok())
            .map(|relative| source.join(relative))
            .find(|candidate| candidate.is_file());
        Some(mirrored.unwrap_or_else(|| self.pairing(source).source_of(path, None)))
    }

    /// The source of the translation at `path` (reported as `name`), read, with its file;
    /// `Ok(None)`: no pairing; an error: the pairing names a source that cannot be read.
    pub fn source_of(
        &self,
        path: &Path,
        name: &str,
    ) -> Result<Option<(SourceText, PathBuf)>, String> {
        let (Some(source), Some(file)) = (&self.config.source.value, self.source_file(path)) else {
            return Ok(None);
        };
        let text = self
            .pairing(source)
            .read(&file, name)
            .map_err(|e| e.message)?;
        Ok(Some((text, file)))
    }

    fn pairing(&self, source: &Path) -> SourcePairing {
        SourcePairing {
            path: source.to_path_buf(),
            lang: self.config.source_lang.value.clone(),
        }
    }
}

/// The workspace: its folders, the client's settings and the configurations loaded so far.
#[derive(Debug)]
pub struct Workspace {
    settings: Settings,
    roots: Vec<PathBuf>,
    loaded: Mutex<HashMap<Option<PathBuf>, Arc<Loaded>>>,
    /// Bumped whenever a configuration is loaded or the loaded ones are forgotten.
    revision: AtomicU64,
}

impl Workspace {
    /// A workspace of `roots` (the client's folders) with `settings`; nothing loaded yet.
    pub fn new(settings: Settings, roots: Vec<PathBuf>) -> Workspace {
        Workspace {
            settings,
            roots,
            loaded: Mutex::new(HashMap::new()),
            revision: AtomicU64::new(0),
        }
    }

    /// The client's settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The workspace folders.
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// The configuration of the document at `path` (`None`: a document with no file), loaded
    /// on first use; a configuration or rule mistake is the error, as the command line prints
    /// it.
    pub fn loaded_for(&self, path: Option<&Path>) -> Result<Arc<Loaded>, String> {
        let start = path
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(|| self.roots.first().cloned())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let named = self.settings.config.as_ref().map(|file| self.resolve(file));
        let key = named.clone().or_else(|| config::discover(&start));
        let mut loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = loaded.get(&key) {
            return Ok(Arc::clone(found));
        }
        let fresh = Arc::new(load(&self.settings, named.as_deref(), &start, &self.roots)?);
        loaded.insert(key, Arc::clone(&fresh));
        self.revision.fetch_add(1, Ordering::AcqRel);
        Ok(fresh)
    }

    /// Every configuration loaded so far.
    pub fn all_loaded(&self) -> Vec<Arc<Loaded>> {
        let loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        loaded.values().cloned().collect()
    }

    /// Forgets every configuration loaded: they load again when next used.
    pub fn forget(&self) {
        self.loaded
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        self.revision.fetch_add(1, Ordering::AcqRel);
    }

    /// How many times the set of loaded configurations changed: what the files to watch
    /// depend on.
    pub fn revision(&self) -> u64 {
        self.revision.load(Ordering::Acquire)
    }

    /// Whether a change of `path` makes a loaded configuration stale: a configuration file
    /// anywhere (one may appear nearer to a document), or a file or folder one was read from.
    pub fn is_input(&self, path: &Path) -> bool {
        path.file_name()
            .is_some_and(|name| name == config::FILE_NAME)
            || self
                .all_loaded()
                .iter()
                .flat_map(|loaded| loaded.inputs())
                .any(|input| path.starts_with(&input) || same_file(path, &input))
    }

    /// `path` (from the settings) made absolute against the first workspace folder.
    fn resolve(&self, path: &Path) -> PathBuf {
        match self.roots.first() {
            Some(root) if path.is_relative() => root.join(path),
            _ => path.to_path_buf(),
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Loads the configuration `named` (else the nearest above `start`) with the client's
/// settings over it, as `mtlint check` does with its command line.
fn load(
    settings: &Settings,
    named: Option<&Path>,
    start: &Path,
    roots: &[PathBuf],
) -> Result<Loaded, String> {
    let cli = CommandLine {
        dialect: settings.dialect,
        min_score: settings.min_score,
        ..CommandLine::default()
    };
    let config = config::load(named, start, &cli).map_err(|e| e.to_string())?;
    let folder = config
        .file
        .as_deref()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .or_else(|| roots.first().cloned())
        .unwrap_or_else(|| start.to_path_buf());
    let baseline = folder.join(
        settings
            .baseline
            .as_deref()
            .unwrap_or(Path::new(DEFAULT_BASELINE)),
    );
    let selection = (settings.select.as_slice(), settings.ignore.as_slice());
    let linter = Linter::from_config(&config, selection, Some(&baseline)).map_err(|e| match e {
        crate::linter::LoadError::UnknownRule(e) => format!("mtlint settings: {e}"),
        e => e.to_string(),
    })?;
    Ok(Loaded {
        config,
        linter,
        folder,
        baseline,
    })
}
