"use client";

import { memo } from "react";

import { TaskCard } from "@/components/tasks/task-card";
import type { TrackedTask } from "@/lib/api/task-schemas";

interface CardBlockProps {
  index: number;
  measureRef: (element: HTMLDivElement | null) => void;
  tasks: TrackedTask[];
  /** The index of the block's first card in `tasks`. */
  start: number;
  /** How many of its cards the block renders: all of them (a block's six) but while a phone's first block fills. */
  limit: number;
  setSize: number;
  /** The card that is the grid's tab stop, when it is in this block (else -1). */
  tabStop: number;
  onActive: (index: number) => void;
}

/** One block of the card grid, measured as a whole by the grid's virtualizer (`measureRef`). */
export const CardBlock = memo(function CardBlock({
  index,
  measureRef,
  tasks,
  start,
  limit,
  setSize,
  tabStop,
  onActive,
}: CardBlockProps) {
  return (
    <div
      ref={measureRef}
      data-index={index}
      role="presentation"
      className="grid w-full grid-cols-1 items-start gap-4 pb-4 md:grid-cols-2 xl:grid-cols-3"
    >
      {tasks.slice(start, start + limit).map((task, offset) => {
        const cardIndex = start + offset;
        return (
          <div
            key={task.id}
            role="listitem"
            aria-posinset={cardIndex + 1}
            aria-setsize={setSize}
            data-card-index={cardIndex}
            onFocus={() => onActive(cardIndex)}
          >
            <TaskCard task={task} tabbable={cardIndex === tabStop} />
          </div>
        );
      })}
    </div>
  );
});
