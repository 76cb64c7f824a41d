// Starts `mtlint lsp` for plain text, Markdown, HTML and XLIFF documents, and passes the
// `mtlint.*` settings to it (at start and whenever they change).

import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** The settings the server reads, from the `mtlint` section. */
function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration("mtlint");
  return {
    select: config.get<string[]>("select", []),
    ignore: config.get<string[]>("ignore", []),
    dialect: config.get<string | null>("dialect", null),
    minScore: config.get<number | null>("minScore", null),
    debounceMs: config.get<number>("debounceMs", 150),
    showScore: config.get<boolean>("showScore", false),
    rulesDocsUrl: config.get<string | null>("rulesDocsUrl", null),
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const command = vscode.workspace
    .getConfiguration("mtlint")
    .get<string>("path", "mtlint");
  const serverOptions: ServerOptions = { command, args: ["lsp"] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "plaintext" },
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "html" },
      { scheme: "file", pattern: "**/*.{xlf,xliff}" },
      { scheme: "untitled", language: "plaintext" },
    ],
    initializationOptions: serverSettings(),
  };
  client = new LanguageClient("mtlint", "mtlint", serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("mtlint") && client) {
        void client.sendNotification("workspace/didChangeConfiguration", {
          settings: { mtlint: serverSettings() },
        });
      }
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
