"use client";

import { PlusIcon } from "lucide-react";
import dynamic from "next/dynamic";
import { useRef, useState } from "react";

import { useShortcut } from "@/components/hooks/use-shortcut";
import { Button } from "@/components/ui/button";

const loadForm = () => import("@/components/tasks/add-tasks-form");

/** The dialog's code (Radix Dialog and the form) loads when it is first wanted, not with the board. */
const AddTasksForm = dynamic(() => loadForm().then((module) => module.AddTasksForm));

interface AddTasksDialogProps {
  demo: boolean;
  /** Whether "a" opens this dialog (only one dialog on a page should answer it). */
  shortcut?: boolean;
}

/** "Add tasks": opens the dialog where ids are pasted (AddTasksForm). */
export function AddTasksDialog({ demo, shortcut = false }: AddTasksDialogProps) {
  const [open, setOpen] = useState(false);
  // Mounted from the first opening on, so that closing it animates like any dialog.
  const [wanted, setWanted] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const show = () => {
    setWanted(true);
    setOpen(true);
  };

  // "a" opens the dialog from anywhere on the board, unless the person is typing.
  useShortcut("a", () => {
    if (shortcut) show();
  });

  return (
    <>
      <Button
        ref={trigger}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={show}
        // Most clicks come after a hover or a focus: the code is there by then.
        onPointerEnter={() => void loadForm()}
        onFocus={() => void loadForm()}
      >
        <PlusIcon aria-hidden="true" /> Add tasks
        <kbd className="ml-1 hidden rounded border border-primary-foreground/30 px-1 text-[10px] sm:inline">A</kbd>
      </Button>
      {wanted ? <AddTasksForm demo={demo} open={open} onOpenChange={setOpen} trigger={trigger} /> : null}
    </>
  );
}
