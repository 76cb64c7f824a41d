//! The language server in a real editor: headless Neovim starts `mtlint lsp`, opens an
//! article, waits for the diagnostics, applies a code action and writes the buffer.
//!
//! Needs Neovim 0.7 or later (`apt-get install neovim`; `.ci/run` installs it) or one named by
//! `MTLINT_NVIM`. Where there is none, the test skips with a notice on the terminal; where `CI`
//! is set, a missing Neovim is a failure. `MTLINT_SKIP_EDITORS=1` skips it anywhere.

use std::path::PathBuf;
use std::time::Duration;

use assert_cmd::Command;

mod support;
use support::Tool;

fn neovim() -> Option<PathBuf> {
    Tool {
        tests: "editor test",
        name: "Neovim",
        executables: &["nvim"],
        package: "neovim",
        path_var: "MTLINT_NVIM",
        skip_var: "MTLINT_SKIP_EDITORS",
    }
    .find()
}

/// The client: `vim.lsp.start_client` and `buf_attach_client`, which Neovim 0.7 (Debian 12's)
/// has as well as later versions. It writes what it saw to `MTLINT_OUT`, one fact a line.
const CLIENT: &str = r#"
local out = {}
local function finish(code)
  vim.fn.writefile(out, os.getenv('MTLINT_OUT'))
  vim.cmd(code == 0 and 'qall!' or 'cquit! ' .. code)
end
local client_id = vim.lsp.start_client({
  name = 'mtlint',
  cmd = { os.getenv('MTLINT_BIN'), 'lsp' },
  root_dir = os.getenv('MTLINT_ROOT'),
  init_options = { debounceMs = 0 },
})
vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('MTLINT_FILE')))
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client_id)
if not vim.wait(60000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
  table.insert(out, 'no diagnostics')
  return finish(3)
end
local typo
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  table.insert(out, 'diagnostic ' .. tostring(code) .. ' ' .. d.lnum .. ':' .. d.col)
  if code == 'misspelled-word' then typo = d end
end
if not typo then return finish(4) end
local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = {
    start = { line = typo.lnum, character = typo.col },
    ['end'] = { line = typo.end_lnum, character = typo.end_col },
  },
  context = { diagnostics = {} },
}
local applied = false
local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 60000) or {}
for _, response in pairs(responses) do
  for _, action in ipairs(response.result or {}) do
    table.insert(out, 'action ' .. action.title)
    if action.edit and action.title:find('^Replace with') and not applied then
      vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
      applied = true
    end
  end
end
if not applied then return finish(5) end
vim.cmd('write')
finish(0)
"#;

#[test]
fn neovim_shows_the_findings_and_applies_a_fix() {
    let Some(nvim) = neovim() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    std::fs::write(
        &article,
        "The harbour board met on Monday.\nIts plan was aproved without a vote.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("client.lua"), CLIENT).unwrap();
    let out = dir.path().join("seen.txt");
    let run = Command::new(nvim)
        .current_dir(dir.path())
        .args(["--headless", "--clean", "-c", "luafile client.lua"])
        .env("MTLINT_BIN", assert_cmd::cargo::cargo_bin("mtlint"))
        .env("MTLINT_ROOT", dir.path())
        .env("MTLINT_FILE", &article)
        .env("MTLINT_OUT", &out)
        .timeout(Duration::from_secs(180))
        .output()
        .unwrap();
    let seen = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(
        run.status.success(),
        "Neovim ended with {:?}; it saw:\n{seen}\nstderr: {}",
        run.status,
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(seen.contains("diagnostic misspelled-word 1:13"), "{seen}");
    assert!(seen.contains("action Replace with “approved”"), "{seen}");
    let written = std::fs::read_to_string(&article).unwrap();
    assert_eq!(
        written,
        "The harbour board met on Monday.\nIts plan was approved without a vote.\n"
    );
}
