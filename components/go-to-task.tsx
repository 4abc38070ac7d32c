"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";

import { Input } from "@/components/ui/input";
import { extractTaskId } from "@/lib/happyhorse/task-id";

/** Opens the inspector for any id, tracked or not. */
export function GoToTask() {
  const router = useRouter();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  return (
    <form
      role="search"
      aria-label="Go to task"
      className="relative"
      onSubmit={(event) => {
        event.preventDefault();
        const check = extractTaskId(value);
        if (!check.ok) {
          setError(check.reason);
          return;
        }
        setError(null);
        setValue("");
        router.push(`/tasks/${check.id}`);
      }}
    >
      <label className="sr-only" htmlFor={`${errorId}-input`}>
        Go to task
      </label>
      <Input
        id={`${errorId}-input`}
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          setError(null);
        }}
        placeholder="Go to task: id or link"
        className="h-8 w-44 font-mono text-xs sm:w-72"
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        spellCheck={false}
        autoComplete="off"
      />
      {error ? (
        <p
          id={errorId}
          role="alert"
          className="absolute top-9 right-0 z-10 w-72 rounded-md border bg-popover p-2 text-xs text-destructive shadow-md"
        >
          {error}
        </p>
      ) : null}
    </form>
  );
}
