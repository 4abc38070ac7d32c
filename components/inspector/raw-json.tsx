"use client";

import { EyeIcon, EyeOffIcon } from "lucide-react";
import { useMemo, useState } from "react";

import { CopyButton } from "@/components/tasks/copy-button";
import { Button } from "@/components/ui/button";
import { redactJson } from "@/lib/tasks/redact";

interface RawJsonProps {
  raw: unknown;
}

const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

/** Splits pretty-printed JSON into spans for keys, strings, numbers and literals. Text only: no HTML. */
function highlight(json: string): React.ReactNode[] {
  const nodes: React.ReactNode[] = [];
  let last = 0;
  for (const match of json.matchAll(TOKEN)) {
    const index = match.index;
    if (index > last) nodes.push(json.slice(last, index));
    const [text, string, colon, literal] = match;
    const className = string
      ? colon
        ? "text-status-queued"
        : "text-status-success"
      : literal
        ? "text-status-unknown"
        : "text-status-running";
    nodes.push(
      <span key={index} className={className}>
        {string ?? text}
      </span>,
    );
    if (colon) nodes.push(colon);
    last = index + text.length;
  }
  nodes.push(json.slice(last));
  return nodes;
}

/** The gateway's last answer, collapsible and highlighted, with URL signatures hidden until revealed. */
export function RawJson({ raw }: RawJsonProps) {
  const [revealed, setRevealed] = useState(false);
  // Highlighted once opened: a long answer is hundreds of elements nobody sees while it is closed.
  const [open, setOpen] = useState(false);
  const text = useMemo(() => JSON.stringify(revealed ? raw : redactJson(raw), null, 2), [raw, revealed]);
  const nodes = useMemo(() => (open ? highlight(text) : null), [open, text]);
  if (raw === null || raw === undefined) return <p className="text-sm text-muted-foreground">No answer yet.</p>;
  return (
    <details className="group" data-testid="raw-json" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer text-sm font-medium select-none">
        Show the last answer from the gateway
      </summary>
      <div className="mt-3 flex flex-col gap-2">
        <div className="flex items-center gap-2">
          <Button
            type="button"
            variant="outline"
            size="sm"
            aria-pressed={revealed}
            onClick={() => setRevealed(!revealed)}
          >
            {revealed ? <EyeOffIcon aria-hidden="true" /> : <EyeIcon aria-hidden="true" />}
            {revealed ? "Hide signatures" : "Reveal signatures"}
          </Button>
          <CopyButton value={text} label={revealed ? "Copy JSON" : "Copy JSON (signatures redacted)"} />
          <span className="text-xs text-muted-foreground">
            {revealed ? "Signatures are visible: the link is a credential for 24 h." : "Signatures are redacted."}
          </span>
        </div>
        <pre
          className="max-h-[32rem] overflow-auto rounded-md bg-muted p-3 font-mono text-xs leading-relaxed"
          data-testid="raw-json-text"
        >
          {nodes}
        </pre>
      </div>
    </details>
  );
}
