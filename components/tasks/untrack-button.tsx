"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TrashIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { taskKeys, untrackTaskRequest } from "@/lib/api-client/tasks";

interface UntrackButtonProps {
  id: string;
}

/** Two presses to stop tracking: the first arms it for a few seconds. A failure is a toast. */
export function UntrackButton({ id }: UntrackButtonProps) {
  const queryClient = useQueryClient();
  const [armed, setArmed] = useState(false);
  const mutation = useMutation({
    mutationFn: () => untrackTaskRequest(id),
    onError: (error) => toast.error("Could not stop tracking the task", { description: error.message }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: taskKeys.all }),
  });

  useEffect(() => {
    if (!armed) return;
    const timer = setTimeout(() => setArmed(false), 4000);
    return () => clearTimeout(timer);
  }, [armed]);

  if (armed) {
    return (
      <Button
        type="button"
        variant="destructive"
        size="sm"
        className="h-7"
        disabled={mutation.isPending}
        onClick={() => mutation.mutate()}
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
