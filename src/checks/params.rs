//! Rule parameters as a check kind receives them: typed by serde, with spans into the rule file.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeValue, ValueDeserializer};

use crate::text::lexicon::Dialect;
use crate::text::wordlist::WordList;

/// Word lists of built-in files, by the addresses and lengths of the files' text.
type SharedLists = HashMap<Vec<(usize, usize)>, Arc<WordList>>;

/// A mistake in a rule's parameters, at a byte span of the rule file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamError {
    /// Where in the rule file.
    pub span: Range<usize>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl ParamError {
    /// An error at `span`.
    pub fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        ParamError {
            span,
            message: message.into(),
        }
    }
}

/// Reads the files a rule refers to (word lists beside the rule file). Rules compile in
/// parallel, so a reader is shared across threads.
pub trait RuleFiles: Sync {
    /// The text of the file `name`, relative to the rule file's folder: borrowed for files
    /// embedded in the binary, owned for files read from disk.
    fn read(&self, name: &str) -> Result<Cow<'static, str>, String>;

    /// The bit of the file `name` in the table of word lists built with the binary
    /// ([`crate::assets::WORD_TABLE`]), if it is there.
    fn built_word_list(&self, _name: &str) -> Option<u32> {
        None
    }
}

/// Settings of the run that a check kind may compile in: they are the same for every rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CheckSettings {
    /// Which English the lexicon checks spell against and suggest in.
    pub dialect: Dialect,
    /// Whether the other dialect's spellings count as errors (the run named a dialect).
    pub strict_dialect: bool,
}

/// The `[rule.params]` table of one rule, for its check kind to parse.
pub struct Params<'a> {
    value: Option<Spanned<DeValue<'a>>>,
    /// Where the rule is, for errors about missing parameters.
    rule_span: Range<usize>,
    files: &'a dyn RuleFiles,
    settings: CheckSettings,
}

impl<'a> Params<'a> {
    /// Wraps a rule's parameters; `value` is `None` when the rule has no `[rule.params]`.
    pub fn new(
        value: Option<Spanned<DeValue<'a>>>,
        rule_span: Range<usize>,
        files: &'a dyn RuleFiles,
        settings: CheckSettings,
    ) -> Self {
        Params {
            value,
            rule_span,
            files,
            settings,
        }
    }

    /// The run's settings.
    pub fn settings(&self) -> CheckSettings {
        self.settings
    }

    /// Checks that a kind that takes no parameters was given none: any key is an error at its
    /// place in the rule file.
    pub fn parse_none(&mut self) -> Result<(), ParamError> {
        /// No parameters.
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct NoParams {}
        let NoParams {} = self.parse()?;
        Ok(())
    }

    /// Deserializes the parameters into the kind's own type. Unknown keys and wrong types are
    /// errors at their place in the rule file.
    pub fn parse<T: DeserializeOwned>(&mut self) -> Result<T, ParamError> {
        let value = self.value.take().unwrap_or_else(|| {
            Spanned::new(
                self.rule_span.clone(),
                DeValue::Table(toml::de::DeTable::new()),
            )
        });
        let span = value.span();
        T::deserialize(ValueDeserializer::from(value)).map_err(|e| {
            let message = if e.message().starts_with("missing field") {
                format!("in [rule.params]: {}", e.message())
            } else {
                e.message().to_owned()
            };
            ParamError::new(e.span().unwrap_or(span), message)
        })
    }

    /// Reads and parses several word list files into one list. Built-in files in the table
    /// built with the binary are not read at all. A list of built-in files is made once per
    /// process and shared by every rule naming the same files (so analyses keyed by its address
    /// are shared too).
    pub fn word_lists<'n>(
        &self,
        names: impl IntoIterator<Item = &'n Spanned<String>>,
    ) -> Result<Arc<WordList>, ParamError> {
        let mut built = 0;
        let mut texts: Vec<Cow<'static, str>> = Vec::new();
        for name in names {
            match self.files.built_word_list(name.get_ref()) {
                Some(bit) => built |= bit,
                None => texts.push(self.read_file(name)?),
            }
        }
        let embedded: Option<Vec<(usize, usize)>> = texts
            .iter()
            .map(|text| match text {
                Cow::Borrowed(t) => Some((t.as_ptr() as usize, t.len())),
                Cow::Owned(_) => None,
            })
            .collect();
        let Some(mut key) = embedded else {
            return Ok(Arc::new(WordList::new(built, texts)));
        };
        key.push((0, built as usize));
        static SHARED: OnceLock<Mutex<SharedLists>> = OnceLock::new();
        let shared = SHARED.get_or_init(Mutex::default);
        if let Some(list) = shared.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(list);
        }
        let list = Arc::new(WordList::new(built, texts));
        if let Ok(mut map) = shared.lock() {
            map.insert(key, Arc::clone(&list));
        }
        Ok(list)
    }

    /// Reads a list file named by a parameter; errors point at the parameter.
    pub fn read_file(&self, name: &Spanned<String>) -> Result<Cow<'static, str>, ParamError> {
        self.files
            .read(name.get_ref())
            .map_err(|e| ParamError::new(name.span(), e))
    }
}
