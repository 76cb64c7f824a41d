//! Writing files atomically: the new content goes to a temporary file in the same folder, which
//! then replaces the target by a rename, so a reader (or a crash) never sees half a file.
//!
//! The replacement keeps the target's mode, owner, group and extended attributes; a new file
//! gets the permissions the umask allows. Temporary files are named `.mtlint-PID-XXXXXX.tmp`:
//! they are removed when the run is interrupted by SIGINT or SIGTERM ([`clean_up_on_signals`]),
//! and the ones a killed run left behind are removed by the next run that writes into their
//! folder.

use std::collections::HashSet;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

/// The temporary files of this process not yet renamed or removed.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The folders already cleared of stale temporary files in this run.
static CLEARED: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

/// A temporary file of a process that no longer runs is stale; one whose process cannot be
/// told is stale after this long.
const STALE_AGE: Duration = Duration::from_secs(3600);

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What the target must still be, just before it is replaced.
#[derive(Clone, Copy, Debug)]
pub struct Expected<'a> {
    /// Its size when it was read.
    pub len: u64,
    /// Its modification time when it was read.
    pub modified: Option<SystemTime>,
    /// Its content when it was read.
    pub content: &'a [u8],
}

/// Why a file was not replaced.
#[derive(Debug)]
pub enum WriteError {
    /// The file changed since it was read: someone else is editing it.
    Changed,
    /// The file system refused.
    Io(std::io::Error),
}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> Self {
        WriteError::Io(e)
    }
}

impl From<WriteError> for std::io::Error {
    fn from(e: WriteError) -> Self {
        match e {
            WriteError::Io(e) => e,
            WriteError::Changed => std::io::Error::other(e.to_string()),
        }
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Changed => f.write_str("the file changed since it was read"),
            WriteError::Io(e) => e.fmt(f),
        }
    }
}

/// A temporary file beside its target, registered for removal on SIGINT and SIGTERM until it
/// replaces the target or is dropped.
pub struct Temporary {
    /// `None` once committed.
    file: Option<tempfile::NamedTempFile>,
    target: PathBuf,
}

impl Temporary {
    /// A new temporary file in the folder of `target`, after removing the stale temporary files
    /// of earlier runs there.
    pub fn beside(target: &Path) -> std::io::Result<Temporary> {
        let folder = folder_of(target);
        remove_stale_once(folder);
        let prefix = format!(".mtlint-{}-", std::process::id());
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        // A new file: read and write for all, less the umask (applied on creation).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        // Registered under the lock, so that a signal between creation and registration
        // cannot miss the file.
        let mut live = lock(&LIVE);
        let file = builder.tempfile_in(folder)?;
        live.push(file.path().to_path_buf());
        Ok(Temporary {
            file: Some(file),
            target: target.to_path_buf(),
        })
    }

    fn named(&mut self) -> std::io::Result<&mut tempfile::NamedTempFile> {
        self.file
            .as_mut()
            .ok_or_else(|| std::io::Error::other("the temporary file is already committed"))
    }

    /// Replaces the target with what was written, keeping the target's metadata; with
    /// `expected`, only if the target is still as it was read.
    pub fn commit(mut self, expected: Option<&Expected<'_>>) -> Result<(), WriteError> {
        let target = self.target.clone();
        let named = self.named()?;
        named.flush()?;
        let file = named.as_file();
        file.sync_all()?;
        if let Ok(metadata) = std::fs::metadata(&target) {
            keep_metadata(&target, &metadata, file)?;
        }
        if let Some(expected) = expected
            && !unchanged(&self.target, expected)?
        {
            return Err(WriteError::Changed);
        }
        let Some(named) = self.file.take() else {
            return Ok(());
        };
        let path = named.path().to_path_buf();
        let persisted = named.persist(&self.target);
        lock(&LIVE).retain(|p| *p != path);
        persisted.map_err(|e| WriteError::Io(e.error))?;
        Ok(())
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        // Not committed: tempfile removes the file when it drops.
        if let Some(named) = &self.file {
            let path = named.path();
            lock(&LIVE).retain(|p| p != path);
        }
    }
}

impl Write for Temporary {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.named()?.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.named()?.flush()
    }
}

/// Replaces the content of `path` with `bytes` atomically, keeping its metadata.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    Ok(replace(path, bytes, None)?)
}

/// Replaces the content of `path` with `bytes` atomically, keeping its metadata; with
/// `expected`, only if the file is still as it was read.
pub fn replace(
    path: &Path,
    bytes: &[u8],
    expected: Option<&Expected<'_>>,
) -> Result<(), WriteError> {
    let mut temporary = Temporary::beside(path)?;
    temporary.write_all(bytes)?;
    temporary.commit(expected)
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Whether the file at `path` still has the size, modification time and content of `expected`.
fn unchanged(path: &Path, expected: &Expected<'_>) -> std::io::Result<bool> {
    let mut file = File::open(path)?;
    let metadata = file.metadata()?;
    if metadata.len() != expected.len || metadata.modified().ok() != expected.modified {
        return Ok(false);
    }
    let mut content = Vec::with_capacity(expected.content.len());
    file.read_to_end(&mut content)?;
    Ok(content == expected.content)
}

/// Gives `file` the mode, owner, group and extended attributes of the file at `target`.
#[cfg(unix)]
fn keep_metadata(target: &Path, metadata: &std::fs::Metadata, file: &File) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    use xattr::FileExt;
    let own = file.metadata()?;
    if (own.uid(), own.gid()) != (metadata.uid(), metadata.gid()) {
        std::os::unix::fs::fchown(file, Some(metadata.uid()), Some(metadata.gid())).map_err(
            |e| {
                std::io::Error::new(
                    e.kind(),
                    format!("cannot keep the file's owner and group: {e}"),
                )
            },
        )?;
    }
    // After the owner: changing it may clear the set-user-id bits.
    file.set_permissions(metadata.permissions())?;
    if xattr::SUPPORTED_PLATFORM {
        for name in xattr::list(target)? {
            if let Some(value) = xattr::get(target, &name)? {
                file.set_xattr(&name, &value).map_err(|e| {
                    std::io::Error::new(
                        e.kind(),
                        format!("cannot keep the extended attribute {name:?}: {e}"),
                    )
                })?;
            }
        }
    }
    Ok(())
}

/// Gives `file` the permissions of the file at `target`.
#[cfg(not(unix))]
fn keep_metadata(_target: &Path, metadata: &std::fs::Metadata, file: &File) -> std::io::Result<()> {
    file.set_permissions(metadata.permissions())
}

/// Removes, once per run and folder, the temporary files that runs no longer running left in
/// `folder` (a run killed by SIGKILL cannot remove its own).
fn remove_stale_once(folder: &Path) {
    let key = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
    if !lock(&CLEARED).get_or_insert_with(HashSet::new).insert(key) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temporary_pid) else {
            continue;
        };
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > STALE_AGE);
        if pid != std::process::id() && (old || !process_runs(pid)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The process id in the name of one of mtlint's temporary files (`.mtlint-PID-XXXXXX.tmp`).
fn temporary_pid(name: &str) -> Option<u32> {
    let middle = name.strip_prefix(".mtlint-")?.strip_suffix(".tmp")?;
    let (pid, random) = middle.split_once('-')?;
    (!random.is_empty()).then_some(())?;
    pid.parse().ok()
}

/// Whether process `pid` runs (where that cannot be told, it is taken to run).
fn process_runs(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// Starts a thread that, on SIGINT or SIGTERM, removes this process's temporary files and then
/// ends the process as the signal would have. Call once, before writing files.
pub fn clean_up_on_signals() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
        std::thread::Builder::new()
            .name("mtlint-signals".to_owned())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    for path in lock(&LIVE).drain(..) {
                        let _ = std::fs::remove_file(path);
                    }
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    std::process::exit(128 + signal);
                }
            })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_content_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").unwrap();
        write(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
        // Other tests write at the same time: only this folder's entries are this test's.
        assert!(!lock(&LIVE).iter().any(|p| p.starts_with(dir.path())));
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "first").unwrap();
        let metadata = std::fs::metadata(&path).unwrap();
        let expected = Expected {
            len: metadata.len(),
            modified: metadata.modified().ok(),
            content: b"first",
        };
        std::fs::write(&path, "other").unwrap();
        let result = replace(&path, b"fixed", Some(&expected));
        assert!(matches!(result, Err(WriteError::Changed)), "{result:?}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "other");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn stale_temporaries_are_told_by_their_name() {
        assert_eq!(temporary_pid(".mtlint-123-abcDEF.tmp"), Some(123));
        assert_eq!(temporary_pid(".mtlint-abcDEF.tmp"), None);
        assert_eq!(temporary_pid(".mtlint-123-.tmp"), None);
        assert_eq!(temporary_pid("mtlint-123-x.tmp"), None);
    }

    #[cfg(unix)]
    #[test]
    fn mode_and_extended_attributes_are_kept_and_new_files_follow_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let tagged = xattr::set(&path, "user.mtlint-test", b"kept").is_ok();
        write(&path, b"new").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        if tagged {
            assert_eq!(
                xattr::get(&path, "user.mtlint-test").unwrap().as_deref(),
                Some(&b"kept"[..])
            );
        }
        let new = dir.path().join("new.json");
        write(&new, b"{}").unwrap();
        let mode = std::fs::metadata(&new).unwrap().permissions().mode() & 0o777;
        let umask = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|status| {
                let line = status.lines().find(|l| l.starts_with("Umask:"))?;
                u32::from_str_radix(line.trim_start_matches("Umask:").trim(), 8).ok()
            });
        if let Some(umask) = umask {
            assert_eq!(mode, 0o666 & !umask);
        }
    }
}
