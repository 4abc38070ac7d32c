"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TrashIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { taskKeys, untrackTaskRequest } from "@/lib/api-client/tasks";

interface UntrackButtonProps {
  id: string;
}

/**
 * Two presses to stop tracking: the first arms it (and focuses the confirm button, so Enter
 * confirms); moving away or Escape disarms it. No timer: a slow second press is still a press.
 * A failure is a toast.
 */
export function UntrackButton({ id }: UntrackButtonProps) {
  const queryClient = useQueryClient();
  const [armed, setArmed] = useState(false);
  const mutation = useMutation({
    mutationFn: () => untrackTaskRequest(id),
    onError: (error) => toast.error("Could not stop tracking the task", { description: error.message }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: taskKeys.all }),
  });

  if (armed) {
    return (
      <Button
        type="button"
        variant="destructive"
        size="sm"
        className="h-7"
        disabled={mutation.isPending}
        autoFocus
        onClick={() => mutation.mutate()}
        onBlur={() => {
          if (!mutation.isPending) setArmed(false);
        }}
        onKeyDown={(event) => {
          if (event.key === "Escape") setArmed(false);
        }}
      >
        Stop tracking?
      </Button>
    );
  }
  return (
    <Button
      type="button"
      variant="ghost"
      size="icon-sm"
      onClick={() => setArmed(true)}
      aria-label="Stop tracking this task"
      title="Stop tracking this task"
    >
      <TrashIcon className="text-muted-foreground" />
    </Button>
  );
}
