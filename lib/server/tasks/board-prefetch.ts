import "server-only";

import type { QueryClient } from "@tanstack/react-query";
import { createLoader, type SearchParams } from "nuqs/server";

import { BOARD_PAGE_SIZE, taskKeys } from "@/lib/api-client/tasks";
import { logEvent } from "@/lib/server/log";
import { getRuntime } from "@/lib/server/runtime";
import { loadBoard } from "@/lib/server/tasks/task-reads";
import { boardQueryOf, boardSearchParams } from "@/lib/tasks/board-url";

const loadBoardState = createLoader(boardSearchParams);

/**
 * The board's first page, read from the store while the page renders, under the very key the
 * browser's query uses: the first paint has the cards or rows in its HTML, no skeleton. A time
 * range is the viewer's local day, which the server cannot know: that board is asked by the
 * browser. Any failure here leaves the browser to ask, with its own error states.
 */
export async function prefetchBoard(queryClient: QueryClient, searchParams: SearchParams): Promise<void> {
  const state = loadBoardState(searchParams);
  if (state.range !== "all") return;
  const query = boardQueryOf(state);
  try {
    const runtime = await getRuntime();
    await queryClient.prefetchInfiniteQuery({
      queryKey: taskKeys.board(query),
      queryFn: async () => {
        const result = await loadBoard(runtime, query, { limit: BOARD_PAGE_SIZE, cursor: null });
        if (!result.ok) throw new Error("unexpected cursor");
        return result.body;
      },
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
    });
  } catch (error) {
    logEvent("warn", "board_prefetch_failed", { error: String(error) });
  }
}
